/**
 * The hub VPC: new (private endpoint subnets, one per AZ, their route table, flow logs, a locked-down
 * default security group) or existing (ids from the config, nothing created).
 */
import { isS3Arn } from '../config/partitions';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { flowLogTrustPolicy, flowLogWritePolicy } from '../planning/flow-log-role';
import { awsNames, ids, tagName } from '../planning/naming';
import { resource } from './resource';
import type { FlowLogPlan, HubPlan } from '../planning/plan';
import { hubTags } from '../planning/tags';

export interface HubVpcHandles {
  vpcId: string;
  /** Dual-stack hubs: the VPC's IPv6 block (an existing VPC's from the config, a created one's Amazon-provided /56). */
  ipv6CidrBlock?: string;
  subnetIds: string[];
  /** Keyed like `RouteTablePlan.key`. */
  routeTableIds: Map<string, string>;
}

export function hubVpc(scope: Construct, hub: HubPlan, provider: AwsProvider, project: string): HubVpcHandles {
  if (hub.existingVpcId !== undefined) {
    return {
      vpcId: hub.existingVpcId,
      ...(hub.ipv6?.cidr !== undefined ? { ipv6CidrBlock: hub.ipv6.cidr } : {}),
      subnetIds: hub.subnets.map((s) => s.id as string),
      routeTableIds: new Map(hub.routeTables.map((r) => [r.key, r.id as string])),
    };
  }
  const vpc = resource(Vpc, scope, ids.hubVpc(hub.name), {
    provider,
    cidrBlock: hub.cidr,
    // Both are required on every VPC associated with a private hosted zone.
    enableDnsSupport: true,
    enableDnsHostnames: true,
    // Dual-stack hubs (issue 20): an Amazon-provided /56, the block AWS gives when asked for one
    // (CreateVpc AmazonProvidedIpv6CidrBlock, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html).
    // Associated in place on an existing VPC of ours (AssociateVpcCidrBlock; the provider's resourceVPCUpdate,
    // internal/service/ec2/vpc_.go): turning a hub dual-stack replaces nothing (review/force-new.ts).
    ...(hub.ipv6 ? { assignGeneratedIpv6CidrBlock: true } : {}),
    tags: hubTags(hub, tagName(project, hub.name)),
  });
  // Taking over the default SG with no rules removes AWS's allow-all-within-group default.
  resource(DefaultSecurityGroup, scope, ids.hubDefaultSg(hub.name), { provider, vpcId: vpc.id, tags: hubTags(hub, tagName(project, hub.name, 'default-deny')) });
  const table = resource(RouteTable, scope, ids.hubRouteTable(hub.name), { provider, vpcId: vpc.id, tags: hubTags(hub, tagName(project, hub.name, 'endpoints')) });
  const subnetIds = hub.subnets.map((s) => {
    const subnet = resource(Subnet, scope, ids.hubSubnet(hub.name, s.az), {
      provider,
      vpcId: vpc.id,
      cidrBlock: s.cidr as string,
      // A /64 per subnet (the size AWS expects for subnets that hold network interfaces), carved at apply
      // from the Amazon-provided /56 by the AZ's position, like the IPv4 carving: a dual-stack endpoint
      // needs IPv4 and IPv6 in every subnet (CreateVpcEndpoint IpAddressType). The subnets hold only
      // endpoint, resolver and attachment interfaces, whose addresses AWS assigns by their own IP address
      // type, so assign_ipv6_address_on_creation (for instances launched there) stays off.
      ...(s.ipv6Index !== undefined ? { ipv6CidrBlock: Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, s.ipv6Index) } : {}),
      ...(s.azIsId ? { availabilityZoneId: s.az } : { availabilityZone: s.az }),
      mapPublicIpOnLaunch: false,
      tags: hubTags(hub, tagName(project, hub.name, 'endpoints', s.az)),
    });
    resource(RouteTableAssociation, scope, ids.hubRouteTableAssociation(hub.name, s.az), { provider, subnetId: subnet.id, routeTableId: table.id });
    return subnet.id;
  });
  if (hub.flowLogs) flowLogs(scope, hub, vpc, hub.flowLogs, provider, project);
  return { vpcId: vpc.id, ...(hub.ipv6 ? { ipv6CidrBlock: vpc.ipv6CidrBlock } : {}), subnetIds, routeTableIds: new Map([['endpoints', table.id]]) };
}

function flowLogs(scope: Construct, hub: HubPlan, vpc: Vpc, plan: FlowLogPlan, provider: AwsProvider, project: string): void {
  const id = ids.hubFlowLog(hub.name);
  const name = tagName(project, hub.name, 'flow-logs');
  if (isS3Arn(plan.destinationArn)) {
    resource(FlowLog, scope, id, { provider, vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: plan.destinationArn, tags: hubTags(hub, name) });
    return;
  }
  const logGroupArn =
    plan.destinationArn ??
    resource(CloudwatchLogGroup, scope, id, { provider, name: awsNames.flowLogGroup(project, hub.awsName), retentionInDays: plan.retentionDays, tags: hubTags(hub, name) }).arn;
  // Policies go through Terraform's jsonencode, never JSON.stringify: a JSON string with an embedded
  // reference is written unescaped by `cdktf synth --hcl`, which Terraform then rejects.
  const role = resource(IamRole, scope, id, {
    provider,
    name: awsNames.flowLogRole(project, hub.awsName, hub.region),
    assumeRolePolicy: Fn.jsonencode(flowLogTrustPolicy(hub.account.id, hub.region)),
    tags: hubTags(hub, name),
  });
  resource(IamRolePolicy, scope, id, {
    provider,
    name: awsNames.flowLogRolePolicy(),
    role: role.id,
    policy: Fn.jsonencode(flowLogWritePolicy(logGroupArn)),
  });
  resource(FlowLog, scope, id, { provider, vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: logGroupArn, iamRoleArn: role.arn, tags: hubTags(hub, name) });
}
