import { sgDescriptions } from '../../src/analysis/rules/security-group-description';
import { sgHttpsOnly, sgSpokeSources } from '../../src/analysis/rules/security-group-ingress';
import { sgNoMixedRules } from '../../src/analysis/rules/security-group-mixed';
import { sgNoEgress, sgNoEgressToAnywhere, sgNoIngressFromAnywhere } from '../../src/analysis/rules/security-group-open';
import { addResource, body, EXAMPLES, example, flagged, messages, mutated, SHIPPED } from './support/trees';

const SG = 'aws_security_group.hub_main_endpoints';
const RULE = 'aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_10-1-0-0_16';
const { stacks, tree, facts } = example(SHIPPED);

/** A standalone rule on the shipped hub's endpoint group. */
const ingress = (extra: Record<string, unknown>) => ({
  security_group_id: '${aws_security_group.hub_main_endpoints.id}',
  description: 'test rule',
  ip_protocol: 'tcp',
  from_port: 443,
  to_port: 443,
  provider: 'aws.us_east_1',
  ...extra,
});

describe('VH-SG-001 security groups and their rules have descriptions', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(sgDescriptions, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(sgDescriptions, example(file).tree)).toEqual([]);
  });

  it('flags a group without a description, or with the provider placeholder', () => {
    expect(flagged(sgDescriptions, mutated(stacks, (s) => delete body(s, 'network', SG).description))).toEqual([`network/${SG}`]);
    expect(flagged(sgDescriptions, mutated(stacks, (s) => (body(s, 'network', SG).description = 'Managed by Terraform')))).toEqual([`network/${SG}`]);
  });

  it('flags a standalone rule and an inline rule without a description', () => {
    expect(flagged(sgDescriptions, mutated(stacks, (s) => (body(s, 'payments', RULE).description = ' ')))).toEqual([`payments/${RULE}`]);
    const inline = mutated(stacks, (s) => (body(s, 'network', SG).ingress = [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.1.0.0/16'] }]));
    expect(messages(sgDescriptions, inline)).toEqual(['inline ingress[0] has no description']);
  });
});

describe('VH-SG-002 endpoint groups admit TCP 443 only', () => {
  it('passes the shipped example, and accepts protocol number 6 for tcp', () => {
    expect(flagged(sgHttpsOnly, tree)).toEqual([]);
    expect(flagged(sgHttpsOnly, mutated(stacks, (s) => (body(s, 'payments', RULE).ip_protocol = '6')))).toEqual([]);
  });

  it.each([
    ['all protocols', { ip_protocol: '-1', from_port: undefined, to_port: undefined }],
    ['a port range around 443', { from_port: 0, to_port: 65535 }],
    ['udp 443', { ip_protocol: 'udp' }],
    ['tcp 80', { from_port: 80, to_port: 80 }],
  ])('flags a rule that allows %s', (_label, change) => {
    const t = mutated(stacks, (s) => Object.assign(body(s, 'payments', RULE), change));
    expect(flagged(sgHttpsOnly, t)).toEqual([`payments/${RULE}`]);
  });
});

describe('VH-SG-003 endpoint ingress comes only from spoke CIDRs', () => {
  it('passes the shipped example and every example with the config, and without it all but what only the config can vouch for', () => {
    expect(flagged(sgSpokeSources, tree)).toEqual([]);
    expect(flagged(sgSpokeSources, tree, facts)).toEqual([]);
    for (const file of EXAMPLES) {
      const ex = example(file);
      expect(flagged(sgSpokeSources, ex.tree, ex.facts)).toEqual([]);
      // existing-hub-vpc: an on-premises client range is neither routed over peering nor in the tree (the
      // existing hub VPC's secondary CIDR is: every spoke routes it).
      const treeOnly = file.includes('existing-hub-vpc')
        ? ['network/aws_vpc_security_group_ingress_rule.hub_shared_https_from_client_range_172-16-0-0_16']
        : [];
      expect(flagged(sgSpokeSources, ex.tree)).toEqual(treeOnly);
    }
  });

  it('accepts a range inside a routed spoke CIDR', () => {
    const t = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.narrow', ingress({ cidr_ipv4: '10.1.2.0/24' })));
    expect(flagged(sgSpokeSources, t, facts)).toEqual([]);
  });

  it('flags a CIDR the hub does not route back over peering', () => {
    const t = mutated(stacks, (s) => (body(s, 'payments', RULE).cidr_ipv4 = '192.168.0.0/16'));
    expect(messages(sgSpokeSources, t)).toEqual([
      "the ingress rule admits 192.168.0.0/16, which the hub does not route over any peering connection or transit gateway of this VPC and which is not the VPC's own range (a client range of the config? run check with --config)",
    ]);
    expect(messages(sgSpokeSources, t, facts)).toEqual(["the ingress rule admits 192.168.0.0/16, which the hub does not route over any peering connection or transit gateway of this VPC and which is not the VPC's own range"]);
  });

  it("accepts the hub VPC's own range (no route needed), and a client range only when the config lists it", () => {
    const own = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.own', ingress({ cidr_ipv4: '10.0.1.0/24' })));
    expect(flagged(sgSpokeSources, own)).toEqual([]);
    const client = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.onprem', ingress({ cidr_ipv4: '192.168.10.0/24' })));
    expect(flagged(sgSpokeSources, client, { ...facts, clientCidrs: ['192.168.0.0/16'] })).toEqual([]);
    expect(flagged(sgSpokeSources, client, facts)).toEqual(['network/aws_vpc_security_group_ingress_rule.onprem']);
  });

  it('with the config, flags a routed CIDR that is no configured spoke CIDR', () => {
    const t = mutated(stacks, (s) => {
      // A hub half in the payments stack: the hub route table through the hub stack's output.
      addResource(s, 'payments', 'aws_route.rogue', {
        destination_cidr_block: '172.16.0.0/12',
        route_table_id: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_route_table_endpoints}',
        vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_payments-prod.id}',
        provider: 'aws.hub_network_us_east_1',
      });
      addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.rogue', ingress({ cidr_ipv4: '172.16.0.0/12' }));
    });
    expect(flagged(sgSpokeSources, t)).toEqual([]);
    expect(messages(sgSpokeSources, t, facts)).toEqual(['the ingress rule admits 172.16.0.0/12, which is not within any spoke or on-premises CIDR of the config']);
  });

  it('flags security-group and prefix-list sources', () => {
    const t = mutated(stacks, (s) => {
      addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.from_sg', ingress({ referenced_security_group_id: 'sg-0123456789abcdef0' }));
      addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.from_pl', ingress({ prefix_list_id: 'pl-0123456789abcdef0' }));
    });
    expect(flagged(sgSpokeSources, t)).toEqual(['network/aws_vpc_security_group_ingress_rule.from_pl', 'network/aws_vpc_security_group_ingress_rule.from_sg']);
  });

  it('leaves 0.0.0.0/0 to VH-SG-004 instead of reporting it twice', () => {
    const t = mutated(stacks, (s) => (body(s, 'payments', RULE).cidr_ipv4 = '0.0.0.0/0'));
    expect(flagged(sgSpokeSources, t)).toEqual([]);
    expect(flagged(sgNoIngressFromAnywhere, t)).toEqual([`payments/${RULE}`]);
  });
});

