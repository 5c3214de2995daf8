import { endpointPolicyGrammar } from '../../src/analysis/rules/endpoint-policy-grammar';
import { endpointPrivateDnsExplicit, endpointPrivateDnsOffUnderZone } from '../../src/analysis/rules/endpoint-private-dns';
import { noDefaultRouteOverPeering } from '../../src/analysis/rules/peering-routes';
import { sgDescriptions } from '../../src/analysis/rules/security-group-description';
import { sgNoIngressFromAnywhere } from '../../src/analysis/rules/security-group-open';
import { subnetsPrivate, vpcDefaultSgClosed, vpcDns, vpcFlowLogs } from '../../src/analysis/rules/vpc-baseline';
import { addResource, body, EXAMPLES, example, flagged, messages, mutated, removeResource, SHIPPED } from './support/trees';

const { stacks, tree } = example(SHIPPED);
const VPC = 'aws_vpc.hub_main';
const DEFAULT_SG = 'aws_default_security_group.hub_main_default';
const SUBNET = 'aws_subnet.hub_main_endpoints_us-east-1a';
const SQS = 'aws_vpc_endpoint.hub_main_sqs';
const VARIABLES = '__tests__/fixtures/warning/policy-variables-without-version/vpce-hub.yaml';

describe('VH-RT-001 no default route over peering', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(noDefaultRouteOverPeering, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(noDefaultRouteOverPeering, example(file).tree)).toEqual([]);
  });

  it('flags 0.0.0.0/0 over peering on the spoke side (peering id read through the remote state)', () => {
    const route = 'aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main';
    const t = mutated(stacks, (s) => (body(s, 'payments', route).destination_cidr_block = '0.0.0.0/0'));
    expect(messages(noDefaultRouteOverPeering, t)).toEqual(['routes 0.0.0.0/0 over aws_vpc_peering_connection.hub_main_to_payments-prod']);
  });

  it('flags ::/0 in an inline route of a route table', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', 'aws_route_table.hub_main_endpoints').route = [{ ipv6_cidr_block: '::/0', vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_payments-prod.id}' }]));
    expect(flagged(noDefaultRouteOverPeering, t)).toEqual(['network/aws_route_table.hub_main_endpoints']);
  });

  it('does not flag a default route to something other than a peering connection', () => {
    const t = mutated(stacks, (s) => addResource(s, 'network', 'aws_route.nat', { destination_cidr_block: '0.0.0.0/0', route_table_id: 'rtb-0123456789abcdef0', nat_gateway_id: 'nat-0123456789abcdef0' }));
    expect(flagged(noDefaultRouteOverPeering, t)).toEqual([]);
  });
});

describe('VH-VPC-001 the default security group is taken over, without rules', () => {
  it('passes the shipped example', () => {
    expect(flagged(vpcDefaultSgClosed, tree)).toEqual([]);
  });

  it('flags a VPC without aws_default_security_group', () => {
    expect(flagged(vpcDefaultSgClosed, mutated(stacks, (s) => removeResource(s, 'network', DEFAULT_SG)))).toEqual([`network/${VPC}`]);
  });

  it('flags inline rules on the default group', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', DEFAULT_SG).ingress = [{ protocol: '-1', from_port: 0, to_port: 0, self: true }]));
    expect(messages(vpcDefaultSgClosed, t)).toEqual(['the default security group has ingress rules; it must have none']);
  });

  it('flags a standalone rule on the default group, and leaves it out of the VH-SG rules', () => {
    const t = mutated(stacks, (s) =>
      addResource(s, 'network', 'aws_vpc_security_group_ingress_rule.into_default', {
        security_group_id: '${aws_default_security_group.hub_main_default.id}',
        ip_protocol: '-1',
        cidr_ipv4: '0.0.0.0/0',
      }),
    );
    expect(flagged(vpcDefaultSgClosed, t)).toEqual(['network/aws_vpc_security_group_ingress_rule.into_default']);
    expect(flagged(sgNoIngressFromAnywhere, t)).toEqual([]);
    expect(flagged(sgDescriptions, t)).toEqual([]);
  });
});

