/**
 * Can the spoke resolve the service to the hub endpoint? Zone modes: every private DNS name of the
 * service (and a sample host under a wildcard name) is answered, in a zone the spoke VPC is associated
 * with, by a record aliasing the endpoint of THAT service. Endpoint-url mode: the hub stack publishes
 * the endpoint's DNS name as an output, since spokes pass it as --endpoint-url.
 */
import type { ResolvedService } from '../../catalogue/catalogue';
import { field, type ProofContext } from './context';
import type { HubEndpoint } from './endpoint';
import { describe, refsOf, resolveValue, type Ref } from './resolve';
import type { BrokenLink } from './result';
import { blocksOf, resourceAt, resourcesOfType, type ResourceRecord } from './synthesized';
import { normalizeName, zoneAssociation, zoneName } from './zone-association';

/** The label a sample host puts under a wildcard name (any label the zone has no record of its own for). */
export const SAMPLE_LABEL = 'x';

export function checkDns(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService): BrokenLink | undefined {
  if (ctx.hub.dns === 'endpoint-url' || service.zones.length === 0) return checkPublishedName(ctx, endpoint);
  for (const spec of service.zones) {
    const hosts = spec.wildcard ? [spec.zoneName, `${SAMPLE_LABEL}.${spec.zoneName}`] : [spec.zoneName];
    for (const host of hosts) {
      const broken = checkHost(ctx, endpoint, service, host);
      if (broken) return { link: 'dns', message: broken };
    }
  }
  return undefined;
}

function checkPublishedName(ctx: ProofContext, endpoint: HubEndpoint): BrokenLink | undefined {
  const outputs = Object.values(ctx.app.stacks[ctx.hubStack]?.output ?? {});
  const published = outputs.some((o) => refsOf(resolveValue(ctx.app, ctx.hubStack, o.value)).some((r) => isEndpointDnsName(r, endpoint.record)));
  if (published) return undefined;
  return { link: 'dns', message: `stack ${ctx.hubStack} publishes no output with the DNS name of ${endpoint.record.address}, which spokes need for --endpoint-url` };
}

/** A message when `host` does not resolve to the endpoint from the spoke VPC. */
function checkHost(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService, host: string): string | undefined {
  const zones = Object.keys(ctx.app.stacks)
    .flatMap((stack) => resourcesOfType(ctx.app, stack, 'aws_route53_zone'))
    .filter((z) => blocksOf(z.body.vpc).length > 0 && isUnder(host, zoneName(z)));
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
  const record = recordFor(ctx, zone, host);
  if (!record) {
    return host === zoneName(zone)
      ? `zone ${zoneName(zone)} (${zone.address}) has no A record at its apex`
      : `zone ${zoneName(zone)} (${zone.address}) has no * record: ${host} is NXDOMAIN`;
  }
  return checkTarget(ctx, endpoint, service, record, host);
}

function checkTarget(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService, record: ResourceRecord, host: string): string | undefined {
  const alias = blocksOf(record.body.alias)[0];
  const nameRefs = alias ? refsOf(field(ctx, { stack: record.stack, body: alias }, 'name')) : listRefs(ctx, record);
  const zoneRefs = alias ? refsOf(field(ctx, { stack: record.stack, body: alias }, 'zone_id')) : [];
  const endpoints = [...nameRefs, ...zoneRefs].filter((r) => r.address.startsWith('aws_vpc_endpoint.'));
  if (endpoints.length === 0) return `record ${record.address} (${host}) does not alias a VPC endpoint`;
  const other = endpoints.find((r) => r.stack !== endpoint.record.stack || r.address !== endpoint.record.address);
  if (other) {
    const target = resourceAt(ctx.app, other.stack, other.address);
    const serviceName = target ? describe(field(ctx, target, 'service_name')) : 'an unknown service';
    return `record ${record.address} (${host}) aliases the endpoint of ${serviceName} (${other.address}), not ${service.serviceName}`;
  }
  if (!nameRefs.some((r) => isEndpointDnsName(r, endpoint.record))) return `record ${record.address} (${host}) does not use ${endpoint.record.address}'s DNS name (dns_entry)`;
  return undefined;
}

/** The record answering `host`: its own name, else the closest `*` record above it. */
function recordFor(ctx: ProofContext, zone: ResourceRecord, host: string): ResourceRecord | undefined {
  const apex = zoneName(zone);
  const records = Object.keys(ctx.app.stacks)
    .flatMap((stack) => resourcesOfType(ctx.app, stack, 'aws_route53_record'))
    .filter((r) => refsOf(field(ctx, r, 'zone_id')).some((ref) => ref.stack === zone.stack && ref.address === zone.address))
    .filter((r) => ['A', 'AAAA', 'CNAME'].includes(String(r.body.type)));
  const named = (name: string) => records.find((r) => fullName(String(r.body.name ?? ''), apex) === name);
  const exact = named(host);
  if (exact) return exact;
  for (let parent = parentOf(host); parent !== undefined && isUnder(parent, apex); parent = parentOf(parent)) {
    const wildcard = named(`*.${parent}`);
    if (wildcard) return wildcard;
  }
  return undefined;
}

function listRefs(ctx: ProofContext, record: ResourceRecord): Ref[] {
  const records = Array.isArray(record.body.records) ? record.body.records : [];
  return records.flatMap((v) => refsOf(resolveValue(ctx.app, record.stack, v)));
}

const isEndpointDnsName = (r: Ref, endpoint: ResourceRecord): boolean => r.stack === endpoint.stack && r.address === endpoint.address && r.attr.startsWith('dns_entry');

/** Route 53 reads a relative record name as relative to the zone. */
function fullName(name: string, apex: string): string {
  const n = normalizeName(name);
  return n === '' || n === '@' ? apex : isUnder(n, apex) ? n : `${n}.${apex}`;
}

const isUnder = (host: string, zone: string): boolean => host === zone || host.endsWith(`.${zone}`);
const parentOf = (host: string): string | undefined => (host.includes('.') ? host.slice(host.indexOf('.') + 1) : undefined);

/** The zones with the longest name (ties are a conflict). */
function mostSpecific(zones: ResourceRecord[]): ResourceRecord[] {
  const longest = Math.max(...zones.map((z) => zoneName(z).length));
  return zones.filter((z) => zoneName(z).length === longest);
}
