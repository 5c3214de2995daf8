/**
 * Every Terraform address and output name comes from here, and only from config names: never from a
 * list position, so adding, removing or reordering a spoke or service cannot rename anything else.
 *
 * Injectivity: config names contain no `_` (schema), service and zone names contain none either, so
 * joining name parts with `_` and mapping `.` to `_` can never make two different things collide.
 */

import type { IngressRulePlan } from './plan';

/** `ecr.api` -> `ecr_api`; `sqs.us-east-1.amazonaws.com` -> `sqs_us-east-1_amazonaws_com`. */
export const dotted = (s: string): string => s.replace(/\./g, '_');
/**
 * `10.1.0.0/16` -> `10-1-0-0_16`; `2600:1f18:abcd:3400::/56` -> `2600-1f18-abcd-3400--_56` (Terraform
 * names allow no `:`). Injective across families: an IPv4 key has exactly three `-` and never `--`; a
 * canonical IPv6 key has `--` (compressed zeros) or seven `-` (eight groups).
 */
export const cidrKey = (cidr: string): string => cidr.replace(/[.:]/g, '-').replace('/', '_');

/**
 * Stack names (= state names, folder names, workspace suffixes). A hub stack is named by its account
 * key; an account that holds hubs keeps its spokes' pairs in `<account>-spokes`; any other account's
 * stack is named by its key. validate-names.ts rejects an account key equal to another's `-spokes` name.
 */
export const SPOKES_STACK_SUFFIX = '-spokes';
export const stackNames = {
  hub: (account: string) => account,
  spokes: (account: string, accountHoldsHub: boolean) => (accountHoldsHub ? `${account}${SPOKES_STACK_SUFFIX}` : account),
};

