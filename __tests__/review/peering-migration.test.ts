/**
 * Peering -> transit gateway on a running deployment (issue 16, section 4), three pull requests, each
 * reviewed: step 1 only adds the gateway path (routes stay on the peerings), step 2 only moves routes in
 * place (each after its attachment, association and propagation), step 3 only destroys peerings nothing
 * routes over any more. The one-step switch (and skipping step 2) destroys the peerings in the apply that
 * moves the routes, which Terraform orders destroy-first: blocked, with the three steps as the fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import os from 'node:os';
import path from 'node:path';
import { proveReachability } from '../../src/analysis/prove';
import { buildTree } from '../../src/analysis/tree';
import { parseConfigText } from '../../src/config/load';
import type { ResourceChange } from '../../src/review/changes';
import { formatReviewMarkdown } from '../../src/review/format-markdown';
import { peeringDelete } from '../../src/review/peering-migration';
import type { ReviewReport } from '../../src/review/report';
import { runReview } from '../../src/review/run-review';
import { MIGRATION_STEPS as STEP } from '../support/peering-migration-steps';
import { resourcesOf, synthFile, synthText, type Synthesized } from '../support/synth';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-peering-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function review(current: string, base: string, allowDestroy: string[] = []): ReviewReport {
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), current);
  return runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: base, label: 'base' }, allowDestroy });
}
const changes = (r: ReviewReport): ResourceChange[] => r.stacks.flatMap((s) => s.changes);
const PEERING_TYPES = ['aws_vpc_peering_connection', 'aws_vpc_peering_connection_accepter'];
/** Routes of the pairs: two spoke route tables of payments-prod + one of analytics-prod (x1 hub CIDR), hub returns for 1 + 2 spoke CIDRs. */
const PAIR_ROUTES = 3 + 3;

describe('step 1 (peeringMigration: attach)', () => {
  it('only adds the gateway path: nothing gated, no route touched, every peering kept', () => {
    const r = review(STEP.attach, STEP.peering);
    expect(r.gate.changes).toEqual([]);
    expect(r.exitCode).toBe(0);
    const all = changes(r);
    expect(all.filter((c) => c.action !== 'create')).toEqual([]);
    expect(all.filter((c) => c.type === 'aws_route' || PEERING_TYPES.includes(c.type))).toEqual([]);
    for (const spoke of ['payments-prod', 'analytics-prod']) {
      for (const type of ['aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_ec2_transit_gateway_route_table_association']) {
        expect(all.some((c) => c.address === `${type}.spoke_${spoke}`)).toBe(true);
      }
    }
    expect(r.migration).toEqual([expect.stringMatching(/^hub main, step 1 of 3: .* set peeringMigration: move-routes\.$/)]);
    expect(formatReviewMarkdown(r)).toContain('Peering to transit gateway: hub main, step 1 of 3');
  });

  it('proves the peering path now and the prepared gateway path, and breaks the cell when the gateway path is not ready', () => {
    const ok = proofOf(STEP.attach);
    expect(ok.summary.broken).toBe(0);
    const broken = proofOf(STEP.attach, (stacks) => delete stacks.payments.resource?.aws_ec2_transit_gateway_vpc_attachment_accepter);
    const cell = broken.cells.find((c) => c.spoke === 'payments-prod' && c.broken);
    expect(cell?.broken?.message).toMatch(/is never accepted.*\(the transit gateway path step 2 of the migration moves the routes to\)$/);
  });
});

describe('step 2 (peeringMigration: move-routes)', () => {
  it('only moves every route in place from the peering to the gateway; the peerings stay', () => {
    const r = review(STEP.moveRoutes, STEP.attach);
    expect(r.gate.changes).toEqual([]);
    expect(r.exitCode).toBe(0);
    const all = changes(r);
    expect(all.every((c) => c.type === 'aws_route' && c.action === 'update' && c.attributes.includes('transit_gateway_id') && c.attributes.includes('vpc_peering_connection_id'))).toBe(true);
    expect(all.length).toBe(PAIR_ROUTES);
    expect(r.migration).toEqual([`hub main, step 2 of 3: ${PAIR_ROUTES} routes move in place from the peerings to the transit gateway (ReplaceRoute), each after its attachment's association and propagation, both directions in the same apply; the peerings stay, unused. Next: remove peeringMigration.`]);
  });

  it('says so when step 1 was skipped: the routes move onto a gateway path built in the same apply', () => {
    const r = review(STEP.moveRoutes, STEP.peering);
    expect(r.gate.changes).toEqual([]);
    expect(r.migration[0]).toContain('Step 1 was skipped');
  });
});

