/**
 * A hub-spoke VPC peering is one concept with two halves, both emitted in the spoke account's stack
 * (issue 9): the hub half (request, return routes in the hub's route tables) through a provider that
 * acts in the hub account, the spoke half (accepter, routes to the hub CIDR) through the spoke's own.
 * In one graph Terraform orders request before accept by itself, as in the provider's own cross-account
 * example (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpc_peering_connection_accepter).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import type { Construct } from 'constructs';
import { hubCidrs } from '../planning/hub-cidrs';
import { ids, tagName } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { importIds } from '../planning/adopt';
import { adopt } from './adopt';
import { ipv6Routes } from './ipv6-routes';
import { resource } from './resource';
import { pairTags } from '../planning/tags';

/** What the hub half needs from the hub stack: its named outputs, read through remote state. */
export interface HubSide {
  provider: AwsProvider;
  vpcId: string;
  /** Keyed like `RouteTablePlan.key`. */
  routeTableId: (key: string) => string;
  /** A dual-stack hub's IPv6 block: the config's for an existing VPC, the hub stack's output for a created one (ipv6-routes.ts). */
  ipv6Cidr?: string;
}

/** `routes: false` keeps the peering without routes over it: step 2 of a migration to a transit gateway (planning/peering-migration.ts). */
export function peeringPair(scope: Construct, hub: HubPlan, spoke: SpokePlan, hubSide: HubSide, spokeProvider: AwsProvider, project: string, routes = true): void {
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html
  const pcx = resource(VpcPeeringConnection, scope, ids.hubPeering(hub.name, spoke.name), {
    provider: hubSide.provider,
    vpcId: hubSide.vpcId,
    peerVpcId: spoke.vpcId,
    peerOwnerId: spoke.account.id,
    // auto_accept only works within one account and region; peer_region must be absent then.
    ...(spoke.crossRegion ? { peerRegion: spoke.region } : {}),
    ...(spoke.autoAccept ? { autoAccept: true } : {}),
    tags: pairTags(spoke, tagName(project, hub.name, 'to', spoke.name)),
  });
  const adopted = spoke.adoptPeeringConnectionId;
  adopt(pcx, adopted);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcPeeringConnection.html
  const accepter = spoke.autoAccept
    ? undefined
    : resource(VpcPeeringConnectionAccepterA, scope, ids.spokeAccepter(spoke.name), {
        provider: spokeProvider,
        vpcPeeringConnectionId: pcx.id,
        autoAccept: true,
        tags: pairTags(spoke, tagName(project, spoke.name, 'to', 'hub', hub.name)),
      });
  if (accepter) adopt(accepter, adopted);
  if (!routes) return;
  // Routes only carry traffic once the peering is active: both sides wait for the acceptance.
  const afterAccept = accepter ? { dependsOn: [accepter] } : {};
  for (const table of hub.routeTables) {
    for (const cidr of spoke.cidrs) {
      const route = resource(Route, scope, ids.hubRoute(hub.name, table.key, spoke.name, cidr), {
        provider: hubSide.provider,
        routeTableId: hubSide.routeTableId(table.key),
        destinationCidrBlock: cidr,
        vpcPeeringConnectionId: pcx.id,
        ...afterAccept,
      });
      // Only an existing hub route table has an id to import by; a created one has no old routes.
      adopt(route, adopted && table.id ? importIds.route(table.id, cidr) : undefined);
    }
  }
  // Every hub CIDR: an existing hub VPC's endpoint subnets (given by id) may sit in a secondary range.
  for (const routeTableId of spoke.routeTableIds) {
    for (const { cidr, secondary } of hubCidrs(hub)) {
      const route = resource(Route, scope, ids.spokeRoute(spoke.name, routeTableId, hub.name, secondary ? cidr : undefined), {
        provider: spokeProvider,
        routeTableId,
        destinationCidrBlock: cidr,
        vpcPeeringConnectionId: pcx.id,
        ...afterAccept,
      });
      adopt(route, adopted ? importIds.route(routeTableId, cidr) : undefined);
    }
  }
  ipv6Routes(scope, hub, spoke, hubSide, spokeProvider, { via: { vpcPeeringConnectionId: pcx.id }, ...(accepter ? { hubDependsOn: [accepter], spokeDependsOn: [accepter] } : {}) });
}
