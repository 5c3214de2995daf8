/**
 * `vpce-hub review` at the bench's largest topology (1 hub, 125 spokes in 40 accounts, 50 services),
 * this tree against another build (`--old-dist DIR`: the compiled tree of the base commit), in one run,
 * run by run interleaved (issue 18):
 * - the tree comparison as the PR workflow runs it (`review --base origin/main --format markdown`) for
 *   onboarding the 125th spoke (private-hosted-zones) and for a DNS step 2 (route53-profile, 14,500
 *   destroys, blocked);
 * - with `--offline` (real Terraform on every one of the 41 stacks, first deployment, route53-profile),
 *   when asked (`--offline`): the old build plans the stacks one after the other, this one several at
 *   once with one plugin cache.
 * Each command runs in a scratch git repository whose `origin/main` holds the base config.
 *
 *   node dist/bench/run.js --review --old-dist DIR [--runs N] [--offline]
 *
 * Both builds get VPCE_HUB_PROVIDER_MIRROR from the environment (the old one reads nothing else).
 * Wall time is what a reviewer waits; CPU time counts the Node processes only (Terraform's are not).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { measure, median, type Measurement } from './measure';
import type { Machine } from './report';
import { topologyYaml } from './topology';

export interface ReviewScenario {
  id: string;
  label: string;
  base?: string;
  current: string;
  offline: boolean;
}

const LARGEST = { spokes: 125, accounts: 40, services: 50 } as const;

export function reviewScenarios(offline: boolean): ReviewScenario[] {
  const profile = topologyYaml({ ...LARGEST, dns: 'route53-profile' });
  const keep = parseDocument(profile);
  keep.setIn(['hubs', 0, 'keepZoneAssociations'], true);
  const out: ReviewScenario[] = [
    {
      id: 'onboard-125th',
      label: 'onboarding the 125th spoke, private-hosted-zones (15,436 resources)',
      base: topologyYaml({ ...LARGEST, spokes: 124, dns: 'private-hosted-zones' }),
      current: topologyYaml({ ...LARGEST, dns: 'private-hosted-zones' }),
      offline: false,
    },
    { id: 'dns-step-2', label: 'DNS step 2, route53-profile: 14,500 direct associations and authorizations destroyed (blocked)', base: keep.toString(), current: profile, offline: false },
  ];
  if (offline) out.push({ id: 'offline-first', label: '`--offline`, first deployment, route53-profile (41 stacks planned by Terraform)', current: profile, offline: true });
  return out;
}

export interface ReviewVariant {
  id: 'old' | 'new';
  dist: string;
}

export interface ReviewTiming {
  scenario: ReviewScenario;
  variants: Array<{ id: string; runs: Measurement[]; exitCodes: number[]; reportChars: number[] }>;
}

export interface ReviewTimingResult {
  date: string;
  machine: Machine;
  command: string;
  runs: number;
  timings: ReviewTiming[];
  durationMs: number;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** A scratch repository: `origin/main` has the base config (when there is one), the work tree the current one. */
function scratchRepo(s: ReviewScenario): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-bench-review-'));
  git(repo, 'init', '-q');
  if (s.base !== undefined) {
    writeFileSync(path.join(repo, 'vpce-hub.yaml'), s.base);
    git(repo, 'add', 'vpce-hub.yaml');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  }
  writeFileSync(path.join(repo, 'vpce-hub.yaml'), s.current);
  return repo;
}

/** The build's CLI, run as `vpce-hub review ...`; its exit code is written to a file (1 = blocked is a result, not a failure). */
function reviewCommand(dist: string, s: ReviewScenario, out: string, exitFile: string): { argv: string[]; env: Record<string, string> } {
  const cli = path.join(dist, 'src', 'cli', 'index.js');
  const args = ['review', ...(s.base !== undefined ? ['--base', 'origin/main'] : []), ...(s.offline ? ['--offline'] : []), '--format', 'markdown', '--out', out];
  const driver = `require(${JSON.stringify(cli)}).main(['node', 'vpce-hub', ...process.argv.slice(1)]).then((c) => require('node:fs').writeFileSync(${JSON.stringify(exitFile)}, String(c)))`;
  return { argv: [process.execPath, '-e', driver, ...args], env: { CHECKPOINT_DISABLE: '1' } };
}

export function timeReviews(opts: { newDist: string; oldDist: string; runs: number; offline: boolean; command: string; log: (line: string) => void; machine: () => Machine }): ReviewTimingResult {
  const started = Date.now();
  const variants: ReviewVariant[] = [
    { id: 'old', dist: opts.oldDist },
    { id: 'new', dist: opts.newDist },
  ];
  const timings: ReviewTiming[] = [];
  for (const scenario of reviewScenarios(opts.offline)) {
    const repo = scratchRepo(scenario);
    const timing: ReviewTiming = { scenario, variants: variants.map((v) => ({ id: v.id, runs: [], exitCodes: [], reportChars: [] })) };
    try {
      for (let run = 0; run < opts.runs; run++) {
        for (const [i, v] of variants.entries()) {
          const out = path.join(repo, `review-${v.id}.md`);
          const exitFile = path.join(repo, `exit-${v.id}`);
          opts.log(`review: ${scenario.id} ${v.id} run ${run + 1}/${opts.runs}`);
          const m = measure(reviewCommand(v.dist, scenario, out, exitFile), repo);
          timing.variants[i].runs.push(m);
          timing.variants[i].exitCodes.push(Number(readFileSync(exitFile, 'utf8')));
          timing.variants[i].reportChars.push(readFileSync(out, 'utf8').length);
          opts.log(`  ${(m.wallMs / 1000).toFixed(1)} s wall, ${(m.cpuMs / 1000).toFixed(1)} s CPU (Node), exit ${timing.variants[i].exitCodes.at(-1)}`);
        }
      }
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
    timings.push(timing);
  }
  return { date: new Date(started).toISOString().slice(0, 10), machine: opts.machine(), command: opts.command, runs: opts.runs, timings, durationMs: Date.now() - started };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function renderReviewTimingMarkdown(r: ReviewTimingResult): string {
  const lines = [
    `Produced by \`${r.command}\` on ${r.date}: median of ${r.runs} run(s), old and new interleaved; ${r.machine.nproc} cores (${r.machine.cpu}), node ${r.machine.node}, ${r.machine.terraform ?? 'no terraform'}, load average ${r.machine.loadAverage.start.toFixed(1)} at the start and ${r.machine.loadAverage.end.toFixed(1)} at the end; ${Math.round(r.durationMs / 1000)} s in all.`,
    '',
    '| scenario | build | median wall | median CPU (Node) | peak RSS | exit | report (chars) | runs, wall |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const t of r.timings) {
    for (const v of t.variants) {
      lines.push(
        `| ${t.scenario.label} | ${v.id} | ${s(median(v.runs.map((m) => m.wallMs)))} | ${s(median(v.runs.map((m) => m.cpuMs)))} | ${Math.round(Math.max(...v.runs.map((m) => m.peakRssMiB)))} MiB | ${[...new Set(v.exitCodes)].join('/')} | ${Math.max(...v.reportChars).toLocaleString('en-US')} | ${v.runs.map((m) => (m.wallMs / 1000).toFixed(1)).join(', ')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
