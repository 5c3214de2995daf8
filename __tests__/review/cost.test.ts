/** The cost estimate: the arithmetic on the shipped example, the break-even, and config overrides. */
import { breakEven, estimateCost, formatUsd } from '../../src/review/cost';
import { PRICES, priceTable, pricesOverrideSchema } from '../../src/catalogue/prices';
import { parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const shipped = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');
const planOf = (text: string) => {
  const { config } = parseConfigText(text);
  return { plan: buildPlan(config), config };
};

describe('estimateCost on the shipped example (5 services x 2 AZs, 5 zones, 2 spokes, us-east-1 list prices)', () => {
  const { plan, config } = planOf(shipped);
  const cost = estimateCost(plan, priceTable(config.prices));
  const [hub] = cost.hubs;
  const item = (lines: Array<{ item: string; usd: number }>, name: string) => lines.find((l) => l.item === name)?.usd;

  it('prices the hub endpoints as endpoints x AZs x 730 h x $0.01', () => {
    expect(item(hub.centralized.lines, 'interface endpoints')).toBe(73);
  });
  it('charges data processing per GB at 100 GB per spoke, the same on both sides', () => {
    expect(item(hub.centralized.lines, 'data processing')).toBe(2);
    expect(item(hub.perVpc.lines, 'data processing')).toBe(2);
  });
  it('charges inter-AZ transfer both ways for the share that crosses AZs, (AZs - 1) / AZs = 50%', () => {
    expect(hub.interAzShare).toBe(0.5);
    expect(item(hub.centralized.lines, 'inter-AZ transfer over peering')).toBe(2 * 100 * 0.5 * 2 * 0.01);
  });
  it('charges $0.50 per hosted zone per month', () => {
    expect(item(hub.centralized.lines, 'private hosted zones')).toBe(2.5);
  });
  it('prices one set per VPC as spokes x endpoints x AZs x 730 h x $0.01', () => {
    expect(item(hub.perVpc.lines, 'interface endpoints in every spoke')).toBe(146);
  });
  it('adds up, and finds the hub cheaper from 2 spokes', () => {
    expect(hub.centralized.total).toBe(79.5);
    expect(hub.perVpc.total).toBe(148);
    expect(hub.savings).toBe(68.5);
    // fixed 73 + 2.5 = 75.5; per spoke: own endpoints 73 vs 1 of transfer over the peering.
    expect(hub.breakEvenSpokes).toBe(2);
    expect(cost.total).toEqual({ centralized: 79.5, perVpc: 148, savings: 68.5 });
  });
});

describe('breakEven', () => {
  it('is the smallest spoke count whose own endpoints cost more than the hub', () => {
    expect(breakEven(75.5, 1, 73)).toBe(2);
    expect(breakEven(144, 0, 72)).toBe(3); // 2 spokes only tie
    expect(breakEven(10, 0, 73)).toBe(1);
  });
  it('is null when a spoke costs the hub at least as much as its own endpoints', () => {
    expect(breakEven(10, 73, 73)).toBeNull();
    expect(breakEven(10, 547.5, 73)).toBeNull();
  });
});

describe('prices from the config', () => {
  it('override single prices and the traffic assumption, and are reported as overridden', () => {
    const text = `${shipped}\nprices:\n  interfaceEndpointAzHour: 0.02\n  traffic: { gbPerSpokeMonth: 1000, interAzShare: 0 }\n`;
    const { plan, config } = planOf(text);
    const table = priceTable(config.prices);
    expect(table.overridden).toEqual(['interfaceEndpointAzHour']);
    const [hub] = estimateCost(plan, table).hubs;
    expect(hub.centralized.lines.find((l) => l.item === 'interface endpoints')?.usd).toBe(146);
    expect(hub.centralized.lines.find((l) => l.item === 'data processing')?.usd).toBe(20);
    expect(hub.centralized.lines.find((l) => l.item === 'inter-AZ transfer over peering')?.usd).toBe(0);
  });
  it('reject unknown keys, so a typo cannot silently keep the default', () => {
    expect(pricesOverrideSchema.safeParse({ interfaceEndpointHour: 0.02 }).success).toBe(false);
    expect(() => parseConfigText(`${shipped}\nprices:\n  interfaceEndpointHour: 0.02\n`)).toThrow();
  });
  it('document a unit and a source for every price', () => {
    for (const entry of Object.values(PRICES)) {
      expect(entry.unit).not.toBe('');
      expect(entry.source).toMatch(/\d{4}/);
    }
  });
});

describe('other DNS modes and regions', () => {
  it('adds inter-region transfer for a spoke in another region', () => {
    const text = shipped.replace('    account: analytics\n', '    account: analytics\n    region: us-west-2\n');
    const { plan, config } = planOf(text);
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.centralized.lines.find((l) => l.item === 'inter-region transfer over peering')?.usd).toBe(100 * 0.02);
  });
  it('charges the Route 53 Profile its flat hourly fee for up to 100 associations in route53-profile mode, not a fee per spoke', () => {
    const { plan, config } = planOf(shipped.replace('dns: private-hosted-zones', 'dns: route53-profile'));
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.spokes).toBe(2);
    expect(hub.centralized.lines.find((l) => l.item === 'Route 53 Profile')?.usd).toBe(730 * 0.75);
    expect(hub.breakEvenSpokes).not.toBeNull();
  });
  it('adds the per-association fee only beyond 100 associations of a profile', () => {
    const { plan, config } = planOf(shipped.replace('dns: private-hosted-zones', 'dns: route53-profile'));
    const [hub] = plan.hubs;
    const spokes = Array.from({ length: 103 }, (_, i) => ({ ...plan.spokes[0], name: `s${i}`, hub: hub.name }));
    const [cost] = estimateCost({ ...plan, spokes }, priceTable(config.prices)).hubs;
    expect(cost.centralized.lines.find((l) => l.item === 'Route 53 Profile')?.usd).toBeCloseTo(730 * (0.75 + 3 * 0.0014), 2);
  });
  it('has no zone line in endpoint-url mode', () => {
    const { plan, config } = planOf(shipped.replace('dns: private-hosted-zones', 'dns: endpoint-url'));
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.zones).toBe(0);
    expect(hub.centralized.lines.map((l) => l.item)).not.toContain('private hosted zones');
  });
});

describe('formatUsd', () => {
  it('writes dollars with two decimals and thousands separators', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(-2)).toBe('-$2.00');
  });
});
