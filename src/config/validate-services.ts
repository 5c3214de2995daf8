/**
 * Services: known, offered where the hub is, unique, and (in private-hosted-zones mode) with zone names
 * that can be created and associated without shadowing other names or each other.
 */
import { catalogueServiceNames, isGatewayOnly, isOfferedIn, nearestServiceNames } from '../catalogue/catalogue';
import { resolveHubService, serviceName } from '../planning/services';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { AZ_NAME_PATTERN } from './resolve';
import type { ValidationContext } from './validate';

export function validateServices({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, h) => {
    const hubPath = formatPath(['hubs', h], raw);
    const seen = new Map<string, number>();
    const zoneOwners = new Map<string, string>();
    const hubAzs = hub.vpc.id === undefined ? hub.vpc.availabilityZones ?? [] : (hub.vpc.subnets ?? []).map((s) => s.availabilityZone);
    hub.services.forEach((entry, i) => {
      const name = serviceName(entry);
      const path = `${hubPath}.services.${i}`;
      const previous = seen.get(name);
      if (previous !== undefined) {
        findings.push({ severity: 'error', code: 'DuplicateService', path, value: name, message: `is already listed at ${hubPath}.services.${previous}`, fix: 'list each service once' });
        return;
      }
      seen.set(name, i);
      if (typeof entry === 'string' && isGatewayOnly(name)) {
        findings.push({ severity: 'error', code: 'GatewayOnlyService', path, value: name, message: 'has only a gateway endpoint in the catalogue (2023-09), and gateway endpoints cannot be used across VPC peering', fix: 'create a gateway endpoint in each spoke VPC instead; if AWS now offers it as an interface endpoint with private DNS, give { name, privateDnsNames }' });
        return;
      }
      const svc = resolveHubService(entry, hub.region);
      if (svc === undefined) {
        const near = nearestServiceNames(name, 3);
        const elsewhere = isKnownElsewhere(name, hub.region);
        findings.push({
          severity: 'error',
          code: elsewhere ? 'ServiceNotInRegion' : 'UnknownService',
          path,
          value: name,
          message: elsewhere ? `is not offered in ${hub.region} (catalogue of 2023-09)` : 'is not in the service catalogue',
          fix: near.length > 0 && !elsewhere ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Or give { name, privateDnsNames } for a service the catalogue lacks` : 'give { name, privateDnsNames: [...] } if AWS offers it now',
        });
        return;
      }
      if (hub.dns === 'private-hosted-zones' && svc.zones.length === 0) {
        findings.push({ severity: 'error', code: 'NoPrivateDns', path, value: name, message: 'has no private DNS name, so no private hosted zone can centralize it', fix: "remove it, or use dns: endpoint-url, where clients pass the endpoint's DNS name" });
      }
      if (svc.availabilityZones !== null) {
        hubAzs.forEach((az) => {
          if (AZ_NAME_PATTERN.test(az) && !svc.availabilityZones?.includes(az)) {
            findings.push({ severity: 'error', code: 'ServiceNotInAz', path, value: name, message: `is not offered in hub AZ ${az} (offered in ${svc.availabilityZones?.join(', ')})`, fix: 'choose hub AZs where every service is offered' });
          }
        });
      }
      if (hub.dns !== 'private-hosted-zones') return;
      for (const zone of svc.zones) {
        const labels = zone.zoneName.split('.');
        if (labels.length < 3 || zone.zoneName === `${hub.region}.amazonaws.com`) {
          findings.push({ severity: 'error', code: 'ZoneShadowsRegion', path, value: zone.zoneName, message: 'would make a private hosted zone that answers for a whole region or domain, hiding every other service name in it', fix: 'give the full service host name' });
        }
        const owner = zoneOwners.get(zone.zoneName);
        if (owner !== undefined) {
          findings.push({ severity: 'error', code: 'ZoneCollision', path, value: zone.zoneName, message: `is also a zone of service ${owner}; one VPC cannot be associated with two zones of the same name`, fix: 'keep one of the two services' });
        }
        zoneOwners.set(zone.zoneName, name);
      }
    });
  });
  return findings;
}

function isKnownElsewhere(name: string, region: string): boolean {
  return catalogueServiceNames().includes(name) && !isOfferedIn(name, region);
}
