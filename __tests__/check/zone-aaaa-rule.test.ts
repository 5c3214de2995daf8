/** VH-DNS-010: the zones of a dual-stack endpoint answer AAAA beside A (issue 20). */
import { RULES } from '../../src/analysis/rules';
import { sgSpokeSources } from '../../src/analysis/rules/security-group-ingress';
import { zoneAaaaForDualStack } from '../../src/analysis/rules/zone-aaaa';
import { body, EXAMPLES, example, flagged, messages, mutated, removeResource, SHIPPED } from './support/trees';

const DUAL = 'examples/dual-stack/vpce-hub.yaml';
const { stacks, tree, facts } = example(DUAL);
const STS_APEX = 'aws_route53_record.hub_main_sts_us-east-1_amazonaws_com_apex';
const SQS_APEX = 'aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex';

describe('VH-DNS-010 a dual-stack endpoint answers AAAA beside A', () => {
  it('passes the dual-stack example, the shipped example and every IPv4 example', () => {
    expect(flagged(zoneAaaaForDualStack, tree)).toEqual([]);
    for (const file of [SHIPPED, ...EXAMPLES]) expect(flagged(zoneAaaaForDualStack, example(file).tree)).toEqual([]);
  });

  it('flags the A record of a dual-stack endpoint whose AAAA twin is missing', () => {
    const t = mutated(stacks, (s) => removeResource(s, 'network', `${STS_APEX}_aaaa`));
    expect(flagged(zoneAaaaForDualStack, t)).toEqual([`network/${STS_APEX}`]);
    expect(messages(zoneAaaaForDualStack, t)).toEqual([
      'sts.us-east-1.amazonaws.com aliases dual-stack endpoint aws_vpc_endpoint.hub_main_sts with an A record only: add the alias AAAA record, or IPv6 clients get no address',
    ]);
  });

  it('flags an AAAA twin that aliases another endpoint than its A record', () => {
    const t = mutated(stacks, (s) => {
      body(s, 'network', `${STS_APEX}_aaaa`).alias = { evaluate_target_health: true, name: '${aws_vpc_endpoint.hub_main_kms.dns_entry[0].dns_name}', zone_id: '${aws_vpc_endpoint.hub_main_kms.dns_entry[0].hosted_zone_id}' };
    });
    expect(flagged(zoneAaaaForDualStack, t)).toEqual([`network/${STS_APEX}`]);
  });

  it('flags an AAAA alias to an endpoint that has no AAAA records', () => {
    const t = mutated(stacks, (s) => {
      const twin = structuredClone(body(s, 'network', SQS_APEX));
      twin.type = 'AAAA';
      (s.network.resource as Record<string, Record<string, unknown>>).aws_route53_record['hub_main_sqs_us-east-1_amazonaws_com_apex_aaaa'] = twin;
    });
    expect(flagged(zoneAaaaForDualStack, t)).toEqual([`network/${SQS_APEX}_aaaa`]);
    expect(messages(zoneAaaaForDualStack, t)[0]).toMatch(/is an AAAA alias to aws_vpc_endpoint.hub_main_sqs, which has no AAAA records/);
  });

  it('treats an endpoint whose records stay IPv4 (dns_record_ip_type ipv4) as one without AAAA records', () => {
    const t = mutated(stacks, (s) => {
      body(s, 'network', 'aws_vpc_endpoint.hub_main_sts').dns_options = { dns_record_ip_type: 'ipv4' };
    });
    expect(flagged(zoneAaaaForDualStack, t)).toEqual([`network/${STS_APEX}_aaaa`]);
  });
});

describe('the rule pack on a dual-stack tree', () => {
  it('finds no error in the dual-stack example, with and without the config', () => {
    const errors = (withFacts: boolean) => RULES.flatMap((r) => r.check(tree, withFacts ? facts : undefined)).filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.resource}`);
    expect(errors(true)).toEqual([]);
    expect(errors(false)).toEqual([]);
  });

  it('holds IPv6 ingress to the spokes routed back (VH-SG-003): an IPv6 block no route and no spoke names is flagged', () => {
    const RULE = 'aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_2600-1f18-abcd-3400--_56';
    const t = mutated(stacks, (s) => (body(s, 'payments', RULE).cidr_ipv6 = '2600:1f18:dead:beef::/64'));
    expect(flagged(sgSpokeSources, t, facts)).toEqual([`payments/${RULE}`]);
    expect(flagged(sgSpokeSources, t)).toEqual([`payments/${RULE}`]);
  });
});
