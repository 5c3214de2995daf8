/** VH-VPCE-001 and VH-VPCE-002: interface endpoints state private DNS explicitly, and off where a zone stands in. */
import { bool, str } from '../json-value';
import { resourcesOfType } from '../tree';
import { aliasTarget, zoneRecords } from '../zones';
import { defineRule } from './rule';

const isInterface = (type: string | undefined): boolean => type?.toLowerCase() === 'interface';

export const endpointPrivateDnsExplicit = defineRule(
  {
    id: 'VH-VPCE-001',
    severity: 'error',
    summary: 'Every interface endpoint sets private_dns_enabled explicitly',
    explanation:
      'The API default is true, and AWS provider 5.51.0-5.51.1 sent true even when false was meant ' +
      '(terraform-provider-aws issue 37694). Left implicit, the value depends on provider version and API defaults.',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_vpc_endpoint')
      .filter((e) => isInterface(str(e.body, 'vpc_endpoint_type')) && bool(e.body, 'private_dns_enabled') === undefined)
      .map((e) => ({ stack: e.stack, resource: e.address, message: 'private_dns_enabled is not written as true or false' })),
);

export const endpointPrivateDnsOffUnderZone = defineRule(
  {
    id: 'VH-VPCE-002',
    severity: 'error',
    summary: 'An endpoint that a private hosted zone aliases has private DNS off',
    explanation:
      'With private DNS on, AWS attaches its own hidden zone of the same name to the hub VPC; our zone, also attached to ' +
      'the hub VPC, then conflicts (ConflictingDomainExists) and the apply fails, or the hub resolves through a zone ' +
      'the spokes never see (domain.md section 1, option B).',
  },
  (tree) => {
    const aliased = new Map<string, string>();
    for (const r of zoneRecords(tree)) {
      if (!r.alias) continue;
      const endpoint = aliasTarget(tree, r.record, r.alias).endpoint;
      if (endpoint && !aliased.has(`${endpoint.stack}/${endpoint.address}`)) aliased.set(`${endpoint.stack}/${endpoint.address}`, r.fqdn);
    }
    return resourcesOfType(tree, 'aws_vpc_endpoint')
      .filter((e) => aliased.has(`${e.stack}/${e.address}`) && bool(e.body, 'private_dns_enabled') !== false)
      .map((e) => ({ stack: e.stack, resource: e.address, message: `the private hosted zone record ${aliased.get(`${e.stack}/${e.address}`)} aliases this endpoint, so private_dns_enabled must be false` }));
  },
);
