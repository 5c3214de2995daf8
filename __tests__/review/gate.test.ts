/** The destructive-change gate: what it stops, how it says why, and how a person lets it through. */
import type { ChangeAction, ResourceChange, StackChanges } from '../../src/review/changes';
import { consequenceOf } from '../../src/review/consequences';
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

  it('lets creates, updates and changes of ungated types through', () => {
    const gate = evaluateGate(
      stacks(change('network', ZONE, 'create'), change('network', 'aws_vpc_endpoint.hub_main_sqs', 'update'), change('network', 'aws_subnet.hub_main_endpoints_us-east-1a', 'replace'), change('network', 'aws_flow_log.hub_main_flow_log', 'delete')),
      [],
    );
    expect(gate).toEqual({ blocked: false, changes: [], unmatched: [] });
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
    expect(gate.changes).toEqual([expect.objectContaining({ stack: 'payments', address: '*', type: 'stack', action: 'delete', stackRemoved: true, acknowledged: false })]);
    expect(gate.changes[0].consequence).toMatch(/npx cdktf destroy payments/);
    expect(evaluateGate(removed, ['payments/*'])).toMatchObject({ blocked: false, unmatched: [] });
  });

  it('words nothing for changes that are not destructive', () => {
    expect(consequenceOf(change('network', ZONE, 'update'))).toBeUndefined();
  });
});
