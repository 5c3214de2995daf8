/**
 * AWS IoT Core's data endpoint (`iot.data`) is the one catalogue service whose clients can use neither
 * the endpoint's own name nor an AWS-provided private DNS name:
 * - AWS turns private DNS off for it ("The VPC feature for automatically creating a DNS record is
 *   disabled"; the EC2 data lists no PrivateDnsNames) and tells users to create the DNS records for
 *   the VPC endpoint in a private hosted zone themselves
 *   (https://docs.aws.amazon.com/iot/latest/developerguide/IoTCore-VPC.html);
 * - IoT Core needs the TLS server name (SNI) to be the account's `iot:Data-ATS` endpoint
 *   (`<prefix>-ats.iot.<region>.amazonaws.com`, `aws iot describe-endpoint`) or a domain configuration's
 *   domain name, and refuses other connections
 *   (https://docs.aws.amazon.com/iot/latest/developerguide/transport-security.html); its VPC endpoints
 *   serve ATS certificates only, except for custom domains (IoTCore-VPC.html, Limitations).
 * So a client handed the endpoint's `vpce-...data.iot.<region>.vpce.amazonaws.com` name (endpoint-url
 * mode) is refused, and a zone helps only when it is named for the account's ATS data endpoint (or a
 * custom domain), which only the user knows: `{ name: iot.data, privateDnsNames: [...] }`.
 */
import { zoneSpec } from '../catalogue/catalogue';
import { resolveHubService } from '../planning/services';
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { HubConfig, ServiceConfig } from './schema';
import { shadowedDomain } from './shadowed-domain';
import type { ValidationContext } from './validate';

const DESCRIBE_ENDPOINT = 'aws iot describe-endpoint --endpoint-type iot:Data-ATS';

/** How to give a hub the zone IoT clients need: the fix of every iot.data finding (and of NoPrivateDns for it). */
export const IOT_DATA_ZONE_FIX = `list it as { name: iot.data, privateDnsNames: ["<prefix>-ats.iot.{region}.amazonaws.com"] } with your account's data endpoint (\`${DESCRIBE_ENDPOINT}\` prints it), in dns: private-hosted-zones or route53-profile, so the hub makes that zone and its spokes resolve the name to this endpoint`;

export function isIotData(entry: ServiceConfig, region: string): boolean {
  try {
    return resolveHubService(entry, region)?.serviceName === `com.amazonaws.${region}.iot.data`;
  } catch {
    return false; // a malformed custom entry: validate-services reports it
  }
}

export function validateIotData({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, h) => {
    const hubPath = formatPath(['hubs', h], raw);
    hub.services.forEach((entry, i) => {
      if (!isIotData(entry, hub.region)) return;
      const path = `${hubPath}.services.${i}`;
      if (hub.dns === 'endpoint-url') findings.push(endpointUrlFinding(hub, path));
      else if (typeof entry !== 'string') findings.push(...zoneNameFindings(entry.privateDnsNames ?? [], hub, path));
      // Zone modes without names: NoPrivateDns (validate-services.ts), with IOT_DATA_ZONE_FIX.
    });
  });
  return findings;
}

/**
 * A warning, not an error: the endpoint itself deploys, and AWS's documented setup is this endpoint plus
 * a private hosted zone the user creates, which endpoint-url mode leaves to them. What cannot work is the
 * mode's contract, clients calling the endpoint's own name.
 */
function endpointUrlFinding(hub: HubConfig, path: string): Finding {
  return {
    severity: 'warning',
    code: 'IotDataEndpointUrl',
    path,
    value: 'iot.data',
    message: `is known to its clients only by the endpoint's own name (vpce-...data.iot.${hub.region}.vpce.amazonaws.com) under hub ${hub.name}'s dns: endpoint-url, and AWS IoT Core refuses TLS connections whose server name is not the account's data endpoint (<prefix>-ats.iot.${hub.region}.amazonaws.com); AWS turns private DNS off for iot.data, so nothing in the spokes resolves that name to this endpoint`,
    fix: `${IOT_DATA_ZONE_FIX}; or keep endpoint-url and create that private hosted zone yourself (an alias record to this endpoint), associated with every spoke VPC`,
  };
}

/**
 * In the zone modes each name becomes a private hosted zone. Only the account's ATS data endpoint
 * (one label ending in `-ats` under `iot.<region>.amazonaws.com`) or a custom domain outside
 * amazonaws.com is a name IoT clients connect to; any other AWS name is never used by them, and
 * `iot.<region>.amazonaws.com` itself would also answer for the IoT control plane, the credentials
 * provider, jobs and every other account's endpoints with this data endpoint.
 */
function zoneNameFindings(names: string[], hub: HubConfig, path: string): Finding[] {
  const iotDomain = `iot.${hub.region}.amazonaws.com`;
  const findings: Finding[] = [];
  names.forEach((name, k) => {
    let zoneName: string;
    try {
      zoneName = zoneSpec(name.replace(/\{region\}/g, hub.region)).zoneName;
    } catch {
      return; // InvalidPrivateDnsName (validate-services.ts)
    }
    // A custom domain is the user's to name; a whole AWS domain or region is ZoneShadowsRegion already.
    if (!/\.amazonaws\.com(\.cn)?$/.test(zoneName) || shadowedDomain(zoneName) !== undefined) return;
    if (new RegExp(`^[a-z0-9-]+-ats\\.${iotDomain.replace(/\./g, '\\.')}$`).test(zoneName)) return;
    const wholeDomain = zoneName === iotDomain;
    findings.push({
      severity: 'error',
      code: 'IotDataZoneName',
      path: `${path}.privateDnsNames.${k}`,
      value: name,
      message: wholeDomain
        ? `makes a private hosted zone ${iotDomain}, which would answer the spokes' queries for the IoT control plane (${iotDomain}), the credentials provider, jobs and every other IoT endpoint of the region with hub ${hub.name}'s data endpoint`
        : `makes a private hosted zone ${zoneName}, a name IoT clients never connect to: AWS IoT Core accepts only the account's ATS data endpoint (<prefix>-ats.${iotDomain}) or a domain configuration's name as TLS server name`,
      fix: `give your account's data endpoint, as \`${DESCRIBE_ENDPOINT}\` prints it (<prefix>-ats.iot.{region}.amazonaws.com), or a custom domain of a domain configuration`,
    });
  });
  return findings;
}
