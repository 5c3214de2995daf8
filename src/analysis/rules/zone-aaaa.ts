/**
 * VH-DNS-010: a dual-stack endpoint's zones answer AAAA beside A (issue 20). An endpoint with
 * ip_address_type dualstack and AAAA records for its names (dns_record_ip_type dualstack, ipv6 or
 * service-defined: API_DnsOptionsSpecification) serves IPv6 clients only if every alias A record to it has
 * an alias AAAA twin: Route 53 answers an AAAA query from AAAA records only, so without one an IPv6-only
 * client gets no address and a dual-stack client falls back to IPv4. An AAAA alias to an endpoint without
 * AAAA records answers nothing at all.
 */
import { blocks, str } from '../json-value';
import type { TfResource } from '../tree';
import { AAAA_RECORD_TYPES, aliasTarget, zoneRecords, type ZoneRecord } from '../zones';
import { defineRule, type Violation } from './rule';

/** The endpoint's interfaces have IPv6 and its regional name has AAAA records. */
export function servesAaaa(endpoint: TfResource): boolean {
  const ipType = str(endpoint.body, 'ip_address_type');
  const recordType = blocks(endpoint.body, 'dns_options')[0]?.dns_record_ip_type;
  return (ipType === 'dualstack' || ipType === 'ipv6') && typeof recordType === 'string' && AAAA_RECORD_TYPES.includes(recordType);
}

export const zoneAaaaForDualStack = defineRule(
  {
    id: 'VH-DNS-010',
    severity: 'error',
    summary: "Every alias A record to a dual-stack endpoint has an alias AAAA twin, and AAAA aliases target dual-stack endpoints only",
    explanation:
      'A dual-stack endpoint (ip_address_type dualstack, dns_record_ip_type giving AAAA records) serves IPv6 clients only through ' +
      'names that answer AAAA queries: Route 53 answers them from AAAA records only, so a zone with the A alias alone gives an ' +
      'IPv6-only client (an EKS IPv6 pod, an IPv6-only subnet) no address, and a dual-stack client falls back to IPv4. An AAAA ' +
      'alias to an endpoint without AAAA records answers nothing.',
  },
  (tree) => {
    const out: Violation[] = [];
    const endpointOf = (r: ZoneRecord) => (r.alias ? aliasTarget(tree, r.record, r.alias).endpoint : undefined);
    const records = zoneRecords(tree).filter((r) => r.alias !== undefined && r.zone !== undefined);
    for (const r of records) {
      const endpoint = endpointOf(r);
      if (!endpoint) continue;
      const where = { stack: r.record.stack, resource: r.record.address };
      if (r.type === 'A' && servesAaaa(endpoint)) {
        const twin = records.some((o) => o.type === 'AAAA' && o.zone === r.zone && o.fqdn === r.fqdn && endpointOf(o) === endpoint);
        if (!twin) out.push({ ...where, message: `${r.fqdn} aliases dual-stack endpoint ${endpoint.address} with an A record only: add the alias AAAA record, or IPv6 clients get no address` });
      }
      if (r.type === 'AAAA' && !servesAaaa(endpoint)) {
        out.push({ ...where, message: `${r.fqdn} is an AAAA alias to ${endpoint.address}, which has no AAAA records (ip_address_type and dns_options.dns_record_ip_type are not dual-stack): it answers nothing` });
      }
    }
    return out;
  },
);
