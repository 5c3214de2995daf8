/**
 * VH-DNS-007..009: spoke VPCs reach the zones. Cross-account associations are authorized by the zone's
 * account; every VPC peered with a hub is associated with each of the hub's zones; no authorization is
 * left without its association. In route53-profile mode, a VPC associated with a profile that holds
 * the zone counts as associated, and needs no per-zone authorization (there are no zone associations).
 */
import { resourceAccount } from '../accounts';
import type { ConfigFacts } from '../config-facts';
import { peeringVpcs } from '../peering';
import { describeIdentity, identityOf, literalText, resolveExpression, resolvesToResource, resourcesOfType, type SynthTree, type TfResource } from '../tree';
import { associatedVpcs, inlineVpcs, zoneName } from '../zones';
import { defineRule, type Violation } from './rule';

interface ZoneLink {
  readonly resource: TfResource;
  readonly zone?: TfResource;
  readonly vpc?: string;
  readonly vpcRegion?: string;
}

function links(tree: SynthTree, type: string): ZoneLink[] {
  return resourcesOfType(tree, type).map((resource) => {
    const zone = resolvesToResource(tree, resource.stack, resource.body.zone_id, 'aws_route53_zone');
    const vpc = identityOf(resolveExpression(tree, resource.stack, resource.body.vpc_id));
    const vpcRegion = literalText(tree, resource.stack, resource.body.vpc_region);
    return { resource, ...(zone ? { zone } : {}), ...(vpc ? { vpc } : {}), ...(vpcRegion ? { vpcRegion } : {}) };
  });
}

/** Same VPC, and the same region where both sides say which. */
const sameTarget = (a: ZoneLink, b: ZoneLink): boolean =>
  a.zone !== undefined && a.zone === b.zone && a.vpc !== undefined && a.vpc === b.vpc && (a.vpcRegion === undefined || b.vpcRegion === undefined || a.vpcRegion === b.vpcRegion);

function sameAccount(tree: SynthTree, a: TfResource, b: TfResource, facts?: ConfigFacts): boolean {
  const x = resourceAccount(tree, a, facts);
  const y = resourceAccount(tree, b, facts);
  return x !== undefined && y !== undefined ? x === y : a.stack === b.stack;
}

export const crossAccountAssociationAuthorized = defineRule(
  {
    id: 'VH-DNS-007',
    severity: 'error',
    summary: 'Every cross-account zone association has a matching authorization in the zone\'s account',
    explanation:
      'Route 53 refuses to associate a VPC with a zone of another account unless the zone\'s account has first created ' +
      'an aws_route53_vpc_association_authorization for that zone and VPC; the spoke\'s apply fails half-way ' +
      '(domain.md section 3). Same-account associations need none.',
  },
  (tree, facts) => {
    const authorizations = links(tree, 'aws_route53_vpc_association_authorization');
    const out: Violation[] = [];
    for (const a of links(tree, 'aws_route53_zone_association')) {
      const zone = a.zone;
      if (!zone || sameAccount(tree, a.resource, zone, facts)) continue;
      const ok = authorizations.some((au) => sameTarget(au, a) && (au.resource.stack === zone.stack || sameAccount(tree, au.resource, zone, facts)));
      if (!ok) {
        out.push({
          stack: a.resource.stack,
          resource: a.resource.address,
          message: `associates ${a.vpc ? describeIdentity(a.vpc) : 'a VPC'} with ${zoneName(zone)} (${zone.stack}/${zone.address}) across accounts, but ${zone.stack} has no aws_route53_vpc_association_authorization for that zone and VPC`,
        });
      }
    }
    return out;
  },
);

export const peeredVpcsAssociated = defineRule(
  {
    id: 'VH-DNS-008',
    severity: 'error',
    summary: 'Every VPC peered with a hub is associated with each of the hub\'s zones (directly or through a Route 53 Profile)',
    explanation:
      'A spoke that is peered but not associated resolves the service name publicly and reaches the service over the ' +
      'internet or NAT, bypassing the endpoint and its policy, silently. The hub VPC is the one written inline in the zone; ' +
      'its peers are the spokes.',
  },
  (tree) => {
    const peerings = resourcesOfType(tree, 'aws_vpc_peering_connection').map((p) => ({ p, sides: peeringVpcs(tree, p) }));
    const out: Violation[] = [];
    for (const zone of resourcesOfType(tree, 'aws_route53_zone')) {
      const hubs = inlineVpcs(tree, zone);
      if (hubs.length === 0) continue;
      const associated = associatedVpcs(tree, zone);
      const missing: string[] = [];
      for (const { p, sides } of peerings) {
        const peer = sides.requester !== undefined && hubs.includes(sides.requester) ? sides.accepter : sides.accepter !== undefined && hubs.includes(sides.accepter) ? sides.requester : undefined;
        if (peer !== undefined && !associated.has(peer)) missing.push(`${describeIdentity(peer)} (peered through ${p.stack}/${p.address})`);
      }
      if (missing.length > 0) out.push({ stack: zone.stack, resource: zone.address, message: `${zoneName(zone)} is not associated with ${missing.join(', ')}` });
    }
    return out;
  },
);

export const authorizationUsed = defineRule(
  {
    id: 'VH-DNS-009',
    severity: 'warning',
    summary: 'Every zone association authorization has its association',
    explanation:
      'An authorization lets the other account attach its VPC to the zone at any time. One without a matching ' +
      'aws_route53_zone_association in the tree is either a leftover grant or a spoke managed elsewhere: remove it, or ' +
      'suppress this finding with the reason.',
  },
  (tree) => {
    const associations = links(tree, 'aws_route53_zone_association');
    return links(tree, 'aws_route53_vpc_association_authorization')
      .filter((au) => au.zone !== undefined && !associations.some((a) => sameTarget(a, au)))
      .map((au) => ({
        stack: au.resource.stack,
        resource: au.resource.address,
        message: `authorizes ${au.vpc ? describeIdentity(au.vpc) : 'a VPC'} for ${zoneName(au.zone as TfResource)}, but no aws_route53_zone_association uses it`,
      }));
  },
);
