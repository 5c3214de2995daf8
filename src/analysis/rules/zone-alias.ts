/** VH-DNS-005: every alias record of a zone points at the regional DNS entry of the endpoint of the zone's service. */
import { resourceRegion } from '../accounts';
import { str } from '../json-value';
import { zonesOfService } from '../service-zones';
import { aliasTarget, zoneName, zoneRecords } from '../zones';
import { defineRule, type Violation } from './rule';

export const zoneAliasMatchesService = defineRule(
  {
    id: 'VH-DNS-005',
    severity: 'error',
    summary: 'Alias records target dns_entry[0] of the endpoint whose service owns the zone name',
    explanation:
      'The zone name comes from the service\'s private DNS name in the catalogue (com.amazonaws.us-east-1.sqs serves ' +
      'sqs.us-east-1.amazonaws.com; ecr.api serves api.ecr.<region>). An alias to another service\'s endpoint sends ' +
      'calls to the wrong API, and TLS fails; an alias to a zonal DNS entry (dns_entry[1..]) pins every client to one AZ. ' +
      'Services neither in the catalogue nor in the config cannot be verified and are reported: pass --config.',
  },
  (tree, facts) => {
    const out: Violation[] = [];
    for (const r of zoneRecords(tree)) {
      if (!r.alias || !r.zone) continue;
      const where = { stack: r.record.stack, resource: r.record.address };
      const target = aliasTarget(tree, r.record, r.alias);
      for (const p of target.problems) out.push({ ...where, message: p });
      if (!target.endpoint) continue;
      const serviceName = str(target.endpoint.body, 'service_name') ?? '';
      const zones = zonesOfService(serviceName, resourceRegion(tree, target.endpoint), facts);
      const zone = zoneName(r.zone);
      if (zones === undefined) {
        out.push({ ...where, message: `${target.endpoint.address} has service_name ${serviceName || '(none)'}, which neither the catalogue nor the config knows: cannot verify that it serves ${zone}` });
      } else if (!zones.some((z) => z.zoneName === zone)) {
        const served = zones.map((z) => z.zoneName).join(', ') || 'no private DNS name';
        out.push({ ...where, message: `zone ${zone} aliases ${target.endpoint.address} (${serviceName}), which serves ${served}` });
      }
    }
    return out;
  },
);
