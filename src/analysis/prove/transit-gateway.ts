/**
 * The transit gateway path of a `connectivity: transit-gateway` hub (issue 10), link by link, as a
 * packet and its reply travel:
 * spoke route -> the hub's transit gateway -> the spoke VPC's attachment (accepted by the owner) ->
 * its association (the spokes route table) -> a route there to the hub CIDR (the hub attachment's
 * propagation) -> the hub attachment -> its association (the hub route table) -> a route there back to
 * every spoke CIDR (the spoke attachment's propagation) -> the hub VPC's route back to the gateway.
 * Segmentation is part of the proof: the spoke's route table must learn from the hub attachment only,
 * and must not be the hub's own table, or spokes could reach each other.
 * The halves may be in the spokes stack (acting in the owner's or hub's account) or the hub stack.
 */
import { cidrOf, contains } from '../../planning/cidr';
import type { Resolution, TfResource } from '../tree';
import { accountOf, field, type ProofContext } from './context';
import type { BrokenLink } from './result';
import { describe, fieldRefs, literal, refersTo, resourceOf, resourcesIn, sameValue, type Target } from './values';
import { invitationAccepted, sharedWith } from './zone-association';

const ATTACHMENT = 'aws_ec2_transit_gateway_vpc_attachment';
const ACCEPTER = 'aws_ec2_transit_gateway_vpc_attachment_accepter';
const ASSOCIATION = 'aws_ec2_transit_gateway_route_table_association';
const PROPAGATION = 'aws_ec2_transit_gateway_route_table_propagation';
const STATIC_ROUTE = 'aws_ec2_transit_gateway_route';

/** What the hub side of the gateway looks like, once per cell: the hub attachment and its route table. */
export interface HubGateway {
  transitGateway: Resolution;
  attachment: TfResource;
  table: Resolution;
}

const stacksOf = (ctx: ProofContext): string[] => [...new Set([ctx.spokeStack, ctx.hubStack])];
const all = (ctx: ProofContext, type: string): TfResource[] => stacksOf(ctx).flatMap((s) => [...resourcesIn(ctx.tree, s, type)]);
/** Every stack: a gateway route table is shared by all spokes, so another spoke's stack can leak into it. */
const anywhere = (ctx: ProofContext, type: string): TfResource[] => [...ctx.tree.stacks.keys()].flatMap((s) => [...resourcesIn(ctx.tree, s, type)]);
const target = (r: TfResource): Target => ({ stack: r.stack, address: r.address });
/** A resource that names the attachment, directly or through its accepter. */
const namesAttachment = (ctx: ProofContext, r: TfResource, attachment: TfResource): boolean => {
  const refs = fieldRefs(ctx, r, 'transit_gateway_attachment_id');
  if (refersTo(refs, target(attachment))) return true;
  return all(ctx, ACCEPTER).some((a) => refersTo(fieldRefs(ctx, a, 'transit_gateway_attachment_id'), target(attachment)) && refersTo(refs, target(a)));
};

/** The hub VPC's attachment, the gateway it attaches to, and the route table it is associated with. */
export function hubGateway(ctx: ProofContext): HubGateway | BrokenLink {
  const attachment = resourcesIn(ctx.tree, ctx.hubStack, ATTACHMENT).find((a) => sameValue(field(ctx, a, 'vpc_id'), ctx.hubVpc));
  if (!attachment) return { link: 'attachment', message: `hub ${ctx.hub.name}'s VPC ${describe(ctx.hubVpc)} has no ${ATTACHMENT} in stack ${ctx.hubStack}` };
  const transitGateway = field(ctx, attachment, 'transit_gateway_id');
  const accepted = checkAccepted(ctx, attachment, transitGateway);
  if (accepted) return accepted;
  const table = associationOf(ctx, attachment);
  if ('link' in table) return table;
  return { transitGateway, attachment, table };
}

