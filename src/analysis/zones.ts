/**
 * Private hosted zones as the tree expresses them: zones, their records, what each alias record
 * targets, and which VPCs are associated with a zone (inline, by association resource, or through a
 * Route 53 Profile that holds the zone).
 */
import { formatPath, referencesIn } from './expression';
import { blocks, obj, str, type JsonObject } from './json-value';
import { normalizeDnsName } from './service-zones';
import { identityOf, resolveExpression, resolveReference, resolvesToResource, resourcesOfType, type SynthTree, type TfResource } from './tree';

export interface ZoneRecord {
  readonly record: TfResource;
  /** The zone it is in, when the tree defines it. */
  readonly zone?: TfResource;
  /** Fully qualified, lower case, no trailing dot. */
  readonly fqdn: string;
  readonly type?: string;
  /** The `alias` block, when it is an alias record. */
  readonly alias?: JsonObject;
}

/** What an alias block points at, and in what way it fails to point at one endpoint's regional entry. */
export interface AliasTarget {
  /** The endpoint named by both `alias.name` and `alias.zone_id`, if they agree on one. */
  readonly endpoint?: TfResource;
  /** Empty when the alias is `dns_entry[0].dns_name` / `dns_entry[0].hosted_zone_id` of one endpoint. */
  readonly problems: readonly string[];
}

export function zoneName(zone: TfResource): string {
  return normalizeDnsName(str(zone.body, 'name') ?? '');
}

/**
 * The name Route 53 gives a record: the provider appends the zone name to a relative name (and an
 * empty name is the apex).
 */
export function recordFqdn(name: string, zone: string): string {
  const n = normalizeDnsName(name);
  if (zone === '' || n === zone || n.endsWith(`.${zone}`)) return n;
  return n === '' ? zone : `${n}.${zone}`;
}

const recordCache = new WeakMap<SynthTree, readonly ZoneRecord[]>();

export function zoneRecords(tree: SynthTree): readonly ZoneRecord[] {
  let cached = recordCache.get(tree);
  if (!cached) recordCache.set(tree, (cached = readRecords(tree)));
  return cached;
}

function readRecords(tree: SynthTree): ZoneRecord[] {
  return resourcesOfType(tree, 'aws_route53_record').map((record) => {
    const zone = resolvesToResource(tree, record.stack, record.body.zone_id, 'aws_route53_zone');
    const [alias] = blocks(record.body, 'alias');
    const type = str(record.body, 'type');
    return {
      record,
      ...(zone ? { zone } : {}),
      fqdn: recordFqdn(str(record.body, 'name') ?? '', zone ? zoneName(zone) : ''),
      ...(type !== undefined ? { type: type.toUpperCase() } : {}),
      ...(alias ? { alias } : {}),
    };
  });
}

/** Resolves `alias.name` and `alias.zone_id` to the endpoint whose first (regional) DNS entry they use. */
export function aliasTarget(tree: SynthTree, record: TfResource, alias: JsonObject): AliasTarget {
  const problems: string[] = [];
  const endpointOf = (key: 'name' | 'zone_id', expected: 'dns_name' | 'hosted_zone_id'): TfResource | undefined => {
    const resolved = referencesIn(alias[key]).map((ref) => resolveReference(tree, record.stack, ref));
    const [only] = resolved;
    if (resolved.length !== 1 || only.kind !== 'resource' || only.resource.type !== 'aws_vpc_endpoint') {
      problems.push(`alias.${key} does not name exactly one aws_vpc_endpoint`);
      return undefined;
    }
    const { resource, attribute } = only;
    // The first entry is the regional name; the others are zonal and would pin every client to one AZ.
    if (!(attribute.length === 3 && attribute[0] === 'dns_entry' && attribute[1] === 0 && attribute[2] === expected)) {
      problems.push(`alias.${key} uses ${resource.address}.${formatPath(attribute)} instead of dns_entry[0].${expected}`);
    }
    return resource;
  };
  const byName = endpointOf('name', 'dns_name');
  const byZone = endpointOf('zone_id', 'hosted_zone_id');
  if (byName && byZone && byName !== byZone) problems.push(`alias.name uses ${byName.address} but alias.zone_id uses ${byZone.address}`);
  const endpoint = byName ?? byZone;
  return { ...(endpoint ? { endpoint } : {}), problems };
}

/** Identities of the VPCs written inline in a zone (`vpc` blocks). */
export function inlineVpcs(tree: SynthTree, zone: TfResource): string[] {
  return blocks(zone.body, 'vpc').flatMap((b) => {
    const id = identityOf(resolveExpression(tree, zone.stack, b.vpc_id));
    return id ? [id] : [];
  });
}

/**
 * Identities of every VPC associated with a zone: inline, through `aws_route53_zone_association`, or
 * through an `aws_route53profiles_association` of a profile that holds the zone (route53-profile mode,
 * where spokes have no per-zone associations).
 */
export function associatedVpcs(tree: SynthTree, zone: TfResource): Set<string> {
  const out = new Set(inlineVpcs(tree, zone));
  for (const a of resourcesOfType(tree, 'aws_route53_zone_association')) {
    if (resolvesToResource(tree, a.stack, a.body.zone_id, 'aws_route53_zone') !== zone) continue;
    const id = identityOf(resolveExpression(tree, a.stack, a.body.vpc_id));
    if (id) out.add(id);
  }
  const profiles = new Set<TfResource>();
  for (const ra of resourcesOfType(tree, 'aws_route53profiles_resource_association')) {
    if (resolvesToResource(tree, ra.stack, ra.body.resource_arn, 'aws_route53_zone') !== zone) continue;
    const profile = resolvesToResource(tree, ra.stack, ra.body.profile_id, 'aws_route53profiles_profile');
    if (profile) profiles.add(profile);
  }
  for (const pa of resourcesOfType(tree, 'aws_route53profiles_association')) {
    const profile = resolvesToResource(tree, pa.stack, pa.body.profile_id, 'aws_route53profiles_profile');
    if (!profile || !profiles.has(profile)) continue;
    const id = identityOf(resolveExpression(tree, pa.stack, pa.body.resource_id));
    if (id) out.add(id);
  }
  return out;
}

/** `lifecycle.ignore_changes` names the attribute (or is `all`). */
export function ignoresChanges(res: TfResource, attribute: string): boolean {
  const lifecycle = obj(res.body, 'lifecycle');
  const ignore = lifecycle?.ignore_changes;
  if (ignore === 'all') return true;
  if (!Array.isArray(ignore)) return false;
  return ignore.some((v) => typeof v === 'string' && v.replace(/^\$\{(.*)\}$/, '$1').trim() === attribute);
}

/** dns_record_ip_type values that give an endpoint's regional name (the aliases' target) AAAA records
 * (DnsOptionsSpecification: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html). */
export const AAAA_RECORD_TYPES: readonly string[] = ['dualstack', 'ipv6', 'service-defined'];
