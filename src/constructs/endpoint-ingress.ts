/**
 * The hub half that opens the endpoints to one spoke: one described HTTPS ingress rule per spoke CIDR,
 * in the endpoint security group the rule is planned into (planning/endpoint-security-groups.ts). It
 * lives in the spoke account's stack and acts in the hub account (issue 9); the group ids are the hub
 * stack's named outputs. A spoke's IPv6 blocks (dual-stack hubs) get rules of their own with cidr_ipv6.
 * Standalone rule resources: adding a spoke adds a rule instead of rewriting an
 * inline list, and inline and standalone rules must never be mixed.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { cidrFamily } from '../planning/cidr6';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { resource } from './resource';
import { pairTags } from '../planning/tags';

export function spokeIngressRules(scope: Construct, hub: HubPlan, spoke: SpokePlan, securityGroupId: (group: number) => string, hubProvider: AwsProvider, project: string): void {
  for (const { group, rules } of hub.securityGroups) {
    for (const rule of rules) {
      if (rule.from !== 'spoke' || rule.spoke !== spoke.name) continue;
      const { cidr } = rule;
      resource(VpcSecurityGroupIngressRule, scope, ids.hubIngressRule(hub.name, spoke.name, cidr), {
        provider: hubProvider,
        securityGroupId: securityGroupId(group),
        description: awsNames.ingressRule(hub.name, rule).description,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        // A spoke's IPv6 block (dual-stack hub, issue 20) is a rule of its own: cidr_ipv6.
        ...(cidrFamily(cidr) === 'ipv6' ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        tags: pairTags(spoke, tagName(project, hub.name, 'from', spoke.name)),
        // A rule moves to another group when the group count changes (its address stays, its
        // security_group_id forces a replacement): create the new rule before deleting the old one so
        // the spoke never loses HTTPS. The two never clash, being in different groups.
        lifecycle: { createBeforeDestroy: true },
      });
    }
  }
}
