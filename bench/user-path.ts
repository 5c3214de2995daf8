/**
 * The focused benchmark of the path users run (`npm run bench -- --user-path`, a few minutes instead of
 * the full run): per topology, the user's `npm run synth` now, the same command as it was before issue 11
 * (a full `tsc -p tsconfig.json` over app, tests and benchmark first) and the bare `node dist/main.js`,
 * interleaved run by run; then `npx cdktf synth` on the shipped example, now and with the old app command.
 * Nothing changed between runs, which is the case of a user who edits only the YAML.
 */
import type { Machine, TimingRunResult } from './report';
import { timeConfig, timeSize, type SizeSpec, type SizeTiming, type TimingOptions, type Variant } from './synth-timing';

/** `npm run synth` before issue 11 (package.json and cdktf.json "app" both ran this). */
export const OLD_APP_COMMAND = 'npm run --silent build && node dist/main.js';

export const USER_PATH_VARIANTS: readonly Variant[] = [
  {
    id: 'bare',
    label: 'bare `node dist/main.js` (no build step)',
    command: (config, out) => ({ argv: ['node', 'dist/main.js'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
  {
    id: 'npm-run-synth',
    label: '`npm run synth` now (scripts/run-app.js: compile the app only if main.ts or src/ changed, then dist/main.js in the same process)',
    command: (config, out) => ({ argv: ['npm', 'run', '--silent', 'synth'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
  {
    id: 'old-npm-run-synth',
    label: `\`npm run synth\` before: \`${OLD_APP_COMMAND}\` (incremental tsc over main.ts, src/, scripts/, __tests__/ and bench/), run through \`npm exec -c\``,
    command: (config, out) => ({ argv: ['npm', 'exec', '--silent', '-c', OLD_APP_COMMAND], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
  },
];

export const CDKTF_VARIANTS: readonly Variant[] = [
  {
    id: 'cdktf-synth',
    label: '`npx cdktf synth` now (cdktf.json "app": `node scripts/run-app.js`)',
    command: (config, out) => ({ argv: ['npx', 'cdktf', 'synth', '--output', out], env: { VPCE_HUB_CONFIG: config, CHECKPOINT_DISABLE: '1' } }),
  },
  {
    id: 'old-cdktf-synth',
    label: `\`npx cdktf synth\` before (cdktf.json "app": \`${OLD_APP_COMMAND}\`)`,
    command: (config, out) => ({ argv: ['npx', 'cdktf', 'synth', '--app', OLD_APP_COMMAND, '--output', out], env: { VPCE_HUB_CONFIG: config, CHECKPOINT_DISABLE: '1' } }),
  },
];

/** The held-out topology of issue 11 (3 hubs, 120 spokes in 40 accounts, 30 services) and the largest. */
export const USER_PATH_SIZES: readonly SizeSpec[] = [
  { dns: 'private-hosted-zones', hubs: 3, spokes: 120, accounts: 40, services: 30 },
  { dns: 'private-hosted-zones', spokes: 125, accounts: 40, services: 50 },
];

/** The shipped example, relative to the project root. */
export const SHIPPED_EXAMPLE = 'vpce-hub.yaml';

/** Target of issue 11: `npm run synth` end to end on the held-out topology. */
export const USER_PATH_TARGET_MS = 3000;

export interface UserPathResult extends TimingRunResult {
  example: Omit<SizeTiming, 'size'>;
}

export interface UserPathPlan {
  sizes: readonly SizeSpec[];
  runs: number;
  warmup: number;
  outDir: string;
}

export function runUserPath(plan: UserPathPlan, opts: { root: string; command: string; log: (line: string) => void; machine: () => Machine }): UserPathResult {
  const started = Date.now();
  const base: Omit<TimingOptions, 'variants'> = { root: opts.root, outDir: plan.outDir, runs: plan.runs, warmup: plan.warmup, log: opts.log };
  const sizes = plan.sizes.map((size) => {
    opts.log(`user path: ${size.dns} ${size.hubs ?? 1} hub(s), ${size.spokes} spokes x ${size.accounts} accounts x ${size.services} services`);
    return timeSize(size, { ...base, variants: USER_PATH_VARIANTS });
  });
  opts.log(`user path: npx cdktf synth on ${SHIPPED_EXAMPLE}`);
  const example = timeConfig('shipped-example', SHIPPED_EXAMPLE, { ...base, variants: CDKTF_VARIANTS });
  return { date: new Date(started).toISOString().slice(0, 10), machine: opts.machine(), command: opts.command, runs: plan.runs, warmup: plan.warmup, sizes, example, durationMs: Date.now() - started };
}

const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;
const table = (head: string[], rows: Array<Array<string | number>>): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const describe = (t: Omit<SizeTiming, 'size'> & { size?: SizeSpec }): string =>
  t.size ? `${t.size.hubs ?? 1} hub(s), ${t.size.spokes} spokes in ${t.size.accounts} accounts, ${t.size.services} services (${t.resources.total.toLocaleString('en-US')} resources)` : `${SHIPPED_EXAMPLE} (${t.resources.total} resources)`;

export function renderUserPath(r: UserPathResult): string {
  const out: string[] = [];
  out.push(`Produced by \`${r.command}\` on ${r.date}: median of ${r.runs} runs after ${r.warmup} warm-up, variants interleaved; ${r.machine.nproc} cores (${r.machine.cpu}), node ${r.machine.node}, load average ${r.machine.loadAverage.start.toFixed(1)} at the start and ${r.machine.loadAverage.end.toFixed(1)} at the end; ${Math.round(r.durationMs / 1000)} s in all.\n`);
  const rows = [...r.sizes, r.example].flatMap((t) =>
    t.variants.map((v) => [
      describe(t),
      v.label,
      ms(v.medianWallMs),
      `${v.wallRatio.toFixed(2)}x`,
      ms(v.medianCpuMs),
      v.wallMs.map((w) => Math.round(w)).join(', '),
      t.identicalOutput ? 'yes' : '**no**',
    ]),
  );
  out.push(table(['topology', 'command', 'median wall', 'wall vs first row', 'median CPU (all Node processes)', 'runs, wall (ms)', 'same output'], rows));
  const held = r.sizes[0]?.variants.find((v) => v.id === 'npm-run-synth');
  if (held) {
    const verdict = (v: number) => (v <= USER_PATH_TARGET_MS ? 'met' : 'not met');
    out.push(
      `\nTarget: \`npm run synth\` on ${describe(r.sizes[0])} in at most ${ms(USER_PATH_TARGET_MS)}: wall **${verdict(held.medianWallMs)}** (${ms(held.medianWallMs)}); CPU time ${ms(held.medianCpuMs)} (${verdict(held.medianCpuMs)}). Wall time on a shared machine grows with its load; CPU time is what the run would take on idle cores, less what Node's helper threads run in parallel.`,
    );
  }
  return `${out.join('\n')}\n`;
}
