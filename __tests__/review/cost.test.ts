/** The cost estimate: the arithmetic on the shipped example, the break-even, and config overrides. */
import { breakEven, estimateCost, formatUsd } from '../../src/review/cost';
import { gatewayServiceCostNotes, hubCostSummary } from '../../src/review/format-shared';
import { PRICES, priceTable, pricesOverrideSchema } from '../../src/catalogue/prices';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT } from '../support/synth';
import { buildPlan } from '../../src/planning/build-plan';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const shipped = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');
const planOf = (text: string) => {
  const { config } = parseConfigText(text);
  return { plan: buildPlan(config), config };
};

describe('estimateCost on the shipped example (6 services x 2 AZs, 8 zones, 2 spokes, us-east-1 list prices)', () => {
  const { plan, config } = planOf(shipped);
  const cost = estimateCost(plan, priceTable(config.prices));
  const [hub] = cost.hubs;
  const item = (lines: Array<{ item: string; usd: number }>, name: string) => lines.find((l) => l.item === name)?.usd;

  it('prices the hub endpoints as endpoints x AZs x 730 h x $0.01', () => {
    expect(item(hub.centralized.lines, 'interface endpoints')).toBe(87.6);
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
    expect(item(hub.centralized.lines, 'private hosted zones')).toBe(4);
  });
  it('prices one set per VPC as spokes x endpoints x AZs x 730 h x $0.01', () => {
    expect(item(hub.perVpc.lines, 'interface endpoints in every spoke')).toBe(175.2);
  });
  it('charges the hub VPC flow logs (on by default, to CloudWatch Logs) at 1 GB per spoke x $0.50', () => {
    expect(item(hub.centralized.lines, 'hub VPC flow logs (CloudWatch Logs)')).toBe(2 * 1 * 0.5);
  });
  it('adds up, and finds the hub cheaper from 2 spokes', () => {
    expect(hub.centralized.total).toBe(96.6);
    expect(hub.perVpc.total).toBe(177.2);
    expect(hub.savings).toBe(80.6);
    // fixed 87.6 + 4 = 91.6; per spoke: own endpoints 87.6 vs 1 of transfer over the peering + 0.5 of flow logs.
    expect(hub.breakEvenSpokes).toBe(2);
    expect(cost.total).toEqual({ centralized: 96.6, perVpc: 177.2, savings: 80.6 });
  });
  it('says which region it priced the hub at', () => {
    expect(hub.pricedAt).toBe('us-east-1');
  });
  it("says nothing against s3 kept as ecr.dkr's companion (image layers come from S3), as validate does not", () => {
    // The shipped example centralizes s3 for ecr.dkr: the note would undo validate's CompanionMissing fix.
    expect(hub.gatewayServices).toEqual([]);
    expect(gatewayServiceCostNotes(hub)).toEqual([]);
    expect(parseConfigText(shipped).findings.map((f) => f.code)).not.toContain('GatewayServiceCentralized');
    // Without ecr.dkr, both warn.
    const s3Only = shipped.replace('services: [sqs, sts, ssm, ecr.api, ecr.dkr, s3]', 'services: [sqs, ecr.api, s3]');
    const { plan, config } = planOf(s3Only);
    expect(gatewayServiceCostNotes(estimateCost(plan, priceTable(config.prices)).hubs[0])).toEqual([expect.stringContaining('hub main centralizes s3')]);
    expect(parseConfigText(s3Only).findings.map((f) => f.code)).toContain('GatewayServiceCentralized');
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
    expect(hub.centralized.lines.find((l) => l.item === 'interface endpoints')?.usd).toBe(175.2);
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
    const { plan, config } = planOf(`${shipped.replace('dns: private-hosted-zones', 'dns: route53-profile')}\nramSharing: { shareWith: accounts, organizationSharing: enabled }\n`);
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.spokes).toBe(2);
    expect(hub.centralized.lines.find((l) => l.item === 'Route 53 Profile')?.usd).toBe(730 * 0.75);
    expect(hub.breakEvenSpokes).not.toBeNull();
  });
  it('adds the per-association fee only beyond 100 associations of a profile', () => {
    const { plan, config } = planOf(`${shipped.replace('dns: private-hosted-zones', 'dns: route53-profile')}\nramSharing: { shareWith: accounts, organizationSharing: enabled }\n`);
    const [hub] = plan.hubs;
    const spokes = Array.from({ length: 103 }, (_, i) => ({ ...plan.spokes[0], name: `s${i}`, hub: hub.name }));
    const [cost] = estimateCost({ ...plan, spokes }, priceTable(config.prices)).hubs;
    expect(cost.centralized.lines.find((l) => l.item === 'Route 53 Profile')?.usd).toBeCloseTo(730 * (0.75 + 3 * 0.0014), 2);
  });
  it('prices flow logs delivered to an S3 bucket at the S3 vended-logs price, and none when they are off', () => {
    const withFlowLogs = (yaml: string) => shipped.replace('      availabilityZones: [us-east-1a, us-east-1b]\n', `      availabilityZones: [us-east-1a, us-east-1b]\n      flowLogs: ${yaml}\n`);
    const toS3 = planOf(withFlowLogs('{ destinationArn: "arn:aws:s3:::acme-flow-logs" }'));
    expect(toS3.plan.hubs[0].flowLogs?.destinationArn).toBe('arn:aws:s3:::acme-flow-logs');
    const [s3Hub] = estimateCost(toS3.plan, priceTable(toS3.config.prices)).hubs;
    expect(s3Hub.centralized.lines.find((l) => l.item === 'hub VPC flow logs (S3)')?.usd).toBe(2 * 1 * 0.25);
    const off = planOf(withFlowLogs('{ enabled: false }'));
    const [offHub] = estimateCost(off.plan, priceTable(off.config.prices)).hubs;
    expect(offHub.centralized.lines.map((l) => l.item).filter((i) => i.includes('flow logs'))).toEqual([]);
  });
  it('labels a hub outside us-east-1 as priced at us-east-1 rates, in the table', () => {
    const { plan, config } = planOf(shipped.replace(/us-east-1/g, 'eu-west-1'));
    const report = { cost: estimateCost(plan, priceTable(config.prices)) };
    expect(report.cost.hubs[0]).toMatchObject({ region: 'eu-west-1', pricedAt: 'us-east-1' });
    expect(hubCostSummary(report.cost.hubs[0])).toContain("priced at us-east-1 rates, not eu-west-1's");
  });
  it('flags a centralized s3: endpoint hours and the per-GB price that gateway endpoints would not cost', () => {
    const { plan, config } = planOf(shipped.replace('services: [sqs, sts, ssm, ecr.api, ecr.dkr, s3]', 'services: [sqs, s3]'));
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    // 1 endpoint x 2 AZs x 730 h x $0.01; $0.01 processing + 50% x 2 x $0.01 cross-AZ per GB.
    expect(hub.gatewayServices).toEqual([{ service: 's3', endpointUsd: 14.6, perGbUsd: 0.02 }]);
    expect(gatewayServiceCostNotes(hub)).toEqual([expect.stringContaining('while S3 gateway endpoints, one in each spoke VPC, cost nothing')]);
  });
  it('flags a centralized dynamodb the same way: it has a free gateway endpoint too', () => {
    const { plan, config } = planOf(shipped.replace('services: [sqs, sts, ssm, ecr.api, ecr.dkr, s3]', 'services: [sqs, dynamodb]'));
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.gatewayServices).toEqual([{ service: 'dynamodb', endpointUsd: 14.6, perGbUsd: 0.02 }]);
    const [note] = gatewayServiceCostNotes(hub);
    expect(note).toContain('hub main centralizes dynamodb');
    expect(note).toContain('every GB of DynamoDB traffic');
    expect(note).toContain('DynamoDB gateway endpoints, one in each spoke VPC, cost nothing');
  });
  it('flags nothing for a hub without gateway services', () => {
    const { plan, config } = planOf(shipped.replace('services: [sqs, sts, ssm, ecr.api, ecr.dkr, s3]', 'services: [sqs, sts]'));
    const [hub] = estimateCost(plan, priceTable(config.prices)).hubs;
    expect(hub.gatewayServices).toEqual([]);
    expect(gatewayServiceCostNotes(hub)).toEqual([]);
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

describe('transit gateway hubs (issue 10)', () => {
  const hubCostOf = (file: string) => estimateCost(buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config), priceTable(undefined)).hubs[0];

  it('prices attachment-hours and per-GB processing instead of cross-AZ peering, and the resolver per AZ', () => {
    const h = hubCostOf('examples/hybrid/vpce-hub.yaml');
    const items = h.centralized.lines.map((l) => l.item);
    expect(items).toEqual(expect.arrayContaining(['transit gateway attachments', 'transit gateway data processing', 'Route 53 Resolver inbound endpoint']));
    expect(items).not.toContain('inter-AZ transfer over peering');
    // 2 spokes + the hub, 730 h, $0.05; 2 x 100 GB x $0.02; 2 ENIs x 730 h x $0.125.
    expect(h.centralized.lines.find((l) => l.item === 'transit gateway attachments')?.usd).toBe(109.5);
    expect(h.centralized.lines.find((l) => l.item === 'transit gateway data processing')?.usd).toBe(4);
    expect(h.centralized.lines.find((l) => l.item === 'Route 53 Resolver inbound endpoint')?.usd).toBe(182.5);
  });

  it('states what the gateway costs against the same hub over peering, per month and per spoke', () => {
    const h = hubCostOf('examples/hybrid/vpce-hub.yaml');
    // Per spoke: 730 h x $0.05 + 100 GB x $0.02 = $38.50, against 100 GB x 50% x 2 x $0.01 = $1.00 over peering.
    expect(h.peering).toEqual({ total: 263, extra: 111.5, extraPerSpoke: 37.5 });
    expect(h.breakEvenSpokes).toBe(9);
  });

  it('leaves peering hubs as they were', () => {
    const h = hubCostOf('examples/endpoint-url/vpce-hub.yaml');
    expect(h.peering).toBeUndefined();
    expect(h.centralized.lines.map((l) => l.item)).toContain('inter-AZ transfer over peering');
  });
});
