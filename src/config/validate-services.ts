/**
 * Services: known, offered where the hub is, unique, and (in the zone modes) with zone names that can
 * be created and associated without shadowing other names or each other.
 */
import { broaderServiceNames, catalogueAzNames, catalogueServiceNames, isOfferedIn, nearestServiceNames, zoneSpec, type ResolvedService } from '../catalogue/catalogue';
import { gatewayServiceLabel, isAvoidableGatewayService } from '../catalogue/gateway-services';
import { resolveHubService, serviceName } from '../planning/services';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { serviceNameRegionFinding } from './service-name-region';
import { shadowedDomain } from './shadowed-domain';
import { IOT_DATA_ZONE_FIX, isIotData } from './validate-iot-data';
import { AZ_NAME_PATTERN } from './resolve';
import { azIdPrefix } from './validate-vpcs';
import type { HubConfig, ServiceConfig } from './schema';
import type { ValidationContext } from './validate';

/**
 * An AZ name of the hub's region that no catalogued service is offered in does not exist (as far as
 * the catalogue's account saw): one error for the AZ, instead of one ServiceNotInAz per service.
 */
function checkAzsExist(hub: HubConfig, hubPath: string, hubAzs: string[], findings: Finding[]): Set<string> {
  const known = catalogueAzNames(hub.region);
  const unknown = new Set<string>();
  if (known.length === 0) return unknown;
  hubAzs.forEach((az, i) => {
    if (AZ_NAME_PATTERN.exec(az)?.[1] !== hub.region || known.includes(az) || unknown.has(az)) return;
    unknown.add(az);
    findings.push({
      severity: 'error',
      code: 'UnknownAz',
      path: hub.vpc.id === undefined ? `${hubPath}.vpc.availabilityZones.${i}` : `${hubPath}.vpc.subnets.${i}.availabilityZone`,
      value: az,
      message: `is not an availability zone of ${hub.region} (catalogue: ${known.join(', ')})`,
      fix: `use one of ${known.join(', ')}; AZ names differ between accounts and the catalogue's come from one account: give AZ ids (like ${azIdExample(hub.region)}) to skip this check`,
    });
  });
  return unknown;
}

/**
 * S3 and DynamoDB have free gateway endpoints, which work only inside their own VPC (not across
 * peering): each spoke can have one at no charge. Centralizing the service instead sends all its
 * traffic through a paid interface endpoint and the peering.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html ("There is no additional
 * charge for using gateway endpoints").
 */
function centralizedGatewayService(name: string, hub: HubConfig, path: string): Finding {
  const label = gatewayServiceLabel(name);
  return {
    severity: 'warning',
    code: 'GatewayServiceCentralized',
    path,
    value: name,
    message: `sends every spoke's ${label} traffic through hub ${hub.name}'s interface endpoint: per-GB processing and cross-AZ peering transfer, plus endpoint hours, where ${label} gateway endpoints, one in each spoke VPC, cost nothing (the review's cost table shows the difference)`,
    fix: `give each spoke VPC its own ${label} gateway endpoint and remove ${name} here, unless clients need the interface endpoint (on-premises access, or policies on the endpoint)`,
  };
}

const azIdExample = (region: string): string => `${azIdPrefix(region)}-az1`;

