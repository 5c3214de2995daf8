/** The destructive-change gate: what it stops, how it says why, and how a person lets it through. */
import type { ChangeAction, ResourceChange, StackChanges } from '../../src/review/changes';
import { consequenceOf, GATED_TYPES } from '../../src/review/consequences';
import { FORCE_NEW } from '../../src/review/force-new';
import { ACKNOWLEDGEMENT, suggestAcknowledgements } from '../../src/review/acknowledgements';
import { evaluateGate } from '../../src/review/gate';

const change = (stack: string, address: string, action: ChangeAction, before: Record<string, string> = {}): ResourceChange => {
  const [type, name] = address.split('.');
  return { stack, address, type, name, action, attributes: [], before };
};
const stacks = (...changes: ResourceChange[]): StackChanges[] => {
  const names = [...new Set(changes.map((c) => c.stack))];
  return names.map((stack) => ({ stack, status: 'existing', source: 'synth-diff', changes: changes.filter((c) => c.stack === stack) }));
};

const ZONE = 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com';

describe('evaluateGate', () => {
  it('blocks the replacement of a hosted zone and says it is a DNS outage that create-before-destroy cannot avoid', () => {
    const gate = evaluateGate(stacks(change('network', ZONE, 'replace', { name: 'sqs.us-east-1.amazonaws.com' })), []);
    expect(gate.blocked).toBe(true);
    expect(gate.changes).toHaveLength(1);
    expect(gate.changes[0].consequence).toMatch(/^a DNS outage for every spoke: sqs\.us-east-1\.amazonaws\.com stops resolving privately/);
    expect(gate.changes[0].consequence).toContain('bypass the endpoint policy');
    expect(gate.changes[0].consequence).toContain('create-before-destroy is impossible for a zone');
  });

  it.each([
    ['aws_route53_record.hub_main_sqs_apex', /NXDOMAIN/],
    ['aws_vpc_endpoint.hub_main_sqs', /private access/],
    ['aws_vpc_peering_connection.hub_main_to_payments-prod', /loses every hub endpoint/],
    ['aws_vpc_peering_connection_accepter.spoke_payments-prod', /peering/],
    ['aws_route53_zone_association.spoke_payments-prod_sqs', /stops resolving the zone privately/],
    ['aws_route53_vpc_association_authorization.hub_main_sqs_for_payments-prod', /can no longer associate/],
    ['aws_route53profiles_association.spoke_payments-prod', /stops resolving every hub service/],
    ['aws_route.spoke_payments-prod_rtb-0a_to_hub_main', /no route/],
    ['aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_10-1-0-0_16', /stop accepting HTTPS/],
    ['aws_vpc.hub_main', /outage of every service/],
  ])('gates destroying %s', (address, wording) => {
    const gate = evaluateGate(stacks(change('network', address, 'delete')), []);
    expect(gate.blocked).toBe(true);
    expect(gate.changes[0].consequence).toMatch(wording);
  });

  it("names an IPv6 route's or rule's own block, not 'the other side' or 'the spoke CIDR'", () => {
    const route = evaluateGate(stacks(change('payments', 'aws_route.hub_main_endpoints_to_payments-prod_2600-1f18-abcd-3400--_56', 'delete', { route_table_id: 'rtb-0a', destination_ipv6_cidr_block: '2600:1f18:abcd:3400::/56', vpc_peering_connection_id: 'pcx-1' })), []);
    expect(route.changes[0].consequence).toMatch(/no route to 2600:1f18:abcd:3400::\/56 over the peering/);
    const rule = evaluateGate(stacks(change('payments', 'aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_2600-1f18-abcd-3400--_56', 'delete', { cidr_ipv6: '2600:1f18:abcd:3400::/56' })), []);
    expect(rule.changes[0].consequence).toMatch(/accepting HTTPS from 2600:1f18:abcd:3400::\/56/);
  });

  it('lets creates and updates through', () => {
    const gate = evaluateGate(stacks(change('network', ZONE, 'create'), change('network', 'aws_vpc_endpoint.hub_main_sqs', 'update')), []);
    expect(gate).toEqual({ blocked: false, changes: [], unmatched: [], outages: [], unmatchedOutages: [] });
  });

  it('gates a replace or destroy of every resource type vpce-hub emits (the ForceNew table lists them all), each with its own words', () => {
    const missing = Object.keys(FORCE_NEW).filter((type) => !(type in GATED_TYPES));
    expect(missing).toEqual([]);
    for (const type of Object.keys(FORCE_NEW)) {
      for (const action of ['replace', 'delete'] as const) {
        const gate = evaluateGate(stacks(change('network', `${type}.x`, action)), []);
        expect(gate.blocked).toBe(true);
        expect(gate.changes[0].consequence.length).toBeGreaterThan(40);
      }
    }
  });

  it.each([
    ['aws_ec2_transit_gateway_vpc_attachment.hub_main', /blackhole/],
    ['aws_ec2_transit_gateway.hub_main', /every spoke and on-premises client loses every hub endpoint/],
    ['aws_ec2_transit_gateway_route_table_association.spoke_payments-prod', /forwards nothing/],
    ['aws_ec2_transit_gateway_route_table_propagation.spoke_payments-prod_to_hub', /no longer learns/],
    ['aws_route53_resolver_endpoint.hub_main_inbound', /on-premises/],
    ['aws_ram_principal_association.hub_main_profile_payments', /no longer shared/],
    ['aws_subnet.hub_main_endpoints_us-east-1a', /Availability Zone/],
    ['aws_flow_log.hub_main_flow_log', /no spoke traffic is affected/],
  ])('says what replacing %s means', (address, wording) => {
    const gate = evaluateGate(stacks(change('network', address, 'replace')), []);
    expect(gate.changes[0].consequence).toMatch(wording);
  });

  it('accepts a stack-qualified or a bare address as acknowledgement, and reports allowances that match nothing', () => {
    const set = stacks(change('network', ZONE, 'replace'), change('payments', 'aws_route53_zone_association.spoke_payments-prod_sqs', 'delete'));
    expect(evaluateGate(set, [`network/${ZONE}`]).blocked).toBe(true);
    const gate = evaluateGate(set, [`network/${ZONE}`, 'aws_route53_zone_association.spoke_payments-prod_sqs', 'payments/aws_vpc.typo']);
    expect(gate.blocked).toBe(false);
    expect(gate.changes.every((c) => c.acknowledged)).toBe(true);
    expect(gate.unmatched).toEqual(['payments/aws_vpc.typo']);
    // The stack qualifier must match: the zone is in network, not payments.
    expect(evaluateGate(set, [`payments/${ZONE}`, 'aws_route53_zone_association.spoke_payments-prod_sqs']).blocked).toBe(true);
  });

  it('marks changes of a stack the current tree no longer has', () => {
    const gate = evaluateGate([{ stack: 'payments', status: 'removed', source: 'synth-diff', changes: [change('payments', 'aws_route.spoke_x_rtb-0a_to_hub_main', 'delete')] }], []);
    expect(gate.changes[1]).toMatchObject({ stackRemoved: true, acknowledged: false });
  });

  it('gates a provider configuration a stack loses while its base had resources under it', () => {
    const existing = [{ stack: 'payments', status: 'existing' as const, source: 'synth-diff' as const, changes: [] }];
    const orphaned = [{ stack: 'payments', providerKey: 'aws.eu_west_3', region: 'eu-west-3', resources: 2 }];
    const gate = evaluateGate(existing, [], orphaned);
    expect(gate.blocked).toBe(true);
    expect(gate.changes).toEqual([expect.objectContaining({ stack: 'payments', address: 'provider.aws.eu_west_3', type: 'provider', acknowledged: false })]);
    expect(gate.changes[0].consequence).toMatch(/2 of its resources were created with it: Terraform cannot destroy them without it/);
    expect(evaluateGate(existing, ['payments/provider.aws.eu_west_3'], orphaned)).toMatchObject({ blocked: false, unmatched: [] });
  });

  it('gates a removed stack as a whole, whatever it holds, until <stack>/* acknowledges it', () => {
    const removed = [{ stack: 'payments', status: 'removed' as const, source: 'synth-diff' as const, changes: [change('payments', 'aws_flow_log.x', 'delete')] }];
    const gate = evaluateGate(removed, []);
    expect(gate.blocked).toBe(true);
    expect(gate.changes[0]).toEqual(expect.objectContaining({ stack: 'payments', address: '*', type: 'stack', action: 'delete', stackRemoved: true, acknowledged: false }));
    // What it holds is listed too; the one line acknowledges all of it.
    expect(gate.changes.slice(1)).toEqual([expect.objectContaining({ stack: 'payments', address: 'aws_flow_log.x', stackRemoved: true })]);
    expect(gate.changes[0].consequence).toMatch(/npx cdktf destroy payments/);
    expect(evaluateGate(removed, ['payments/*'])).toMatchObject({ blocked: false, unmatched: [] });
  });

  it('words nothing for changes that are not destructive', () => {
    expect(consequenceOf(change('network', ZONE, 'update'))).toBeUndefined();
  });

  describe('patterns', () => {
    const association = (stack: string, spoke: string, zone: string, hub: string) => ({
      ...change(stack, `aws_route53_zone_association.spoke_${spoke}_${zone}`, 'delete'),
      before: { zone_id: `\${data.terraform_remote_state.remote_state_network.outputs.hub_${hub}_zone_${zone}}` },
    });
    const set = stacks(
      association('payments', 'payments-prod', 'sqs', 'main'),
      association('payments', 'payments-dev', 'sqs', 'main'),
      association('analytics', 'analytics-prod', 'sqs', 'main-2'),
      change('network', ZONE, 'replace'),
    );

    it('every gated change of one type in a stack', () => {
      const gate = evaluateGate(set, ['payments/aws_route53_zone_association.*']);
      expect(gate.changes.filter((c) => c.acknowledged).map((c) => c.address)).toEqual(['aws_route53_zone_association.spoke_payments-prod_sqs', 'aws_route53_zone_association.spoke_payments-dev_sqs']);
    });

    it('every association of one spoke, in any stack', () => {
      const gate = evaluateGate(set, ['aws_route53_zone_association.spoke_payments-dev_*']);
      expect(gate.changes.filter((c) => c.acknowledged).map((c) => c.address)).toEqual(['aws_route53_zone_association.spoke_payments-dev_sqs']);
    });

    it('every association of one hub, by the hub outputs it reads or the hub its address names', () => {
      const gate = evaluateGate(set, ['hub=main/aws_route53_zone_association.*', 'hub=main/aws_route53_zone.*']);
      // hub main-2 is another hub: `hub_main_` never matches `hub_main-2_`.
      expect(gate.changes.filter((c) => !c.acknowledged).map((c) => `${c.stack}/${c.address}`)).toEqual(['analytics/aws_route53_zone_association.spoke_analytics-prod_sqs']);
      expect(gate.unmatched).toEqual([]);
    });

    it('a pattern that matches nothing is reported', () => {
      expect(evaluateGate(set, ['billing/aws_route53_zone_association.*']).unmatched).toEqual(['billing/aws_route53_zone_association.*']);
    });
  });
});

