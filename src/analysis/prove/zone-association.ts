/**
 * Does a private hosted zone answer queries from the spoke VPC? Yes when the VPC is in the zone's
 * inline VPC list, or has an aws_route53_zone_association in its own stack (cross-account: with the
 * zone owner's aws_route53_vpc_association_authorization), or is associated with a Route 53 Profile
 * that holds the zone (cross-account: shared with its account through AWS RAM).
 */
import { blocks } from '../json-value';
import type { RamSharedResource } from '../../planning/plan';
import type { Resolution, TfResource } from '../tree';
import { accountIdOfStack, accountOf, field, type ProofContext } from './context';
import { describe, fieldRefs, literal, refersTo, resourcesIn, sameValue, targetOf, type Target } from './values';

export type Association = { ok: true } | { ok: false; reason: string };

export function zoneAssociation(ctx: ProofContext, zone: TfResource): Association {
  // The hub VPC's row: the zones carry it inline (a new hub VPC is a reference, not an id).
  const vpc = ctx.client === 'hub-vpc' ? ctx.hubVpc : literal(ctx.spokeStack, ctx.spoke.vpcId);
  if (blocks(zone.body, 'vpc').some((b) => sameValue(field(ctx, { stack: zone.stack, body: b }, 'vpc_id'), vpc))) return { ok: true };
  // Associations whose zone or profile cannot be followed come last: they may have meant another zone.
  const candidates = [...directAssociation(ctx, zone, vpc), ...profileAssociation(ctx, zone, vpc), ...unfollowable(ctx, vpc)];
  if (candidates.some((c) => c.ok)) return { ok: true };
  const first = candidates.find((c): c is Extract<Association, { ok: false }> => !c.ok);
  return {
    ok: false,
    reason:
      first?.reason ??
      `VPC ${ctx.spoke.vpcId} is not associated with zone ${zoneName(zone)} (${zone.address}): stack ${ctx.spokeStack} has no aws_route53_zone_association or Route 53 Profile association for it`,
  };
}

const OK: Association = { ok: true };
const no = (reason: string): Association => ({ ok: false, reason });

/** One verdict per candidate association of this zone and VPC; empty when there is none. */
function directAssociation(ctx: ProofContext, zone: TfResource, vpc: Resolution): Association[] {
  const target = { stack: zone.stack, address: zone.address };
  return resourcesIn(ctx.tree, ctx.spokeStack, 'aws_route53_zone_association')
    .filter((a) => refersTo(fieldRefs(ctx, a, 'zone_id'), target) && sameValue(field(ctx, a, 'vpc_id'), vpc))
    .map((a) => {
      const region = regionMismatch(ctx, a);
      if (region) return no(`${a.address} ${region}`);
      // Same-account associations need no authorization (domain.md section 3).
      if (accountIdOfStack(ctx.plan, zone.stack) === ctx.spoke.account.id) return OK;
      // The zone's account authorizes: in the hub stack, or as a hub half in the spokes stack.
      const zoneAccount = accountOf(ctx, zone);
      const authorized = [...new Set([zone.stack, ctx.spokeStack])]
        .flatMap((stack) => resourcesIn(ctx.tree, stack, 'aws_route53_vpc_association_authorization'))
        .some((z) => accountOf(ctx, z) === zoneAccount && refersTo(fieldRefs(ctx, z, 'zone_id'), target) && sameValue(field(ctx, z, 'vpc_id'), vpc) && !regionMismatch(ctx, z),
      );
      if (authorized) return OK;
      return no(`${a.address} is not authorized: neither stack ${ctx.spokeStack} (as account ${zoneAccount ?? '?'}) nor ${zone.stack} has an aws_route53_vpc_association_authorization for zone ${zoneName(zone)} and ${ctx.spoke.vpcId} (${ctx.spoke.region})`);
    });
}

function profileAssociation(ctx: ProofContext, zone: TfResource, vpc: Resolution): Association[] {
  return resourcesIn(ctx.tree, ctx.spokeStack, 'aws_route53profiles_association')
    .filter((a) => sameValue(field(ctx, a, 'resource_id'), vpc) && field(ctx, a, 'profile_id').kind !== 'unresolved')
    .map((a) => {
      const profile = field(ctx, a, 'profile_id');
      const p = targetOf(profile);
      if (!p) return no(`${a.address} names profile ${describe(profile)}, which these stacks do not create`);
      const holds = resourcesIn(ctx.tree, p.stack, 'aws_route53profiles_resource_association').some(
        (r) => refersTo(fieldRefs(ctx, r, 'profile_id'), p) && refersTo(fieldRefs(ctx, r, 'resource_arn'), { stack: zone.stack, address: zone.address }),
      );
      if (!holds) return no(`profile ${p.address} (associated with ${ctx.spoke.vpcId} by ${a.address}) does not hold zone ${zoneName(zone)}: no aws_route53profiles_resource_association for it`);
      if (accountIdOfStack(ctx.plan, p.stack) === ctx.spoke.account.id) return OK;
      if (!sharedWith(ctx, p)) return no(`profile ${p.address} is not shared with account ${ctx.spoke.account.id}: no aws_ram_principal_association for it (or its organization) on a share holding the profile`);
      return invitationAccepted(ctx) ? OK : no(`account ${ctx.spoke.account.id} never accepts the RAM invitation to hub ${ctx.hub.name}'s profile share: stack ${ctx.spokeStack} has no aws_ram_resource_share_accepter for it (ramSharing sends this account an invitation)`);
    });
}