/** The spoke side and both directions through the gateway, for a spoke route that targets `routed`. */
export function checkTransitGateway(ctx: ProofContext, routed: Resolution, via: string): BrokenLink | undefined {
  const hub = hubGateway(ctx);
  if ('link' in hub) return hub;
  if (!sameValue(routed, hub.transitGateway)) {
    return { link: 'route', message: `${via} targets transit gateway ${describe(routed)}, but hub ${ctx.hub.name} is attached to ${describe(hub.transitGateway)}` };
  }
  // A gateway we create reaches another account only through its RAM share (an existing one is shared by its owner).
  const created = resourceOf(hub.transitGateway, 'aws_ec2_transit_gateway');
  if (created && accountOf(ctx, created) !== ctx.spoke.account.id && !sharedWith(ctx, target(created))) {
    return { link: 'attachment', message: `transit gateway ${created.address} is not shared with account ${ctx.spoke.account.id}: no aws_ram_principal_association for it (or its organization) on a share holding the transit gateway` };
  }
  if (created && accountOf(ctx, created) !== ctx.spoke.account.id && !invitationAccepted(ctx, 'transit-gateway', target(created))) {
    return { link: 'attachment', message: `transit gateway ${created.address} is shared with account ${ctx.spoke.account.id} through an invitation that stack ${ctx.spokeStack} never accepts (no aws_ram_resource_share_accepter of its share)` };
  }
  const spokeVpc = literal(ctx.spokeStack, ctx.spoke.vpcId);
  const attachment = resourcesIn(ctx.tree, ctx.spokeStack, ATTACHMENT).find((a) => sameValue(field(ctx, a, 'vpc_id'), spokeVpc) && sameValue(field(ctx, a, 'transit_gateway_id'), hub.transitGateway));
  if (!attachment) return { link: 'attachment', message: `spoke ${ctx.spoke.name}'s VPC ${ctx.spoke.vpcId} has no ${ATTACHMENT} to ${describe(hub.transitGateway)} in stack ${ctx.spokeStack}` };
  const accepted = checkAccepted(ctx, attachment, hub.transitGateway);
  if (accepted) return accepted;
  const table = associationOf(ctx, attachment);
  if ('link' in table) return table;
  if (sameValue(table, hub.table)) {
    return { link: 'segmentation', message: `${attachment.address} is associated with ${describe(table)}, the hub attachment's route table, where every spoke propagates: spokes could reach each other` };
  }
  // Segmentation: the spoke's table learns the hub only.
  for (const p of anywhere(ctx, PROPAGATION).filter((x) => sameValue(field(ctx, x, 'transit_gateway_route_table_id'), table))) {
    if (!namesAttachment(ctx, p, hub.attachment)) {
      return { link: 'segmentation', message: `transit gateway route table ${describe(table)} of spoke ${ctx.spoke.name} also learns ${describe(field(ctx, p, 'transit_gateway_attachment_id'))} (${p.address}): only the hub attachment may propagate there, or spokes reach each other` };
    }
  }
  for (const r of anywhere(ctx, STATIC_ROUTE).filter((x) => sameValue(field(ctx, x, 'transit_gateway_route_table_id'), table))) {
    if (r.body.blackhole !== true && !namesAttachment(ctx, r, hub.attachment)) {
      return { link: 'segmentation', message: `transit gateway route table ${describe(table)} of spoke ${ctx.spoke.name} has ${r.address} to ${describe(field(ctx, r, 'transit_gateway_attachment_id'))}, which is not the hub attachment` };
    }
  }
  if (!reaches(ctx, table, hub.attachment, ctx.hub.cidr)) {
    return { link: 'propagation', message: `transit gateway route table ${describe(table)} (of ${attachment.address}) has no route to hub CIDR ${ctx.hub.cidr}: ${hub.attachment.address} does not propagate into it` };
  }
  for (const cidr of ctx.spoke.cidrs) {
    if (!reaches(ctx, hub.table, attachment, cidr)) {
      return { link: 'propagation', message: `transit gateway route table ${describe(hub.table)} (of ${hub.attachment.address}) has no route back to ${cidr}: ${attachment.address} does not propagate into it` };
    }
  }
  return undefined;
}

/** Accepted when it is in the owner's account, when the gateway auto-accepts, or by an accepter acting in the owner's account. */
function checkAccepted(ctx: ProofContext, attachment: TfResource, transitGateway: Resolution): BrokenLink | undefined {
  const owner = ctx.hub.transitGateway?.owner.id;
  if (owner === undefined || accountOf(ctx, attachment) === owner) return undefined;
  const created = resourceOf(transitGateway, 'aws_ec2_transit_gateway');
  const autoAccept = created ? created.body.auto_accept_shared_attachments === 'enable' : ctx.hub.transitGateway?.autoAcceptSharedAttachments === true;
  if (autoAccept) return undefined;
  const accepters = all(ctx, ACCEPTER).filter((a) => refersTo(fieldRefs(ctx, a, 'transit_gateway_attachment_id'), target(attachment)));
  if (accepters.some((a) => accountOf(ctx, a) === owner)) return undefined;
  if (accepters.length > 0) return { link: 'attachment', message: `${attachment.address} is accepted by ${accepters[0].address} in account ${accountOf(ctx, accepters[0]) ?? '(unknown)'}, but the transit gateway's owner is account ${owner}` };
  return { link: 'attachment', message: `${attachment.address} is never accepted: no ${ACCEPTER} acting in the owner's account ${owner}, and the transit gateway does not auto-accept shared attachments` };
}

/** The route table an attachment is associated with. */
function associationOf(ctx: ProofContext, attachment: TfResource): Resolution | BrokenLink {
  const associations = all(ctx, ASSOCIATION).filter((a) => namesAttachment(ctx, a, attachment));
  if (associations.length === 0) return { link: 'association', message: `${attachment.address} is associated with no transit gateway route table (no ${ASSOCIATION}), so the gateway forwards nothing it sends` };
  if (associations.length > 1) return { link: 'association', message: `${attachment.address} has ${associations.length} route table associations (${associations.map((a) => a.address).join(', ')}); an attachment is associated with exactly one` };
  return field(ctx, associations[0], 'transit_gateway_route_table_id');
}

/** Whether `table` has a route to all of `cidr` through `attachment`: its propagation, or a static route. */
function reaches(ctx: ProofContext, table: Resolution, attachment: TfResource, cidr: string): boolean {
  const inTable = (type: string) => all(ctx, type).filter((x) => sameValue(field(ctx, x, 'transit_gateway_route_table_id'), table) && namesAttachment(ctx, x, attachment));
  // A propagation brings the attachment VPC's CIDRs: the hub's or the spoke's own, which is what is asked.
  if (inTable(PROPAGATION).length > 0) return true;
  return inTable(STATIC_ROUTE).some((r) => r.body.blackhole !== true && covers(String(r.body.destination_cidr_block ?? ''), cidr));
}

function covers(outer: string, inner: string): boolean {
  try {
    return contains(cidrOf(outer), cidrOf(inner));
  } catch {
    return false;
  }
}
