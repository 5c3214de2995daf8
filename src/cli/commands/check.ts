/**
 * `vpce-hub check`: the security rule pack over the synthesized Terraform JSON. Exit 0 no unsuppressed
 * error (warnings allowed), 1 errors found, 2 bad input: no synthesized folder, stale output (synth-record.ts),
 * an invalid config or one that does not describe the folder.
 *
 * The config is optional: it adds suppressions and what the tree cannot know (each stack's account,
 * the declared spoke CIDRs, custom services). It is read from --config, else $VPCE_HUB_CONFIG or
 * ./vpce-hub.yaml when present; --no-config checks the tree alone.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkExitCode, formatCheckText, runChecks, type CheckResult } from '../../analysis/check';
import { configFacts } from '../../analysis/config-facts';
import { staleOutputReason, synthCommand } from '../../analysis/synth-record';
import { loadTree, TreeLoadError, type SynthTree } from '../../analysis/tree';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath, type LoadedConfig } from '../../config/load';
import { buildPlan } from '../../planning/build-plan';
import { displayPath } from '../display-path';
import { notesOnTerraformFilesNotFromSynth } from '../synth-output-files';
import type { Register } from '../index';

export interface CheckCommandOptions {
  dir: string;
  /** A path, `false` for --no-config, undefined for the default lookup. */
  config?: string | false;
  format: string;
}

export interface CheckCommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Everything the command does except touching the process, so tests can run it directly. */
export function runCheckCommand(opts: CheckCommandOptions, cwd = process.cwd()): CheckCommandOutput {
  if (opts.format !== 'text' && opts.format !== 'json') return fail(`--format must be text or json, not ${opts.format}`);
  const dir = path.resolve(cwd, opts.dir);
  let tree: SynthTree;
  try {
    tree = loadTree(dir, synthCommand({ ...(typeof opts.config === 'string' ? { config: opts.config } : {}), out: opts.dir }));
  } catch (e) {
    if (e instanceof TreeLoadError) return fail(e.message);
    throw e;
  }
  let loaded: LoadedConfig | undefined;
  if (opts.config !== false) {
    const file = resolveConfigPath(opts.config, cwd);
    if (opts.config !== undefined || existsSync(file)) {
      try {
        loaded = loadConfigFile(file);
      } catch (e) {
        if (e instanceof ConfigError) return fail(formatFindings(e.findings.filter((f) => f.severity === 'error'), displayPath(e.file, cwd)));
        throw e;
      }
      const known = new Set(buildPlan(loaded.config).stacks.map((s) => s.name));
      const strangers = [...tree.stacks.keys()].filter((s) => !known.has(s));
      if (strangers.length > 0) {
        return fail(`${file} does not describe ${dir}: stack(s) ${strangers.join(', ')} are not stacks it makes. Pass the config the tree was synthesized from, or --no-config.`);
      }
      const stale = staleOutputReason(dir, loaded.config, loaded.file, { config: opts.config, out: opts.dir });
      if (stale) return fail(stale);
    }
  }
  const result = runChecks(tree, loaded ? { facts: configFacts(loaded.config), suppressions: loaded.config.suppressions } : {});
  // Config warnings are `vpce-hub validate`'s to report; here the config only supplies facts and suppressions.
  const stderr = notesOnTerraformFilesNotFromSynth('check', dir, opts.dir);
  const stdout = opts.format === 'json' ? `${JSON.stringify(toJson(result, dir, loaded?.file), null, 2)}\n` : `${formatCheckText(result)}${loaded ? `\n(config: ${displayPath(loaded.file, cwd)})` : '\n(no config: tree-only checks, no suppressions)'}\n`;
  return { exitCode: checkExitCode(result), stdout, stderr };
}

function toJson(result: CheckResult, dir: string, config: string | undefined): object {
  return { dir, config: config ?? null, passed: result.errors === 0, ...result };
}

function fail(message: string): CheckCommandOutput {
  return { exitCode: 2, stdout: '', stderr: `vpce-hub check: ${message}\n` };
}

export const registerCheck: Register = (program: Command, setExit) => {
  program
    .command('check')
    .description('run the security rule pack on the synthesized stacks; exit 0 passed, 1 errors found, 2 on bad input (no synthesized folder, stale output, an invalid config)')
    .option('-d, --dir <dir>', 'synth output folder', 'cdktf.out')
    .option('-c, --config <file>', 'config file for suppressions and account/CIDR facts (default: $VPCE_HUB_CONFIG or vpce-hub.yaml when present)')
    .option('--no-config', 'check the synthesized tree alone')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((opts: CheckCommandOptions) => {
      const out = runCheckCommand(opts);
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      setExit(out.exitCode);
    });
};