describe('suggestAcknowledgements', () => {
  const c = (stack: string, address: string) => ({ stack, address });
  it('the coarsest pattern that covers exactly the open changes, exact addresses otherwise', () => {
    const open = [c('payments', 'aws_route53_zone_association.a'), c('payments', 'aws_route53_zone_association.b'), c('network', 'aws_route53_zone.z')];
    expect(suggestAcknowledgements(open, open)).toEqual(['aws_route53_zone_association.*', 'network/aws_route53_zone.z']);
    // Another stack's association is not open: the pattern narrows to the stack.
    expect(suggestAcknowledgements(open, [...open, c('billing', 'aws_route53_zone_association.x')])).toEqual(['network/aws_route53_zone.z', 'payments/aws_route53_zone_association.*']);
    // One association of the stack is already acknowledged: a pattern would cover it too, so exact ones.
    const all = [...open, c('payments', 'aws_route53_zone_association.c')];
    expect(suggestAcknowledgements(open, all)).toEqual(['network/aws_route53_zone.z', 'payments/aws_route53_zone_association.a', 'payments/aws_route53_zone_association.b']);
  });
});

describe('suggestAcknowledgements at the scale of a service removed', () => {
  it('one line for everything one service takes with it, in every stack', () => {
    const c = (stack: string, address: string) => ({ stack, address });
    const spokes = Array.from({ length: 30 }, (_, i) => `spoke-${i}`);
    const service = (svc: string) => [
      c('network', `aws_vpc_endpoint.hub_main_${svc}`),
      c('network', `aws_route53_zone.hub_main_${svc}_us-east-1_amazonaws_com`),
      c('network', `aws_route53_record.hub_main_${svc}_us-east-1_amazonaws_com_apex`),
      ...spokes.flatMap((s, i) => [c(`team-${i % 10}`, `aws_route53_zone_association.spoke_${s}_${svc}_us-east-1_amazonaws_com`), c(`team-${i % 10}`, `aws_route53_vpc_association_authorization.hub_main_${svc}_us-east-1_amazonaws_com_for_${s}`)]),
    ];
    const removed = service('sqs');
    const acknowledgedBefore = service('sts');
    expect(suggestAcknowledgements(removed, removed)).toEqual(['*.*sqs*']);
    // Other gated changes (acknowledged already) keep the pattern from widening to a type or a hub.
    expect(suggestAcknowledgements(removed, [...removed, ...acknowledgedBefore])).toEqual(['*.*sqs*']);
  });
});

describe('acknowledgement patterns for removed stacks and lost providers', () => {
  it('the CI parser accepts them and suggestions name a removed stack as <stack>/*', () => {
    expect(ACKNOWLEDGEMENT.test('payments/*')).toBe(true);
    expect(ACKNOWLEDGEMENT.test('payments/provider.aws.us_east_1')).toBe(true);
    expect(ACKNOWLEDGEMENT.test('$(rm -rf /)')).toBe(false);
    expect(suggestAcknowledgements([{ stack: 'old', address: '*' }], [{ stack: 'old', address: '*' }])).toEqual(['old/*']);
  });
});