describe('VH-VPC-002 flow logs on every VPC we create', () => {
  it('passes the shipped example; an existing hub VPC is not ours to check', () => {
    expect(flagged(vpcFlowLogs, tree)).toEqual([]);
    expect(flagged(vpcFlowLogs, example('examples/existing-hub-vpc/vpce-hub.yaml').tree)).toEqual([]);
  });

  it('flags a VPC whose flow log is gone', () => {
    expect(flagged(vpcFlowLogs, mutated(stacks, (s) => removeResource(s, 'network', 'aws_flow_log.hub_main_flow_log')))).toEqual([`network/${VPC}`]);
  });

  it('flags a VPC whose flow log records another VPC', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', 'aws_flow_log.hub_main_flow_log').vpc_id = 'vpc-0123456789abcdef0'));
    expect(flagged(vpcFlowLogs, t)).toEqual([`network/${VPC}`]);
  });
});

describe('VH-VPC-003 subnets assign no public IPs', () => {
  it('passes the shipped example, and a subnet that leaves the attribute out', () => {
    expect(flagged(subnetsPrivate, tree)).toEqual([]);
    expect(flagged(subnetsPrivate, mutated(stacks, (s) => delete body(s, 'network', SUBNET).map_public_ip_on_launch))).toEqual([]);
  });

  it.each([[true], ['true'], ['${var.public}']])('flags map_public_ip_on_launch = %p', (value) => {
    expect(flagged(subnetsPrivate, mutated(stacks, (s) => (body(s, 'network', SUBNET).map_public_ip_on_launch = value)))).toEqual([`network/${SUBNET}`]);
  });
});

describe('VH-VPC-004 DNS support and hostnames on', () => {
  it('passes the shipped example, and a VPC that leaves enable_dns_support at its default (true)', () => {
    expect(flagged(vpcDns, tree)).toEqual([]);
    expect(flagged(vpcDns, mutated(stacks, (s) => delete body(s, 'network', VPC).enable_dns_support))).toEqual([]);
  });

  it('flags hostnames left at their default (false)', () => {
    expect(messages(vpcDns, mutated(stacks, (s) => delete body(s, 'network', VPC).enable_dns_hostnames))).toEqual(['enable_dns_hostnames is not true']);
  });

  it('flags DNS support turned off', () => {
    expect(messages(vpcDns, mutated(stacks, (s) => (body(s, 'network', VPC).enable_dns_support = false)))).toEqual(['enable_dns_support is not true']);
  });
});

describe('VH-VPCE-001 private_dns_enabled is explicit on interface endpoints', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(endpointPrivateDnsExplicit, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(endpointPrivateDnsExplicit, example(file).tree)).toEqual([]);
  });

  it('flags an interface endpoint that leaves it out', () => {
    expect(flagged(endpointPrivateDnsExplicit, mutated(stacks, (s) => delete body(s, 'network', SQS).private_dns_enabled))).toEqual([`network/${SQS}`]);
  });

  it('ignores gateway endpoints, which have no private DNS', () => {
    const t = mutated(stacks, (s) => addResource(s, 'network', 'aws_vpc_endpoint.gw', { vpc_id: '${aws_vpc.hub_main.id}', service_name: 'com.amazonaws.us-east-1.dynamodb', vpc_endpoint_type: 'Gateway' }));
    expect(flagged(endpointPrivateDnsExplicit, t)).toEqual([]);
  });
});

describe('VH-VPCE-002 private DNS is off where a zone aliases the endpoint', () => {
  it('passes the shipped example, and endpoint-url mode where private DNS is on and no zone exists', () => {
    expect(flagged(endpointPrivateDnsOffUnderZone, tree)).toEqual([]);
    const endpointUrl = example('examples/endpoint-url/vpce-hub.yaml');
    expect(JSON.stringify(endpointUrl.stacks)).toContain('"private_dns_enabled":true');
    expect(flagged(endpointPrivateDnsOffUnderZone, endpointUrl.tree)).toEqual([]);
  });

  it('flags an aliased endpoint with private DNS on', () => {
    const t = mutated(stacks, (s) => (body(s, 'network', SQS).private_dns_enabled = true));
    expect(messages(endpointPrivateDnsOffUnderZone, t)).toEqual(['the private hosted zone record sqs.us-east-1.amazonaws.com aliases this endpoint, so private_dns_enabled must be false']);
  });
});

