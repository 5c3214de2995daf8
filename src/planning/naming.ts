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

export const ids = {
  provider: (region: string) => `aws_${region.replace(/-/g, '_')}`,
  providerAlias: (region: string) => region.replace(/-/g, '_'),
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
  /** Terraform `check` blocks (and their scoped aws_vpc data sources) on existing VPCs' DNS settings. */
  hubVpcDnsCheck: (hub: string) => `hub_${hub}_vpc_dns`,
  spokeVpcDnsCheck: (spoke: string) => `spoke_${spoke}_vpc_dns`,
  hubEndpoint: (hub: string, serviceKey: string) => `hub_${hub}_${serviceKey}`,
  hubZone: (hub: string, zoneKey: string) => `hub_${hub}_${zoneKey}`,
  hubRecord: (hub: string, zoneKey: string, kind: 'apex' | 'wildcard') => `hub_${hub}_${zoneKey}_${kind}`,
  hubAuthorization: (hub: string, zoneKey: string, spoke: string) => `hub_${hub}_${zoneKey}_for_${spoke}`,
  hubPeering: (hub: string, spoke: string) => `hub_${hub}_to_${spoke}`,
  hubRoute: (hub: string, routeTableKey: string, spoke: string, cidr: string) => `hub_${hub}_${routeTableKey}_to_${spoke}_${cidrKey(cidr)}`,

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
  peering: (hub: string, spoke: string) => `hub_${hub}_peering_${spoke}`,
  zoneId: (hub: string, zoneKey: string) => `hub_${hub}_zone_${zoneKey}`,
  endpointDns: (hub: string, serviceKey: string) => `hub_${hub}_endpoint_${serviceKey}_dns`,
  profileId: (hub: string) => `hub_${hub}_profile_id`,
  profileShareArn: (hub: string) => `hub_${hub}_profile_share_arn`,
};

/** `Name` tags: readable in the console, prefixed by the project. */
export const tagName = (project: string, ...parts: string[]): string => [project, ...parts].join('-');
