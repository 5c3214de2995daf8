/**
 * Hub stack, connectivity: transit-gateway (issue 10): what the hub shares with every spoke.
 * - the transit gateway, when created: default route table association and propagation off (the two
 *   route tables below do the routing), auto-accept of shared attachments as configured (off by
 *   default), DNS support on; shared with the spoke accounts through RAM (ram-share.ts);
 * - its two route tables, unless the config names existing ones: `hub` (the hub attachment is
 *   associated with it, every spoke attachment propagates into it) and `spokes` (every spoke attachment
 *   is associated with it, only the hub attachment propagates into it): spokes reach the hub, never
 *   each other;
 * - the hub VPC's attachment in the endpoint subnets, accepted (when another account owns the transit
 *   gateway and does not auto-accept), associated with `hub` and propagated into `spokes`, those three
 *   acting in the owner's account;
 * - routes from the hub's route tables to the on-premises ranges through the transit gateway.
 * Spokes' attachments and the hub's routes back to each spoke are pairs: transit-gateway-pair.ts.
 */
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan } from '../planning/plan';
import type { HubVpcHandles } from './hub-vpc';
import { ramShare } from './ram-share';
import { resource } from './resource';
import { adopt } from './adopt';
import { hubTags } from '../planning/tags';

export interface TransitGatewayHandles {
  transitGatewayId: string;
  routeTableIds: { hub: string; spokes: string };
  /** Set when we created the transit gateway and the config has a RAM sharing model. */
  shareArn?: string;
  /** Set when we created either route table (they are then outputs). */
  createdRouteTables: boolean;
  created: boolean;
}

/**
 * `ownerProvider` acts in the transit gateway owner's account (the hub stack's own provider when the
 * hub's account owns it).
 */
export function hubTransitGateway(scope: Construct, hub: HubPlan, vpc: HubVpcHandles, provider: AwsProvider, ownerProvider: AwsProvider, project: string): TransitGatewayHandles {
  const tgw = hub.transitGateway;
  if (!tgw) throw new Error(`hub ${hub.name} has no transit gateway (planning bug)`);
  let transitGatewayId = tgw.existingId;
  let shareArn: string | undefined;
  if (transitGatewayId === undefined) {
    const name = tagName(project, hub.name);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGateway.html (TransitGatewayRequestOptions)
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway
    const created = resource(Ec2TransitGateway, scope, ids.hubTransitGateway(hub.name), {
      provider,
      description: awsNames.transitGatewayDescription(project, hub.name),
      // Off: an attachment lands in no route table until we associate it, so no spoke can ever reach another by default.
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: tgw.autoAcceptSharedAttachments ? 'enable' : 'disable',
      dnsSupport: 'enable',
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRequestOptions.html (AmazonSideAsn)
      ...(tgw.amazonSideAsn !== undefined ? { amazonSideAsn: tgw.amazonSideAsn } : {}),
      tags: hubTags(hub, name),
    });
    transitGatewayId = created.id;
    if (tgw.share) shareArn = ramShare(scope, hub.name, 'transit-gateway', created.arn, tgw.share, awsNames.transitGatewayShare(project, hub.name), hubTags(hub, awsNames.transitGatewayShare(project, hub.name)), provider);
  }
  const table = (which: 'hub' | 'spokes'): string => {
    const existing = tgw.routeTables?.[which];
    if (existing !== undefined) return existing;
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayRouteTable.html
    return resource(Ec2TransitGatewayRouteTable, scope, ids.hubTransitGatewayRouteTable(hub.name, which), {
      provider: ownerProvider,
      transitGatewayId: transitGatewayId as string,
      tags: hubTags(hub, awsNames.transitGatewayRouteTable(project, hub.name, which)),
    }).id;
  };
  const routeTableIds = { hub: table('hub'), spokes: table('spokes') };

  const sameAccount = tgw.owner.id === hub.account.id;
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment
  const attachment = resource(Ec2TransitGatewayVpcAttachment, scope, ids.hubAttachment(hub.name), {
    provider,
    transitGatewayId,
    vpcId: vpc.vpcId,
    // One subnet per AZ: the attachment's own (hubAttachmentSubnets), else the endpoint subnets; either way
    // in every endpoint AZ, so traffic stays in the endpoint's AZ.
    subnetIds: hubAttachmentSubnetIds(scope, hub, vpc, provider, project),
    dnsSupport: 'enable',
    // A dual-stack hub: its IPv6 block propagates into the spokes route table (Ipv6Support, transit-gateway-pair.ts).
    ...(hub.ipv6 ? { ipv6Support: 'enable' } : {}),
    // The provider can set these only in the owner's account (not for RAM-shared gateways): there the accepter sets them.
    ...(sameAccount ? { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false } : {}),
    tags: hubTags(hub, tagName(project, hub.name)),
    ...adoptedAttachmentKeeps(hub.adopt?.transitGatewayAttachmentId, hub.ipv6 !== undefined, sameAccount ? [HUB_KEEPS_DEFAULT_PROPAGATION] : []),
  });
  const adopted = hub.adopt?.transitGatewayAttachmentId;
  adopt(attachment, adopted);
  const accepted = acceptInOwner(scope, ids.hubAttachment(hub.name), attachment, hub, sameAccount, ownerProvider, hubTags(hub, tagName(project, hub.name)), project, adopted, [HUB_KEEPS_DEFAULT_PROPAGATION]);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateTransitGatewayRouteTable.html
  const association = resource(Ec2TransitGatewayRouteTableAssociation, scope, ids.hubAttachment(hub.name), {
    provider: ownerProvider,
    transitGatewayAttachmentId: attachment.id,
    transitGatewayRouteTableId: routeTableIds.hub,
    ...replaceAdoptedAssociation(adopted),
    ...(accepted ? { dependsOn: [accepted] } : {}),
  });
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableTransitGatewayRouteTablePropagation.html
  const propagation = resource(Ec2TransitGatewayRouteTablePropagation, scope, ids.hubAttachment(hub.name), {
    provider: ownerProvider,
    transitGatewayAttachmentId: attachment.id,
    transitGatewayRouteTableId: routeTableIds.spokes,
    ...(accepted ? { dependsOn: [accepted] } : {}),
  });
  // Replies to on-premises clients leave the hub VPC through the transit gateway (the DX/VPN attachment
  // and its routes in the `hub` route table are the network team's, outside vpce-hub).
  for (const t of hub.routeTables) {
    for (const cidr of hub.onPremises?.cidrs ?? []) {
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html (TransitGatewayId)
      resource(Route, scope, ids.hubOnPremisesRoute(hub.name, t.key, cidr), {
        provider,
        routeTableId: vpc.routeTableIds.get(t.key) as string,
        destinationCidrBlock: cidr,
        transitGatewayId,
        // Answers to on-premises leave through the hub attachment, routed by the `hub` table it is
        // associated with: the route waits for that association (and the propagation), not only the attachment.
        dependsOn: [association, propagation],
      });
    }
  }
  return { transitGatewayId, routeTableIds, ...(shareArn ? { shareArn } : {}), createdRouteTables: tgw.routeTables === undefined, created: tgw.existingId === undefined };
}