export const ids = {
  provider: (region: string) => `aws_${region.replace(/-/g, '_')}`,
  providerAlias: (region: string) => region.replace(/-/g, '_'),
  /** A spokes stack's provider acting in hub account `account` (the hub-side halves of its pairs). */
  hubSideProvider: (account: string, region: string) => `aws_hub_${account}_${region.replace(/-/g, '_')}`,
  hubSideProviderAlias: (account: string, region: string) => `hub_${account}_${region.replace(/-/g, '_')}`,
  remoteState: (stack: string) => `remote_state_${stack}`,

  hubVpc: (hub: string) => `hub_${hub}`,
  hubDefaultSg: (hub: string) => `hub_${hub}_default`,
  hubFlowLog: (hub: string) => `hub_${hub}_flow_log`,
  hubSubnet: (hub: string, az: string) => `hub_${hub}_endpoints_${az}`,
  hubRouteTable: (hub: string) => `hub_${hub}_endpoints`,
  hubRouteTableAssociation: (hub: string, az: string) => `hub_${hub}_endpoints_${az}`,
  /** Group 1 keeps the address of the single-group design, so hubs that never spread are unchanged. */
  hubSecurityGroup: (hub: string, group = 1) => (group === 1 ? `hub_${hub}_endpoints` : `hub_${hub}_endpoints_${group}`),
  hubIngressRule: (hub: string, spoke: string, cidr: string) => `hub_${hub}_https_from_${spoke}_${cidrKey(cidr)}`,
  // `hub_vpc` and `client_range` contain `_`, which no spoke name can: never a spoke rule's address.
  hubOwnIngressRule: (hub: string, cidr: string) => `hub_${hub}_https_from_hub_vpc_${cidrKey(cidr)}`,
  hubClientIngressRule: (hub: string, cidr: string) => `hub_${hub}_https_from_client_range_${cidrKey(cidr)}`,
  /** A dual-stack hub VPC's own IPv6 block (one per VPC; a created VPC's is known only at apply). */
  hubOwnIpv6IngressRule: (hub: string) => `hub_${hub}_https_from_hub_vpc_ipv6`,
  /** Terraform `check` blocks (and their scoped aws_vpc data sources) on existing VPCs' DNS settings. */
  hubVpcDnsCheck: (hub: string) => `hub_${hub}_vpc_dns`,
  spokeVpcDnsCheck: (spoke: string) => `spoke_${spoke}_vpc_dns`,
  hubEndpoint: (hub: string, serviceKey: string) => `hub_${hub}_${serviceKey}`,
  hubZone: (hub: string, zoneKey: string) => `hub_${hub}_${zoneKey}`,
  hubRecord: (hub: string, zoneKey: string, kind: 'apex' | 'wildcard') => `hub_${hub}_${zoneKey}_${kind}`,
  /** The AAAA twin of hubRecord (issue 20): `_aaaa` ends no A record's address (those end in `_apex` or `_wildcard`). */
  hubRecordAaaa: (hub: string, zoneKey: string, kind: 'apex' | 'wildcard') => `hub_${hub}_${zoneKey}_${kind}_aaaa`,
  hubAuthorization: (hub: string, zoneKey: string, spoke: string) => `hub_${hub}_${zoneKey}_for_${spoke}`,
  hubPeering: (hub: string, spoke: string) => `hub_${hub}_to_${spoke}`,
  hubRoute: (hub: string, routeTableKey: string, spoke: string, cidr: string) => `hub_${hub}_${routeTableKey}_to_${spoke}_${cidrKey(cidr)}`,

  // Transit gateway (issue 10). `transit_gateway`, `to_hub`, `on_premises` contain `_`, which no config name can.
  hubTransitGateway: (hub: string) => `hub_${hub}`,
  hubTransitGatewayRouteTable: (hub: string, table: 'hub' | 'spokes') => `hub_${hub}_${table}`,
  /** The hub VPC's attachment, its acceptance, association (hub route table) and propagation (spokes route table). */
  hubAttachment: (hub: string) => `hub_${hub}`,
  /** The hub attachment's own subnets in a created hub VPC, and their route table (local routes only). */
  hubAttachmentSubnet: (hub: string, az: string) => `hub_${hub}_transit_gateway_${az}`,
  hubAttachmentRouteTable: (hub: string) => `hub_${hub}_transit_gateway`,
  hubOnPremisesRoute: (hub: string, routeTableKey: string, cidr: string) => `hub_${hub}_${routeTableKey}_to_on_premises_${cidrKey(cidr)}`,
  /** A spoke's attachment, its acceptance and association (spokes route table); its propagation into the hub route table. */
  spokeAttachment: (spoke: string) => `spoke_${spoke}`,
  spokePropagation: (spoke: string) => `spoke_${spoke}_to_hub`,
  /** One of the owner's tags of an attachment the gateway accepts by itself (`hub_<hub>` or `spoke_<spoke>`, then the key). */
  ownerAttachmentTag: (attachment: string, key: 'project' | 'managed_by') => `${attachment}_${key}`,
  // Route 53 Resolver inbound endpoint for on-premises clients.
  hubInboundResolver: (hub: string) => `hub_${hub}_inbound_resolver`,
  hubInboundResolverRule: (hub: string, protocol: 'tcp' | 'udp', cidr: string) => `hub_${hub}_dns_${protocol}_from_${cidrKey(cidr)}`,
  /** The untracked form's egress rules (`replies` has no digit, so never a CIDR key). */
  hubInboundResolverEgress: (hub: string, protocol: 'tcp' | 'udp') => `hub_${hub}_dns_${protocol}_replies`,

  /** RAM shares of hub resources: `profile` keeps the addresses of the profile-only design. */
  hubRamShare: (hub: string, resourceKey: string) => `hub_${hub}_${resourceKey}`,
  hubRamPrincipal: (hub: string, resourceKey: string, principal: string) => `hub_${hub}_${resourceKey}_to_${principal}`,
  ramShareAccepter: (hub: string, resourceKey: string) => `hub_${hub}_${resourceKey}`,

  hubProfile: (hub: string) => `hub_${hub}`,
  hubProfileZone: (hub: string, zoneKey: string) => `hub_${hub}_${zoneKey}`,
  hubProfileShare: (hub: string) => `hub_${hub}_profile`,
  hubProfilePrincipal: (hub: string, principal: string) => `hub_${hub}_profile_to_${principal}`,
  profileShareAccepter: (hub: string) => `hub_${hub}_profile`,

  spokeAccepter: (spoke: string) => `spoke_${spoke}`,
  spokeProfileAssociation: (spoke: string) => `spoke_${spoke}`,
  /** The route to the hub's primary CIDR keeps the address it always had; each secondary CIDR of an
   * existing hub VPC gets its own, named by the CIDR (a hub name has no `_`, so never another hub's). */
  spokeRoute: (spoke: string, routeTableId: string, hub: string, secondaryCidr?: string) =>
    `spoke_${spoke}_${routeTableId}_to_hub_${hub}${secondaryCidr === undefined ? '' : `_${cidrKey(secondaryCidr)}`}`,
  /** A dual-stack hub's IPv6 block (one per hub VPC): `_ipv6` never begins a CIDR key, which starts with a digit. */
  spokeIpv6Route: (spoke: string, routeTableId: string, hub: string) => `spoke_${spoke}_${routeTableId}_to_hub_${hub}_ipv6`,
  spokeAssociation: (spoke: string, zoneKey: string) => `spoke_${spoke}_${zoneKey}`,
};

