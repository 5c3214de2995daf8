/** Load -> validate -> plan -> synth, with findings printed the same way as `vpce-hub validate`. */
import { ConfigError, formatFinding, formatFindings } from '../config/findings';
import { loadConfigFile, resolveConfigPath } from '../config/load';
import { buildPlan } from '../planning/build-plan';
import { buildApp } from '../stacks/app';

export interface SynthOptions {
  configPath?: string;
  outdir?: string;
  log?: (line: string) => void;
}

/** Returns the process exit code: 0 synthesized, 2 invalid config. */
export function synthesize(opts: SynthOptions): number {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const file = resolveConfigPath(opts.configPath);
  try {
    const loaded = loadConfigFile(file);
    for (const w of loaded.findings) log(formatFinding(w));
    const plan = buildPlan(loaded.config);
    buildApp(plan, opts.outdir).synth();
    log(`vpce-hub: synthesized ${plan.stacks.length} stack(s) from ${file}: ${plan.stacks.map((s) => s.name).join(', ')}`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      log(formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file));
      log('vpce-hub: nothing was written.');
      return 2;
    }
    throw e;
  }
}
