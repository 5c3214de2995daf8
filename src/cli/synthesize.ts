/** Load -> validate -> plan -> synth, with findings printed the same way as `vpce-hub validate`. */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeSynthRecord } from '../analysis/synth-record';
import { displayPath } from './display-path';
import { nextStepAfterSynth } from './next-step';
import { ConfigError, formatFinding, formatFindings } from '../config/findings';
import { loadConfigFile, resolveConfigPath } from '../config/load';
import { buildPlan } from '../planning/build-plan';
import { buildApp } from '../stacks/app';

/** The last line of an invalid config's findings: an earlier output folder stays as it was. */
export const NOTHING_WRITTEN = 'vpce-hub: nothing was written.';

export interface SynthOptions {
  configPath?: string;
  outdir?: string;
  /**
   * Synthesize into a fresh sibling folder and swap it in at the end, so a failure half-way never
   * leaves a mix of old and new stacks. (Under `cdktf synth` the cdktf CLI owns the folder.)
   */
  replaceOutdir?: boolean;
  log?: (line: string) => void;
  /** Where an invalid config's findings go (default: `log`, then that nothing was written; cdktf-cli-output.ts). */
  logErrors?: (text: string) => void;
}

/** Returns the process exit code: 0 synthesized, 2 invalid config. */
export function synthesize(opts: SynthOptions): number {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const file = resolveConfigPath(opts.configPath);
  let loaded;
  try {
    loaded = loadConfigFile(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      const text = formatFindings(e.findings.filter((f) => f.severity === 'error'), displayPath(e.file));
      (opts.logErrors ?? ((t: string) => log(`${t}\n${NOTHING_WRITTEN}`)))(text);
      return 2;
    }
    throw e;
  }
  for (const w of loaded.findings) log(formatFinding(w));
  const plan = buildPlan(loaded.config);
  const outdir = path.resolve(opts.outdir ?? 'cdktf.out');
  if (opts.replaceOutdir) {
    mkdirSync(path.dirname(outdir), { recursive: true });
    const staging = mkdtempSync(`${outdir}.staging-`);
    try {
      buildApp(plan, staging).synth();
      endFilesWithNewline(staging);
      writeSynthRecord(staging, loaded.config, file);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    carryOverTerraformState(outdir, staging);
    // Swap by renames so a crash leaves either the old or the new folder in place, never neither.
    const old = existsSync(outdir) ? `${staging}.old` : undefined;
    if (old) renameSync(outdir, old);
    renameSync(staging, outdir);
    if (old) rmSync(old, { recursive: true, force: true });
  } else {
    buildApp(plan, outdir).synth();
    endFilesWithNewline(outdir);
    writeSynthRecord(outdir, loaded.config, file);
  }
  process.stdout.write(`vpce-hub: synthesized ${plan.stacks.length} stack(s) from ${displayPath(file)} into ${path.relative(process.cwd(), outdir) || '.'}: ${plan.stacks.map((s) => s.name).join(', ')} (deploy in this order)\n`);
  process.stdout.write(`${nextStepAfterSynth({ config: opts.configPath, outdir: path.relative(process.cwd(), outdir) || '.', firstStack: plan.stacks[0]?.name })}\n`);
  return 0;
}

/**
 * What `terraform init` left in each stack folder of the previous output: the dependency lock file
 * (which users commit, and which offline machines cannot recreate without a mirror) and `.terraform/`
 * (providers and backend settings). Moved into the new output for every stack that is still
 * synthesized; a stack that is gone takes its folder with it.
 */
const KEPT_ACROSS_SYNTHS = ['.terraform.lock.hcl', '.terraform'];

function carryOverTerraformState(previous: string, next: string): void {
  const stacks = path.join(next, 'stacks');
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    for (const name of KEPT_ACROSS_SYNTHS) {
      const from = path.join(previous, 'stacks', stack, name);
      if (existsSync(from)) renameSync(from, path.join(stacks, stack, name));
    }
  }
}

/**
 * cdktf writes manifest.json and every cdk.tf.json without a final newline; users commit these files,
 * and diffs and POSIX tools then flag the last line. The JSON is unchanged by the added newline.
 */
function endFilesWithNewline(outdir: string): void {
  const files = [path.join(outdir, 'manifest.json')];
  const stacks = path.join(outdir, 'stacks');
  if (existsSync(stacks)) for (const stack of readdirSync(stacks)) files.push(path.join(stacks, stack, 'cdk.tf.json'));
  for (const file of files) {
    if (existsSync(file) && !readFileSync(file, 'utf8').endsWith('\n')) appendFileSync(file, '\n');
  }
}
