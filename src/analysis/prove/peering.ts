/**
 * Is a route's peering connection one that carries traffic between this spoke and its hub? It must
 * join exactly these two VPCs, name the peer's real owner and region, and be accepted: by
 * `auto_accept` on the request (only within one account and region) or by an accepter resource
 * in the peer's stack (domain.md section 4).
 */
import { accountOf, field, type ProofContext } from './context';
import type { Resolution } from '../tree';
import type { BrokenLink } from './result';
import { describe, fieldRefs, literal, refersTo, resourceOf, resourcesIn, sameValue } from './values';

export function checkPeering(ctx: ProofContext, peering: Resolution, via: string): BrokenLink | undefined {
  const broken = (message: string): BrokenLink => ({ link: 'peering', message });
  // Resolution only yields resources the stacks have, so a peering that names none is not one of theirs.
  const pcx = resourceOf(peering, 'aws_vpc_peering_connection');
  if (!pcx) return broken(`${via} targets ${describe(peering)}, not a peering connection created by these stacks`);
  const name = pcx.address;
  const spokeVpc = literal(ctx.spokeStack, ctx.spoke.vpcId);
  const requester = field(ctx, pcx, 'vpc_id');
  const peer = field(ctx, pcx, 'peer_vpc_id');
  const hubRequests = sameValue(requester, ctx.hubVpc) && sameValue(peer, spokeVpc);
  const spokeRequests = sameValue(requester, spokeVpc) && sameValue(peer, ctx.hubVpc);
  if (!hubRequests && !spokeRequests) {
    return broken(`${name} joins ${describe(requester)} and ${describe(peer)}, not spoke ${ctx.spoke.name}'s VPC ${ctx.spoke.vpcId} and hub ${ctx.hub.name}'s VPC ${describe(ctx.hubVpc)}`);
  }

  const side = (isHub: boolean) =>
    isHub ? { account: ctx.hub.account.id, region: ctx.hub.region, stack: ctx.hubStack, what: `hub ${ctx.hub.name}` } : { account: ctx.spoke.account.id, region: ctx.spoke.region, stack: ctx.spokeStack, what: `spoke ${ctx.spoke.name}` };
  const from = side(hubRequests);
  const to = side(!hubRequests);
  // The account the request acts in: a spokes stack requests through a provider in the hub's account.
  const requesterAccount = accountOf(ctx, pcx) ?? from.account;
  if (requesterAccount !== from.account) return broken(`${name} is requested in account ${requesterAccount}, but the requester VPC of ${from.what} is in account ${from.account}`);
  // Absent peer_owner_id / peer_region mean "the requester's own account / region".
  const peerOwner = pcx.body.peer_owner_id === undefined ? requesterAccount : describe(field(ctx, pcx, 'peer_owner_id'));
  const peerRegion = pcx.body.peer_region === undefined ? from.region : describe(field(ctx, pcx, 'peer_region'));
  if (peerOwner !== to.account) return broken(`${name} looks for ${describe(peer)} in account ${peerOwner}, but ${to.what} is in account ${to.account}`);
  if (peerRegion !== to.region) return broken(`${name} looks for ${describe(peer)} in region ${peerRegion}, but ${to.what} is in ${to.region}`);

  const autoAcceptWorks = peerOwner === requesterAccount && peerRegion === from.region;
  if (pcx.body.auto_accept === true && autoAcceptWorks) return undefined;
  const accepters = [...new Set([to.stack, ctx.spokeStack])].flatMap((stack) => resourcesIn(ctx.tree, stack, 'aws_vpc_peering_connection_accepter')).filter((a) => accountOf(ctx, a) === to.account).filter((a) => refersTo(fieldRefs(ctx, a, 'vpc_peering_connection_id'), { stack: pcx.stack, address: pcx.address }));
  if (accepters.some((a) => a.body.auto_accept === true)) return undefined;
  if (accepters.length > 0) return broken(`${name} is never accepted: ${accepters[0].address} does not set auto_accept = true`);
  const why = pcx.body.auto_accept === true ? ' (auto_accept on the request only works within one account and region)' : '';
  return broken(`${name} is never accepted: no aws_vpc_peering_connection_accepter in stack ${to.stack} accepts it${why}`);
}
