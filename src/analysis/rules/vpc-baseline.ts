/** VH-VPC-001..004: the baseline every VPC we create (`aws_vpc`) meets. Existing VPCs are not ours to check. */
import { blocks, bool, has } from '../json-value';
import { groupOfRule, STANDALONE_RULE_TYPES } from '../security-group-rules';
import { resourcesOfType, resolvesToResource, type SynthTree, type TfResource } from '../tree';
import { defineRule, type Violation } from './rule';

/** Resources of `type` whose `vpc_id` denotes this VPC. */
function attachedTo(tree: SynthTree, vpc: TfResource, type: string): TfResource[] {
  return resourcesOfType(tree, type).filter((r) => resolvesToResource(tree, r.stack, r.body.vpc_id, 'aws_vpc') === vpc);
}

export const vpcDefaultSgClosed = defineRule(
  {
    id: 'VH-VPC-001',
    severity: 'error',
    summary: 'Every VPC we create takes over its default security group, with no rules',
    explanation:
      'AWS creates each VPC with a default security group that allows all traffic between its members and all egress; ' +
      'anything launched without an explicit group lands in it (checkov CKV2_AWS_12). An ' +
      'aws_default_security_group without ingress/egress removes those rules; any rule on it, inline or standalone, ' +
      'reopens the group.',
  },
  (tree) => {
    const out: Violation[] = [];
    for (const vpc of resourcesOfType(tree, 'aws_vpc')) {
      if (attachedTo(tree, vpc, 'aws_default_security_group').length === 0) {
        out.push({ stack: vpc.stack, resource: vpc.address, message: 'no aws_default_security_group takes over this VPC\'s default security group, which allows all traffic within it' });
      }
    }
    for (const sg of resourcesOfType(tree, 'aws_default_security_group')) {
      const inline = ['ingress', 'egress'].filter((d) => blocks(sg.body, d).length > 0);
      if (inline.length > 0) out.push({ stack: sg.stack, resource: sg.address, message: `the default security group has ${inline.join(' and ')} rules; it must have none` });
    }
    for (const rule of STANDALONE_RULE_TYPES.flatMap((t) => resourcesOfType(tree, t))) {
      const group = groupOfRule(tree, rule);
      if (group?.type === 'aws_default_security_group') out.push({ stack: rule.stack, resource: rule.address, message: `adds a rule to the default security group ${group.address}, which must have none` });
    }
    return out;
  },
);

export const vpcFlowLogs = defineRule(
  {
    id: 'VH-VPC-002',
    severity: 'error',
    summary: 'Every VPC we create has flow logs',
    explanation:
      'Flow logs are the only record of who talked to the endpoints (checkov CKV2_AWS_11). vpce-hub ' +
      'creates them unless the config turns them off; a config that does so needs a suppression with its reason.',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_vpc')
      .filter((vpc) => attachedTo(tree, vpc, 'aws_flow_log').length === 0)
      .map((vpc) => ({ stack: vpc.stack, resource: vpc.address, message: 'no aws_flow_log records this VPC\'s traffic' })),
);

export const subnetsPrivate = defineRule(
  {
    id: 'VH-VPC-003',
    severity: 'error',
    summary: 'Subnets do not assign public IPs on launch',
    explanation:
      'The hub\'s subnets hold endpoint network interfaces only; a public IP on launch would make anything placed there ' +
      'reachable from the internet as soon as a route exists (checkov CKV_AWS_130). The attribute must be false or absent ' +
      '(the provider default is false).',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_subnet')
      .filter((s) => has(s.body, 'map_public_ip_on_launch') && bool(s.body, 'map_public_ip_on_launch') !== false)
      .map((s) => ({ stack: s.stack, resource: s.address, message: `map_public_ip_on_launch is ${JSON.stringify(s.body.map_public_ip_on_launch)}; it must be false` })),
);

export const vpcDns = defineRule(
  {
    id: 'VH-VPC-004',
    severity: 'error',
    summary: 'VPCs we create have DNS support and DNS hostnames on',
    explanation:
      'A VPC associated with a private hosted zone needs both enableDnsSupport and enableDnsHostnames, or the zone ' +
      'does not answer (domain.md section 4). enable_dns_support defaults to true and may be left out; ' +
      'enable_dns_hostnames defaults to false and must be set.',
  },
  (tree) => {
    const out: Violation[] = [];
    for (const vpc of resourcesOfType(tree, 'aws_vpc')) {
      const problems: string[] = [];
      if (has(vpc.body, 'enable_dns_support') && bool(vpc.body, 'enable_dns_support') !== true) problems.push('enable_dns_support is not true');
      if (bool(vpc.body, 'enable_dns_hostnames') !== true) problems.push('enable_dns_hostnames is not true');
      if (problems.length > 0) out.push({ stack: vpc.stack, resource: vpc.address, message: problems.join('; ') });
    }
    return out;
  },
);
