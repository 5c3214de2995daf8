/**
 * Synth wall time and peak memory of whole processes, per topology size and per way of running the
 * app, interleaved run by run (A B C A B C ...) so that noise on a shared machine hits every variant
 * alike; the ratio of medians measured in one run is what to compare across machines.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TerraformJson } from '../__tests__/support/terraform';
import type { DnsMode } from '../src/config/schema';
import { formatCommand, measure, median, type Command } from './measure';
import { resourcesPerStack } from './resource-set';
import { HUB_ACCOUNT, topologyYaml } from './topology';

export interface SizeSpec {
  spokes: number;
  accounts: number;
  services: number;
  dns: DnsMode;
  /** Hubs the spokes are spread over (default 1), bench/topology.ts. */
  hubs?: number;
}

export interface Variant {
  id: string;
  /** What the variant stands for, for the report. */
  label: string;
  /** Paths are relative to the project root, where the command runs. */
  command: (configFile: string, outdir: string) => Command;
}

/** The ways to run a synth that the runner compares; the first is the baseline of the ratios. */
export const DEFAULT_VARIANTS: readonly Variant[] = [
  {
    id: 'compiled',
    label: 'bare compiled JS (`node dist/main.js`, no build step)',
    command: (config, out) => ({ argv: ['node', 'dist/main.js'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
  {
    id: 'npm-run-synth',
    label: "the user's path: `npm run synth` (scripts/run-app.js: compiles the app only when main.ts or src/ changed, then dist/main.js in the same process)",
    command: (config, out) => ({ argv: ['npm', 'run', '--silent', 'synth'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
  {
    id: 'cli',
    label: 'the shipped CLI (`vpce-hub synth`, compiled JS)',
    command: (config, out) => ({ argv: ['node', 'bin/vpce-hub.js', 'synth', '-c', config, '-o', out], env: {} }),
  },
  {
    id: 'ts-node',
    label: "cdktf's project template (`npx ts-node main.ts`), with ts-node's type check (no --transpile-only)",
    command: (config, out) => ({ argv: ['node_modules/.bin/ts-node', 'main.ts'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
];

/** `node <dist>/main.js` of another build of the project, e.g. the tree before a change (`--baseline-dist`). */
export function baselineVariant(dist: string): Variant {
  return {
    id: 'baseline',
    label: `compiled JS of another build (${dist}/main.js, e.g. the tree before a change), for a before/after ratio in one run`,
    command: (config, out) => ({ argv: ['node', path.posix.join(dist, 'main.js')], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  };
}

export interface VariantTiming {
  id: string;
  label: string;
  command: string;
  wallMs: number[];
  peakRssMiB: number[];
  /** CPU time of the command's Node processes together (bench/max-rss.js), per run. */
  cpuMs: number[];
  medianCpuMs: number;
  medianWallMs: number;
  medianPeakRssMiB: number;
  /** Median wall time over the baseline variant's (the first). */
  wallRatio: number;
  peakRssRatio: number;
}

export interface StackCounts {
  stacks: number;
  hubStack: number;
  spokeStackMin: number;
  spokeStackMedian: number;
  spokeStackMax: number;
  total: number;
  hubStackJsonMiB: number;
}

export interface SizeTiming {
  id: string;
  size: SizeSpec;
  configFile: string;
  variants: VariantTiming[];
  resources: StackCounts;
  /** Every variant wrote byte-identical stacks. */
  identicalOutput: boolean;
  /** The baseline variant's output folder, relative to the project root. */
  stacksDir: string;
}

export const sizeId = (s: SizeSpec): string => `${s.dns}-${(s.hubs ?? 1) > 1 ? `${s.hubs}hubs-` : ''}${s.spokes}x${s.accounts}x${s.services}`;

function readStacks(stacksDir: string, root: string): Record<string, TerraformJson> {
  const dir = path.join(root, stacksDir);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, JSON.parse(readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson]));
}

function stackCounts(stacksDir: string, root: string): StackCounts {
  const counts = resourcesPerStack(readStacks(stacksDir, root));
  const spoke = [...counts].filter(([name]) => name !== HUB_ACCOUNT).map(([, n]) => n);
  return {
    stacks: counts.size,
    hubStack: counts.get(HUB_ACCOUNT) ?? 0,
    spokeStackMin: spoke.length ? Math.min(...spoke) : 0,
    spokeStackMedian: spoke.length ? median(spoke) : 0,
    spokeStackMax: spoke.length ? Math.max(...spoke) : 0,
    total: [...counts.values()].reduce((a, b) => a + b, 0),
    hubStackJsonMiB: statSync(path.join(root, stacksDir, HUB_ACCOUNT, 'cdk.tf.json')).size / 2 ** 20,
  };
}

function sameFiles(dirs: string[], root: string): boolean {
  const [first, ...rest] = dirs;
  const names = readdirSync(path.join(root, first)).sort();
  return rest.every((d) => {
    const other = readdirSync(path.join(root, d)).sort();
    if (other.join() !== names.join()) return false;
    return names.every((n) => readFileSync(path.join(root, first, n, 'cdk.tf.json')).equals(readFileSync(path.join(root, d, n, 'cdk.tf.json'))));
  });
}

export interface TimingOptions {
  root: string;
  /** Relative to root: configs and synth outputs go below it. */
  outDir: string;
  runs: number;
  warmup: number;
  variants: readonly Variant[];
  log: (line: string) => void;
}

export function timeSize(size: SizeSpec, opts: TimingOptions): SizeTiming {
  const id = sizeId(size);
  const configFile = path.posix.join(opts.outDir, 'configs', `${id}.yaml`);
  mkdirSync(path.join(opts.root, opts.outDir, 'configs'), { recursive: true });
  writeFileSync(path.join(opts.root, configFile), topologyYaml(size));
  return { ...timeConfig(id, configFile, opts), size };
}

/** Times every variant on one config file (relative to the root), interleaved run by run. */
export function timeConfig(id: string, configFile: string, opts: TimingOptions): Omit<SizeTiming, 'size'> {
  const outdirOf = (v: Variant) => path.posix.join(opts.outDir, 'synth', id, v.id);
  const samples = new Map(opts.variants.map((v) => [v.id, { wall: [] as number[], rss: [] as number[], cpu: [] as number[] }]));
  for (let run = -opts.warmup; run < opts.runs; run++) {
    for (const v of opts.variants) {
      // Each run starts from nothing; cdktf creates the output folder but not its parents.
      rmSync(path.join(opts.root, outdirOf(v)), { recursive: true, force: true });
      mkdirSync(path.dirname(path.join(opts.root, outdirOf(v))), { recursive: true });
      const m = measure(v.command(configFile, outdirOf(v)), opts.root);
      if (run < 0) continue;
      samples.get(v.id)?.wall.push(m.wallMs);
      samples.get(v.id)?.rss.push(m.peakRssMiB);
      samples.get(v.id)?.cpu.push(m.cpuMs);
    }
    if (run >= 0) opts.log(`  ${id} run ${run + 1}/${opts.runs}: ${opts.variants.map((v) => `${v.id} ${(samples.get(v.id)?.wall.at(-1) ?? 0).toFixed(0)} ms`).join(', ')}`);
  }
  const timings = opts.variants.map((v) => {
    const s = samples.get(v.id) ?? { wall: [], rss: [], cpu: [] };
    return {
      id: v.id,
      label: v.label,
      command: formatCommand(v.command(configFile, outdirOf(v))),
      wallMs: s.wall,
      peakRssMiB: s.rss,
      cpuMs: s.cpu,
      medianWallMs: median(s.wall),
      medianPeakRssMiB: median(s.rss),
      medianCpuMs: median(s.cpu),
    };
  });
  const base = timings[0];
  const stacksDirs = opts.variants.map((v) => path.posix.join(outdirOf(v), 'stacks'));
  return {
    id,
    configFile,
    variants: timings.map((t) => ({ ...t, wallRatio: t.medianWallMs / base.medianWallMs, peakRssRatio: t.medianPeakRssMiB / base.medianPeakRssMiB })),
    resources: stackCounts(stacksDirs[0], opts.root),
    identicalOutput: sameFiles(stacksDirs, opts.root),
    stacksDir: stacksDirs[0],
  };
}
