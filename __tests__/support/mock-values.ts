/**
 * What AWS returns for the objects vpce-hub creates, in AWS's formats: the values the apply tier's mock
 * providers give (support/mock-apply.ts). Terraform's mock provider invents a random 8-character string
 * for every computed attribute and leaves computed lists empty, but the real provider still validates
 * what is passed on (an `iam_role_arn` of "f251gpid" fails "is an invalid ARN"), and outputs index lists
 * AWS always fills (`dns_entry[0]`). So every resource type the constructs emit (src/constructs) gets its
 * identifiers, ARNs and owner in the account and region of the provider that creates it.
 *
 * Formats: EC2 ids are the prefix and 17 hex digits (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html);
 * ARNs as in the Service Authorization Reference's resource types of each service
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * interface endpoint DNS entries as DescribeVpcEndpoints returns them
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsEntry.html).
 */
import { createHash } from 'node:crypto';
import { partitionOfRegion } from '../../src/config/partitions';
import { parseIpv6Cidr } from '../../src/planning/cidr6';

/** Where a provider alias acts: from the synthesized provider block (region, allowed_account_ids). */
export interface MockTarget {
  region: string;
  account: string;
}

export type MockValues = Record<string, unknown>;

/** 16 hex digits that name one resource address: every object gets ids of its own, as in AWS. */
const digest = (address: string): string => createHash('sha256').update(address).digest('hex').slice(0, 16);

