/**
 * With cloud credentials in CI: `terraform init`, `plan` and `show -json` for every synthesized
 * stack, in deploy order (hub accounts first), into `<plans>/<stack>.json` for
 * `vpce-hub review --plan`. A stack that cannot be planned (e.g. a new spoke account whose hub outputs
 * do not exist yet) is reported and skipped: the review then compares synthesized trees for it.
 *
 *   node dist/scripts/ci/plan-stacks.js [cdktf.out] [plans]
 *
 * Prints one `--plan <file>` pair per planned stack (for `mapfile -t`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTerraform } from '../../src/review/offline-plan';

export type Run = (cwd: string, args: string[]) => string;

interface Manifest {
  stacks?: Record<string, { name?: string; workingDirectory?: string; dependencies?: string[] }>;
}

/** Stack names from manifest.json, dependencies first, otherwise by name. */
export function stacksInDeployOrder(outdir: string): Array<{ name: string; dir: string }> {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const entries = Object.entries(manifest.stacks ?? {}).map(([key, s]) => ({ name: s.name ?? key, dir: path.join(outdir, s.workingDirectory ?? path.join('stacks', key)), deps: s.dependencies ?? [] }));
  const done = new Set<string>();
  const order: Array<{ name: string; dir: string }> = [];
  while (order.length < entries.length) {
    const ready = entries.filter((e) => !done.has(e.name) && e.deps.every((d) => done.has(d) || !entries.some((x) => x.name === d))).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (ready.length === 0) throw new Error(`the stacks depend on each other in a cycle: ${entries.filter((e) => !done.has(e.name)).map((e) => e.name).join(', ')}`);
    for (const e of ready) {
      done.add(e.name);
      order.push({ name: e.name, dir: e.dir });
    }
  }
  return order;
}

export function planStacks(outdir: string, planDir: string, run: Run, log: (line: string) => void = () => undefined): string[] {
  mkdirSync(planDir, { recursive: true });
  const files: string[] = [];
  for (const { name, dir } of stacksInDeployOrder(outdir)) {
    try {
      run(dir, ['init', '-input=false', '-no-color']);
      // -lock=false: a PR plan only reads; it must not hold the state lock against an apply.
      run(dir, ['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan']);
      const file = path.join(planDir, `${name}.json`);
      writeFileSync(file, run(dir, ['show', '-json', 'tfplan']));
      files.push(file);
      log(`planned ${name}`);
    } catch (e) {
      log(`could not plan ${name}; the review compares synthesized trees for it: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return files;
}

if (require.main === module) {
  const [outdir = 'cdktf.out', planDir = 'plans'] = process.argv.slice(2);
  const mirror = process.env.VPCE_HUB_PROVIDER_MIRROR || undefined;
  try {
    const files = planStacks(outdir, planDir, (cwd, args) => runTerraform(cwd, args, { mirror }), (line) => process.stderr.write(`vpce-hub: ${line}\n`));
    if (files.length > 0) process.stdout.write(`${files.flatMap((f) => ['--plan', f]).join('\n')}\n`);
  } catch (e) {
    process.stderr.write(`vpce-hub: ${(e as Error).message} (run vpce-hub synth first)\n`);
    process.exitCode = 1;
  }
}