describe('VH-VPCE-003 endpoint policies are IAM policies with a Principal, within 20,480 characters', () => {
  const policyOf = (s: Parameters<typeof body>[0]) => JSON.parse(body(s, 'network', SQS).policy as string) as { Statement: Array<Record<string, unknown>> };

  it('passes the shipped example (organization templates) and every example', () => {
    expect(typeof body(stacks, 'network', SQS).policy).toBe('string');
    expect(flagged(endpointPolicyGrammar, tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(endpointPolicyGrammar, example(file).tree)).toEqual([]);
  });

  it('flags a statement without its Principal, naming the statement', () => {
    const t = mutated(stacks, (s) => {
      const doc = policyOf(s);
      delete doc.Statement[0].Principal;
      body(s, 'network', SQS).policy = JSON.stringify(doc);
    });
    expect(messages(endpointPolicyGrammar, t)).toEqual([expect.stringMatching(/^policy: PolicyNoPrincipal: statement \S+ has no Principal/)]);
  });

  it('flags an unknown condition operator, a policy that is not JSON, and one over the size limit', () => {
    const operator = mutated(stacks, (s) => (body(s, 'network', SQS).policy = JSON.stringify(policyOf(s)).replace('"StringEquals"', '"StringEqual"')));
    expect(messages(endpointPolicyGrammar, operator)).toEqual([expect.stringMatching(/^policy: PolicyConditionOperator: statement \S+ has the condition operator "StringEqual"/)]);
    expect(messages(endpointPolicyGrammar, mutated(stacks, (s) => (body(s, 'network', SQS).policy = '{"Statement": [')))).toEqual(['policy: is not valid JSON (line 1, column 16: the document ends before its last { or [ is closed)']);
    const large = mutated(stacks, (s) => {
      const doc = policyOf(s);
      doc.Statement[0].Resource = Array.from({ length: 700 }, (_, i) => `arn:aws:sqs:us-east-1:111111111111:queue-${i}`);
      body(s, 'network', SQS).policy = JSON.stringify(doc);
    });
    expect(messages(endpointPolicyGrammar, large)).toEqual([expect.stringMatching(/^policy: is \d+ characters, over the limit of 20480$/)]);
  });

  it('skips policies Terraform computes at apply, and reads a policy variable escaped as $${ as the text AWS gets', () => {
    expect(flagged(endpointPolicyGrammar, mutated(stacks, (s) => (body(s, 'network', SQS).policy = '${jsonencode(local.policy)}')))).toEqual([]);
    const variable = (resource: string) =>
      mutated(stacks, (s) => {
        const doc = policyOf(s);
        doc.Statement[0].Resource = resource;
        body(s, 'network', SQS).policy = JSON.stringify(doc);
      });
    expect(flagged(endpointPolicyGrammar, variable('arn:aws:sqs:us-east-1:$${aws:PrincipalAccount}:*'))).toEqual([]);
    expect(messages(endpointPolicyGrammar, variable('queue-$${aws:PrincipalAccount}'))).toEqual([expect.stringContaining('has Resource "queue-${aws:PrincipalAccount}", which is not "*" or an ARN')]);
  });

  it('reads a custom document with policy variables as synth writes it (one quoted string in ${...})', () => {
    const withVariables = example(VARIABLES);
    const written = body(withVariables.stacks, 'network', SQS).policy as string;
    expect(written.startsWith('${"{')).toBe(true);
    expect(flagged(endpointPolicyGrammar, withVariables.tree)).toEqual([]);
    const broken = mutated(withVariables.stacks, (s) => (body(s, 'network', SQS).policy = written.replace('\\"Principal\\":\\"*\\",', '')));
    expect(messages(endpointPolicyGrammar, broken)).toEqual([expect.stringMatching(/^policy: PolicyNoPrincipal: statement Everyone has no Principal/)]);
  });
});
