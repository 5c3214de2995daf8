/**
 * The transit gateway benchmark (issue 10): a topology past the 125-peering ceiling of a peering hub,
 * e.g. 400 spokes in 100 accounts behind one hub whose created transit gateway is shared with the
 * organization. Measures the synth (wall time, peak memory, resources per stack) with the compiled
 * entry point, and what onboarding one more spoke adds and where (the hub stack must not change).
 *
 *   npm run bench -- --transit-gateway [--spokes 400] [--accounts 100] [--services 50] [--runs 3]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TerraformJson } from '../__tests__/support/terraform';
import { synthText } from '../__tests__/support/synth';
import { formatCommand, measure, median, type Command } from './measure';
import { countByType, diffResources, resourceSet, resourcesPerStack } from './resource-set';
import { topologyYaml, type TopologyOptions } from './topology';

export interface TransitGatewayBenchOptions {
  spokes: number;
  accounts: number;
  services: number;
  runs: number;
  root: string;
  outDir: string;
}

export interface TransitGatewayBenchResult {
  options: Omit<TransitGatewayBenchOptions, 'root' | 'outDir'>;
  command: string;
  synth: { wallMs: number[]; medianMs: number; peakRssMiB: number };
  resources: { total: number; stacks: number; hubStack: number; spokeStackMax: number };
  onboarding: { added: number; addedByType: Record<string, number>; changed: number; removed: number; stacksTouched: string[] };
}

const topology = (o: TransitGatewayBenchOptions, spokes: number): TopologyOptions => ({ spokes, accounts: o.accounts, services: o.services, dns: 'route53-profile', connectivity: 'transit-gateway' });

function readStacks(outdir: string): Record<string, TerraformJson> {
  const dir = path.join(outdir, 'stacks');
  return Object.fromEntries(readdirSync(dir).map((name) => [name, JSON.parse(readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson]));
}

export function runTransitGatewayBench(o: TransitGatewayBenchOptions): TransitGatewayBenchResult {
  mkdirSync(o.outDir, { recursive: true });
  const configFile = path.join(o.outDir, 'transit-gateway.yaml');
  writeFileSync(configFile, topologyYaml(topology(o, o.spokes)));
  const synthOut = path.join(o.outDir, 'cdktf.out');
  const cmd: Command = { argv: ['node', 'dist/main.js'], env: { VPCE_HUB_CONFIG: path.relative(o.root, configFile), CDKTF_OUTDIR: path.relative(o.root, synthOut) } };
  const wallMs: number[] = [];
  let peak = 0;
  for (let i = 0; i < o.runs; i++) {
    rmSync(synthOut, { recursive: true, force: true });
    const m = measure(cmd, o.root);
    wallMs.push(Math.round(m.wallMs));
    peak = Math.max(peak, m.peakRssMiB);
  }
  const stacks = readStacks(synthOut);
  const perStack = resourcesPerStack(stacks);
  const hubStack = perStack.get('network') ?? 0;
  const spokeCounts = [...perStack].filter(([name]) => name !== 'network').map(([, n]) => n);

  // Onboarding spoke N+1 (into an existing account once N >= accounts): in-process synth of both configs.
  const setOf = (spokes: number) => {
    const s = synthText(topologyYaml(topology(o, spokes)));
    try {
      return resourceSet(s.stacks as unknown as Record<string, TerraformJson>);
    } finally {
      s.cleanup();
    }
  };
  const diff = diffResources(setOf(o.spokes), setOf(o.spokes + 1));
  const touched = [...new Set([...diff.added, ...diff.changed, ...diff.removed].map((r) => r.stack))].sort();
  return {
    options: { spokes: o.spokes, accounts: o.accounts, services: o.services, runs: o.runs },
    command: formatCommand(cmd),
    synth: { wallMs, medianMs: Math.round(median(wallMs)), peakRssMiB: Math.round(peak) },
    resources: { total: [...perStack.values()].reduce((a, b) => a + b, 0), stacks: perStack.size, hubStack, spokeStackMax: Math.max(0, ...spokeCounts) },
    onboarding: { added: diff.added.length, addedByType: countByType(diff.added), changed: diff.changed.length, removed: diff.removed.length, stacksTouched: touched },
  };
}

export function renderTransitGatewayMarkdown(r: TransitGatewayBenchResult, command: string): string {
  const o = r.options;
  const types = Object.entries(r.onboarding.addedByType)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  return [
    `## Transit gateway past the peering ceiling (issue 10)`,
    '',
    `\`${command}\`: ${o.spokes} spokes in ${o.accounts} accounts, ${o.services} services, route53-profile, one hub with a created transit gateway shared with the organization (a peering hub stops at 125 spokes per VPC). Synth with \`${r.command}\`, ${o.runs} runs.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| synth wall time, median (runs) | ${(r.synth.medianMs / 1000).toFixed(2)} s (${r.synth.wallMs.map((m) => (m / 1000).toFixed(2)).join(', ')}) |`,
    `| synth peak memory (RSS) | ${r.synth.peakRssMiB} MiB |`,
    `| resources, all stacks | ${r.resources.total} in ${r.resources.stacks} stacks |`,
    `| resources, hub stack | ${r.resources.hubStack} |`,
    `| resources, largest spokes stack | ${r.resources.spokeStackMax} |`,
    `| onboarding spoke ${o.spokes + 1}: resources added | ${r.onboarding.added} (${types}) |`,
    `| onboarding: resources changed / removed | ${r.onboarding.changed} / ${r.onboarding.removed} |`,
    `| onboarding: stacks touched | ${r.onboarding.stacksTouched.join(', ')} |`,
    '',
  ].join('\n');
}