describe('step 3 (peeringMigration removed)', () => {
  it('only destroys peerings and accepters nothing routes over, gated with that consequence and acknowledged by two patterns', () => {
    const r = review(STEP.transitGateway, STEP.moveRoutes);
    const all = changes(r);
    expect(all.filter((c) => c.action !== 'delete')).toEqual([]);
    expect(new Set(all.map((c) => c.type))).toEqual(new Set(PEERING_TYPES));
    expect(r.gate.changes.length).toBe(4);
    expect(r.gate.changes.every((g) => g.consequence.startsWith('no route uses the peering any more'))).toBe(true);
    expect(r.migration).toEqual([expect.stringMatching(/^hub main, step 3 of 3: the peerings are destroyed/)]);
    const acknowledged = review(STEP.transitGateway, STEP.moveRoutes, ['hub=main/aws_vpc_peering_connection.*', 'hub=main/aws_vpc_peering_connection_accepter.*']);
    expect(acknowledged.exitCode).toBe(0);
    expect(acknowledged.gate.unmatched).toEqual([]);
  });
});

describe('the unsafe shortcuts', () => {
  it.each([
    ['peering straight to the transit gateway', STEP.peering],
    ['step 1 straight to the end (step 2 skipped)', STEP.attach],
  ])('%s: each peering destroyed in the apply that moves its routes is blocked with the three steps as the fix', (_, base) => {
    const r = review(STEP.transitGateway, base);
    expect(r.exitCode).toBe(1);
    const peerings = r.gate.changes.filter((g) => PEERING_TYPES.includes(g.type));
    expect(peerings.length).toBe(4);
    for (const g of peerings) {
      expect(g.consequence).toMatch(/^switches the spoke from peering to the transit gateway in one apply: Terraform destroys a peering before it updates the routes that used it/);
      expect(g.consequence).toContain('hubs.main.peeringMigration: attach, then move-routes, then remove it');
    }
    // Nothing else is destroyed: routes move in place, rules and zone associations are untouched.
    expect(r.gate.changes.filter((g) => !PEERING_TYPES.includes(g.type))).toEqual([]);
    expect(r.migration).toEqual([expect.stringMatching(/^hub main: switched from peering to the transit gateway in one change, which the gate blocks/)]);
  });
});

describe('every route over the gateway waits for its attachment, association and propagation (synthesized JSON)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthText(STEP.moveRoutes);
  });
  afterAll(() => s.cleanup());

  it.each([
    ['payments', 'payments-prod', ['aws_route.hub_main_endpoints_to_payments-prod_10-1-0-0_16', 'aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main', 'aws_route.spoke_payments-prod_rtb-0b1c2d3e4f5a67890_to_hub_main']],
    ['analytics', 'analytics-prod', ['aws_route.hub_main_endpoints_to_analytics-prod_10-2-0-0_16', 'aws_route.hub_main_endpoints_to_analytics-prod_100-64-0-0_20', 'aws_route.spoke_analytics-prod_rtb-0c1d2e3f4a5b67890_to_hub_main']],
  ])('stack %s: both directions of %s', (stack, spoke, routes) => {
    const r = resourcesOf(s.stacks[stack]);
    const onGateway = [...r.entries()].filter(([a, b]) => a.startsWith('aws_route.') && b.transit_gateway_id !== undefined).map(([a]) => a).sort();
    expect(onGateway).toEqual(routes);
    for (const address of routes) {
      expect({ address, depends_on: r.get(address)?.depends_on }).toEqual({ address, depends_on: [`aws_ec2_transit_gateway_route_table_association.spoke_${spoke}`, `aws_ec2_transit_gateway_route_table_propagation.spoke_${spoke}_to_hub`] });
    }
    // ...and the association waits for the owner's acceptance.
    expect(r.get(`aws_ec2_transit_gateway_route_table_association.spoke_${spoke}`)?.depends_on).toEqual([`aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_${spoke}`]);
    // The peering stays, without routes.
    expect(r.has(`aws_vpc_peering_connection.hub_main_to_${spoke}`)).toBe(true);
    expect([...r.values()].some((b) => b.vpc_peering_connection_id !== undefined && b.destination_cidr_block !== undefined)).toBe(false);
  });

  it("the hub's routes to on-premises wait for the hub attachment's association and propagation", () => {
    const hybrid = synthFile('examples/hybrid/vpce-hub.yaml');
    try {
      const r = resourcesOf(hybrid.stacks.network);
      const onPrem = [...r.entries()].filter(([a]) => a.includes('_to_on_premises_'));
      expect(onPrem.length).toBe(2);
      for (const [, b] of onPrem) expect(b.depends_on).toEqual(['aws_ec2_transit_gateway_route_table_association.hub_main', 'aws_ec2_transit_gateway_route_table_propagation.hub_main']);
    } finally {
      hybrid.cleanup();
    }
  });
});

