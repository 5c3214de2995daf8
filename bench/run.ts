/**
 * The benchmark runner (`npm run bench`, `npm run bench:smoke`): synth time and memory per topology
 * size and way of running, resources per stack, the cost of onboarding one more spoke per DNS mode,
 * and the offline plan time of the largest stack. Writes <out>/results.json and <out>/report.md and
 * prints the report.
 *
 *   node dist/bench/run.js [--smoke] [--runs N] [--out DIR] [--no-plan] [--baseline-dist DIR]
 *   node dist/bench/run.js --user-path [--runs N] [--out DIR]   (only the user's synth path, bench/user-path.ts)
 *   node dist/bench/run.js --print-config private-hosted-zones-125x40x50   (one topology's config file)
 *   node dist/bench/run.js --layout --old-dist DIR [--runs N]   (pair stacks against the old layout: bench/layout.ts)
 *   node dist/bench/run.js --review --old-dist DIR [--runs N] [--offline]   (review old vs new: bench/review-timing.ts)
 *   node dist/bench/run.js --transit-gateway [--spokes 400] [--accounts 100] [--services 50] [--runs 3]   (bench/transit-gateway.ts)
 *   node dist/bench/run.js --changed-stacks [--out DIR]   (stacks planned per PR before and after: bench/changed-stacks.ts)
 *   node dist/bench/run.js --dual-stack [--spokes 125] [--accounts 40] [--services 50] [--dns private-hosted-zones] [--runs 5]   (dual-stack synth next to IPv4: bench/dual-stack.ts)
 *
 * --baseline-dist DIR adds `node DIR/main.js` as a variant: build the tree before a change with
 * `npx tsc -p tsconfig.json --outDir DIR --incremental false` to get a before/after ratio from one run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { terraformAvailable } from '../__tests__/support/terraform';
import { DNS_MODES, type DnsMode } from '../src/config/schema';
import { renderChangedStacksMarkdown, runChangedStacksBench } from './changed-stacks';
import { renderDualStackMarkdown, runDualStackBench } from './dual-stack';
import { projectRoot } from './measure';
import { compareLayouts, renderLayoutMarkdown } from './layout';
import { measureOnboarding, type OnboardingCase } from './onboarding';
import { timePlan } from './plan-timing';
import { renderMarkdown, type BenchResult, type Machine } from './report';
import { baselineVariant, DEFAULT_VARIANTS, timeSize, type SizeSpec, type Variant } from './synth-timing';
import { BENCH_SERVICES, HUB_ACCOUNT, topologyYaml } from './topology';
import { renderTransitGatewayMarkdown, runTransitGatewayBench } from './transit-gateway';
import { renderUserPath, runUserPath, USER_PATH_SIZES } from './user-path';
import { renderReviewTimingMarkdown, timeReviews } from './review-timing';

export interface BenchPlan {
  sizes: SizeSpec[];
  runs: number;
  warmup: number;
  variants: readonly Variant[];
  onboarding: {
    services: number[];
    /** The onboarded spoke lands in an account that has spokes already. */
    existingAccount: { baseSpokes: number; accounts: number };
    /** The onboarded spoke is the first of its account. */
    newAccount: { baseSpokes: number; accounts: number };
  };
  /** Runs of `terraform plan` alone on the largest stack; 0 skips the item. */
  planRuns: number;
  /** Relative to the project root (bench/out/ is git-ignored). */
  outDir: string;
}

const grid = (dns: DnsMode, pairs: Array<[number, number]>, services: number[]): SizeSpec[] =>
  pairs.flatMap(([spokes, accounts]) => services.map((s) => ({ spokes, accounts, services: s, dns })));

export const FULL: BenchPlan = {
  sizes: [
    ...grid('private-hosted-zones', [[10, 4], [50, 16], [125, 40]], [10, 50]),
    { spokes: 125, accounts: 40, services: 50, dns: 'endpoint-url' },
    { spokes: 125, accounts: 40, services: 50, dns: 'route53-profile' },
  ],
  runs: 5,
  warmup: 1,
  variants: DEFAULT_VARIANTS,
  // 124 -> 125: the 125th spoke is the last one AWS's hard limit of 125 peerings per VPC allows.
  onboarding: { services: [1, 5, 10, 25, 50], existingAccount: { baseSpokes: 124, accounts: 40 }, newAccount: { baseSpokes: 10, accounts: 40 } },
  planRuns: 5,
  outDir: 'bench/out',
};

/** Small enough for CI (< 60 s including the build), still every item of the report. */
export const SMOKE: BenchPlan = {
  sizes: [{ spokes: 3, accounts: 2, services: 2, dns: 'private-hosted-zones' }],
  runs: 3,
  warmup: 0,
  variants: DEFAULT_VARIANTS,
  onboarding: { services: [1, 2], existingAccount: { baseSpokes: 2, accounts: 2 }, newAccount: { baseSpokes: 1, accounts: 2 } },
  planRuns: 1,
  outDir: 'bench/out/smoke',
};