/** Named outputs of a hub's stack: the contract that spoke stacks in other accounts read. */
export const outputs = {
  vpcId: (hub: string) => `hub_${hub}_vpc_id`,
  cidr: (hub: string) => `hub_${hub}_cidr`,
  /** A dual-stack hub VPC's IPv6 block (Amazon-provided for a created VPC: known only after its apply). */
  ipv6Cidr: (hub: string) => `hub_${hub}_ipv6_cidr`,
  routeTableId: (hub: string, routeTableKey: string) => `hub_${hub}_route_table_${routeTableKey}`,
  securityGroupId: (hub: string, group: number) => `hub_${hub}_security_group_${group}`,
  zoneId: (hub: string, zoneKey: string) => `hub_${hub}_zone_${zoneKey}`,
  endpointDns: (hub: string, serviceKey: string) => `hub_${hub}_endpoint_${serviceKey}_dns`,
  profileId: (hub: string) => `hub_${hub}_profile_id`,
  profileShareArn: (hub: string) => `hub_${hub}_profile_share_arn`,
  /** The RAM share ARN of a shared hub resource (`profile` keeps profileShareArn's name). */
  ramShareArn: (hub: string, resourceKey: string) => `hub_${hub}_${resourceKey}_share_arn`,
  transitGatewayId: (hub: string) => `hub_${hub}_transit_gateway_id`,
  transitGatewayRouteTableId: (hub: string, table: 'hub' | 'spokes') => `hub_${hub}_transit_gateway_route_table_${table}`,
  inboundResolverIps: (hub: string) => `hub_${hub}_inbound_resolver_ips`,
  inboundResolverIpv6s: (hub: string) => `hub_${hub}_inbound_resolver_ipv6s`,
  forwardedZones: (hub: string) => `hub_${hub}_on_premises_forwarded_zones`,
};

/** Address-safe key of a RAM-shared resource kind. */
export const ramResourceKey = (resource: 'profile' | 'transit-gateway'): string => (resource === 'profile' ? 'profile' : 'transit_gateway');

/** `Name` tags: readable in the console, prefixed by the project. */
export const tagName = (project: string, ...parts: string[]): string => [project, ...parts].join('-');

/** FNV-1a (32 bit) as 8 hex digits: a short, stable fingerprint for names that must be cut to fit. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Route 53 Profiles names allow at most 64 characters (src/constraints/aws-string-constraints.ts). */
const PROFILE_NAME_MAX = 64;

/**
 * Names, descriptions and comments that AWS stores, from config names only. Each is held to a row of
 * src/constraints/aws-string-constraints.ts; planning/emitted-strings.ts lists where each is emitted so
 * `vpce-hub validate` can check them before anything is synthesized.
 */
