/**
 * A dual-stack hub and a spoke with IPv6 blocks (issue 20): the pair's routes again in IPv6, both ways,
 * to the same peering or transit gateway. The hub's route tables get a return route per spoke IPv6
 * block, only for spokes that list ipv6Cidrs (an IPv4-only spoke of a dual-stack hub gets none); every
 * listed spoke route table gets a route to the hub VPC's IPv6 block.
 * - IPv6 over a peering: "if the VPCs in the VPC peering connection have associated IPv6 CIDR blocks, you
 *   can add routes that enable communication with the peer VPC over IPv6"
 *   (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html);
 * - over a transit gateway once the attachments have ipv6_support enabled (transit-gateway-pair.ts);
 * - CreateRoute DestinationIpv6CidrBlock: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html.
 * Never adopted: the hand-built pattern vpce-hub adopts is IPv4-only, and importing a route that does not
 * exist fails the plan.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { ids } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { resource } from './resource';

export interface Ipv6HubSide {
  provider: AwsProvider;
  /** Keyed like `RouteTablePlan.key`. */
  routeTableId: (key: string) => string;
  /** The hub VPC's IPv6 block: the config's for an existing VPC, the hub stack's output for a created one. */
  ipv6Cidr?: string;
}

export interface Ipv6RouteTargets {
  via: { vpcPeeringConnectionId: string } | { transitGatewayId: string };
  /** What the hub's return routes wait for (the peering's acceptance). */
  hubDependsOn?: TerraformResource[];
  /** What the spoke's routes wait for (the acceptance, or the attachment's association). */
  spokeDependsOn?: TerraformResource[];
}

export function ipv6Routes(scope: Construct, hub: HubPlan, spoke: SpokePlan, hubSide: Ipv6HubSide, spokeProvider: AwsProvider, targets: Ipv6RouteTargets): void {
  const cidrs = spoke.ipv6Cidrs ?? [];
  const hubBlock = hubSide.ipv6Cidr;
  if (cidrs.length === 0 || hubBlock === undefined) return;
  for (const table of hub.routeTables) {
    for (const cidr of cidrs) {
      resource(Route, scope, ids.hubRoute(hub.name, table.key, spoke.name, cidr), {
        provider: hubSide.provider,
        routeTableId: hubSide.routeTableId(table.key),
        destinationIpv6CidrBlock: cidr,
        ...targets.via,
        ...(targets.hubDependsOn ? { dependsOn: targets.hubDependsOn } : {}),
      });
    }
  }
  for (const routeTableId of spoke.routeTableIds) {
    resource(Route, scope, ids.spokeIpv6Route(spoke.name, routeTableId, hub.name), {
      provider: spokeProvider,
      routeTableId,
      destinationIpv6CidrBlock: hubBlock,
      ...targets.via,
      ...(targets.spokeDependsOn ? { dependsOn: targets.spokeDependsOn } : {}),
    });
  }
}
