/**
 * A hub-spoke VPC peering is one concept with two halves: the hub account requests it and routes the
 * spoke's CIDRs back over it; the spoke account accepts it and routes the hub's CIDR to it.
 * Each half is emitted in its account's stack from the same SpokePlan record.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import type { Construct } from 'constructs';
import { ids, tagName } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import type { HubVpcHandles } from './hub-vpc';
import { resource } from './resource';

/** Hub half: the request and the return routes. Returns the peering connection id. */
export function peeringRequester(scope: Construct, hub: HubPlan, spoke: SpokePlan, vpc: HubVpcHandles, provider: AwsProvider, project: string): string {
  const pcx = resource(VpcPeeringConnection, scope, ids.hubPeering(hub.name, spoke.name), {
    provider,
    vpcId: vpc.vpcId,
    peerVpcId: spoke.vpcId,
    peerOwnerId: spoke.account.id,
    // auto_accept only works within one account and region; peer_region must be absent then.
    ...(spoke.crossRegion ? { peerRegion: spoke.region } : {}),
    ...(spoke.autoAccept ? { autoAccept: true } : {}),
    tags: { Name: tagName(project, hub.name, 'to', spoke.name) },
  });
  for (const table of hub.routeTables) {
    const routeTableId = vpc.routeTableIds.get(table.key) as string;
    for (const cidr of spoke.cidrs) {
      resource(Route, scope, ids.hubRoute(hub.name, table.key, spoke.name, cidr), {
        provider,
        routeTableId,
        destinationCidrBlock: cidr,
        vpcPeeringConnectionId: pcx.id,
      });
    }
  }
  return pcx.id;
}

/** Spoke half: the accepter (unless auto-accepted) and a route to the hub in every listed route table. */
export function peeringAccepter(scope: Construct, hub: HubPlan, spoke: SpokePlan, peeringId: string, provider: AwsProvider, project: string): void {
  const accepter = spoke.autoAccept
    ? undefined
    : resource(VpcPeeringConnectionAccepterA, scope, ids.spokeAccepter(spoke.name), {
        provider,
        vpcPeeringConnectionId: peeringId,
        autoAccept: true,
        tags: { Name: tagName(project, spoke.name, 'to', 'hub', hub.name) },
      });
  for (const routeTableId of spoke.routeTableIds) {
    resource(Route, scope, ids.spokeRoute(spoke.name, routeTableId, hub.name), {
      provider,
      routeTableId,
      destinationCidrBlock: hub.cidr,
      vpcPeeringConnectionId: peeringId,
      // The route only carries traffic once the peering is active.
      ...(accepter ? { dependsOn: [accepter] } : {}),
    });
  }
}