export const awsNames = {
  /** Group 1's name and description are those of the single-group design: both force replacement. */
  endpointSecurityGroup: (project: string, hub: string, group: number) => (group === 1 ? tagName(project, hub, 'endpoints') : tagName(project, hub, 'endpoints', String(group))),
  endpointSecurityGroupDescription: (hub: string, group: number) => `HTTPS from the spoke VPCs of hub ${hub} to its interface VPC endpoints${group === 1 ? '' : ` (rule group ${group})`}`,
  /** Address, description and Name-tag source of one endpoint ingress rule, by what it admits. */
  ingressRule: (hub: string, rule: IngressRulePlan): { id: string; description: string; from: string } =>
    rule.from === 'spoke'
      ? { id: ids.hubIngressRule(hub, rule.spoke, rule.cidr), description: `HTTPS from spoke ${rule.spoke} (${rule.cidr})`, from: rule.spoke }
      : rule.from === 'hub-vpc'
        ? { id: ids.hubOwnIngressRule(hub, rule.cidr), description: `HTTPS from the VPC of hub ${hub} (${rule.cidr})`, from: 'hub-vpc' }
        : rule.from === 'hub-vpc-ipv6'
          ? { id: ids.hubOwnIpv6IngressRule(hub), description: `HTTPS from the VPC of hub ${hub} (IPv6${rule.cidr !== undefined ? ` ${rule.cidr}` : ''})`, from: 'hub-vpc' }
          : { id: ids.hubClientIngressRule(hub, rule.cidr), description: `HTTPS from client range ${rule.cidr} of hub ${hub}`, from: 'client-range' },
  flowLogGroup: (project: string, hub: string) => `/${project}/${hub}/vpc-flow-logs`,
  /** IAM role names are global to the account and at most 64 characters: cut, and checked for uniqueness by validate. */
  flowLogRole: (project: string, hub: string, region: string) => `${tagName(project, hub, 'flow-logs')}-${region}`.slice(0, 64),
  flowLogRolePolicy: () => 'write-flow-logs',
  zoneComment: (project: string, service: string, hub: string) => `vpce-hub ${project}: ${service} through hub ${hub}`,
  profile: (project: string, hub: string) => tagName(project, hub),
  profileShare: (project: string, hub: string) => tagName(project, hub, 'route53-profile'),
  profileAssociation: (project: string, spoke: string, hub: string) => tagName(project, spoke, 'to', hub),
  /**
   * AssociateResourceToProfile rejects dots (`sqs.us-east-1.amazonaws.com` fails at apply with a 400),
   * so the zone name is written with `_` for `.`, like its address key; a name over 64 characters keeps
   * its first 55 and a fingerprint of the whole, so two long zone names never share one.
   */
  profileResourceAssociation: (zoneName: string) => {
    const name = dotted(zoneName);
    return name.length <= PROFILE_NAME_MAX ? name : `${name.slice(0, PROFILE_NAME_MAX - 9)}_${fingerprint(name)}`;
  },
  providerSession: (project: string, stack: string) => `${project}-${stack}`,
  // Transit gateway and on-premises access (issue 10).
  transitGatewayShare: (project: string, hub: string) => tagName(project, hub, 'transit-gateway'),
  transitGatewayDescription: (project: string, hub: string) => `vpce-hub ${project} hub ${hub}: spokes reach the hub's endpoints, never each other`,
  transitGatewayRouteTable: (project: string, hub: string, table: 'hub' | 'spokes') => tagName(project, hub, table),
  /** The Name tag of a spoke's attachment (and of its acceptance in the owner's account). */
  spokeAttachment: (project: string, spoke: string, hub: string) => tagName(project, spoke, 'to', 'hub', hub),
  inboundResolver: (project: string, hub: string) => tagName(project, hub, 'inbound-resolver'),
  inboundResolverSecurityGroupDescription: (hub: string) => `DNS from the on-premises ranges of hub ${hub} to its Route 53 Resolver inbound endpoint`,
  inboundResolverRuleDescription: (protocol: 'tcp' | 'udp', cidr: string) => `DNS over ${protocol.toUpperCase()} from on-premises ${cidr}`,
  /** The untracked form (AWS's recommendation for inbound endpoints): rules that say why they are open. */
  inboundResolverUntrackedIngressDescription: (protocol: 'tcp' | 'udp') => `DNS over ${protocol.toUpperCase()} from any routed network (untracked: routing is the filter)`,
  inboundResolverUntrackedEgressDescription: (protocol: 'tcp' | 'udp') => `DNS answers over ${protocol.toUpperCase()} (untracked connections need egress to anywhere)`,
};
