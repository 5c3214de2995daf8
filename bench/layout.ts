/**
 * Old layout against new, in one run (issue 9): the same synthetic topologies synthesized by this tree
 * (pair stacks) and by another build (`--old-dist DIR`: the compiled tree of the base commit, whose
 * hub stack held the hub halves of every pair), compared on what the synthesized JSON shows:
 * - the hub stack's size at 10, 50 and 125 spokes (50 services, private-hosted-zones);
 * - onboarding the 125th spoke at 125 x 50 (into an account that has spokes already): stacks touched,
 *   resources created, resources the plans of the touched stacks refresh, and Route 53 requests
 *   (creating plus refreshing; bench/api-calls.ts), per DNS mode;
 * - synth wall time of the largest topology against the 3 s target (child processes, interleaved).
 *
 *   node dist/bench/run.js --layout --old-dist <dir> [--runs N]
 *
 * The old build reads the config of its time: `ramSharing` (new) is dropped for it; its
 * route53-profile topology shares with the organization through `organizationArn` alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { synthText } from '../__tests__/support/synth';
import type { TerraformJson } from '../__tests__/support/terraform';
import type { DnsMode } from '../src/config/schema';
import { createCalls, refreshCalls } from './api-calls';
import { diffResources, resourceSet, resourcesPerStack } from './resource-set';
import { baselineVariant, DEFAULT_VARIANTS, timeSize, type VariantTiming } from './synth-timing';
import { HUB_ACCOUNT, topologyYaml, type TopologyOptions } from './topology';

export type Stacks = Record<string, TerraformJson>;
export type Synth = (yaml: string) => Stacks;

/** This tree, in-process. */
export const synthNew: Synth = (yaml) => {
  const s = synthText(yaml);
  try {
    return s.stacks;
  } finally {
    s.cleanup();
  }
};

/** Another build's `main.js` in a child process, given the config it understands. */
export function synthWith(dist: string): Synth {
  return (yaml) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-layout-'));
    try {
      const config = parse(yaml) as Record<string, unknown>;
      delete config.ramSharing;
      const file = path.join(dir, 'vpce-hub.yaml');
      writeFileSync(file, stringify(config, { lineWidth: 0 }));
      const out = path.join(dir, 'out');
      const r = spawnSync(process.execPath, [path.join(dist, 'main.js')], { env: { ...process.env, VPCE_HUB_CONFIG: file, CDKTF_OUTDIR: out, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${dist}/main.js failed: ${r.stderr}`);
      const stacksDir = path.join(out, 'stacks');
      return Object.fromEntries(readdirSync(stacksDir).map((n) => [n, JSON.parse(readFileSync(path.join(stacksDir, n, 'cdk.tf.json'), 'utf8')) as TerraformJson]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export interface HubStackSize {
  spokes: number;
  accounts: number;
  old: number;
  new: number;
}

export interface LayoutOnboarding {
  dns: DnsMode;
  layout: 'old' | 'new';
  stacksTouched: string[];
  created: number;
  refreshedResources: number;
  route53Create: number;
  route53Refresh: number;
}

export interface LayoutResult {
  hubStack: HubStackSize[];
  onboarding: LayoutOnboarding[];
  synth: { id: string; variants: VariantTiming[] };
}

const SERVICES = 50;
const SIZES: Array<[number, number]> = [
  [10, 4],
  [50, 16],
  [125, 40],
];

function onboarding(synth: Synth, layout: 'old' | 'new', dns: DnsMode, base: TopologyOptions): LayoutOnboarding {
  const before = resourceSet(synth(topologyYaml(base)));
  const after = resourceSet(synth(topologyYaml({ ...base, spokes: base.spokes + 1 })));
  const diff = diffResources(before, after);
  const touched = new Set([...diff.added, ...diff.changed, ...diff.removed].map((r) => r.stack));
  const existing = [...before.values()].map((r) => r.ref).filter((r) => touched.has(r.stack));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    dns,
    layout,
    stacksTouched: [...touched].sort(),
    created: diff.added.length,
    refreshedResources: existing.length,
    route53Create: sum(diff.added.map((r) => createCalls(r.type))),
    route53Refresh: sum(existing.map((r) => refreshCalls(r.type))),
  };
}

export function compareLayouts(opts: { root: string; oldDist: string; runs: number; outDir: string; log: (l: string) => void }): LayoutResult {
  const synthOld = synthWith(opts.oldDist);
  const hubStack = SIZES.map(([spokes, accounts]) => {
    opts.log(`hub stack size at ${spokes} spokes x ${SERVICES} services, old and new layout`);
    const topo = topologyYaml({ spokes, accounts, services: SERVICES, dns: 'private-hosted-zones' });
    const size = (s: Stacks) => resourcesPerStack(s).get(HUB_ACCOUNT) ?? 0;
    return { spokes, accounts, old: size(synthOld(topo)), new: size(synthNew(topo)) };
  });
  const modes: DnsMode[] = ['private-hosted-zones', 'route53-profile', 'endpoint-url'];
  const result: LayoutOnboarding[] = [];
  for (const dns of modes) {
    const base: TopologyOptions = { spokes: 124, accounts: 40, services: SERVICES, dns };
    opts.log(`onboarding the 125th spoke, ${dns}, old and new layout`);
    result.push(onboarding(synthOld, 'old', dns, base), onboarding(synthNew, 'new', dns, base));
  }
  const size = { spokes: 125, accounts: 40, services: SERVICES, dns: 'private-hosted-zones' as const };
  opts.log('synth time of the largest topology (compiled, old build), interleaved');
  // The old build cannot read ramSharing, which private-hosted-zones topologies do not carry.
  const timing = timeSize(size, { root: opts.root, outDir: opts.outDir, runs: opts.runs, warmup: 1, variants: [DEFAULT_VARIANTS[0], baselineVariant(opts.oldDist)], log: opts.log });
  return { hubStack, onboarding: result, synth: { id: timing.id, variants: timing.variants } };
}

export function renderLayoutMarkdown(r: LayoutResult, command: string): string {
  const lines = ['## Pair stacks: old layout against new (issue 9)', '', '```sh', command, '```', ''];
  lines.push('### Hub stack size (private-hosted-zones, 50 services)', '', '| spokes | accounts | old layout | new layout |', '| ---: | ---: | ---: | ---: |');
  for (const h of r.hubStack) lines.push(`| ${h.spokes} | ${h.accounts} | ${h.old.toLocaleString('en-US')} | ${h.new.toLocaleString('en-US')} |`);
  lines.push('', '### Onboarding the 125th spoke at 125 x 50 (into an account with spokes)', '');
  lines.push('| dns | layout | stacks touched | resources created | resources refreshed by their plans | Route 53 requests: create | refresh |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const o of r.onboarding) {
    lines.push(`| ${o.dns} | ${o.layout} | ${o.stacksTouched.length} (${o.stacksTouched.join(', ')}) | ${o.created} | ${o.refreshedResources.toLocaleString('en-US')} | ${o.route53Create} | ${o.route53Refresh.toLocaleString('en-US')} |`);
  }
  lines.push('', `### Synth time of the largest topology (${r.synth.id})`, '', '| build | median wall | peak RSS | runs (ms) |', '| --- | ---: | ---: | --- |');
  for (const v of r.synth.variants) lines.push(`| ${v.id === 'baseline' ? 'old layout (base commit)' : 'new layout'} | ${(v.medianWallMs / 1000).toFixed(2)} s | ${Math.round(v.medianPeakRssMiB)} MiB | ${v.wallMs.map((x) => Math.round(x)).join(', ')} |`);
  lines.push('');
  return lines.join('\n');
}