/**
 * The subnets of the hub VPC's attachment. AWS's design best practice is a small subnet of its own per
 * attachment, all with one route table (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html):
 * in a VPC vpce-hub creates they are carved from the config's CIDRs, with a route table of local routes
 * only (the gateway delivers into the VPC; the endpoints' replies leave by the endpoint route table).
 */
function hubAttachmentSubnetIds(scope: Construct, hub: HubPlan, vpc: HubVpcHandles, provider: AwsProvider, project: string): string[] {
  const own = hub.transitGateway?.hubAttachmentSubnets;
  if (own === undefined) return vpc.subnetIds;
  if (own.every((s) => s.id !== undefined)) return own.map((s) => s.id as string);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html
  const table = resource(RouteTable, scope, ids.hubAttachmentRouteTable(hub.name), { provider, vpcId: vpc.vpcId, tags: hubTags(hub, tagName(project, hub.name, 'transit-gateway')) });
  return own.map((s) => {
    const subnet = resource(Subnet, scope, ids.hubAttachmentSubnet(hub.name, s.az), {
      provider,
      vpcId: vpc.vpcId,
      cidrBlock: s.cidr as string,
      ...(s.azIsId ? { availabilityZoneId: s.az } : { availabilityZone: s.az }),
      mapPublicIpOnLaunch: false,
      tags: hubTags(hub, tagName(project, hub.name, 'transit-gateway', s.az)),
    });
    resource(RouteTableAssociation, scope, ids.hubAttachmentSubnet(hub.name, s.az), { provider, subnetId: subnet.id, routeTableId: table.id });
    return subnet.id;
  });
}

