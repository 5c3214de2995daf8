/**
 * The PR workflow's plan matrices from `vpce-hub changed-stacks --json`: only the changed stacks, in
 * two matrix jobs by deploy level, `first` (level 0: hub stacks, and stacks that read no other stack)
 * and `then` (every later level: the spokes stacks that read them), so where both changed the hub's
 * plan runs before its spokes', in the order an apply must follow.
 *
 *   node dist/scripts/ci/plan-matrix.js changed-stacks.json
 *
 * Appends `first=<json>`, `then=<json>` and `stacks=<n>` to $GITHUB_OUTPUT (stdout without it); each
 * matrix is a list of jobs `{ "name", "stacks": [{ "stack", "dir", "removed" }] }`, one stack per job
 * unless a level has more stacks than a matrix may have jobs: GitHub runs at most 256 jobs per matrix
 * ("A matrix will generate a maximum of 256 jobs per workflow run",
 * https://docs.github.com/en/actions/using-jobs/using-a-matrix-for-your-jobs), so larger levels are
 * cut into 256 consecutive batches, each planned one stack after another.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChangedStackEntry } from '../../src/cli/commands/changed-stacks';

export interface MatrixStack {
  stack: string;
  /** The stack's folder, relative to the workspace. */
  dir: string;
  /** Planned with `plan -destroy` from the base's output. */
  removed: boolean;
}

export interface MatrixJob {
  /** Names the job and its plan artifact. */
  name: string;
  stacks: MatrixStack[];
}

export interface PlanMatrix {
  first: MatrixJob[];
  then: MatrixJob[];
}

export const MAX_JOBS_PER_MATRIX = 256;

/** Stack names become file and artifact names: letters, digits, `.`, `_`, `-` (what vpce-hub's account keys allow). */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class MatrixInputError extends Error {}

function checkStack(v: unknown, where: string): MatrixStack {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const { stack, dir, removed } = o;
  if (typeof stack !== 'string' || !STACK_NAME.test(stack)) throw new MatrixInputError(`${where}: "stack" must be a stack name (letters, digits, . _ -), got ${JSON.stringify(stack)}`);
  // Plans run inside the checked-out workspace only.
  if (typeof dir !== 'string' || dir === '' || path.posix.isAbsolute(dir) || path.win32.isAbsolute(dir) || dir.split(/[\\/]/).includes('..')) {
    throw new MatrixInputError(`${where}: "dir" must be a folder relative to the workspace, without "..", got ${JSON.stringify(dir)}`);
  }
  if (typeof removed !== 'boolean') throw new MatrixInputError(`${where}: "removed" must be true or false, got ${JSON.stringify(removed)}`);
  return { stack, dir, removed };
}

/** `vpce-hub changed-stacks --json` output, checked. */
export function parseChangedStacks(text: string): Array<MatrixStack & { level: number }> {
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list)) throw new MatrixInputError('expected the JSON array `vpce-hub changed-stacks --json` prints');
  return list.map((v: unknown, i) => {
    const level = (v as Partial<ChangedStackEntry> | null)?.level;
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0) throw new MatrixInputError(`entry ${i}: "level" must be an integer >= 0, got ${JSON.stringify(level)}`);
    return { ...checkStack(v, `entry ${i}`), level };
  });
}

/** The `stacks` of one matrix job, as the workflow hands them to plan-stacks.ts (`toJSON(matrix.stacks)`). */
export function parseMatrixStacks(text: string): MatrixStack[] {
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list) || list.length === 0) throw new MatrixInputError('expected a non-empty JSON array of {"stack","dir","removed"}');
  return list.map((v: unknown, i) => checkStack(v, `stack ${i}`));
}

export function planMatrix(entries: ReadonlyArray<MatrixStack & { level: number }>, maxJobs = MAX_JOBS_PER_MATRIX): PlanMatrix {
  const jobs = (level: (n: number) => boolean): MatrixJob[] => {
    const stacks = entries.filter((e) => level(e.level)).map(({ stack, dir, removed }) => ({ stack, dir, removed }));
    const size = Math.max(1, Math.ceil(stacks.length / maxJobs));
    const out: MatrixJob[] = [];
    for (let i = 0; i < stacks.length; i += size) {
      const batch = stacks.slice(i, i + size);
      out.push({ name: batch.length === 1 ? batch[0].stack : `${batch[0].stack}-and-${batch.length - 1}-more`, stacks: batch });
    }
    return out;
  };
  return { first: jobs((l) => l === 0), then: jobs((l) => l > 0) };
}

/** `name=value` lines for $GITHUB_OUTPUT (single-line JSON values). */
export function githubOutputs(m: PlanMatrix): string {
  const stacks = [...m.first, ...m.then].reduce((n, j) => n + j.stacks.length, 0);
  return `first=${JSON.stringify(m.first)}\nthen=${JSON.stringify(m.then)}\nstacks=${stacks}\n`;
}

if (require.main === module) {
  const file = process.argv[2];
  try {
    if (!file) throw new MatrixInputError('usage: plan-matrix <changed-stacks.json>');
    const matrix = planMatrix(parseChangedStacks(readFileSync(file, 'utf8')));
    const out = githubOutputs(matrix);
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, out);
    else process.stdout.write(out);
    const names = (jobs: MatrixJob[]) => jobs.flatMap((j) => j.stacks.map((s) => `${s.stack}${s.removed ? ' (removed)' : ''}`)).join(', ') || 'none';
    process.stderr.write(`vpce-hub: plans, first: ${names(matrix.first)}; then: ${names(matrix.then)}\n`);
  } catch (e) {
    process.stderr.write(`vpce-hub: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