const ONBOARDING_MODES: ReadonlyArray<Pick<OnboardingCase, 'dns' | 'profileSharing'>> = [
  { dns: 'private-hosted-zones' },
  { dns: 'endpoint-url' },
  { dns: 'route53-profile', profileSharing: 'organization' },
  { dns: 'route53-profile', profileSharing: 'accounts' },
];

export function machine(loadAtStart: number): Machine {
  // stderr captured: Terraform warns about a missing CLI config file on some machines.
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  const terraform = version.status === 0 ? version.stdout.split('\n')[0] : undefined;
  return {
    nproc: os.availableParallelism(),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    ...(terraform ? { terraform } : {}),
  };
}

export interface RunOptions {
  root: string;
  command: string;
  log: (line: string) => void;
}

export function runBenchmark(plan: BenchPlan, opts: RunOptions): BenchResult {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const { root, log } = opts;
  const sizes = plan.sizes.map((size) => {
    log(`synth ${size.dns} ${size.spokes} spokes x ${size.accounts} accounts x ${size.services} services`);
    return timeSize(size, { root, outDir: plan.outDir, runs: plan.runs, warmup: plan.warmup, variants: plan.variants, log });
  });

  const onboarding = [plan.onboarding.existingAccount, plan.onboarding.newAccount].flatMap((base) =>
    ONBOARDING_MODES.flatMap((mode) =>
      plan.onboarding.services.map((services) => {
        log(`onboarding ${mode.dns}${mode.profileSharing ? `/${mode.profileSharing}` : ''} S=${services}: ${base.baseSpokes} -> ${base.baseSpokes + 1} spokes`);
        return measureOnboarding({ ...mode, services, ...base });
      }),
    ),
  );

  let planResult: BenchResult['plan'];
  const largest = [...sizes].sort((a, b) => b.resources.hubStack - a.resources.hubStack)[0];
  if (plan.planRuns === 0) planResult = { skipped: 'disabled (--no-plan)' };
  else if (!process.env.VPCE_HUB_PROVIDER_MIRROR) planResult = { skipped: 'VPCE_HUB_PROVIDER_MIRROR is not set (the offline plan needs a provider mirror)' };
  else if (!terraformAvailable()) planResult = { skipped: 'terraform is not on PATH' };
  else if (!largest) planResult = { skipped: 'no topology was synthesized' };
  else {
    log(`terraform plan of ${largest.id}/${HUB_ACCOUNT} (${largest.resources.hubStack} resources)`);
    planResult = timePlan(root, largest.stacksDir, HUB_ACCOUNT, largest.resources.hubStack, plan.planRuns);
  }

  return {
    date: new Date(started).toISOString().slice(0, 10),
    machine: machine(loadAtStart),
    command: opts.command,
    runs: plan.runs,
    warmup: plan.warmup,
    sizes,
    onboarding,
    plan: planResult,
    durationMs: Date.now() - started,
  };
}