/**
 * A RAM share in the resource's stack holds the resource (a profile, a created transit gateway) and
 * names an organization/OU (in that stack) or the spoke's account (there, or as a hub half in the
 * spokes stack acting in the resource's account).
 */
export function sharedWith(ctx: ProofContext, profile: Target): boolean {
  const owner = ctx.tree.stacks.get(profile.stack)?.resourcesByAddress.get(profile.address);
  const ownerAccount = owner ? accountOf(ctx, owner) : undefined;
  const shares = resourcesIn(ctx.tree, profile.stack, 'aws_ram_resource_association')
    .filter((r) => refersTo(fieldRefs(ctx, r, 'resource_arn'), profile))
    .map((r) => targetOf(field(ctx, r, 'resource_share_arn')))
    .filter((s): s is Target => s !== undefined);
  const principals = [...new Set([profile.stack, ctx.spokeStack])].flatMap((stack) => resourcesIn(ctx.tree, stack, 'aws_ram_principal_association')).filter((pa) => accountOf(ctx, pa) === ownerAccount);
  return principals.some((pa) => {
    const principal = describe(field(ctx, pa, 'principal'));
    const toSpoke = principal === ctx.spoke.account.id || /^arn:aws[a-z-]*:organizations::/.test(principal);
    return toSpoke && shares.some((s) => refersTo(fieldRefs(ctx, pa, 'resource_share_arn'), s));
  });
}

/**
 * Where the plan's sharing model says RAM sends the spoke's account an invitation
 * (planning/ram-sharing.ts), the share is usable only once the account accepts it: an accepter in the
 * spokes stack, acting in the spoke's account, for a share of this hub.
 */
export function invitationAccepted(ctx: ProofContext, resource: RamSharedResource = 'profile', shared?: Target): boolean {
  const stack = ctx.plan.stacks.find((s) => s.name === ctx.spokeStack);
  if (!stack?.ramJoins.some((j) => j.hub === ctx.hub.name && j.resource === resource && j.invitation)) return true;
  // The share that holds the resource, when it is known: the acceptance must be of that share.
  const holding = shared
    ? resourcesIn(ctx.tree, shared.stack, 'aws_ram_resource_association')
        .filter((r) => refersTo(fieldRefs(ctx, r, 'resource_arn'), shared))
        .map((r) => targetOf(field(ctx, r, 'resource_share_arn')))
        .filter((t): t is Target => t !== undefined)
    : undefined;
  return resourcesIn(ctx.tree, ctx.spokeStack, 'aws_ram_resource_share_accepter').some(
    (a) =>
      accountOf(ctx, a) === ctx.spoke.account.id &&
      fieldRefs(ctx, a, 'share_arn').some((r) => r.kind === 'resource' && r.resource.type === 'aws_ram_resource_share' && (holding === undefined || holding.some((t) => t.stack === r.resource.stack && t.address === r.resource.address))),
  );
}

function unfollowable(ctx: ProofContext, vpc: Resolution): Association[] {
  const dangling = (type: string, vpcField: string, target: string) =>
    resourcesIn(ctx.tree, ctx.spokeStack, type)
      .filter((a) => sameValue(field(ctx, a, vpcField), vpc))
      .map((a) => ({ a, value: field(ctx, a, target) }))
      .filter(({ value }) => value.kind === 'unresolved')
      .map(({ a, value }) => no(`${a.address} cannot be followed ${describe(value)}`));
  return [...dangling('aws_route53_zone_association', 'vpc_id', 'zone_id'), ...dangling('aws_route53profiles_association', 'resource_id', 'profile_id')];
}

/** `names region X, but ...` when a vpc_region is given and is not the spoke's region. */
function regionMismatch(ctx: ProofContext, r: TfResource): string | undefined {
  if (r.body.vpc_region === undefined) return undefined;
  const region = describe(field(ctx, r, 'vpc_region'));
  return region === ctx.spoke.region ? undefined : `names region ${region} for ${ctx.spoke.vpcId}, but spoke ${ctx.spoke.name} is in ${ctx.spoke.region}`;
}

export const zoneName = (zone: TfResource): string => normalizeName(String(zone.body.name ?? ''));

/** Lower case, no trailing dot, Route 53's `\052` escape read back as `*`. */
export const normalizeName = (name: string): string => name.replace(/\\+052/g, '*').toLowerCase().replace(/\.$/, '');
