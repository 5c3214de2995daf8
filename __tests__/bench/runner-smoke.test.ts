/**
 * A smoke run of the benchmark runner on a tiny topology: it must produce a complete, well-formed
 * result and report. No timing is asserted (the machine is shared); only shapes and counts.
 *
 * The measured variants run the TypeScript entry point through tsx, so the test needs no `npm run
 * build`; `npm run bench:smoke` runs the real variants (compiled JS, CLI, ts-node).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/synth';
import { renderLayoutMarkdown } from '../../bench/layout';
import { renderMarkdown, verdicts, type BenchResult } from '../../bench/report';
import { runBenchmark, SMOKE, type BenchPlan } from '../../bench/run';
import { DEFAULT_VARIANTS, type Variant } from '../../bench/synth-timing';

const tsx = (id: string): Variant => ({
  id,
  label: 'main.ts through tsx',
  command: (config, out) => ({ argv: ['node', '--import', 'tsx', 'main.ts'], env: { VPCE_HUB_CONFIG: config, CDKTF_OUTDIR: out } }),
});

/** Every number anywhere in the result is finite (NaN or Infinity would mean a broken median or ratio). */
function nonFinite(value: unknown, at = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${at}.${k}`));
  return [];
}

/** Markdown tables whose rows do not all have the header's number of cells. */
function raggedTables(markdown: string): string[] {
  const cells = (line: string) => line.split('|').length - 2;
  const bad: string[] = [];
  let header: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) header = undefined;
    else if (header === undefined) header = cells(line);
    else if (cells(line) !== header) bad.push(line);
  }
  return bad;
}

describe('bench runner (smoke)', () => {
  let scratch: string;
  let result: BenchResult;
  const plan: BenchPlan = { ...SMOKE, runs: 2, warmup: 0, variants: [tsx('first'), tsx('second')], planRuns: 0, outDir: '' };

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-bench-test-'));
    result = runBenchmark({ ...plan, outDir: path.relative(PROJECT_ROOT, scratch) }, { root: PROJECT_ROOT, command: 'jest smoke', log: () => undefined });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('measures every variant of every size the planned number of times and reports medians and ratios', () => {
    expect(result.sizes).toHaveLength(SMOKE.sizes.length);
    for (const size of result.sizes) {
      expect(size.variants.map((v) => v.id)).toEqual(['first', 'second']);
      for (const v of size.variants) {
        expect(v.wallMs).toHaveLength(2);
        expect(v.peakRssMiB).toHaveLength(2);
        expect(v.wallMs.every((t) => t > 0)).toBe(true);
        expect(v.peakRssMiB.every((m) => m > 0)).toBe(true);
        expect(v.medianWallMs).toBe((v.wallMs[0] + v.wallMs[1]) / 2);
        expect(v.command).toContain(`VPCE_HUB_CONFIG=${size.configFile}`);
      }
      expect(size.variants[0].wallRatio).toBe(1);
      expect(size.variants[1].wallRatio).toBeCloseTo(size.variants[1].medianWallMs / size.variants[0].medianWallMs);
    }
  });

  it('counts the resources of every stack of the synthesized output, which every variant wrote identically', () => {
    const [size] = result.sizes;
    expect(size.identicalOutput).toBe(true);
    // The hub stack, the hub account's (empty) spokes stack, and one spokes stack per account.
    expect(size.resources.stacks).toBe(SMOKE.sizes[0].accounts + 2);
    // At 3 spokes x 2 services a spokes stack (both halves of 2 pairs) can outgrow the hub stack; both hold something.
    expect(size.resources.hubStack).toBeGreaterThan(0);
    expect(size.resources.spokeStackMax).toBeGreaterThan(0);
    expect(size.resources.total).toBeGreaterThan(size.resources.hubStack + size.resources.spokeStackMax);
  });

  it('prices onboarding in every DNS mode, for every S, into an existing and into a new account', () => {
    expect(result.onboarding).toHaveLength(4 * SMOKE.onboarding.services.length * 2);
    expect(result.onboarding.filter((o) => o.newAccount)).toHaveLength(result.onboarding.length / 2);
    for (const o of result.onboarding) expect([o.case.dns, o.changed, o.removed]).toEqual([o.case.dns, 0, 0]);
  });

  it('finds what the modes promise: zone pairs per spoke in private-hosted-zones, a constant in route53-profile', () => {
    const existing = result.onboarding.filter((o) => !o.newAccount);
    const phz = existing.filter((o) => o.case.dns === 'private-hosted-zones');
    for (const o of phz) {
      expect(o.addedByType.aws_route53_vpc_association_authorization).toBe(o.zones);
      expect(o.addedByType.aws_route53_zone_association).toBe(o.zones);
      // 2 requests per authorization (create + read-back), 3 per association (+ GetChange).
      expect(o.route53Calls).toBe(5 * o.zones);
      // Hub: 2 requests per zone at 10/s. Spoke: 3 per zone at 10/s, of which 1 AssociateVPCWithHostedZone at 5/s.
      expect(o.minApplySeconds).toBeCloseTo((2 * o.zones) / 10 + Math.max((3 * o.zones) / 10, o.zones / 5));
    }
    const profile = existing.filter((o) => o.case.dns === 'route53-profile');
    expect(new Set(profile.map((o) => o.added)).size).toBe(1);
    for (const o of profile) expect([o.addedByType.aws_route53profiles_association, o.route53Calls]).toEqual([1, 0]);
    expect(existing.filter((o) => o.case.dns === 'endpoint-url').every((o) => o.route53Calls === 0)).toBe(true);
  });

  it('adds the RAM principal and the invitation accepter only for a new account of a profile shared per account', () => {
    const fresh = result.onboarding.filter((o) => o.newAccount && o.case.dns === 'route53-profile');
    const perAccount = fresh.filter((o) => o.case.profileSharing === 'accounts');
    const organization = fresh.filter((o) => o.case.profileSharing === 'organization');
    for (const o of perAccount) expect([o.addedByType.aws_ram_principal_association, o.addedByType.aws_ram_resource_share_accepter]).toEqual([1, 1]);
    for (const o of organization) expect(o.addedByType.aws_ram_principal_association).toBeUndefined();
  });

  it('touches one stack per onboarding, the new spoke\'s account\'s, never the hub stack (issue 9)', () => {
    for (const o of result.onboarding) {
      expect(o.stacksTouched).toHaveLength(1);
      expect(o.stacksTouched).not.toContain('network');
      expect(Object.keys(o.addedByStack)).toEqual(o.stacksTouched);
    }
  });

  it('renders the old-against-new layout comparison as well-formed tables', () => {
    const row = (layout: 'old' | 'new', touched: string[]) => ({ dns: 'private-hosted-zones' as const, layout, stacksTouched: touched, created: 5, refreshedResources: 9, route53Create: 10, route53Refresh: 8 });
    const md = renderLayoutMarkdown(
      { hubStack: [{ spokes: 10, accounts: 4, old: 30, new: 20 }], onboarding: [row('old', ['network', 'team-01']), row('new', ['team-01'])], synth: { id: 'x', variants: result.sizes[0].variants } },
      'npm run bench -- --layout --old-dist <base-dist>',
    );
    expect(raggedTables(md)).toEqual([]);
    expect(md).toContain('| private-hosted-zones | new | 1 (team-01) | 5 | 9 | 10 | 8 |');
  });

  it('skips the terraform plan with a reason when told to', () => {
    expect(result.plan).toEqual({ skipped: expect.stringContaining('disabled') });
  });

  it('produces finite numbers only, and a report whose tables are well-formed and cover every part', () => {
    expect(nonFinite(result)).toEqual([]);
    const markdown = renderMarkdown(result);
    expect(raggedTables(markdown)).toEqual([]);
    for (const heading of ['### Targets', '### Synth wall time and peak memory', '### Resources per stack', '### Onboarding one more spoke', '### Onboarding a spoke in a NEW account', '### Route 53 API requests per resource', '### Offline `terraform plan`']) {
      expect(markdown).toContain(heading);
    }
    expect(verdicts(result).map((v) => v.met)).toEqual([true]);
  });

  it("compares the bare compiled JS with the user's `npm run synth`, the CLI and ts-node type-checking main.ts, as cdktf templates run it", () => {
    const commands = DEFAULT_VARIANTS.map((v) => v.command('c.yaml', 'out').argv.join(' '));
    expect(commands).toEqual(['node dist/main.js', 'npm run --silent synth', 'node bin/vpce-hub.js synth -c c.yaml -o out', 'node_modules/.bin/ts-node main.ts']);
    expect(DEFAULT_VARIANTS.some((v) => JSON.stringify(v.command('c', 'o')).includes('transpile'))).toBe(false);
  });
});