describe('VH-SG-004 no ingress from anywhere', () => {
  it('passes the shipped example', () => {
    expect(flagged(sgNoIngressFromAnywhere, tree)).toEqual([]);
  });

  it('flags 0.0.0.0/0 on a standalone rule and ::/0 on an inline rule', () => {
    const t = mutated(stacks, (s) => {
      addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.world', ingress({ cidr_ipv4: '0.0.0.0/0' }));
      addResource(s, 'network', 'aws_security_group.other', {
        description: 'other',
        vpc_id: '${aws_vpc.hub_main.id}',
        ingress: [{ description: 'v6', protocol: 'tcp', from_port: 443, to_port: 443, ipv6_cidr_blocks: ['::/0'] }],
      });
    });
    expect(messages(sgNoIngressFromAnywhere, t)).toEqual(['inline ingress[0] admits ::/0', 'the ingress rule admits 0.0.0.0/0']);
  });
});

describe('VH-SG-005 and VH-SG-006 egress', () => {
  const egress = (cidr: string) => ({
    security_group_id: '${aws_security_group.hub_main_endpoints.id}',
    description: 'out',
    ip_protocol: '-1',
    cidr_ipv4: cidr,
    provider: 'aws.us_east_1',
  });

  it('passes the shipped example (it has no egress rule at all)', () => {
    expect(flagged(sgNoEgressToAnywhere, tree)).toEqual([]);
    expect(flagged(sgNoEgress, tree)).toEqual([]);
  });

  it('flags egress to anywhere as an error, once', () => {
    const t = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_security_group_egress_rule.all', egress('0.0.0.0/0')));
    expect(flagged(sgNoEgressToAnywhere, t)).toEqual(['network/aws_vpc_security_group_egress_rule.all']);
    expect(flagged(sgNoEgress, t)).toEqual([]);
  });

  it('flags inline egress to anywhere', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', SG).egress = [{ description: 'all', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }]));
    expect(flagged(sgNoEgressToAnywhere, t)).toEqual([`network/${SG}`]);
  });

  it('warns about any other egress rule', () => {
    const t = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_security_group_egress_rule.spoke', egress('10.1.0.0/16')));
    expect(sgNoEgress.check(t)).toEqual([expect.objectContaining({ rule: 'VH-SG-006', severity: 'warning', resource: 'aws_vpc_security_group_egress_rule.spoke' })]);
    expect(flagged(sgNoEgressToAnywhere, t)).toEqual([]);
  });
});

describe('VH-SG-007 no group mixes inline and standalone rules', () => {
  it('passes the shipped example', () => {
    expect(flagged(sgNoMixedRules, tree)).toEqual([]);
  });

  it('flags a group with inline rules that also has standalone rule resources', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', SG).ingress = [{ description: 'x', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.1.0.0/16'] }]));
    expect(flagged(sgNoMixedRules, t)).toEqual([`network/${SG}`]);
  });

  it('treats an explicit empty inline list as inline management too', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', SG).egress = []));
    expect(flagged(sgNoMixedRules, t)).toEqual([`network/${SG}`]);
  });

  it('accepts a group whose rules are all inline', () => {
    const t = mutated(stacks, (s) =>
      addResource(s, 'network', 'aws_security_group.inline_only', {
        description: 'inline only',
        vpc_id: '${aws_vpc.hub_main.id}',
        ingress: [{ description: 'x', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.1.0.0/16'] }],
      }),
    );
    expect(flagged(sgNoMixedRules, t)).toEqual([]);
  });
});
