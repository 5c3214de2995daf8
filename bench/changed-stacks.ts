/**
 * Stacks planned per pull request, before and after issue 24: the PR workflow used to plan every
 * synthesized stack; it now plans only what `vpce-hub changed-stacks` lists. Measured at the bench's
 * largest topology (125 spokes in 40 accounts, 50 services) for three everyday changes, per DNS mode:
 * - adding a spoke (124 -> 125 spokes; the 125th lands in an account that has spokes already),
 * - renaming a spoke (spoke-001 -> spoke-001-renamed, with formerNames),
 * - changing a hub service (adding the 50th service to 49).
 *
 * Each change is synthesized twice (base and head, into folders, as `vpce-hub synth` does) and the real
 * command compares them. Besides the stack counts: the resources the plans refresh (a plan refreshes
 * what the state holds, here the base's resources of the planned stacks) and the Route 53 requests of
 * that refresh (bench/api-calls.ts), and the time `changed-stacks` itself takes.
 *
 *   node dist/bench/run.js --changed-stacks [--out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { synthConfig, type Synthesized } from '../__tests__/support/synth';
import { loadTree, type SynthTree } from '../src/analysis/tree';
import { runChangedStacksCommand, type ChangedStackEntry } from '../src/cli/commands/changed-stacks';
import { parseConfigText } from '../src/config/load';
import type { DnsMode } from '../src/config/schema';
import { refreshCalls } from './api-calls';
import { generateTopology, spokeName, type ConfigInput, type TopologyOptions } from './topology';

export const LARGEST: Omit<TopologyOptions, 'dns'> = { spokes: 125, accounts: 40, services: 50 };
const MODES: DnsMode[] = ['private-hosted-zones', 'route53-profile', 'endpoint-url'];

export interface ChangeCase {
  /** What the pull request does. */
  change: string;
  base: ConfigInput;
  head: ConfigInput;
}

export function changeCases(size: TopologyOptions): ChangeCase[] {
  const renamed = generateTopology(size);
  const first = spokeName(0);
  renamed.spokes = renamed.spokes?.map((s) => (s.name === first ? { ...s, name: `${first}-renamed`, formerNames: [first] } : s));
  return [
    { change: `add a spoke (${size.spokes - 1} -> ${size.spokes})`, base: generateTopology({ ...size, spokes: size.spokes - 1 }), head: generateTopology(size) },
    { change: `rename a spoke (${first} -> ${first}-renamed, formerNames)`, base: generateTopology(size), head: renamed },
    { change: `add a hub service (${size.services - 1} -> ${size.services})`, base: generateTopology({ ...size, services: size.services - 1 }), head: generateTopology(size) },
  ];
}

export interface ChangedStacksRow {
  dns: DnsMode;
  change: string;
  /** Stacks of the head output: what the workflow planned before. */
  stacks: number;
  planned: string[];
  /** Stacks with identical Terraform that read a changing output (not planned; applied after). */
  readers: string[];
  refreshedBefore: number;
  refreshedAfter: number;
  route53RefreshBefore: number;
  route53RefreshAfter: number;
  /** Wall time of `changed-stacks` (loading both outputs and comparing them). */
  commandMs: number;
}

export interface ChangedStacksResult {
  date: string;
  command: string;
  size: Omit<TopologyOptions, 'dns'>;
  rows: ChangedStacksRow[];
}

const synth = (config: ConfigInput): Synthesized => synthConfig(parseConfigText(stringify(config)).config);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function refreshed(tree: SynthTree, stacks: ReadonlySet<string> | 'all'): { resources: number; route53: number } {
  const resources = [...tree.stacks.values()].filter((s) => stacks === 'all' || stacks.has(s.name)).flatMap((s) => s.resources);
  return { resources: resources.length, route53: sum(resources.map((r) => refreshCalls(r.type))) };
}

export function measureCase(dns: DnsMode, c: ChangeCase): ChangedStacksRow {
  const base = synth(c.base);
  const head = synth(c.head);
  try {
    const started = process.hrtime.bigint();
    const out = runChangedStacksCommand({ baseDir: base.outdir, dir: head.outdir, json: true });
    const commandMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (out.exitCode !== 0) throw new Error(out.stderr);
    const entries = JSON.parse(out.stdout) as ChangedStackEntry[];
    const readers = runChangedStacksCommand({ baseDir: base.outdir, dir: head.outdir, json: true, includeReaders: true });
    const baseTree = loadTree(base.outdir);
    const planned = new Set(entries.map((e) => e.stack));
    const before = refreshed(baseTree, 'all');
    const after = refreshed(baseTree, planned);
    return {
      dns,
      change: c.change,
      stacks: loadTree(head.outdir).stacks.size,
      planned: entries.map((e) => `${e.stack}${e.removed ? ' (removed)' : ''}`),
      readers: (JSON.parse(readers.stdout) as ChangedStackEntry[]).filter((e) => e.change === 'reads-changed-outputs').map((e) => e.stack),
      refreshedBefore: before.resources,
      refreshedAfter: after.resources,
      route53RefreshBefore: before.route53,
      route53RefreshAfter: after.route53,
      commandMs,
    };
  } finally {
    base.cleanup();
    head.cleanup();
  }
}

export function runChangedStacksBench(opts: { root: string; outDir: string; command: string; log: (line: string) => void }): ChangedStacksResult {
  const rows: ChangedStacksRow[] = [];
  for (const dns of MODES) {
    for (const c of changeCases({ ...LARGEST, dns })) {
      opts.log(`changed stacks: ${dns}, ${c.change}`);
      rows.push(measureCase(dns, c));
    }
  }
  const result: ChangedStacksResult = { date: new Date().toISOString().slice(0, 10), command: opts.command, size: LARGEST, rows };
  const dir = path.join(opts.root, opts.outDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'changed-stacks.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

const n = (x: number) => x.toLocaleString('en-US');

export function renderChangedStacksMarkdown(r: ChangedStacksResult): string {
  const { spokes, accounts, services } = r.size;
  const lines = [
    `Produced by \`${r.command}\` on ${r.date}: ${spokes} spokes in ${accounts} accounts, ${services} services; "before" is every synthesized stack (what the workflow planned), "after" what \`vpce-hub changed-stacks\` lists.`,
    '',
    '| dns | change | stacks planned: before | after | planned stacks | resources refreshed: before | after | Route 53 refresh requests: before | after | changed-stacks wall |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of r.rows) {
    const planned = row.planned.length > 4 ? `${row.planned.slice(0, 3).join(', ')}, ... (${row.planned.length})` : row.planned.join(', ');
    lines.push(
      `| ${row.dns} | ${row.change} | ${row.stacks} | ${row.planned.length} | ${planned}${row.readers.length > 0 ? `; readers not planned: ${row.readers.join(', ')}` : ''} | ${n(row.refreshedBefore)} | ${n(row.refreshedAfter)} | ${n(row.route53RefreshBefore)} | ${n(row.route53RefreshAfter)} | ${(row.commandMs / 1000).toFixed(2)} s |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