/** The proof of a step's synthesized stacks, optionally after a change to them. */
function proofOf(text: string, change?: (stacks: Record<string, { resource?: Record<string, unknown> }>) => void) {
  const s = synthText(text);
  try {
    const stacks = s.stacks as unknown as Record<string, { resource?: Record<string, unknown> }>;
    change?.(stacks);
    return proveReachability(buildTree(stacks as unknown as Record<string, Record<string, unknown>>), parseConfigText(text).config);
  } finally {
    s.cleanup();
  }
}

describe('a dual-stack hub migrating from peering', () => {
  /** A step of the migration with the hub dual-stack (sts accepts IPv6) and payments-prod given an IPv6 block. */
  const dual = (text: string) => {
    const doc = parseDocument(text);
    doc.setIn(['hubs', 0, 'ipAddressType'], 'dualstack');
    doc.setIn(['hubs', 0, 'services'], doc.createNode(['sts']));
    doc.setIn(['spokes', 0, 'vpc', 'ipv6Cidrs'], doc.createNode(['2600:1f18:abcd:3400::/56']));
    return doc.toString();
  };

  it.each([
    ['step 1 (attach): IPv6 still over the peering', STEP.attach],
    ['step 2 (move-routes): IPv6 over the gateway', STEP.moveRoutes],
  ])('proves the IPv6 path at %s', (_label, step) => {
    const proof = proofOf(dual(step));
    const cell = proof.cells.find((c) => c.spoke === 'payments-prod' && c.service === 'sts');
    expect(cell).toMatchObject({ reachable: true, ipv6: true });
    expect(proof.summary.broken).toBe(0);
  });
});

describe('a real plan (--plan) names peerings by id, not by reference', () => {
  const change = (c: Partial<ResourceChange> & Pick<ResourceChange, 'type' | 'name' | 'action'>): ResourceChange => ({ stack: 'payments', address: `${c.type}.${c.name}`, attributes: [], ...c });
  const pcx = change({ type: 'aws_vpc_peering_connection', name: 'hub_main_to_payments-prod', action: 'delete', before: { id: 'pcx-0123456789abcdef0' } });
  const accepter = change({ type: 'aws_vpc_peering_connection_accepter', name: 'spoke_payments-prod', action: 'delete', before: { vpc_peering_connection_id: 'pcx-0123456789abcdef0' } });
  const moved = change({ type: 'aws_route', name: 'spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main', action: 'update', before: { vpc_peering_connection_id: 'pcx-0123456789abcdef0' }, after: { transit_gateway_id: 'tgw-0123456789abcdef0' } });

  it('recognizes the one-step switch from the ids in the before values', () => {
    expect(peeringDelete(pcx, [pcx, accepter, moved])).toBe('one-step');
    expect(peeringDelete(accepter, [pcx, accepter, moved])).toBe('one-step');
  });

  it('claims no harmless delete without the base being step 2, and a spoke removal keeps its ordinary consequence', () => {
    expect(peeringDelete(pcx, [pcx])).toBeUndefined();
    expect(peeringDelete(pcx, [pcx], new Set(['main']))).toBe('unrouted');
    const removed = { ...moved, action: 'delete' as const, after: undefined };
    expect(peeringDelete(pcx, [pcx, removed], new Set(['main']))).toBeUndefined();
  });
});
