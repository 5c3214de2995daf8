/**
 * Can the spoke resolve the service to the hub endpoint? Zone modes: every private DNS name of the
 * service (and a sample host under a wildcard name) is answered, in a zone the spoke VPC is associated
 * with, by a record aliasing the endpoint of THAT service. Endpoint-url mode: the hub stack publishes
 * the endpoint's DNS name as an output, since spokes pass it as --endpoint-url.
 */
import type { ResolvedService } from '../../catalogue/catalogue';
import { blocks, isArray } from '../json-value';
import { resolveReferencesIn, resourcesOfType, type Resolution, type TfResource } from '../tree';
import { field, type ProofContext } from './context';
import type { HubEndpoint } from './endpoint';
import type { BrokenLink } from './result';
import { describe, fieldRefs, resourceOf } from './values';
import { normalizeName, zoneAssociation, zoneName } from './zone-association';

/** The label a sample host puts under a wildcard name (any label the zone has no record of its own for). */
export const SAMPLE_LABEL = 'x';

/** Which answer is proven: A records (IPv4 clients) or AAAA records (IPv6 clients of a dual-stack hub). */
export type RecordFamily = 'ipv4' | 'ipv6';
const RECORD_TYPES: Record<RecordFamily, readonly string[]> = { ipv4: ['A', 'CNAME'], ipv6: ['AAAA', 'CNAME'] };

export function checkDns(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService, family: RecordFamily = 'ipv4'): BrokenLink | undefined {
  // Inside the hub VPC, endpoint-url mode's endpoints answer the public names through their own private DNS.
  if (ctx.client === 'hub-vpc' && ctx.hub.dns === 'endpoint-url' && service.zones.length > 0) {
    if (endpoint.record.body.private_dns_enabled === true) return undefined;
    return { link: 'dns', message: `endpoint ${endpoint.record.address} has private DNS off, so the hub VPC resolves ${service.zones[0].zoneName} to the public endpoint` };
  }
  if (ctx.hub.dns === 'endpoint-url' || service.zones.length === 0) return checkPublishedName(ctx, endpoint);
  for (const spec of service.zones) {
    const hosts = spec.wildcard ? [spec.zoneName, `${SAMPLE_LABEL}.${spec.zoneName}`] : [spec.zoneName];
    for (const host of hosts) {
      const broken = checkHost(ctx, endpoint, service, host, family);
      if (broken) return { link: 'dns', message: broken };
    }
  }
  return undefined;
}

function checkPublishedName(ctx: ProofContext, endpoint: HubEndpoint): BrokenLink | undefined {
  const outputs = [...(ctx.tree.stacks.get(ctx.hubStack)?.outputs.values() ?? [])];
  const published = outputs.some((o) => resolveReferencesIn(ctx.tree, ctx.hubStack, o.value).some((r) => isEndpointDnsName(r, endpoint.record)));
  if (published) return undefined;
  return { link: 'dns', message: `stack ${ctx.hubStack} publishes no output with the DNS name of ${endpoint.record.address}, which spokes need for --endpoint-url` };
}

/** A message when `host` does not resolve to the endpoint from the spoke VPC. */
function checkHost(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService, host: string, family: RecordFamily): string | undefined {
  const zones = resourcesOfType(ctx.tree, 'aws_route53_zone').filter((z) => blocks(z.body, 'vpc').length > 0 && isUnder(host, zoneName(z)));
  if (zones.length === 0) return `no private hosted zone answers ${host}`;
  const verdicts = new Map(zones.map((z) => [z, zoneAssociation(ctx, z)]));
  const associated = zones.filter((z) => verdicts.get(z)?.ok);
  if (associated.length === 0) {
    // Why the zone meant for this name (the most specific one) does not answer.
    const verdict = verdicts.get(mostSpecific(zones)[0]);
    return verdict && !verdict.ok ? verdict.reason : `no associated private hosted zone answers ${host}`;
  }
  // Route 53 answers from the most specific zone the VPC is associated with.
  const answering = mostSpecific(associated);
  if (answering.length > 1) {
    return `${ctx.spoke.vpcId} is associated with ${answering.length} zones named ${zoneName(answering[0])} (${answering.map((z) => z.address).join(', ')}): Route 53 refuses the second (ConflictingDomainExists)`;
  }
  const zone = answering[0];
  const record = recordFor(ctx, zone, host, family);
  if (!record) {
    // Route 53 answers a query of one type only from records of that type (or a CNAME): without an AAAA
    // record an IPv6-only client gets no address, however many A records the name has.
    if (family === 'ipv6') {
      return host === zoneName(zone)
        ? `zone ${zoneName(zone)} (${zone.address}) has no AAAA record at its apex: IPv6 clients get no address for ${host}`
        : `zone ${zoneName(zone)} (${zone.address}) has no * AAAA record: IPv6 clients get no address for ${host}`;
    }
    return host === zoneName(zone)
      ? `zone ${zoneName(zone)} (${zone.address}) has no A record at its apex`
      : `zone ${zoneName(zone)} (${zone.address}) has no * record: ${host} is NXDOMAIN`;
  }
  return checkTarget(ctx, endpoint, service, record, host);
}

