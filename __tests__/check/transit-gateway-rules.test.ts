/** VH-TGW-001..003 and the transit gateway paths of VH-SG-003 (issue 10). */
import path from 'node:path';
import { configFacts } from '../../src/analysis/config-facts';
import { sgSpokeSources } from '../../src/analysis/rules/security-group-ingress';
import { resolverOpenToDeclared, tgwNoDefaultRouting, tgwNoSpokeToSpoke, tgwRouteWaitsForPath } from '../../src/analysis/rules/transit-gateway';
import { buildTree } from '../../src/analysis/tree';
import { MIGRATION_STEPS } from '../support/peering-migration-steps';
import { synthText } from '../support/synth';
import { loadConfigFile } from '../../src/config/load';
import { PROJECT_ROOT } from '../support/synth';
import { addResource, body, example, flagged, messages, mutated } from './support/trees';

const TGW = 'examples/transit-gateway/vpce-hub.yaml';
const HYBRID = 'examples/hybrid/vpce-hub.yaml';
const facts = (file: string) => configFacts(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
const PROPAGATION = 'aws_ec2_transit_gateway_route_table_propagation';

describe('VH-TGW-001 no spoke-to-spoke path through a transit gateway route table', () => {
  const tgw = example(TGW);
  const hybrid = example(HYBRID);

  it('passes both transit gateway examples', () => {
    expect(flagged(tgwNoSpokeToSpoke, tgw.tree)).toEqual([]);
    expect(flagged(tgwNoSpokeToSpoke, hybrid.tree)).toEqual([]);
  });

  it("flags a spoke attachment propagating into the spokes route table (existing table, by id)", () => {
    const t = mutated(tgw.stacks, (s) => addResource(s, 'analytics', `${PROPAGATION}.leak`, { ...body(s, 'analytics', `${PROPAGATION}.spoke_analytics-prod_to_hub`), transit_gateway_route_table_id: 'tgw-rtb-0fedcba9876543210' }));
    // Every spoke associated with the spokes table (the three of them) now shares a table with analytics-prod's routes.
    expect(messages(tgwNoSpokeToSpoke, t)).toEqual([
      'puts aws_ec2_transit_gateway_vpc_attachment.spoke_analytics-prod (stack analytics) into the route table that spoke attachment aws_ec2_transit_gateway_vpc_attachment.spoke_payments-prod (stack payments) is associated with (aws_ec2_transit_gateway_route_table_association.spoke_payments-prod): the two can reach each other',
      'puts aws_ec2_transit_gateway_vpc_attachment.spoke_analytics-prod (stack analytics) into the route table that spoke attachment aws_ec2_transit_gateway_vpc_attachment.spoke_tools (stack shared-services-spokes) is associated with (aws_ec2_transit_gateway_route_table_association.spoke_tools): the two can reach each other',
    ]);
  });

  it('flags a spoke associated with the hub route table (created table, through remote state)', () => {
    const t = mutated(hybrid.stacks, (s) => (body(s, 'payments', 'aws_ec2_transit_gateway_route_table_association.spoke_payments-prod').transit_gateway_route_table_id = '${data.terraform_remote_state.remote_state_network.outputs.hub_main_transit_gateway_route_table_hub}'));
    expect(flagged(tgwNoSpokeToSpoke, t)).toEqual(['analytics/aws_ec2_transit_gateway_route_table_propagation.spoke_analytics-prod_to_hub']);
  });
});

describe('VH-TGW-002 a created transit gateway has default association and propagation off', () => {
  const hybrid = example(HYBRID);

  it('passes the hybrid example', () => {
    expect(flagged(tgwNoDefaultRouting, hybrid.tree)).toEqual([]);
  });

  it('flags either default left on, or unset', () => {
    const t = mutated(hybrid.stacks, (s) => {
      const b = body(s, 'network', 'aws_ec2_transit_gateway.hub_main');
      b.default_route_table_association = 'enable';
      delete b.default_route_table_propagation;
    });
    expect(messages(tgwNoDefaultRouting, t)).toEqual([
      'default_route_table_association is "enable"; set it to "disable"',
      'default_route_table_propagation is not set (AWS default: enable); set it to "disable"',
    ]);
  });
});

describe('VH-TGW-003 the inbound resolver admits DNS from the declared on-premises ranges only', () => {
  const hybrid = example(HYBRID);
  const RULE = 'aws_vpc_security_group_ingress_rule.hub_main_dns_udp_from_192-168-0-0_16';

  it('passes the hybrid example, with and without the config', () => {
    expect(flagged(resolverOpenToDeclared, hybrid.tree)).toEqual([]);
    expect(flagged(resolverOpenToDeclared, hybrid.tree, facts(HYBRID))).toEqual([]);
  });

  it('flags a range outside onPremises (with the config) and anywhere (always)', () => {
    const wider = mutated(hybrid.stacks, (s) => (body(s, 'network', RULE).cidr_ipv4 = '10.0.0.0/8'));
    expect(flagged(resolverOpenToDeclared, wider)).toEqual([]);
    expect(messages(resolverOpenToDeclared, wider, facts(HYBRID))).toEqual(['the ingress rule admits 10.0.0.0/8, which is not within any onPremises range of the config']);
    const open = mutated(hybrid.stacks, (s) => (body(s, 'network', RULE).cidr_ipv4 = '0.0.0.0/0'));
    expect(messages(resolverOpenToDeclared, open)).toEqual(['the ingress rule admits 0.0.0.0/0: the resolver would answer anyone who can reach it (unless the config chooses onPremises.resolverSecurityGroup: untracked)']);
  });

  it('flags a port other than 53', () => {
    const t = mutated(hybrid.stacks, (s) => (body(s, 'network', RULE).to_port = 443));
    expect(messages(resolverOpenToDeclared, t)).toEqual(['the ingress rule allows udp 53-443; an inbound resolver needs tcp and udp 53 only']);
  });
});

describe('VH-SG-003 with a transit gateway: spoke and on-premises ranges are routed back through the gateway', () => {
  it('passes both examples, with the config', () => {
    for (const file of [TGW, HYBRID]) expect(flagged(sgSpokeSources, example(file).tree, facts(file))).toEqual([]);
  });

  it('flags an on-premises rule whose range the hub does not route back to the gateway', () => {
    const hybrid = example(HYBRID);
    const t = mutated(hybrid.stacks, (s) => {
      const r = s.network as { resource: Record<string, Record<string, unknown>> };
      delete r.resource.aws_route['hub_main_endpoints_to_on_premises_192-168-0-0_16'];
    });
    expect(messages(sgSpokeSources, t)).toEqual([
      "the ingress rule admits 192.168.0.0/16, which the hub does not route over any peering connection or transit gateway of this VPC and which is not the VPC's own range (a client range of the config? run check with --config)",
    ]);
  });
});

describe('VH-TGW-004 a route over a transit gateway waits for its attachment\'s association and propagation (issue 16)', () => {
  const ORG = 'examples/organization-transit-gateway/vpce-hub.yaml';

  it('passes every transit gateway example and each step of the migration from peering', () => {
    for (const file of [TGW, HYBRID, ORG]) expect(flagged(tgwRouteWaitsForPath, example(file).tree)).toEqual([]);
    for (const text of Object.values(MIGRATION_STEPS)) {
      const s = synthText(text);
      try {
        expect(flagged(tgwRouteWaitsForPath, buildTree(s.stacks as unknown as Record<string, Record<string, unknown>>))).toEqual([]);
      } finally {
        s.cleanup();
      }
    }
  });

  it("flags a spoke's return route that waits for the association only (the hub used to switch before the spoke was propagated)", () => {
    const tgw = example(TGW);
    const ROUTE = 'aws_route.hub_main_endpoints_to_payments-prod_10-1-0-0_16';
    const t = mutated(tgw.stacks, (s) => (body(s, 'payments', ROUTE).depends_on = ['aws_ec2_transit_gateway_route_table_association.spoke_payments-prod']));
    expect(flagged(tgwRouteWaitsForPath, t)).toEqual([`payments/${ROUTE}`]);
    expect(messages(tgwRouteWaitsForPath, t)[0]).toMatch(/^routes 10\.1\.0\.0\/16 to the transit gateway without depends_on on the association and propagation of its attachment/);
  });

  it("flags an on-premises route of the hub that waits for nothing", () => {
    const hybrid = example(HYBRID);
    const t = mutated(hybrid.stacks, (s) => delete body(s, 'network', 'aws_route.hub_main_endpoints_to_on_premises_192-168-0-0_16').depends_on);
    expect(flagged(tgwRouteWaitsForPath, t)).toEqual(['network/aws_route.hub_main_endpoints_to_on_premises_192-168-0-0_16']);
  });
});