/** EC2 ids: the prefix and 17 hex digits. */
export const ec2Id = (prefix: string, address: string): string => `${prefix}-0${digest(address)}`;
/** Route 53 hosted zone ids: `Z` and 20 upper-case letters and digits (zones created today). */
const zoneId = (address: string): string => `Z0${digest(address).toUpperCase()}MCK`;
/** RAM shares and invitations: a version-4 UUID. */
function uuid(address: string): string {
  const h = digest(address) + digest(`${address}#2`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
/** Route 53 Profile ids: a prefix and 16 hex digits. */
const shortId = (prefix: string, address: string): string => `${prefix}-${digest(address)}`;

/** An Amazon-provided IPv6 /56 of its own per VPC, in AWS's form (a us-east-1 block: 2600:1f18::/36). */
function amazonIpv6Block(address: string): string {
  const block = parseIpv6Cidr(`2600:1f18:${digest(address).slice(0, 4)}:${digest(address).slice(4, 6)}00::/56`);
  if (!block.ok) throw new Error(`mock IPv6 block of ${address}: ${block.reason}`);
  return block.canonicalText;
}

/** DNS suffix of the partition's endpoint names (`amazonaws.com.cn` in China). */
const dnsSuffix = (region: string): string => (partitionOfRegion(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com');

/**
 * The values AWS returns for resource `type.name` created in `target`'s account and region: ids, ARNs,
 * owners and states (only computed attributes take effect: Terraform keeps what the configuration
 * sets, so a value here never hides a config error). `body` is the resource's configuration, for the
 * service name of an interface endpoint. `origin` is the address the object was created under (a
 * renamed resource keeps the ids it had: moved blocks move state, not objects). Undefined for a type
 * the constructs do not emit.
 */
export function resourceValues(type: string, name: string, target: MockTarget, body: Record<string, unknown> = {}, origin = `${type}.${name}`): MockValues | undefined {
  const { region, account } = target;
  const p = partitionOfRegion(region);
  const address = origin;
  const ec2 = (kind: string, id: string) => `arn:${p}:ec2:${region}:${account}:${kind}/${id}`;
  switch (type) {
    case 'aws_vpc': {
      const id = ec2Id('vpc', address);
      return {
        id,
        arn: ec2('vpc', id),
        owner_id: account,
        default_route_table_id: ec2Id('rtb', `${address}#main`),
        main_route_table_id: ec2Id('rtb', `${address}#main`),
        default_security_group_id: ec2Id('sg', `${address}#default`),
        default_network_acl_id: ec2Id('acl', address),
        dhcp_options_id: ec2Id('dopt', address),
        // A dual-stack hub (issue 20): the Amazon-provided /56 AWS associates (the subnets carve /64s of it).
        ...(body.assign_generated_ipv6_cidr_block === true ? { ipv6_cidr_block: amazonIpv6Block(address), ipv6_association_id: `vpc-cidr-assoc-0${digest(`${address}#ipv6`)}` } : {}),
      };
    }
    case 'aws_subnet': {
      const id = ec2Id('subnet', address);
      return { id, arn: ec2('subnet', id), owner_id: account, ...(body.ipv6_cidr_block !== undefined ? { ipv6_cidr_block_association_id: `subnet-cidr-assoc-0${digest(`${address}#ipv6`)}` } : {}) };
    }
    case 'aws_route_table': {
      const id = ec2Id('rtb', address);
      return { id, arn: ec2('route-table', id), owner_id: account };
    }
    case 'aws_route_table_association':
      return { id: ec2Id('rtbassoc', address) };
    // The provider's route id: `r-` + route table id + a hash of the destination.
    case 'aws_route':
      return { id: `r-${ec2Id('rtb', address)}1080289494`, origin: 'CreateRoute', state: 'active' };
    case 'aws_default_security_group': {
      const id = ec2Id('sg', address);
      return { id, arn: ec2('security-group', id), owner_id: account, name: 'default', description: 'default VPC security group' };
    }
    case 'aws_security_group': {
      const id = ec2Id('sg', address);
      return { id, arn: ec2('security-group', id), owner_id: account };
    }
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      const id = ec2Id('sgr', address);
      return { id, security_group_rule_id: id, arn: ec2('security-group-rule', id) };
    }
    case 'aws_vpc_endpoint': {
      const id = ec2Id('vpce', address);
      const values: MockValues = { id, arn: ec2('vpc-endpoint', id), owner_id: account, state: 'available', requester_managed: false };
      if (body.vpc_endpoint_type === 'Interface') {
        values.network_interface_ids = [ec2Id('eni', `${address}#1`), ec2Id('eni', `${address}#2`)];
        values.dns_entry = [endpointDnsEntry(id, region, String(body.service_name))];
      }
      return values;
    }
    case 'aws_flow_log': {
      const id = ec2Id('fl', address);
      return { id, arn: ec2('vpc-flow-log', id) };
    }
    case 'aws_iam_role': {
      const roleName = typeof body.name === 'string' ? body.name : name;
      return { id: roleName, arn: `arn:${p}:iam::${account}:role/${roleName}`, unique_id: `AROA${digest(address).toUpperCase().slice(0, 17)}`, create_date: '2025-01-01T00:00:00Z' };
    }
    case 'aws_iam_role_policy':
      return { id: `${name}:${name}` };
    case 'aws_cloudwatch_log_group': {
      const groupName = typeof body.name === 'string' ? body.name : `/vpce-hub/${name}`;
      return { id: groupName, arn: `arn:${p}:logs:${region}:${account}:log-group:${groupName}` };
    }
    case 'aws_route53_zone': {
      const id = zoneId(address);
      return { id, zone_id: id, arn: `arn:${p}:route53:::hostedzone/${id}`, name_servers: ['ns-0.awsdns-00.com.', 'ns-512.awsdns-00.net.'], primary_name_server: 'ns-0.awsdns-00.com.' };
    }
    case 'aws_route53_record':
      return { id: `${zoneId(address)}_${name}_A` };
    case 'aws_route53_zone_association':
      return { id: `${zoneId(address)}:${ec2Id('vpc', address)}:${region}`, owning_account: account };
    case 'aws_route53_vpc_association_authorization':
      return { id: `${zoneId(address)}:${ec2Id('vpc', address)}:${region}` };
    // `<resource id>,<key>` (provider docs of aws_ec2_tag, "Import"); vpce-hub tags attachments with it.
    case 'aws_ec2_tag':
      return { id: `${ec2Id('tgw-attach', address)},${typeof body.key === 'string' ? body.key : 'Project'}` };
    case 'aws_vpc_peering_connection':
      return { id: ec2Id('pcx', address), accept_status: 'active' };
    case 'aws_vpc_peering_connection_accepter':
      return { id: ec2Id('pcx', address), accept_status: 'active', vpc_id: ec2Id('vpc', `${address}#accepter`), peer_vpc_id: ec2Id('vpc', `${address}#requester`), peer_owner_id: account, peer_region: region };
    case 'aws_ram_resource_share': {
      const arn = `arn:${p}:ram:${region}:${account}:resource-share/${uuid(address)}`;
      return { id: arn, arn };
    }
    case 'aws_ram_resource_association':
    case 'aws_ram_principal_association':
      return { id: `arn:${p}:ram:${region}:${account}:resource-share/${uuid(address)},${account}` };
    case 'aws_ram_resource_share_accepter': {
      const share = uuid(address);
      return {
        id: `arn:${p}:ram:${region}:${account}:resource-share/${share}`,
        invitation_arn: `arn:${p}:ram:${region}:${account}:resource-share-invitation/${uuid(`${address}#invitation`)}`,
        share_id: `rs-${share.slice(0, 8)}`,
        status: 'ACCEPTED',
        receiver_account_id: account,
      };
    }
    case 'aws_ec2_transit_gateway': {
      const id = ec2Id('tgw', address);
      return { id, arn: ec2('transit-gateway', id), owner_id: account, association_default_route_table_id: ec2Id('tgw-rtb', `${address}#default`), propagation_default_route_table_id: ec2Id('tgw-rtb', `${address}#default`) };
    }
    case 'aws_ec2_transit_gateway_route_table': {
      const id = ec2Id('tgw-rtb', address);
      return { id, arn: ec2('transit-gateway-route-table', id), default_association_route_table: false, default_propagation_route_table: false };
    }
    case 'aws_ec2_transit_gateway_vpc_attachment': {
      const id = ec2Id('tgw-attach', address);
      return { id, arn: ec2('transit-gateway-attachment', id), vpc_owner_id: account };
    }
    case 'aws_ec2_transit_gateway_vpc_attachment_accepter':
      return { id: ec2Id('tgw-attach', address), vpc_owner_id: account, transit_gateway_id: ec2Id('tgw', address), vpc_id: ec2Id('vpc', address) };
    case 'aws_ec2_transit_gateway_route_table_association':
    case 'aws_ec2_transit_gateway_route_table_propagation':
      return { id: `${ec2Id('tgw-rtb', address)}_${ec2Id('tgw-attach', address)}`, resource_id: ec2Id('vpc', address), resource_type: 'vpc' };
    case 'aws_route53_resolver_endpoint': {
      const id = ec2Id('rslvr-in', address);
      return { id, arn: `arn:${p}:route53resolver:${region}:${account}:resolver-endpoint/${id}`, host_vpc_id: ec2Id('vpc', address) };
    }
    case 'aws_route53profiles_profile': {
      const id = shortId('rp', address);
      return { id, arn: `arn:${p}:route53profiles:${region}:${account}:profile/${id}`, owner_id: account, status: 'COMPLETE', status_message: 'Created Profile', share_status: 'NOT_SHARED' };
    }
    case 'aws_route53profiles_association': {
      const id = shortId('rpassoc', address);
      return { id, arn: `arn:${p}:route53profiles:${region}:${account}:profile-association/${id}`, owner_id: account, status: 'COMPLETE', status_message: 'Created Profile Association' };
    }
    case 'aws_route53profiles_resource_association':
      return { id: shortId('rpr', address), owner_id: account, resource_type: 'AWS::Route53::HostedZone', status: 'COMPLETE', status_message: 'Created Profile Resource Association' };
    default:
      return undefined;
  }
}

/**
 * mock_data defaults: the existing VPCs the `check` blocks read (src/constructs/vpc-dns-check.ts) are
 * healthy, so a failing check in the tier means the check itself is wrong.
 */
export function dataDefaults({ region, account }: MockTarget): Record<string, MockValues> {
  return {
    aws_vpc: {
      arn: `arn:${partitionOfRegion(region)}:ec2:${region}:${account}:vpc/${ec2Id('vpc', 'data.aws_vpc')}`,
      owner_id: account,
      state: 'available',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    },
  };
}

/**
 * An interface endpoint's first DNS entry, the regional name, `vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com`
 * with the service name's labels reversed (`com.amazonaws.us-east-1.ecr.dkr` -> `dkr.ecr`), in a hosted zone of AWS's.
 */
export function endpointDnsEntry(endpointId: string, region: string, serviceName: string): { dns_name: string; hosted_zone_id: string } {
  const service = serviceName.replace(/^([a-z0-9-]+\.)*?[a-z]{2}(-[a-z]+)+-\d+\./, '').split('.').reverse().join('.');
  return { dns_name: `${endpointId}-a1b2c3d4.${service}.${region}.vpce.${dnsSuffix(region)}`, hosted_zone_id: zoneId(`vpce.${region}`) };
}
