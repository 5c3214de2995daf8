/**
 * `vpce-hub changed-stacks --base-dir <synth output of the base>`: the stacks whose synthesized
 * Terraform differs from the base (added, changed, removed), in deploy order, one per line; `--json`
 * prints them as an array a CI matrix takes (src/review/changed-stacks.ts decides what counts).
 * Exit 0 (whether or not anything changed), 2 on bad input (a folder that is not a synth output).
 */
import type { Command } from 'commander';
import path from 'node:path';
import { DependencyCycleError } from '../../analysis/deploy-order';
import { loadTree, TreeLoadError, type SynthTree } from '../../analysis/tree';
import { changedStacks, type ChangedStacks, type StackChange } from '../../review/changed-stacks';
import type { Register } from '../index';

export interface ChangedStacksOptions {
  baseDir: string;
  dir: string;
  json?: boolean;
  includeReaders?: boolean;
}

/** One `--json` entry: what a matrix job needs to plan the stack. */
export interface ChangedStackEntry {
  stack: string;
  change: StackChange | 'reads-changed-outputs';
  /** A removed stack is not in the head output: plan it from `dir` (the base's folder) with `terraform plan -destroy`. */
  removed: boolean;
  /** 0 for stacks that read no other stack (hub stacks); a level plans after the levels before it. */
  level: number;
  /** The stack's folder, under --dir, or under --base-dir for a removed stack, as the options gave them. */
  dir: string;
  dependencies: string[];
  /** What differs, or, for an output reader, why it changes. */
  details: string[];
}

export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const NAME = 'vpce-hub changed-stacks';

export function runChangedStacksCommand(opts: ChangedStacksOptions, cwd = process.cwd()): CommandOutput {
  let head: SynthTree;
  let base: SynthTree;
  try {
    head = loadTree(path.resolve(cwd, opts.dir));
  } catch (e) {
    if (e instanceof TreeLoadError) return fail(`--dir: ${e.message}`);
    throw e;
  }
  try {
    base = loadTree(path.resolve(cwd, opts.baseDir));
  } catch (e) {
    if (!(e instanceof TreeLoadError)) throw e;
    // A base whose manifest lists no stacks (the config is new in this change): every stack is added.
    if (e.reason !== 'empty') return fail(`--base-dir: ${e.message}`);
    base = { stacks: new Map() };
  }
  let result: ChangedStacks;
  try {
    result = changedStacks(base, head);
  } catch (e) {
    // cdktf refuses cyclic stacks at synth; a hand-edited manifest can still hold one.
    if (e instanceof DependencyCycleError) return fail(`manifest.json: ${e.message}`);
    throw e;
  }
  const entries = toEntries(result, opts);
  const stdout = opts.json ? `${JSON.stringify(entries, null, 2)}\n` : entries.map((e) => `${e.stack}\n`).join('');
  return { exitCode: 0, stdout, stderr: summary(result, opts) };
}

export function toEntries(result: ChangedStacks, opts: Pick<ChangedStacksOptions, 'baseDir' | 'dir' | 'includeReaders'>): ChangedStackEntry[] {
  const folder = (root: string, workingDirectory: string) => path.posix.join(root.split(path.sep).join('/'), workingDirectory);
  const entries: ChangedStackEntry[] = result.changed.map((c) => ({
    stack: c.stack,
    change: c.change,
    removed: c.change === 'removed',
    level: c.level,
    dir: folder(c.change === 'removed' ? opts.baseDir : opts.dir, c.workingDirectory),
    dependencies: [...c.dependencies],
    details: [...c.differences],
  }));
  if (opts.includeReaders) {
    for (const r of result.readers) {
      entries.push({ stack: r.stack, change: 'reads-changed-outputs', removed: false, level: r.level, dir: folder(opts.dir, r.workingDirectory), dependencies: [...r.dependencies], details: [...r.because] });
    }
    entries.sort((a, b) => a.level - b.level || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
  }
  return entries;
}

function summary(result: ChangedStacks, opts: ChangedStacksOptions): string {
  const lines: string[] = [];
  const n = result.changed.length;
  lines.push(n === 0 ? `${NAME}: none of the ${result.compared} stacks differs from ${opts.baseDir}: nothing to plan` : `${NAME}: ${n} of ${result.compared} stacks differ from ${opts.baseDir}, in deploy order:`);
  for (const c of result.changed) lines.push(`  ${c.stack} (level ${c.level}): ${c.change}: ${c.differences.join('; ')}`);
  for (const r of result.readers) {
    const [first, ...rest] = r.because;
    lines.push(
      `  ${r.stack} (level ${r.level}): its Terraform is unchanged, but it ${first}; ${opts.includeReaders ? 'listed (--include-readers): plan and apply it after them' : 'not listed: a plan before they are applied reads their current state and shows nothing; apply it after them (--include-readers lists it)'}`,
    );
    for (const line of rest) lines.push(`    ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

function fail(message: string): CommandOutput {
  return { exitCode: 2, stdout: '', stderr: `${NAME}: ${message}\n` };
}

export const registerChangedStacks: Register = (program: Command, setExit) => {
  program
    .command('changed-stacks')
    .description('list the stacks whose synthesized Terraform differs from a base synth output (added, changed, removed; providers and backends included, cdktf metadata not), in deploy order, one per line; exit 0, 2 on bad input (a folder that is not a synth output)')
    .requiredOption('--base-dir <dir>', 'synth output of the base (e.g. the base branch synthesized into cdktf.base.out)')
    .option('-d, --dir <dir>', 'synth output of the head', 'cdktf.out')
    .option('--json', 'print a JSON array for a CI matrix: stack, change, removed, level, dir, dependencies, details')
    .option('--include-readers', 'also list unchanged stacks that read an output of a changed stack whose value changes (for an apply pipeline, after the stacks they read)')
    .action((opts: ChangedStacksOptions) => {
      const out = runChangedStacksCommand(opts);
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      setExit(out.exitCode);
    });
};
