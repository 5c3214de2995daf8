/**
 * Issue 9's promise: onboarding, offboarding or changing a spoke touches one small stack. For random
 * valid configs (every DNS mode, every RAM sharing model, spokes in the hub's account and in others,
 * in other regions), adding, removing or changing one spoke leaves every stack but that spoke's
 * account's spokes stack byte-identical, the hub stack included. (The exception, a derived security
 * group count that grows, needs more than 60 spoke CIDRs; validate announces it: SecurityGroupCountDerived.)
 */
import fc from 'fast-check';
import { configWithSpareArb, type SpokeInput, type VpceHubConfigInput } from '../support/arbitraries';
import { pairStackOf } from './pair-stack-of';
import { snapshot, type Snapshot } from './snapshot';

const RUNS = 15;

const hubStacksOf = (config: VpceHubConfigInput): string[] => [...new Set(config.hubs.map((h) => h.account))];

/** Stacks whose file differs between the two snapshots (present in only one counts as differing). */
function changedStacks(a: Snapshot, b: Snapshot): string[] {
  const names = new Set([...a.stacks.keys(), ...b.stacks.keys()]);
  return [...names].filter((n) => a.stacks.get(n)?.text !== b.stacks.get(n)?.text).sort();
}

/** A changed copy of a spoke that stays valid: another route table count, or the secondary CIDR toggled. */
function changed(spoke: SpokeInput, how: 'route-tables' | 'secondary'): SpokeInput {
  const vpc = spoke.vpc;
  if (how === 'route-tables') {
    const ids = vpc.routeTableIds;
    const next = ids.length > 1 ? ids.slice(0, -1) : [...ids, ids[0].replace(/.$/, (c) => (c === 'f' ? 'e' : 'f'))];
    return { ...spoke, vpc: { ...vpc, routeTableIds: next } };
  }
  const slot = parseInt(vpc.cidr.split('.')[1], 10);
  const secondary = vpc.secondaryCidrs && vpc.secondaryCidrs.length > 0 ? [] : [`100.${64 + Math.floor(slot / 16)}.${16 * (slot % 16)}.0/20`];
  return { ...spoke, vpc: { ...vpc, secondaryCidrs: secondary } };
}

describe('one spoke changes one stack: its account\'s spokes stack', () => {
  it('adding a spoke changes only its pair stack; every hub stack stays byte-identical', () => {
    fc.assert(
      fc.property(configWithSpareArb, ({ config, spare }) => {
        const added: VpceHubConfigInput = { ...config, spokes: [...(config.spokes ?? []), spare] };
        const changedNow = changedStacks(snapshot(config), snapshot(added));
        expect(changedNow).toEqual([pairStackOf(config, spare)]);
        for (const hub of hubStacksOf(config)) expect(changedNow).not.toContain(hub);
      }),
      { numRuns: RUNS },
    );
  });

  it('removing a spoke changes only its pair stack', () => {
    const withSpokes = configWithSpareArb.filter(({ config }) => (config.spokes ?? []).length > 0);
    fc.assert(
      fc.property(withSpokes, fc.nat(), ({ config }, at) => {
        const spokes = config.spokes ?? [];
        const removed = spokes[at % spokes.length];
        const smaller: VpceHubConfigInput = { ...config, spokes: spokes.filter((s) => s !== removed) };
        const before = snapshot(config);
        const after = snapshot(smaller);
        expect(changedStacks(before, after)).toEqual([pairStackOf(config, removed)]);
        // The stack stays (possibly empty), so its next apply destroys what the spoke held.
        expect(after.stacks.has(pairStackOf(config, removed))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('changing a spoke (route tables, secondary CIDRs) changes only its pair stack', () => {
    const withSpokes = configWithSpareArb.filter(({ config }) => (config.spokes ?? []).length > 0);
    fc.assert(
      fc.property(withSpokes, fc.nat(), fc.constantFrom('route-tables' as const, 'secondary' as const), ({ config }, at, how) => {
        const spokes = config.spokes ?? [];
        const index = at % spokes.length;
        const variant: VpceHubConfigInput = { ...config, spokes: spokes.map((s, i) => (i === index ? changed(s, how) : s)) };
        expect(changedStacks(snapshot(config), snapshot(variant))).toEqual([pairStackOf(config, spokes[index])]);
      }),
      { numRuns: RUNS },
    );
  });
});
