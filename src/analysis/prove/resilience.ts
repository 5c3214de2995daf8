/**
 * An endpoint with network interfaces in one AZ only cuts every spoke off when that AZ fails, so a
 * cell counts as reachable only with subnets in at least two distinct AZs.
 */
import type { HubEndpoint } from './endpoint';
import type { BrokenLink } from './result';

export const MIN_AZS = 2;

export function checkResilience(endpoint: HubEndpoint): BrokenLink | undefined {
  const unknown = endpoint.subnets.filter((s) => s.az === undefined);
  if (unknown.length > 0) return { link: 'availability-zones', message: `endpoint ${endpoint.record.address}: the AZ of subnet ${unknown[0].label} is unknown` };
  // An AZ name and an AZ id may be the same zone (the name-to-id mapping is per account and not in the
  // JSON); they count as distinct here, so a hub that mixes both forms can be over-credited.
  const azs = [...new Set(endpoint.subnets.map((s) => s.az as string))].sort();
  if (azs.length >= MIN_AZS) return undefined;
  return { link: 'availability-zones', message: `endpoint ${endpoint.record.address} has subnets in ${azs.length} AZ (${azs.join(', ')}) only: one AZ outage cuts every spoke off` };
}
