/**
 * The endpoints and their security groups: one interface endpoint per service in every hub AZ. Past
 * inboundRulesPerSecurityGroup the spoke rules are spread over several groups, which every endpoint
 * carries (planning/endpoint-security-groups.ts). The spoke rules themselves are hub halves of pairs and
 * live in the spoke accounts' stacks (constructs/endpoint-ingress.ts).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan } from '../planning/plan';
import type { HubVpcHandles } from './hub-vpc';
import { adopt } from './adopt';
import { resource } from './resource';
import { terraformLiteral } from './terraform-literal';
import { hubTags } from '../planning/tags';

export interface EndpointHandles {
  endpoints: Map<string, VpcEndpoint>;
  /** By group number. */
  securityGroupIds: Map<number, string>;
}

export function hubEndpoints(scope: Construct, hub: HubPlan, vpc: HubVpcHandles, provider: AwsProvider, project: string): EndpointHandles {
  const groups = new Map<number, string>();
  const securityGroupIds = hub.securityGroups.map(({ group, rules }) => {
    const name = awsNames.endpointSecurityGroup(project, hub.awsName, group);
    const adopted = group === 1 ? hub.adopt?.securityGroupId : undefined;
    const sg = resource(SecurityGroup, scope, ids.hubSecurityGroup(hub.name, group), {
      provider,
      name,
      description: awsNames.endpointSecurityGroupDescription(hub.awsName, group),
      vpcId: vpc.vpcId,
      // No egress rule: security groups are stateful and endpoint ENIs never initiate connections.
      tags: hubTags(hub, name),
      // An adopted group keeps the name and description it was made with: both force replacement,
      // which would take every endpoint's HTTPS down with it.
      ...(adopted ? { lifecycle: { ignoreChanges: ['name', 'description'] } } : {}),
    });
    adopt(sg, adopted);
    groups.set(group, sg.id);
    // The hub's own rules (its VPC's CIDRs, client and on-premises ranges) are shared: here. Spoke rules are
    // pair halves in the spokes stacks (endpoint-ingress.ts).
    for (const rule of rules.filter((r) => r.from !== 'spoke')) {
      const { id, description, from } = awsNames.ingressRule(hub.name, rule);
      resource(VpcSecurityGroupIngressRule, scope, id, {
        provider,
        securityGroupId: sg.id,
        description,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        // The hub VPC's IPv6 block (dual-stack hubs): a created VPC's is known only at apply.
        ...(rule.from === 'hub-vpc-ipv6' ? { cidrIpv6: rule.cidr ?? (vpc.ipv6CidrBlock as string) } : { cidrIpv4: rule.cidr }),
        tags: hubTags(hub, tagName(project, hub.name, 'from', from)),
        // A rule moves to another group when the group count changes (its address stays, its
        // security_group_id forces a replacement): create the new rule before deleting the old one so
        // the spoke never loses HTTPS. The two never clash, being in different groups.
        lifecycle: { createBeforeDestroy: true },
      });
    }
    return sg.id;
  });
  const endpoints = new Map<string, VpcEndpoint>();
  for (const ep of hub.endpoints) {
    const endpoint = resource(VpcEndpoint, scope, ids.hubEndpoint(hub.name, ep.key), {
        provider,
        vpcId: vpc.vpcId,
        serviceName: ep.serviceName,
        vpcEndpointType: 'Interface',
        subnetIds: vpc.subnetIds,
        securityGroupIds,
        // Always explicit: the API default is true, and provider 5.51.0-5.51.1 sent true even when
        // false was meant (terraform-provider-aws issue 37694).
        privateDnsEnabled: ep.privateDnsEnabled,
        // Dual-stack (issue 20): IPv4 and IPv6 on the endpoint's interfaces (every subnet has both), and A
        // and AAAA records for its regional, zonal and private DNS names, which the zones' AAAA aliases
        // need. DnsRecordIpType dualstack requires IpAddressType dualstack; ipv6 would drop the A records
        // and service-defined the private names' AAAA ones.
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html
        // (the constraints are spelled out in AWS CDK's VpcEndpointIpAddressType and VpcEndpointDnsRecordIpType)
        ...(ep.dualStack ? { ipAddressType: 'dualstack' } : {}),
        // DnsOptionsSpecification.PrivateDnsOnlyForInboundResolverEndpoint (gateway-services.ts).
        ...(ep.privateDnsOnlyForInboundResolverEndpoint !== undefined || ep.dualStack
          ? {
              dnsOptions: {
                ...(ep.dualStack ? { dnsRecordIpType: 'dualstack' } : {}),
                ...(ep.privateDnsOnlyForInboundResolverEndpoint !== undefined ? { privateDnsOnlyForInboundResolverEndpoint: ep.privateDnsOnlyForInboundResolverEndpoint } : {}),
              },
            }
          : {}),
        ...(ep.policy !== undefined ? { policy: terraformLiteral(ep.policy) } : {}),
        tags: hubTags(hub, tagName(project, hub.name, ep.service)),
      });
    adopt(endpoint, hub.adopt?.endpoints[ep.service]);
    endpoints.set(ep.service, endpoint);
  }
  return { endpoints, securityGroupIds: groups };
}

