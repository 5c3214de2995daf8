/** A hub's `services` entries -> catalogue records (or the user's escape-hatch record). */
import { customService, resolveService, resolveServiceInNewerRegion, type ResolvedService } from '../catalogue/catalogue';
import type { ServiceConfig } from '../config/schema';

export function serviceName(entry: ServiceConfig): string {
  return typeof entry === 'string' ? entry : entry.name;
}

/** Undefined when the name is not in the catalogue for that region and no privateDnsNames are given. */
export function resolveHubService(entry: ServiceConfig, region: string): ResolvedService | undefined {
  const resolved = resolveEntry(entry, region);
  // The config's ipAddressTypes is the escape hatch for a service AWS opened to IPv6 after the data.
  if (resolved && typeof entry !== 'string' && entry.ipAddressTypes !== undefined) return { ...resolved, ipAddressTypes: [...new Set(entry.ipAddressTypes)].sort() };
  return resolved;
}

function resolveEntry(entry: ServiceConfig, region: string): ResolvedService | undefined {
  const name = serviceName(entry);
  const catalogued = resolveService(name, region) ?? resolveServiceInNewerRegion(name, region);
  if (typeof entry !== 'string' && entry.privateDnsNames !== undefined) {
    // The escape hatch replaces the DNS names only: whether the endpoint takes a policy stays the
    // catalogue's for the same endpoint service. iot.data takes none ("VPC endpoint policies are not
    // supported", https://docs.aws.amazon.com/iot/latest/developerguide/IoTCore-VPC.html), yet it needs
    // this escape hatch for its zone (validate-iot-data.ts).
    const custom = customService(entry.name, region, entry.privateDnsNames, entry.serviceName);
    return catalogued?.serviceName === custom.serviceName ? { ...custom, endpointPolicySupported: catalogued.endpointPolicySupported, ipAddressTypes: catalogued.ipAddressTypes } : custom;
  }
  return catalogued;
}
