/**
 * Every Terraform address and output name comes from here, and only from config names: never from a
 * list position, so adding, removing or reordering a spoke or service cannot rename anything else.
 *
 * Injectivity: config names contain no `_` (schema), service and zone names contain none either, so
 * joining name parts with `_` and mapping `.` to `_` can never make two different things collide.
 */

/** `ecr.api` -> `ecr_api`; `sqs.us-east-1.amazonaws.com` -> `sqs_us-east-1_amazonaws_com`. */
export const dotted = (s: string): string => s.replace(/\./g, '_');
/** `10.1.0.0/16` -> `10-1-0-0_16`. */
export const cidrKey = (cidr: string): string => cidr.replace(/\./g, '-').replace('/', '_');

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
  hubEndpoint: (hub: string, serviceKey: string) => `hub_${hub}_${serviceKey}`,
  hubZone: (hub: string, zoneKey: string) => `hub_${hub}_${zoneKey}`,
  hubRecord: (hub: string, zoneKey: string, kind: 'apex' | 'wildcard') => `hub_${hub}_${zoneKey}_${kind}`,
  hubAuthorization: (hub: string, zoneKey: string, spoke: string) => `hub_${hub}_${zoneKey}_for_${spoke}`,
  hubPeering: (hub: string, spoke: string) => `hub_${hub}_to_${spoke}`,
  hubRoute: (hub: string, routeTableKey: string, spoke: string, cidr: string) => `hub_${hub}_${routeTableKey}_to_${spoke}_${cidrKey(cidr)}`,

  // Transit gateway (issue 10). `transit_gateway`, `to_hub`, `on_premises` contain `_`, which no config name can.
  hubTransitGateway: (hub: string) => `hub_${hub}`,
  hubTransitGatewayRouteTable: (hub: string, table: 'hub' | 'spokes') => `hub_${hub}_${table}`,
  /** The hub VPC's attachment, its acceptance, association (hub route table) and propagation (spokes route table). */
  hubAttachment: (hub: string) => `hub_${hub}`,
  hubOnPremisesRoute: (hub: string, routeTableKey: string, cidr: string) => `hub_${hub}_${routeTableKey}_to_on_premises_${cidrKey(cidr)}`,
  /** A spoke's attachment, its acceptance and association (spokes route table); its propagation into the hub route table. */
  spokeAttachment: (spoke: string) => `spoke_${spoke}`,
  spokePropagation: (spoke: string) => `spoke_${spoke}_to_hub`,
  // Route 53 Resolver inbound endpoint for on-premises clients.
  hubInboundResolver: (hub: string) => `hub_${hub}_inbound_resolver`,
  hubInboundResolverRule: (hub: string, protocol: 'tcp' | 'udp', cidr: string) => `hub_${hub}_dns_${protocol}_from_${cidrKey(cidr)}`,
  hubOnPremisesIngressRule: (hub: string, cidr: string) => `hub_${hub}_https_from_on_premises_${cidrKey(cidr)}`,

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
  spokeRoute: (spoke: string, routeTableId: string, hub: string) => `spoke_${spoke}_${routeTableId}_to_hub_${hub}`,
  spokeAssociation: (spoke: string, zoneKey: string) => `spoke_${spoke}_${zoneKey}`,
};

/** Named outputs of a hub's stack: the contract that spoke stacks in other accounts read. */
export const outputs = {
  vpcId: (hub: string) => `hub_${hub}_vpc_id`,
  cidr: (hub: string) => `hub_${hub}_cidr`,
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
  forwardedZones: (hub: string) => `hub_${hub}_on_premises_forwarded_zones`,
};

/** Address-safe key of a RAM-shared resource kind. */
export const ramResourceKey = (resource: 'profile' | 'transit-gateway'): string => (resource === 'profile' ? 'profile' : 'transit_gateway');

/** `Name` tags: readable in the console, prefixed by the project. */
export const tagName = (project: string, ...parts: string[]): string => [project, ...parts].join('-');
