/**
 * Spreading a hub's ingress rules over endpoint security groups: within the quota nothing changes;
 * past it, every rule lands in exactly one group of at most `inboundRulesPerSecurityGroup` rules, and
 * the assignment survives change (adding spokes moves nothing at a fixed count; raising the count
 * moves rules only into the new group).
 */
import fc from 'fast-check';
import { derivedGroupCount, spreadIngressRules, type SpokeRule } from '../../src/planning/endpoint-security-groups';
import type { IngressRulePlan, SecurityGroupPlan } from '../../src/planning/plan';
import { parseConfigText } from '../../src/config/load';
import { toYaml } from '../support/arbitraries';
import { config, hub, planOf, spoke } from '../planning/configs';

const rulesFor = (n: number, offset = 0): SpokeRule[] => Array.from({ length: n }, (_, i) => ({ from: 'spoke' as const, spoke: `spoke-${i + offset}`, cidr: `10.${(i + offset) % 250}.${Math.floor((i + offset) / 250)}.0/24` }));
/** `spoke cidr` (or `hub-vpc cidr`, `client-range cidr`) -> group number. */
const ruleKey = (r: IngressRulePlan): string => `${r.from === 'spoke' ? r.spoke : r.from} ${r.cidr}`;
const groupOf = (groups: SecurityGroupPlan[]): Map<string, number> => new Map(groups.flatMap((g) => g.rules.map((r) => [ruleKey(r), g.group] as const)));

/** 70 spokes need raised peering and route quotas (requested from AWS); the SG quota stays at 60. */
const SEVENTY_SPOKES_QUOTAS = { peeringConnectionsPerVpc: 100, routesPerRouteTable: 100 };

