/**
 * The region a custom `serviceName` names, checked against its hub's. An interface endpoint reaches
 * the endpoint services of its own region only, unless it names the service's region itself
 * (cross-Region PrivateLink: CreateVpcEndpoint's ServiceRegion, `service_region` on aws_vpc_endpoint,
 * present in hashicorp/aws 5.100.0: the @cdktf/provider-aws 20.1.0 binding has `serviceRegion`),
 * which AWS offers for a few AWS services (catalogue/cross-region-services.ts) and for endpoint
 * services whose provider enables it:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 * Without it the apply fails with "InvalidServiceName: The Vpc Endpoint Service '...' does not exist"
 * (another region's AWS service: aws-samples/aws-network-firewall-terraform issue 4; another region's
 * endpoint service: hashicorp/terraform-provider-aws pull request 40583).
 *
 * Decision: vpce-hub rejects another region's service name rather than emitting `service_region`.
 * A centralized cross-region endpoint would need zones for the other region's DNS names, its AZs and
 * catalogue record, and a cost row for cross-region data transfer, none of which the planner models;
 * a hub in that region gives its spokes the same service today.
 *
 * Service names carry the region as one label: `com.amazonaws.<region>.<service>`,
 * `com.amazonaws.vpce.<region>.vpce-svc-...` (endpoint services), `aws.sagemaker.<region>.notebook`,
 * `aws.api.<region>.kendra-ranking`, and in China also `cn.com.amazonaws.<region>.<service>`
 * (https://docs.amazonaws.cn/en_us/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 * lists both forms there).
 */
import { CROSS_REGION_SERVICES } from '../catalogue/cross-region-services';
import type { Finding } from './findings';
import { partitionOfRegion } from './partitions';

const REGION_LABEL = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** `com.amazonaws.vpce.us-west-2.vpce-svc-1` -> region us-west-2, service vpce-svc-1, endpoint service. */
export function regionOfServiceName(name: string): { region: string; service: string; endpointService: boolean } | undefined {
  const labels = name.split('.');
  const i = labels.findIndex((l) => REGION_LABEL.test(l));
  if (i < 0) return undefined;
  return { region: labels[i], service: labels.slice(i + 1).join('.'), endpointService: labels.slice(0, i).includes('vpce') };
}

/** An error for a `serviceName` (its `{region}` already replaced) of another region or partition than the hub's. */
export function serviceNameRegionFinding(resolvedName: string, written: string, hub: { name: string; region: string }, path: string): Finding | undefined {
  const partition = partitionOfRegion(hub.region);
  const error = (message: string, fix: string): Finding => ({ severity: 'error', code: 'ServiceNameOtherRegion', path, value: written, message, fix });
  const chinaPrefix = resolvedName.startsWith('cn.') && partition !== 'aws-cn';
  const named = regionOfServiceName(resolvedName);
  if (named === undefined || named.region === hub.region) {
    return chinaPrefix ? error(`starts with cn., the prefix of service names in the China regions (aws-cn), but hub ${hub.name} is in ${hub.region} (${partition})`, 'remove the cn. prefix') : undefined;
  }
  const elsewhere = `add a hub in ${named.region} for that region's service`;
  const ownName = written
    .replace(chinaPrefix ? /^cn\./ : /^$/, '')
    .split('.')
    .map((l) => (l === named.region ? '{region}' : l))
    .join('.');
  const here = named.endpointService ? `ask its provider for an endpoint service in ${hub.region}, or ${elsewhere}` : `write ${ownName} for the service in ${hub.region}, or ${elsewhere}`;
  const otherPartition = partitionOfRegion(named.region);
  if (otherPartition !== partition) {
    return error(`names region ${named.region} of partition ${otherPartition}, but hub ${hub.name} is in ${hub.region} (${partition}); nothing reaches across partitions`, here);
  }
  const why = named.endpointService
    ? `reaching an endpoint service of ${named.region} needs a cross-region endpoint (service_region), which its provider must allow and vpce-hub does not create`
    : CROSS_REGION_SERVICES.includes(named.service)
      ? `AWS offers ${named.service} across regions (an endpoint with service_region, cross-Region PrivateLink), but vpce-hub does not create such endpoints`
      : `an interface endpoint reaches the services of its own region only (AWS offers cross-region endpoints for ${CROSS_REGION_SERVICES.join(', ')})`;
  return error(`names region ${named.region}, but hub ${hub.name} is in ${hub.region}: ${why}, so the endpoint would fail at apply`, here);
}
