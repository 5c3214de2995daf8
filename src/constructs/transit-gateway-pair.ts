/**
 * A hub-spoke transit gateway pair (issue 10), both halves in the spoke account's stack like a peering
 * pair (issue 9):
 * - spoke half (the spoke's own provider): the spoke VPC's attachment in its attachment subnets, and a
 *   route to the hub CIDR through the transit gateway in every listed route table;
 * - transit gateway owner's half (a provider in the owner's account): the attachment's acceptance
 *   (unless same account or auto-accept), its association with the `spokes` route table and its
 *   propagation into the `hub` route table, never into `spokes`, so no spoke learns another's routes;
 * - hub half (a provider in the hub's account): routes from the hub's route tables to every spoke CIDR
 *   through the transit gateway.
 */
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { hubCidrs } from '../planning/hub-cidrs';
import { awsNames, ids } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { ipv6Routes } from './ipv6-routes';
import { resource } from './resource';
import { adopt } from './adopt';
import { acceptInOwner, adoptedAttachmentKeeps, replaceAdoptedAssociation } from './transit-gateway';
import { pairTags } from '../planning/tags';

/** What the pair needs from the hub stack (named outputs) or the config (existing ids). */
export interface TransitGatewaySide {
  transitGatewayId: string;
  routeTableIds: { hub: string; spokes: string };
  /** Acts in the hub's account: routes in the hub's route tables. */
  hubProvider: AwsProvider;
  /** Keyed like `RouteTablePlan.key`. */
  hubRouteTableId: (key: string) => string;
  /** Acts in the transit gateway owner's account. */
  ownerProvider: AwsProvider;
  /** The RAM share this account must have joined before it can attach (principal or acceptance). */
  shareJoined?: TerraformResource;
  /** A dual-stack hub's IPv6 block (ipv6-routes.ts). */
  hubIpv6Cidr?: string;
}

/** `routes: false` builds the path without routes over it: step 1 of a migration from peering (planning/peering-migration.ts). */
export function transitGatewayPair(scope: Construct, hub: HubPlan, spoke: SpokePlan, side: TransitGatewaySide, spokeProvider: AwsProvider, project: string, routes = true): void {
  const tgw = hub.transitGateway;
  if (!tgw) throw new Error(`hub ${hub.name} has no transit gateway (planning bug)`);
  const sameAccount = tgw.owner.id === spoke.account.id;
  const name = awsNames.spokeAttachment(project, spoke.name, hub.name);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment
  const attachment = resource(Ec2TransitGatewayVpcAttachment, scope, ids.spokeAttachment(spoke.name), {
    provider: spokeProvider,
    transitGatewayId: side.transitGatewayId,
    vpcId: spoke.vpcId,
    subnetIds: spoke.attachmentSubnets.map((s) => s.id),
    dnsSupport: 'enable',
    // A spoke with IPv6 blocks of a dual-stack hub: its IPv6 CIDRs propagate into the hub route table and
    // the attachment carries IPv6 ("When enabled, the transit gateway network interface receives an IPv6
    // address. When you enable route propagation, IPv6 VPC CIDRs propagate to the transit gateway route
    // tables": CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support,
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html).
    // Its attachment subnets need IPv6 blocks of their own (README, dual-stack). Changed in place.
    ...(spoke.ipv6Cidrs && side.hubIpv6Cidr !== undefined ? { ipv6Support: 'enable' } : {}),
    // Settable only in the owner's account; for a shared gateway the accepter turns them off.
    ...(sameAccount ? { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false } : {}),
    tags: pairTags(spoke, name),
    ...(side.shareJoined ? { dependsOn: [side.shareJoined] } : {}),
    ...adoptedAttachmentKeeps(spoke.adoptTransitGatewayAttachmentId, spoke.ipv6Cidrs !== undefined && side.hubIpv6Cidr !== undefined),
  });
  const adopted = spoke.adoptTransitGatewayAttachmentId;
  adopt(attachment, adopted);
  const accepted = acceptInOwner(scope, ids.spokeAttachment(spoke.name), attachment, hub, sameAccount, side.ownerProvider, pairTags(spoke, name), project, adopted);
  const afterAccept = accepted ? { dependsOn: [accepted] } : {};
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateTransitGatewayRouteTable.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_route_table_association
  const association = resource(Ec2TransitGatewayRouteTableAssociation, scope, ids.spokeAttachment(spoke.name), {
    provider: side.ownerProvider,
    transitGatewayAttachmentId: attachment.id,
    transitGatewayRouteTableId: side.routeTableIds.spokes,
    ...replaceAdoptedAssociation(adopted),
    ...afterAccept,
  });
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableTransitGatewayRouteTablePropagation.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_route_table_propagation
  const propagation = resource(Ec2TransitGatewayRouteTablePropagation, scope, ids.spokePropagation(spoke.name), {
    provider: side.ownerProvider,
    transitGatewayAttachmentId: attachment.id,
    transitGatewayRouteTableId: side.routeTableIds.hub,
    ...afterAccept,
  });
  if (!routes) return;
  // Every route over the gateway waits, in Terraform's graph, for the attachment (through its accepter),
  // its association (the spokes table: where the spoke's packets are routed) and its propagation (the hub
  // table: how the hub's answers find the spoke). A route created or moved (ReplaceRoute) earlier would
  // send into a blackhole: the hub's return route used to switch before the spoke was even accepted.
  // The hub attachment's association and propagation are the hub stack's, applied before every spokes stack.
  // Not confirmable offline (README): that the propagated routes are in the table once the provider reports
  // the propagation enabled (EnableTransitGatewayRouteTablePropagation returns, then it waits for the state).
  const afterPath = { dependsOn: [association, propagation] };
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html (TransitGatewayId)
  for (const table of hub.routeTables) {
    for (const cidr of spoke.cidrs) {
      resource(Route, scope, ids.hubRoute(hub.name, table.key, spoke.name, cidr), {
        provider: side.hubProvider,
        routeTableId: side.hubRouteTableId(table.key),
        destinationCidrBlock: cidr,
        transitGatewayId: side.transitGatewayId,
        ...afterPath,
      });
    }
  }
  // Every hub CIDR: an existing hub VPC's endpoint subnets (given by id) may sit in a secondary range.
  for (const routeTableId of spoke.routeTableIds) {
    for (const { cidr, secondary } of hubCidrs(hub)) {
      resource(Route, scope, ids.spokeRoute(spoke.name, routeTableId, hub.name, secondary ? cidr : undefined), {
        provider: spokeProvider,
        routeTableId,
        destinationCidrBlock: cidr,
        transitGatewayId: side.transitGatewayId,
        ...afterPath,
      });
    }
  }
  // The IPv6 routes wait for the same association and propagation as the IPv4 ones.
  ipv6Routes(scope, hub, spoke, { provider: side.hubProvider, routeTableId: side.hubRouteTableId, ...(side.hubIpv6Cidr !== undefined ? { ipv6Cidr: side.hubIpv6Cidr } : {}) }, spokeProvider, {
    via: { transitGatewayId: side.transitGatewayId },
    hubDependsOn: afterPath.dependsOn,
    spokeDependsOn: afterPath.dependsOn,
  });
}
