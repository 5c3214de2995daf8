/**
 * Real `terraform plan`s for `vpce-hub review --plan`, with cloud credentials in CI: `init`, `plan`
 * and `show -json` per stack into `<plans>/<stack>.json`. A stack that cannot be planned (e.g. a new
 * spoke account whose hub outputs do not exist yet) is reported and skipped: the review then
 * compares synthesized trees for it.
 *
 *   node dist/scripts/ci/plan-stacks.js --stacks '<json>' [--out plans]
 *       the stacks of one job of the PR workflow's matrix (plan-matrix.ts): [{"stack","dir","removed"}]
 *   node dist/scripts/ci/plan-stacks.js [cdktf.out] [plans]
 *       every synthesized stack, in deploy order, one after another (one runner, no matrix)
 *
 * A removed stack (no longer synthesized) is planned from its folder in the base's synth output with
 * `plan -destroy`: what destroying it removes, which is what must happen before the change merges
 * (nothing runs Terraform for a stack that is gone). Prints one `--plan <file>` pair per plan written
 * (for `mapfile -t`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deployOrder } from '../../src/analysis/deploy-order';
import { runTerraform } from '../../src/review/offline-plan';
import { parseMatrixStacks, type MatrixStack } from './plan-matrix';

export type Run = (cwd: string, args: string[]) => string;

interface Manifest {
  stacks?: Record<string, { name?: string; workingDirectory?: string; dependencies?: string[] }>;
}

/** Every stack of a synth output from manifest.json, in deploy order (analysis/deploy-order.ts). */
export function stacksInDeployOrder(outdir: string): MatrixStack[] {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const entries = Object.entries(manifest.stacks ?? {}).map(([key, s]) => ({ name: s.name ?? key, dir: path.join(outdir, s.workingDirectory ?? path.join('stacks', key)), dependencies: s.dependencies ?? [] }));
  const dirs = new Map(entries.map((e) => [e.name, e.dir]));
  return deployOrder(entries).map(({ name }) => ({ stack: name, dir: dirs.get(name) as string, removed: false }));
}

/** Plans one stack into `<planDir>/<stack>.json`; undefined (and a log line) when Terraform fails. */
export function planStack(stack: MatrixStack, planDir: string, run: Run, log: (line: string) => void = () => undefined): string | undefined {
  mkdirSync(planDir, { recursive: true });
  try {
    run(stack.dir, ['init', '-input=false', '-no-color']);
    // -lock=false: a PR plan only reads; it must not hold the state lock against an apply.
    run(stack.dir, ['plan', '-input=false', '-lock=false', '-no-color', ...(stack.removed ? ['-destroy'] : []), '-out=tfplan']);
    const file = path.join(planDir, `${stack.stack}.json`);
    writeFileSync(file, run(stack.dir, ['show', '-json', 'tfplan']));
    log(`planned ${stack.stack}${stack.removed ? ' (removed: plan -destroy from the base output)' : ''}`);
    return file;
  } catch (e) {
    log(`could not plan ${stack.stack}; the review compares synthesized trees for it: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

export function planStacks(stacks: readonly MatrixStack[], planDir: string, run: Run, log: (line: string) => void = () => undefined): string[] {
  return stacks.map((s) => planStack(s, planDir, run, log)).filter((f): f is string => f !== undefined);
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ options: { stacks: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true });
  const mirror = process.env.VPCE_HUB_PROVIDER_MIRROR || undefined;
  // In GitHub Actions a stack that could not be planned is also an annotation on the run.
  const log = (line: string) => process.stderr.write(`${process.env.GITHUB_ACTIONS === 'true' && line.startsWith('could not') ? '::warning title=vpce-hub plan::' : 'vpce-hub: '}${line}\n`);
  try {
    const stacks = values.stacks !== undefined ? parseMatrixStacks(values.stacks) : stacksInDeployOrder(positionals[0] ?? 'cdktf.out');
    const planDir = values.out ?? (values.stacks !== undefined ? 'plans' : (positionals[1] ?? 'plans'));
    const files = planStacks(stacks, planDir, (cwd, args) => runTerraform(cwd, args, { mirror }), log);
    if (files.length > 0) process.stdout.write(`${files.flatMap((f) => ['--plan', f]).join('\n')}\n`);
  } catch (e) {
    process.stderr.write(`vpce-hub: ${(e as Error).message}${values.stacks === undefined ? ' (run vpce-hub synth first)' : ''}\n`);
    process.exitCode = 1;
  }
}
