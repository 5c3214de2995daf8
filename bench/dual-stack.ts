/**
 * Dual-stack synth time next to IPv4 in one run (issue 20): the same topology (bench/topology.ts) once
 * IPv4-only and once with every hub dual-stack and every spoke given an IPv6 /56, synthesized with the
 * compiled entry point, interleaved run by run (4 6 4 6 ...) so the machine's load hits both alike.
 * Reports wall time, peak memory and resources per variant, and their ratio.
 *
 *   npm run bench -- --dual-stack [--spokes 125] [--accounts 40] [--services 50] [--dns private-hosted-zones] [--runs 5]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TerraformJson } from '../__tests__/support/terraform';
import type { DnsMode } from '../src/config/schema';
import { formatCommand, measure, median, type Command } from './measure';
import { resourcesPerStack } from './resource-set';
import { topologyYaml } from './topology';

export interface DualStackBenchOptions {
  spokes: number;
  accounts: number;
  services: number;
  dns: DnsMode;
  runs: number;
  root: string;
  outDir: string;
}

export interface DualStackVariant {
  ipAddressType: 'ipv4' | 'dualstack';
  command: string;
  wallMs: number[];
  medianWallMs: number;
  peakRssMiB: number;
  cpuMs: number[];
  medianCpuMs: number;
  resources: { total: number; hubStack: number };
}

export interface DualStackBenchResult {
  options: Omit<DualStackBenchOptions, 'root' | 'outDir'>;
  date: string;
  machine: { nproc: number; node: string; loadAverage: { start: number; end: number } };
  variants: [DualStackVariant, DualStackVariant];
  /** Dual-stack median wall time over IPv4's. */
  wallRatio: number;
}

function readStacks(outdir: string): Record<string, TerraformJson> {
  const dir = path.join(outdir, 'stacks');
  return Object.fromEntries(readdirSync(dir).map((name) => [name, JSON.parse(readFileSync(path.join(dir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson]));
}

export function runDualStackBench(o: DualStackBenchOptions): DualStackBenchResult {
  mkdirSync(o.outDir, { recursive: true });
  const loadAtStart = os.loadavg()[0];
  const setups = (['ipv4', 'dualstack'] as const).map((ipAddressType) => {
    const configFile = path.join(o.outDir, `${ipAddressType}.yaml`);
    writeFileSync(configFile, topologyYaml({ spokes: o.spokes, accounts: o.accounts, services: o.services, dns: o.dns, ipAddressType }));
    const out = path.join(o.outDir, `cdktf.out.${ipAddressType}`);
    const cmd: Command = { argv: ['node', 'dist/main.js'], env: { VPCE_HUB_CONFIG: path.relative(o.root, configFile), CDKTF_OUTDIR: path.relative(o.root, out) } };
    return { ipAddressType, out, cmd, wallMs: [] as number[], cpuMs: [] as number[], peak: 0 };
  });
  for (let i = 0; i < o.runs; i++) {
    for (const s of setups) {
      rmSync(s.out, { recursive: true, force: true });
      const m = measure(s.cmd, o.root);
      s.wallMs.push(Math.round(m.wallMs));
      s.cpuMs.push(Math.round(m.cpuMs));
      s.peak = Math.max(s.peak, m.peakRssMiB);
    }
  }
  const variants = setups.map((s): DualStackVariant => {
    const perStack = resourcesPerStack(readStacks(s.out));
    return {
      ipAddressType: s.ipAddressType,
      command: formatCommand(s.cmd),
      wallMs: s.wallMs,
      medianWallMs: Math.round(median(s.wallMs)),
      peakRssMiB: Math.round(s.peak),
      cpuMs: s.cpuMs,
      medianCpuMs: Math.round(median(s.cpuMs)),
      resources: { total: [...perStack.values()].reduce((a, b) => a + b, 0), hubStack: perStack.get('network') ?? 0 },
    };
  }) as [DualStackVariant, DualStackVariant];
  return {
    options: { spokes: o.spokes, accounts: o.accounts, services: o.services, dns: o.dns, runs: o.runs },
    date: new Date().toISOString().slice(0, 10),
    machine: { nproc: os.availableParallelism(), node: process.version, loadAverage: { start: loadAtStart, end: os.loadavg()[0] } },
    variants,
    wallRatio: variants[1].medianWallMs / variants[0].medianWallMs,
  };
}

export function renderDualStackMarkdown(r: DualStackBenchResult, command: string): string {
  const o = r.options;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    '## Dual-stack synth time next to IPv4 (issue 20)',
    '',
    `\`${command}\` on ${r.date}: ${o.spokes} spokes in ${o.accounts} accounts, ${o.services} services, ${o.dns}; the same topology IPv4-only and with the hub dual-stack and every spoke given an IPv6 /56, synthesized with \`node dist/main.js\`, interleaved, ${o.runs} runs each; ${r.machine.nproc} cores, node ${r.machine.node}, load average ${r.machine.loadAverage.start.toFixed(1)} at the start and ${r.machine.loadAverage.end.toFixed(1)} at the end.`,
    '',
    '| variant | median wall | runs (wall) | median CPU | peak memory (RSS) | resources (all stacks) | resources (hub stack) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
    ...r.variants.map((v) => `| ${v.ipAddressType} | ${s(v.medianWallMs)} | ${v.wallMs.map((m) => (m / 1000).toFixed(2)).join(', ')} | ${s(v.medianCpuMs)} | ${v.peakRssMiB} MiB | ${v.resources.total.toLocaleString('en-US')} | ${v.resources.hubStack.toLocaleString('en-US')} |`),
    '',
    `Dual-stack / IPv4 median wall time: ${r.wallRatio.toFixed(2)}x.`,
    '',
  ].join('\n');
}
