/**
 * Hub stack: access to the endpoints from on-premises networks (hubs.<hub>.onPremises, issue 10), after
 * the AWS blog "Integrating AWS Transit Gateway with AWS PrivateLink and Amazon Route 53 Resolver".
 * - HTTPS from every on-premises range to the endpoints: a client range of the hub (security group 1,
 *   planning/endpoint-security-groups.ts, emitted with the other client ranges by hub-endpoints.ts);
 * - with `inboundResolver`: a Route 53 Resolver inbound endpoint with one address in each endpoint
 *   subnet (>= 2 AZs), behind its own security group that admits DNS (TCP and UDP 53) from the
 *   on-premises ranges only, or (resolverSecurityGroup: untracked) in AWS's untracked form. The hub VPC answers the service names (its zones, or the endpoints' private
 *   DNS), so the inbound endpoint does too; on-premises DNS servers conditionally forward the names the
 *   `..._on_premises_forwarded_zones` output lists to the addresses `..._inbound_resolver_ips` lists.
 * The DX/VPN attachment that carries the traffic is outside vpce-hub (README: on-premises access).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan } from '../planning/plan';
import type { HubVpcHandles } from './hub-vpc';
import { resource } from './resource';
import { hubTags } from '../planning/tags';

export interface OnPremisesHandles {
  /** A Terraform expression: the inbound endpoint's IP addresses. */
  inboundIps?: string;
  /** Dual-stack hubs: its IPv6 addresses. */
  inboundIpv6s?: string;
}

export function hubOnPremises(scope: Construct, hub: HubPlan, vpc: HubVpcHandles, provider: AwsProvider, project: string): OnPremisesHandles {
  const onPrem = hub.onPremises;
  if (!onPrem) return {};
  if (!onPrem.inboundResolver) return {};
  const name = awsNames.inboundResolver(project, hub.awsName);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
  const sg = resource(SecurityGroup, scope, ids.hubInboundResolver(hub.name), {
    provider,
    name,
    description: awsNames.inboundResolverSecurityGroupDescription(hub.awsName),
    vpcId: vpc.vpcId,
    // No egress rule in the per-range form: answers to admitted (tracked) queries pass a stateful group, and an
    // inbound endpoint opens no connections. The untracked form needs egress to anywhere (below).
    tags: hubTags(hub, name),
  });
  // Resolver needs both: "Inbound and outbound rules must allow TCP and UDP access. For inbound access, open port 53."
  // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html (SecurityGroupIds)
  const ingress = (protocol: 'tcp' | 'udp', cidr: string, description: string) =>
    resource(VpcSecurityGroupIngressRule, scope, ids.hubInboundResolverRule(hub.name, protocol, cidr), {
      provider,
      securityGroupId: sg.id,
      description,
      ipProtocol: protocol,
      fromPort: 53,
      toPort: 53,
      cidrIpv4: cidr,
      tags: hubTags(hub, tagName(project, hub.name, 'dns-from', 'on-premises')),
    });
  if (onPrem.resolverSecurityGroup === 'untracked') {
    // AWS's recommended rules for an inbound endpoint: TCP and UDP 53 from 0.0.0.0/0 in, TCP and UDP to
    // 0.0.0.0/0 on all ports out. Restrictive rules force connection tracking, which can cap an endpoint
    // near 1,500 queries per second per address; these are not tracked ("Resolver endpoint scaling",
    // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html,
    // and "Untracked connections", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html).
    // Four rules whatever the number of ranges; which networks can query is decided by routing alone.
    for (const protocol of ['tcp', 'udp'] as const) {
      ingress(protocol, '0.0.0.0/0', awsNames.inboundResolverUntrackedIngressDescription(protocol));
      resource(VpcSecurityGroupEgressRule, scope, ids.hubInboundResolverEgress(hub.name, protocol), {
        provider,
        securityGroupId: sg.id,
        description: awsNames.inboundResolverUntrackedEgressDescription(protocol),
        ipProtocol: protocol,
        fromPort: 0,
        toPort: 65535,
        cidrIpv4: '0.0.0.0/0',
        tags: hubTags(hub, tagName(project, hub.name, 'dns-replies')),
      });
    }
  } else {
    // Two rules per range, each counted against the group's rule quota (planning/quotas.ts).
    for (const cidr of onPrem.cidrs) for (const protocol of ['tcp', 'udp'] as const) ingress(protocol, cidr, awsNames.inboundResolverRuleDescription(protocol, cidr));
  }
  // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/route53_resolver_endpoint
  const endpoint = resource(Route53ResolverEndpoint, scope, ids.hubInboundResolver(hub.name), {
    provider,
    name,
    direction: 'INBOUND',
    // A dual-stack hub (issue 20): IPv4 and IPv6 addresses, both chosen by Resolver in the endpoint
    // subnets, which all have both (CreateResolverEndpoint ResolverEndpointType DUALSTACK; IpAddressRequest
    // Ip and Ipv6 are optional). Changed in place on an existing endpoint (UpdateResolverEndpoint).
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html
    ...(hub.ipv6 ? { resolverEndpointType: 'DUALSTACK' } : {}),
    securityGroupIds: [sg.id],
    // One address per endpoint subnet: Resolver requires at least two, in two AZs for resilience.
    ipAddress: vpc.subnetIds.map((subnetId) => ({ subnetId })),
    tags: hubTags(hub, name),
  });
  const ref = `${endpoint.terraformResourceType}.${endpoint.friendlyUniqueId}`;
  return { inboundIps: `\${[for a in ${ref}.ip_address : a.ip]}`, ...(hub.ipv6 ? { inboundIpv6s: `\${[for a in ${ref}.ip_address : a.ipv6]}` } : {}) };
}
