/**
 * Endpoint service name <-> private hosted zone names, the mapping the zone rules check aliases
 * against. Zone names come from AWS's private DNS names (the catalogue), never from string rules on
 * the service name (domain.md section 2): `com.amazonaws.<r>.ecr.api` serves `api.ecr.<r>.amazonaws.com`.
 * Services the config lists come first (custom services carry their own names).
 */
import { catalogueServiceNames, resolveService, type ZoneSpec } from '../catalogue/catalogue';
import type { ConfigFacts } from './config-facts';

const byRegion = new Map<string, Map<string, readonly ZoneSpec[]>>();

function catalogueIndex(region: string): Map<string, readonly ZoneSpec[]> {
  let index = byRegion.get(region);
  if (!index) {
    index = new Map();
    for (const name of catalogueServiceNames()) {
      const svc = resolveService(name, region);
      if (svc) index.set(svc.serviceName, svc.zones);
    }
    byRegion.set(region, index);
  }
  return index;
}

const REGION_IN_NAME = /(?:^|\.)([a-z]{2}(?:-[a-z]+)+-\d)(?:\.|$)/;

/** The region named inside a service or zone name (`com.amazonaws.us-east-1.sqs`, `sqs.us-east-1.amazonaws.com`). */
export function regionInName(name: string): string | undefined {
  return REGION_IN_NAME.exec(name)?.[1];
}

/** The zones an endpoint service needs; undefined when neither the config nor the catalogue knows it. */
export function zonesOfService(serviceName: string, region: string | undefined, facts?: ConfigFacts): readonly ZoneSpec[] | undefined {
  const fromConfig = facts?.serviceZones.get(serviceName);
  if (fromConfig) return fromConfig;
  const r = region ?? regionInName(serviceName);
  return r ? catalogueIndex(r).get(serviceName) : undefined;
}

/** The spec of a zone name (is it a wildcard zone?), from any known service of the region. */
export function zoneSpecByName(zoneName: string, region: string | undefined, facts?: ConfigFacts): ZoneSpec | undefined {
  const wanted = normalizeDnsName(zoneName);
  const fromConfig = [...(facts?.serviceZones.values() ?? [])].flat().find((z) => z.zoneName === wanted);
  if (fromConfig) return fromConfig;
  const r = region ?? regionInName(wanted);
  if (!r) return undefined;
  for (const zones of catalogueIndex(r).values()) {
    const hit = zones.find((z) => z.zoneName === wanted);
    if (hit) return hit;
  }
  return undefined;
}

/** Lower case, no trailing dot: DNS names compare case-insensitively. */
export function normalizeDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