const ruleArb = fc.record({ from: fc.constant('spoke' as const), spoke: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), cidr: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.${a}.${b}.0/24`) });
const rulesArb = fc.uniqueArray(ruleArb, { selector: (r) => `${r.spoke} ${r.cidr}`, maxLength: 150 });

describe('endpoint security groups in the plan', () => {
  it('keeps a hub within the quota on one group, numbered 1 (the address of the single-group design)', () => {
    const p = planOf(config([hub()], [spoke('payments-prod', 'payments', 1), spoke('analytics-prod', 'analytics', 2)]));
    expect(p.hubs[0].securityGroups).toEqual([
      {
        group: 1,
        rules: [
          { from: 'hub-vpc', cidr: '10.0.0.0/22' },
          { from: 'spoke', spoke: 'analytics-prod', cidr: '10.2.0.0/16' },
          { from: 'spoke', spoke: 'payments-prod', cidr: '10.1.0.0/16' },
        ],
      },
    ]);
  });

  it('gives every spoke CIDR exactly one rule in one group, none over the quota', () => {
    const spokes = Array.from({ length: 70 }, (_, i) => spoke(`s${i + 1}`, i % 2 ? 'payments' : 'analytics', i + 1));
    const p = planOf(config([hub()], spokes, { quotas: SEVENTY_SPOKES_QUOTAS }));
    const groups = p.hubs[0].securityGroups;
    expect(groups.map((g) => g.group)).toEqual([1, 2]);
    for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(60);
    expect(groups.flatMap((g) => g.rules.filter((r) => r.from === 'spoke').map((r) => r.cidr)).sort()).toEqual(spokes.map((s) => s.vpc.cidr).sort());
  });

  it('follows a configured rules-per-group quota and a pinned group count', () => {
    const spokes = Array.from({ length: 4 }, (_, i) => spoke(`s${i + 1}`, 'payments', i + 1));
    expect(planOf(config([hub()], spokes, { quotas: { inboundRulesPerSecurityGroup: 2 } })).hubs[0].securityGroups.length).toBeGreaterThanOrEqual(2);
    expect(planOf(config([hub({ endpointSecurityGroups: 3 })], spokes)).hubs[0].securityGroups.map((g) => g.group)).toEqual([1, 2, 3]);
  });
});

describe('spreadIngressRules', () => {
  it('derives the smallest count at which every group fits', () => {
    fc.assert(
      // Realistic quotas (AWS's default is 60); a tiny one can exhaust the search, see the next test.
      fc.property(rulesArb, fc.integer({ min: 20, max: 100 }), (rules, perGroup) => {
        const groups = spreadIngressRules({ rules, rulesPerGroup: perGroup });
        expect(groups.length).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(rules.length / perGroup)));
        for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(perGroup);
        // One fewer group would overflow (or the count is already the minimum possible).
        if (groups.length > Math.max(1, Math.ceil(rules.length / perGroup))) {
          const fewer = spreadIngressRules({ rules, rulesPerGroup: perGroup, pinned: groups.length - 1 });
          expect(Math.max(...fewer.map((g) => g.rules.length))).toBeGreaterThan(perGroup);
        }
        expect(groups.flatMap((g) => g.rules).length).toBe(rules.length);
      }),
      { numRuns: 200 },
    );
  });

  it('stops searching 32 groups past the minimum, leaving the overflow for validation to report', () => {
    // Two rules that score highest on the same group for every count up to 34 (found by fast-check).
    const rules = [
      { from: 'spoke' as const, spoke: 'a---i', cidr: '10.144.60.0/24' },
      { from: 'spoke' as const, spoke: 'n', cidr: '10.47.224.0/24' },
    ];
    expect(derivedGroupCount(rules, 1)).toBe(2 + 32);
  });

  it('depends on each rule alone: input order and the other rules do not matter', () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, fc.integer({ min: 1, max: 8 }), (rules, more, count) => {
        const alone = groupOf(spreadIngressRules({ rules, rulesPerGroup: 1000, pinned: count }));
        const withMore = groupOf(spreadIngressRules({ rules: [...more, ...rules].reverse(), rulesPerGroup: 1000, pinned: count }));
        for (const [rule, group] of alone) expect(withMore.get(rule)).toBe(group);
      }),
      { numRuns: 200 },
    );
  });

  it('moves rules only into the new group when the count grows by one', () => {
    fc.assert(
      fc.property(rulesArb, fc.integer({ min: 1, max: 10 }), (rules, count) => {
        const before = groupOf(spreadIngressRules({ rules, rulesPerGroup: 1000, pinned: count }));
        const after = groupOf(spreadIngressRules({ rules, rulesPerGroup: 1000, pinned: count + 1 }));
        for (const [rule, group] of before) expect([group, count + 1]).toContain(after.get(rule));
      }),
      { numRuns: 200 },
    );
  });

  it('moves about 1/(count+1) of the rules when the count grows, not most of them (as hash mod count would)', () => {
    const rules = rulesFor(3000);
    const before = groupOf(spreadIngressRules({ rules, rulesPerGroup: 3000, pinned: 3 }));
    const after = groupOf(spreadIngressRules({ rules, rulesPerGroup: 3000, pinned: 4 }));
    const moved = [...before].filter(([rule, group]) => after.get(rule) !== group).length;
    expect(moved / rules.length).toBeGreaterThan(0.2);
    expect(moved / rules.length).toBeLessThan(0.3);
  });

  it('balances groups roughly evenly', () => {
    const sizes = spreadIngressRules({ rules: rulesFor(2000), rulesPerGroup: 2000, pinned: 4 }).map((g) => g.rules.length);
    for (const n of sizes) expect(Math.abs(n - 500)).toBeLessThan(80);
  });

  it('never shrinks the derived count when spokes are added', () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, fc.integer({ min: 1, max: 30 }), (rules, more, perGroup) => {
        const all = [...rules, ...more.filter((m) => !rules.some((r) => r.spoke === m.spoke && r.cidr === m.cidr))];
        expect(derivedGroupCount(all, perGroup)).toBeGreaterThanOrEqual(derivedGroupCount(rules, perGroup));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the hub VPC and client range rules in group 1 whatever the spokes and the count (issue 8, section 3)', () => {
    const fixed: IngressRulePlan[] = [
      { from: 'hub-vpc', cidr: '10.0.0.0/22' },
      { from: 'client-range', cidr: '192.168.0.0/16' },
    ];
    fc.assert(
      fc.property(rulesArb, fc.integer({ min: 20, max: 100 }), fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), (rules, perGroup, pinned) => {
        const groups = spreadIngressRules({ rules, fixed, rulesPerGroup: perGroup, ...(pinned ? { pinned } : {}) });
        expect(groups[0].rules.slice(0, 2)).toEqual(fixed);
        expect(groups.slice(1).flatMap((g) => g.rules).some((r) => r.from !== 'spoke')).toBe(false);
        // Their load counts when the count is derived.
        if (pinned === undefined) for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(perGroup);
        // The spoke rules land where they would without the fixed rules, at the same count.
        const without = groupOf(spreadIngressRules({ rules, rulesPerGroup: perGroup, pinned: groups.length }));
        for (const [rule, group] of without) expect(groupOf(groups).get(rule)).toBe(group);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a pinned count even when a group overflows (validation reports it as QuotaExceeded)', () => {
    const groups = spreadIngressRules({ rules: rulesFor(10), rulesPerGroup: 2, pinned: 2 });
    expect(groups.map((g) => g.group)).toEqual([1, 2]);
    expect(groups[0].rules.length + groups[1].rules.length).toBe(10);
  });

  it('counts IPv6 rules apart from IPv4 ones, as AWS does: IPv6 rules alone never add a group while each family fits (issue 20)', () => {
    const v4 = rulesFor(3);
    const v6 = (n: number): SpokeRule[] => Array.from({ length: n }, (_, i) => ({ from: 'spoke' as const, spoke: `spoke-${i}`, cidr: `2600:1f18:abcd:${(0x3400 + i * 0x100).toString(16)}::/56` }));
    expect(derivedGroupCount(v4, 3)).toBe(1);
    expect(derivedGroupCount([...v4, ...v6(3)], 3)).toBe(1);
    expect(derivedGroupCount([...v4, ...v6(4)], 3)).toBeGreaterThanOrEqual(2);
    // The hub VPC's own IPv6 rule sits in group 1 and counts against the IPv6 share only.
    expect(derivedGroupCount([...v4.slice(0, 2), ...v6(2)], 3, [{ from: 'hub-vpc', cidr: '10.0.0.0/22' }, { from: 'hub-vpc-ipv6' }])).toBe(1);
    expect(derivedGroupCount([...v4.slice(0, 2), ...v6(3)], 3, [{ from: 'hub-vpc', cidr: '10.0.0.0/22' }, { from: 'hub-vpc-ipv6' }])).toBeGreaterThanOrEqual(2);
    const groups = spreadIngressRules({ rules: [...v4, ...v6(3)], rulesPerGroup: 3 });
    expect(groups.map((g) => g.rules.length)).toEqual([6]);
  });

  it('plans one empty group for a hub without spokes', () => {
    expect(spreadIngressRules({ rules: [], rulesPerGroup: 60 })).toEqual([{ group: 1, rules: [] }]);
  });
});

describe('the one way a spoke changes the hub stack is announced before it happens (issue 9)', () => {
  const warningsFor = (spokeCount: number, pinned?: number) => {
    const spokes = Array.from({ length: spokeCount }, (_, i) => spoke(`s${i + 1}`, i % 2 ? 'payments' : 'analytics', i + 1));
    const text = toYaml(config([hub(pinned === undefined ? {} : { endpointSecurityGroups: pinned })], spokes, { quotas: SEVENTY_SPOKES_QUOTAS }));
    return parseConfigText(text).findings.filter((f) => f.code === 'SecurityGroupCountDerived');
  };

  it('says nothing while a derived single group has plenty of room', () => {
    expect(warningsFor(10)).toEqual([]);
  });

  it('warns once a derived single group is three quarters full, naming the hub stack change and the pin', () => {
    const [w] = warningsFor(50);
    expect(w).toMatchObject({ severity: 'warning', path: 'hubs.main.endpointSecurityGroups', value: 1 });
    // The hub VPC's own rule sits in group 1 too (issue 8 section 3): one rule less of headroom.
    expect(w.message).toContain('Within about 9 more spoke CIDRs the count becomes 2: the hub stack gains a security group');
    expect(w.fix).toContain('endpointSecurityGroups: 1');
  });

  it('says nothing when the count is pinned', () => {
    expect(warningsFor(50, 1)).toEqual([]);
  });
});