/** `private-hosted-zones-125x40x50` or `private-hosted-zones-3hubs-120x40x30` -> a size. */
export function parseSizeId(id: string): SizeSpec {
  const m = /^([a-z0-9-]+?)(?:-(\d+)hubs)?-(\d+)x(\d+)x(\d+)$/.exec(id);
  const dns = DNS_MODES.find((d) => d === m?.[1]);
  if (!m || !dns) throw new Error(`expected <dns>[-<hubs>hubs]-<spokes>x<accounts>x<services> with dns one of ${DNS_MODES.join(', ')}, got "${id}"`);
  return { dns, spokes: Number(m[3]), accounts: Number(m[4]), services: Number(m[5]), ...(m[2] ? { hubs: Number(m[2]) } : {}) };
}

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const printConfig = arg('--print-config');
  if (printConfig !== undefined) {
    process.stdout.write(topologyYaml(parseSizeId(printConfig)));
    return;
  }
  const root = projectRoot();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (argv.includes('--transit-gateway')) {
    const num = (name: string, fallback: number) => Number(arg(name) ?? fallback);
    const options = { spokes: num('--spokes', 400), accounts: num('--accounts', 100), services: num('--services', 50), runs: num('--runs', 3), root, outDir: path.join(root, arg('--out') ?? 'bench/out/transit-gateway') };
    const result = runTransitGatewayBench(options);
    writeFileSync(path.join(options.outDir, 'transit-gateway.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(renderTransitGatewayMarkdown(result, `npm run bench -- ${argv.join(' ')}`));
    return;
  }
  if (argv.includes('--dual-stack')) {
    const num = (name: string, fallback: number) => Number(arg(name) ?? fallback);
    const dns = DNS_MODES.find((d) => d === (arg('--dns') ?? 'private-hosted-zones'));
    if (!dns) throw new Error(`--dns must be one of ${DNS_MODES.join(', ')}`);
    const options = { spokes: num('--spokes', 125), accounts: num('--accounts', 40), services: num('--services', 50), dns, runs: num('--runs', 5), root, outDir: path.join(root, arg('--out') ?? 'bench/out/dual-stack') };
    const result = runDualStackBench(options);
    writeFileSync(path.join(options.outDir, 'dual-stack.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(renderDualStackMarkdown(result, `npm run bench -- ${argv.join(' ')}`));
    return;
  }
  if (argv.includes('--changed-stacks')) {
    const result = runChangedStacksBench({ root, outDir: arg('--out') ?? 'bench/out/changed-stacks', command: `npm run bench -- ${argv.join(' ')}`, log });
    process.stdout.write(renderChangedStacksMarkdown(result));
    return;
  }
  if (argv.includes('--layout')) {
    const oldDist = arg('--old-dist');
    if (oldDist === undefined) throw new Error('--layout needs --old-dist DIR: the compiled tree of the base commit (npx tsc -p tsconfig.json in a worktree of it)');
    const outDir = arg('--out') ?? 'bench/out/layout';
    const result = compareLayouts({ root, oldDist: path.resolve(oldDist), runs: Number(arg('--runs') ?? 3), outDir, log });
    const markdown = renderLayoutMarkdown(result, `npm run bench -- ${argv.join(' ')}`);
    mkdirSync(path.join(root, outDir), { recursive: true });
    writeFileSync(path.join(root, outDir, 'layout.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(markdown);
    return;
  }
  if (argv.includes('--review')) {
    const oldDist = arg('--old-dist');
    if (oldDist === undefined) throw new Error('--review needs --old-dist DIR: the compiled tree of the base commit (git archive <commit> | tar -x -C DIR/.., then npx tsc -p tsconfig.json there)');
    const runs = Number(arg('--runs') ?? 1);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${arg('--runs')}`);
    const outDir = path.join(root, arg('--out') ?? 'bench/out/review');
    const loadAtStart = os.loadavg()[0];
    const command = `npm run bench -- ${argv.join(' ')}`;
    const result = timeReviews({ newDist: path.join(root, 'dist'), oldDist: path.resolve(oldDist), runs, offline: argv.includes('--offline'), command, log, machine: () => machine(loadAtStart) });
    const markdown = renderReviewTimingMarkdown(result);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'review.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(outDir, 'review.md'), markdown);
    process.stdout.write(markdown);
    return;
  }
  if (argv.includes('--user-path')) {
    const runs = Number(arg('--runs') ?? 5);
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${arg('--runs')}`);
    const outDir = arg('--out') ?? 'bench/out/user-path';
    const command = `npm run bench -- ${argv.join(' ')}`;
    const loadAtStart = os.loadavg()[0];
    const result = runUserPath({ sizes: USER_PATH_SIZES, runs, warmup: 1, outDir }, { root, command, log, machine: () => machine(loadAtStart) });
    const markdown = renderUserPath(result);
    mkdirSync(path.join(root, outDir), { recursive: true });
    writeFileSync(path.join(root, outDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(root, outDir, 'report.md'), markdown);
    process.stdout.write(markdown);
    return;
  }
  const smoke = argv.includes('--smoke');
  const base = smoke ? SMOKE : FULL;
  const runs = arg('--runs');
  const plan: BenchPlan = {
    ...base,
    ...(runs !== undefined ? { runs: Number(runs) } : {}),
    ...(argv.includes('--no-plan') ? { planRuns: 0 } : {}),
    outDir: arg('--out') ?? base.outDir,
  };
  const baseline = arg('--baseline-dist');
  if (baseline !== undefined) plan.variants = [...plan.variants, baselineVariant(baseline)];
  if (!Number.isInteger(plan.runs) || plan.runs < 1) throw new Error(`--runs must be a positive integer, got ${runs}`);
  const extra = argv.filter((a) => a !== '--smoke');
  const command = `npm run ${smoke ? 'bench:smoke' : 'bench'}${extra.length > 0 ? ` -- ${extra.join(' ')}` : ''}`;
  log(`vpce-hub bench: ${plan.sizes.length} topologies x ${plan.variants.length} variants x ${plan.runs} runs (+${plan.warmup} warm-up), services in the catalogue list: ${BENCH_SERVICES.length}`);
  const result = runBenchmark(plan, { root, command, log });
  const markdown = renderMarkdown(result);
  mkdirSync(path.join(root, plan.outDir), { recursive: true });
  writeFileSync(path.join(root, plan.outDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(root, plan.outDir, 'report.md'), markdown);
  process.stdout.write(markdown);
  log(`vpce-hub bench: wrote ${path.posix.join(plan.outDir, 'results.json')} and report.md`);
}

if (require.main === module) main(process.argv.slice(2));
