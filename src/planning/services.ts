/** A hub's `services` entries -> catalogue records (or the user's escape-hatch record). */
import { customService, resolveService, resolveServiceInNewerRegion, type ResolvedService } from '../catalogue/catalogue';
import type { ServiceConfig } from '../config/schema';

export function serviceName(entry: ServiceConfig): string {
  return typeof entry === 'string' ? entry : entry.name;
}

/** Undefined when the name is not in the catalogue for that region and no privateDnsNames are given. */
export function resolveHubService(entry: ServiceConfig, region: string): ResolvedService | undefined {
  const name = serviceName(entry);
  if (typeof entry !== 'string' && entry.privateDnsNames !== undefined) return customService(entry.name, region, entry.privateDnsNames, entry.serviceName);
  return resolveService(name, region) ?? resolveServiceInNewerRegion(name, region);
}
