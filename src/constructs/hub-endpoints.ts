/**
 * The endpoints and their security group: one interface endpoint per service in every hub AZ, and one
 * described ingress rule per spoke CIDR (standalone rule resources: adding a spoke adds a rule
 * instead of rewriting an inline list, and inline and standalone rules must never be mixed).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';
import { ids, tagName } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import type { HubVpcHandles } from './hub-vpc';
import { resource } from './resource';

export function hubEndpoints(scope: Construct, hub: HubPlan, spokes: SpokePlan[], vpc: HubVpcHandles, provider: AwsProvider, project: string): Map<string, VpcEndpoint> {
  const sg = resource(SecurityGroup, scope, ids.hubSecurityGroup(hub.name), {
    provider,
    name: tagName(project, hub.name, 'endpoints'),
    description: `HTTPS from the spoke VPCs of hub ${hub.name} to its interface VPC endpoints`,
    vpcId: vpc.vpcId,
    // No egress rule: security groups are stateful and endpoint ENIs never initiate connections.
    tags: { Name: tagName(project, hub.name, 'endpoints') },
  });
  for (const spoke of spokes) {
    for (const cidr of spoke.cidrs) {
      resource(VpcSecurityGroupIngressRule, scope, ids.hubIngressRule(hub.name, spoke.name, cidr), {
        provider,
        securityGroupId: sg.id,
        description: `HTTPS from spoke ${spoke.name} (${cidr})`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
        tags: { Name: tagName(project, hub.name, 'from', spoke.name) },
      });
    }
  }
  const endpoints = new Map<string, VpcEndpoint>();
  for (const ep of hub.endpoints) {
    endpoints.set(
      ep.service,
      resource(VpcEndpoint, scope, ids.hubEndpoint(hub.name, ep.key), {
        provider,
        vpcId: vpc.vpcId,
        serviceName: ep.serviceName,
        vpcEndpointType: 'Interface',
        subnetIds: vpc.subnetIds,
        securityGroupIds: [sg.id],
        // Always explicit: the API default is true, and provider 5.51.0-5.51.1 sent true even when
        // false was meant (terraform-provider-aws issue 37694).
        privateDnsEnabled: ep.privateDnsEnabled,
        ...(ep.policy !== undefined ? { policy: ep.policy } : {}),
        tags: { Name: tagName(project, hub.name, ep.service) },
      }),
    );
  }
  return endpoints;
}
