/**
 * VH-DNS-001..004 and VH-DNS-006: each private hosted zone is private with the hub VPC inline, keeps
 * its associations out of Terraform's diff, cannot be force-destroyed, and has its apex record, plus
 * the `*` record when the service's DNS name is a wildcard (domain.md sections 2 and 3).
 */
import type { ZoneSpec } from '../../catalogue/catalogue';
import { resourceRegion } from '../accounts';
import type { ConfigFacts } from '../config-facts';
import { blocks, bool, str } from '../json-value';
import { vpcIdentity } from '../peering';
import { zonesOfService, zoneSpecByName } from '../service-zones';
import { resourcesOfType, type SynthTree, type TfResource } from '../tree';
import { aliasTarget, ignoresChanges, inlineVpcs, zoneName, zoneRecords, type ZoneRecord } from '../zones';
import { defineRule, type Violation } from './rule';

function recordsOf(tree: SynthTree, zone: TfResource): ZoneRecord[] {
  return zoneRecords(tree).filter((r) => r.zone === zone);
}

const isAliasA = (r: ZoneRecord): boolean => r.alias !== undefined && r.type === 'A';

/** Endpoints that the zone's alias records point at. */
function aliasedEndpoints(tree: SynthTree, zone: TfResource): TfResource[] {
  const out = new Set<TfResource>();
  for (const r of recordsOf(tree, zone)) {
    const e = r.alias ? aliasTarget(tree, r.record, r.alias).endpoint : undefined;
    if (e) out.add(e);
  }
  return [...out];
}

export const zoneApexRecord = defineRule(
  {
    id: 'VH-DNS-001',
    severity: 'error',
    summary: 'Every private hosted zone has an alias A record at its apex',
    explanation:
      'A zone named like the service answers for the whole name: without the apex record, the service\'s own host name ' +
      'returns NXDOMAIN in every associated VPC. Route 53 does not fall back to public DNS for a name inside a zone it ' +
      'is authoritative for (domain.md section 2).',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_route53_zone')
      .filter((z) => !recordsOf(tree, z).some((r) => isAliasA(r) && r.fqdn === zoneName(z)))
      .map((z) => ({ stack: z.stack, resource: z.address, message: `no alias A record for ${zoneName(z)} itself: the service name does not resolve in associated VPCs` })),
);

export const zonePrivateWithHubVpc = defineRule(
  {
    id: 'VH-DNS-002',
    severity: 'error',
    summary: 'Every zone is private, with the VPC of the endpoints it aliases written inline',
    explanation:
      'A zone without an inline vpc block is a public zone: it would publish a name like sqs.<region>.amazonaws.com ' +
      'to the internet. A private zone needs one VPC of its own account at creation, and that must be the hub VPC: ' +
      'the last association can never be removed, and the hub itself must resolve through the zone (domain.md section 3).',
  },
  (tree) => {
    const out: Violation[] = [];
    for (const zone of resourcesOfType(tree, 'aws_route53_zone')) {
      const where = { stack: zone.stack, resource: zone.address };
      if (blocks(zone.body, 'vpc').length === 0) {
        out.push({ ...where, message: `${zoneName(zone)} has no inline vpc block: it is a public hosted zone` });
        continue;
      }
      const inline = inlineVpcs(tree, zone);
      for (const endpoint of aliasedEndpoints(tree, zone)) {
        const vpc = vpcIdentity(tree, endpoint);
        if (vpc !== undefined && !inline.includes(vpc)) {
          out.push({ ...where, message: `aliases ${endpoint.address}, but that endpoint's VPC is not among the zone's inline vpc blocks` });
        }
      }
    }
    return out;
  },
);

export const zoneIgnoresVpcChanges = defineRule(
  {
    id: 'VH-DNS-003',
    severity: 'error',
    summary: 'Zones ignore changes to their vpc blocks (lifecycle.ignore_changes contains "vpc")',
    explanation:
      'Spoke VPCs are attached through separate aws_route53_zone_association resources. Without ignore_changes, every ' +
      'plan of the zone would detach them again (provider docs of aws_route53_zone_association), cutting the spokes ' +
      'off the endpoints.',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_route53_zone')
      .filter((z) => !ignoresChanges(z, 'vpc'))
      .map((z) => ({ stack: z.stack, resource: z.address, message: 'lifecycle.ignore_changes does not contain "vpc"' })),
);

export const zoneNoForceDestroy = defineRule(
  {
    id: 'VH-DNS-004',
    severity: 'error',
    summary: 'Zones do not set force_destroy',
    explanation:
      'force_destroy deletes every record of the zone when it is destroyed or replaced; a replaced zone is a DNS outage ' +
      'in which spoke clients fall back to public endpoints and bypass the endpoint policy (domain.md section 7).',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_route53_zone')
      .filter((z) => bool(z.body, 'force_destroy') === true)
      .map((z) => ({ stack: z.stack, resource: z.address, message: 'force_destroy is true' })),
);

/** The zone's spec from the service it aliases, else from any known service with that zone name. */
function specOf(tree: SynthTree, zone: TfResource, facts?: ConfigFacts): ZoneSpec | undefined {
  const name = zoneName(zone);
  for (const endpoint of aliasedEndpoints(tree, zone)) {
    const serviceName = str(endpoint.body, 'service_name');
    const spec = serviceName ? zonesOfService(serviceName, resourceRegion(tree, endpoint), facts)?.find((z) => z.zoneName === name) : undefined;
    if (spec) return spec;
  }
  return zoneSpecByName(name, resourceRegion(tree, zone), facts);
}

export const zoneWildcardRecord = defineRule(
  {
    id: 'VH-DNS-006',
    severity: 'error',
    summary: 'Zones of wildcard service names (catalogue) have the * alias record',
    explanation:
      'Services like ecr.dkr, s3 and execute-api are reached under per-resource host names (<registry>.dkr.ecr..., ' +
      '<bucket>.s3...). AWS lists their private DNS name as *.<zone>; without the * record those hosts are NXDOMAIN in ' +
      'every spoke (domain.md section 2).',
  },
  (tree, facts) =>
    resourcesOfType(tree, 'aws_route53_zone')
      .filter((z) => specOf(tree, z, facts)?.wildcard === true)
      .filter((z) => !recordsOf(tree, z).some((r) => isAliasA(r) && r.fqdn === `*.${zoneName(z)}`))
      .map((z) => ({ stack: z.stack, resource: z.address, message: `no alias A record for *.${zoneName(z)}: the service is reached under per-resource host names` })),
);