/**
 * The owner's acceptance of an attachment from another account, unless the transit gateway accepts
 * shared attachments by itself. Default association and propagation are turned off here, where the
 * provider can set them for a shared gateway.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter
 *
 * The tags of a shared attachment are per account: the owner sees none of the creator's
 * (terraform-aws-modules/terraform-aws-transit-gateway issue 86, hashicorp/terraform-provider-aws issue
 * 21055), and the hub-side role may associate and propagate only attachments carrying vpce-hub's
 * `Project` and `ManagedBy` in the owner's account (planning/hub-side-policy.ts). The accepter writes
 * them (its tags and the provider's default_tags); an attachment the gateway accepts by itself gets them
 * from two `aws_ec2_tag` in the owner's account, `ManagedBy` after `Project` so a destroy removes
 * `Project` last (the role may remove tags of an attachment while it carries our `Project`).
 *
 * An adopted attachment (`adopted`, its tgw-attach- id) is accepted already: its accepter is imported
 * (import id: the attachment id), even on an auto-accepting gateway, because the accepter's Update is
 * the one API path that takes an attachment out of the gateway's default association and propagation
 * tables from the owner's side (transitgateway_vpc_attachment_accepter.go, Update ->
 * transitGatewayRouteTableAssociationUpdate / transitGatewayRouteTablePropagationUpdate on
 * AssociationDefaultRouteTableId / PropagationDefaultRouteTableId). That accepter also writes the owner's
 * tags (its tag update runs before its Update, the provider's tags interceptor), so an adopted attachment
 * gets no `aws_ec2_tag`: two resources writing the same keys would fight. A new attachment on an
 * auto-accepting gateway gets no accepter: its Create would accept an attachment AWS has accepted already.
 * Not confirmable offline (README): AWS applies the gateway's default association and propagation at
 * acceptance and the accepter turns them off right after, a short window in the default tables.
 * Returns what the association and propagation must wait for.
 */
export function acceptInOwner(
  scope: Construct,
  id: string,
  attachment: Ec2TransitGatewayVpcAttachment,
  hub: HubPlan,
  sameAccount: boolean,
  ownerProvider: AwsProvider,
  tags: Record<string, string>,
  project: string,
  adopted?: string,
  /** Attributes an adopted accepter leaves as they are (the hub's default propagation, below). */
  keeps: string[] = [],
): TerraformResource | undefined {
  if (sameAccount) return undefined;
  if (hub.transitGateway?.autoAcceptSharedAttachments && adopted === undefined) {
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_tag
    const projectTag = resource(Ec2Tag, scope, ids.ownerAttachmentTag(id, 'project'), { provider: ownerProvider, resourceId: attachment.id, key: 'Project', value: project });
    return resource(Ec2Tag, scope, ids.ownerAttachmentTag(id, 'managed_by'), { provider: ownerProvider, resourceId: attachment.id, key: 'ManagedBy', value: 'vpce-hub', dependsOn: [projectTag] });
  }
  const accepter = resource(Ec2TransitGatewayVpcAttachmentAccepter, scope, id, {
    provider: ownerProvider,
    transitGatewayAttachmentId: attachment.id,
    transitGatewayDefaultRouteTableAssociation: false,
    transitGatewayDefaultRouteTablePropagation: false,
    tags,
    ...(adopted !== undefined && keeps.length > 0 ? { lifecycle: { ignoreChanges: keeps } } : {}),
  });
  adopt(accepter, adopted);
  return accepter;
}

/**
 * An adopted hub attachment keeps propagating the hub VPC's CIDRs into the gateway's default
 * propagation table, as it does today: that is how the organization's default segment (typically the
 * Direct Connect or VPN attachment of on-premises networks) reaches the hub VPC now, and turning it off
 * (the accepter's update calls DisableTransitGatewayRouteTablePropagation on the default table:
 * transitgateway_vpc_attachment_accepter.go) would cut that path. The hub's CIDRs there expose no
 * spoke. A spoke's adopted attachment does lose its default propagation (isolation; review gates the
 * re-association and says so).
 */
const HUB_KEEPS_DEFAULT_PROPAGATION = 'transit_gateway_default_route_table_propagation';

/**
 * What an adopted attachment keeps as it is: `appliance_mode_support` and `ipv6_support` default to
 * "disable" in provider 5.100.0 (Optional with a default, not Computed:
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment),
 * so after the import Terraform would turn off appliance mode or IPv6 on an organization's attachment
 * that uses them. vpce-hub sets neither on an attachment it adopts, except IPv6 support for a dual-stack hub.
 */
export function adoptedAttachmentKeeps(adopted: string | undefined, setsIpv6: boolean, more: string[] = []): { lifecycle?: { ignoreChanges: string[] } } {
  // A dual-stack hub's attachment sets ipv6_support itself (issue 20): then it is managed, not kept.
  return adopted !== undefined ? { lifecycle: { ignoreChanges: ['appliance_mode_support', ...(setsIpv6 ? [] : ['ipv6_support']), ...more] } } : {};
}

/**
 * An adopted attachment is associated with some route table already (AWS allows one association per
 * attachment, AssociateTransitGatewayRouteTable fails with Resource.AlreadyAssociated: provider issue
 * 16452), and the config does not know which. `replace_existing_association` (provider PR 31452)
 * disassociates it first, from whatever table: review gates that as a re-association. Never set on
 * attachments vpce-hub creates: the argument forces replacement, so adding it to a deployed
 * association would disassociate and re-associate it for nothing.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_route_table_association
 */
export const replaceAdoptedAssociation = (adopted: string | undefined): { replaceExistingAssociation?: true } => (adopted !== undefined ? { replaceExistingAssociation: true } : {});