export function validateServices({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, h) => {
    const hubPath = formatPath(['hubs', h], raw);
    const seen = new Map<string, number>();
    const zoneOwners = new Map<string, string>();
    const hubAzs = hub.vpc.id === undefined ? hub.vpc.availabilityZones ?? [] : (hub.vpc.subnets ?? []).map((s) => s.availabilityZone);
    // Both zone modes create a private hosted zone per DNS name; endpoint-url mode creates none.
    const needsZones = hub.dns !== 'endpoint-url';
    const unknownAzs = checkAzsExist(hub, hubPath, hubAzs, findings);
    hub.services.forEach((entry, i) => {
      const name = serviceName(entry);
      const path = `${hubPath}.services.${i}`;
      const previous = seen.get(name);
      if (previous !== undefined) {
        findings.push({ severity: 'error', code: 'DuplicateService', path, value: name, message: `is already listed at ${hubPath}.services.${previous}`, fix: 'list each service once' });
        return;
      }
      seen.set(name, i);
      // A gateway service kept as a companion (s3 for ecr.dkr's image layers) is a choice validate
      // already asked for (CompanionMissing): warning about it too would tell the user to undo the
      // other fix. The review's cost table still shows what it costs.
      if (isAvoidableGatewayService(name, hub.services.map(serviceName))) findings.push(centralizedGatewayService(name, hub, path));
      const svc = resolveChecked(entry, hub, path, findings);
      if (svc === null) return;
      if (svc === undefined) {
        const near = nearestServiceNames(name, 3);
        const broader = broaderServiceNames(name);
        const elsewhere = isKnownElsewhere(name, hub.region);
        // A name that extends a catalogue name (bedrock-agent, bedrock) is most likely a newer service of its own.
        const custom = `{ name: ${name}, privateDnsNames: ["<its DNS name>"] } (usually ${name}.{region}.amazonaws.com: check the service's endpoints page)`;
        findings.push({
          severity: 'error',
          code: elsewhere ? 'ServiceNotInRegion' : 'UnknownService',
          path,
          value: name,
          message: elsewhere ? `is not offered in ${hub.region} (catalogue of 2023-09)` : 'is not in the service catalogue',
          fix:
            near.length > 0 && !elsewhere
              ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Or give { name, privateDnsNames } for a service the catalogue lacks`
              : broader.length > 0 && !elsewhere
                ? `the catalogue (2023-09) has ${broader.map((n) => `"${n}"`).join(' and ')}, a different service; if AWS offers ${name} now, give ${custom}`
                : 'give { name, privateDnsNames: [...] } if AWS offers it now',
        });
        return;
      }
      if (needsZones && svc.zones.length === 0) {
        // iot.data's clients cannot use the endpoint's own name either (validate-iot-data.ts): a zone is its only way.
        const fix = isIotData(entry, hub.region) ? IOT_DATA_ZONE_FIX : "remove it, or use dns: endpoint-url, where clients pass the endpoint's DNS name";
        findings.push({ severity: 'error', code: 'NoPrivateDns', path, value: name, message: `has no private DNS name, so no private hosted zone can centralize it (dns: ${hub.dns})`, fix });
      }
      if (svc.availabilityZones !== null) {
        // AZ ids (use1-az1) are the same in every account; AZ names are not, and the catalogue's AZ lists
        // are names of the account that captured it, so only names can be checked (and may mislead).
        for (const az of hubAzs) {
          // An AZ of another region is reported once, as AzNotInRegion (validate-vpcs.ts).
          if (AZ_NAME_PATTERN.exec(az)?.[1] === hub.region && !unknownAzs.has(az) && !svc.availabilityZones.includes(az)) {
            findings.push({
              severity: 'error',
              code: 'ServiceNotInAz',
              path,
              value: name,
              message: `is not offered in hub AZ ${az} (catalogue: offered in ${svc.availabilityZones.join(', ')})`,
              fix: `choose hub AZs where every service is offered. AZ names map to different physical zones in each account and the catalogue's come from one account: give AZ ids (like use1-az1) to skip this check`,
            });
          }
        }
      }
      if (!needsZones) return;
      for (const zone of svc.zones) {
        const shadowed = shadowedDomain(zone.zoneName);
        if (shadowed) {
          findings.push({ severity: 'error', code: 'ZoneShadowsRegion', path, value: zone.zoneName, message: `would make a private hosted zone that answers for ${shadowed}, hiding every other name in it from the spokes`, fix: 'give the full service host name' });
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

/**
 * The service record, undefined when unknown, or null when a custom entry is malformed (reported
 * here, field by field, rather than as the catalogue's exception).
 */
function resolveChecked(entry: ServiceConfig, hub: HubConfig, path: string, findings: Finding[]): ResolvedService | undefined | null {
  if (typeof entry !== 'string') {
    const before = findings.length;
    const zones = new Set<string>();
    (entry.privateDnsNames ?? []).forEach((dnsName, j) => {
      try {
        const { zoneName } = zoneSpec(dnsName.replace(/\{region\}/g, hub.region));
        if (zones.has(zoneName)) {
          findings.push({ severity: 'error', code: 'ZoneCollision', path: `${path}.privateDnsNames.${j}`, value: dnsName, message: `names zone ${zoneName} a second time`, fix: 'list each name once' });
        }
        zones.add(zoneName);
      } catch {
        findings.push({ severity: 'error', code: 'InvalidPrivateDnsName', path: `${path}.privateDnsNames.${j}`, value: dnsName, message: 'is not a DNS name (labels of letters, digits and hyphens; only a leading "*." wildcard)', fix: 'write it as AWS lists it, like *.dkr.ecr.{region}.amazonaws.com' });
      }
    });
    const resolvedName = (entry.serviceName ?? '').replace(/\{region\}/g, hub.region);
    if (entry.serviceName !== undefined && !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(resolvedName)) {
      findings.push({ severity: 'error', code: 'InvalidServiceName', path: `${path}.serviceName`, value: entry.serviceName, message: 'is not an endpoint service name', fix: 'write it like com.amazonaws.{region}.sqs' });
    } else if (entry.serviceName !== undefined) {
      const otherRegion = serviceNameRegionFinding(resolvedName, entry.serviceName, hub, `${path}.serviceName`);
      if (otherRegion) findings.push(otherRegion);
    }
    if (findings.length > before) return null;
  }
  // Past the checks above the escape hatch cannot throw; if it does, that is a bug (InternalError).
  return resolveHubService(entry, hub.region);
}

function isKnownElsewhere(name: string, region: string): boolean {
  return catalogueServiceNames().includes(name) && !isOfferedIn(name, region);
}