function checkTarget(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService, record: TfResource, host: string): string | undefined {
  const alias = blocks(record.body, 'alias')[0];
  const nameRefs = alias ? fieldRefs(ctx, { stack: record.stack, body: alias }, 'name') : listRefs(ctx, record);
  const zoneRefs = alias ? fieldRefs(ctx, { stack: record.stack, body: alias }, 'zone_id') : [];
  const endpoints = [...nameRefs, ...zoneRefs].map((r) => resourceOf(r, 'aws_vpc_endpoint')).filter((r): r is TfResource => r !== undefined);
  if (endpoints.length === 0) return `record ${record.address} (${host}) does not alias a VPC endpoint`;
  const other = endpoints.find((r) => r !== endpoint.record);
  if (other) return `record ${record.address} (${host}) aliases the endpoint of ${describe(field(ctx, other, 'service_name'))} (${other.address}), not ${service.serviceName}`;
  if (!nameRefs.some((r) => isEndpointDnsName(r, endpoint.record))) return `record ${record.address} (${host}) does not use ${endpoint.record.address}'s DNS name (dns_entry)`;
  return undefined;
}

/** The record answering `host` for the family's query type: its own name, else the closest `*` record above it. */
function recordFor(ctx: ProofContext, zone: TfResource, host: string, family: RecordFamily): TfResource | undefined {
  const apex = zoneName(zone);
  const records = resourcesOfType(ctx.tree, 'aws_route53_record')
    .filter((r) => fieldRefs(ctx, r, 'zone_id').some((ref) => resourceOf(ref, 'aws_route53_zone') === zone))
    .filter((r) => RECORD_TYPES[family].includes(String(r.body.type)));
  const named = (name: string) => records.find((r) => fullName(String(r.body.name ?? ''), apex) === name);
  const exact = named(host);
  if (exact) return exact;
  for (let parent = parentOf(host); parent !== undefined && isUnder(parent, apex); parent = parentOf(parent)) {
    const wildcard = named(`*.${parent}`);
    if (wildcard) return wildcard;
  }
  return undefined;
}

function listRefs(ctx: ProofContext, record: TfResource): Resolution[] {
  const records = record.body.records;
  return isArray(records) ? records.flatMap((v) => resolveReferencesIn(ctx.tree, record.stack, v)) : [];
}

const isEndpointDnsName = (r: Resolution, endpoint: TfResource): boolean => r.kind === 'resource' && r.resource === endpoint && r.attribute[0] === 'dns_entry';

/** Route 53 reads a relative record name as relative to the zone. */
function fullName(name: string, apex: string): string {
  const n = normalizeName(name);
  return n === '' || n === '@' ? apex : isUnder(n, apex) ? n : `${n}.${apex}`;
}

const isUnder = (host: string, zone: string): boolean => host === zone || host.endsWith(`.${zone}`);
const parentOf = (host: string): string | undefined => (host.includes('.') ? host.slice(host.indexOf('.') + 1) : undefined);

/** The zones with the longest name (ties are a conflict). */
function mostSpecific(zones: TfResource[]): TfResource[] {
  const longest = Math.max(...zones.map((z) => zoneName(z).length));
  return zones.filter((z) => zoneName(z).length === longest);
}
