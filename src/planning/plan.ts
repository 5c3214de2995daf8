/**
 * The network plan: everything the stacks will contain, as plain data computed from the config.
 * Constructs only turn these records into resources; all decisions (names, CIDRs, which account does
 * what) are made here, where they are unit-testable without cdktf.
 */
import type { RenameStep } from './renames';
import type { ConnectivityMode, DnsMode } from '../config/schema';

export interface AccountPlan {
  /** The key under `accounts`, which is also the stack name. */
  key: string;
  id: string;
  roleArn?: string;
}

export interface SubnetPlan {
  /** The AZ as configured (name like us-east-1a, or id like use1-az1); also the address key. */
  az: string;
  azIsId: boolean;
  /** New VPC: the carved CIDR. Existing VPC: the subnet id. */
  cidr?: string;
  id?: string;
  /** Dual-stack hubs, existing subnet: its IPv6 block (hubs.<hub>.vpc.subnets[].ipv6Cidr). */
  ipv6Cidr?: string;
  /** Dual-stack hubs, created subnet: which /64 of the VPC's Amazon-provided /56 it gets at apply
   * (`cidrsubnet(ipv6_cidr_block, 8, index)`): the AZ's position, as the IPv4 carving. */
  ipv6Index?: number;
}

export interface RouteTablePlan {
  /** `endpoints` for the route table we create, else the existing route table id. */
  key: string;
  id?: string;
}

export interface EndpointPlan {
  service: string;
  /** Address-safe form of the service name (`ecr.api` -> `ecr_api`). */
  key: string;
  serviceName: string;
  privateDnsEnabled: boolean;
  /** Set (false) only where private DNS is on for a service that also has a gateway endpoint (s3, dynamodb). */
  privateDnsOnlyForInboundResolverEndpoint?: false;
  /** JSON policy document, or undefined for AWS's default (full access) policy. */
  policy?: string;
  /** Set in a dual-stack hub when the endpoint service accepts IPv6: ip_address_type and
   * dns_record_ip_type dualstack (A and AAAA records for the endpoint's names). */
  dualStack?: true;
}

export interface ZonePlan {
  /** Address-safe form of the zone name, unique within the hub. */
  key: string;
  zoneName: string;
  /** The private DNS name starts with `*.`: the zone needs a `*` record besides the apex. */
  wildcard: boolean;
  /** The endpoint (service) the records alias. */
  service: string;
  /** The endpoint is dual-stack: an alias AAAA record beside every alias A record. */
  aaaa?: true;
}

/**
 * HTTPS from one client range to the endpoints: a spoke CIDR, one of the hub VPC's own CIDRs (its
 * workloads resolve the services to the endpoints too), or an extra client range of the hub's config.
 */
export type IngressRulePlan =
  | { from: 'spoke'; spoke: string; cidr: string }
  | { from: 'hub-vpc'; cidr: string }
  | { from: 'client-range'; cidr: string }
  /** A dual-stack hub VPC's IPv6 block: given for an existing VPC, Amazon-provided (known at apply) for a created one. */
  | { from: 'hub-vpc-ipv6'; cidr?: string };

/** One endpoint security group and the ingress rules it carries (endpoint-security-groups.ts). */
export interface SecurityGroupPlan {
  /** 1-based; a hash bucket, not a list position: it names the group's address. */
  group: number;
  rules: IngressRulePlan[];
}

export interface FlowLogPlan {
  destinationArn?: string;
  retentionDays: number;
}

/**
 * One AWS RAM share of a hub resource (the Route 53 Profile; the transit gateway later), per the
 * config's `ramSharing` (planning/ram-sharing.ts). The share and its organization or OU principals are
 * shared resources and live in the hub stack; account principals are per-account halves and live in
 * each spoke account's stack.
 */
export interface RamSharePlan {
  shareWith: 'organization' | 'organizational-units' | 'accounts';
  /** The organization ARN or the OU ARNs, associated once in the hub stack; empty with `accounts`. */
  sharedPrincipals: string[];
  allowExternalPrincipals: boolean;
}

/** The hub resources shared through RAM, each with its own share (and its own addresses). */
export type RamSharedResource = 'profile' | 'transit-gateway';

/** One account joining one hub's share as its own principal: the principal association (hub half) and,
 * where RAM sends an invitation, its acceptance (spoke half), once per (account, hub, resource). */
export interface RamJoinPlan {
  hub: string;
  resource: RamSharedResource;
  invitation: boolean;
}

/** How one account reaches a RAM share: through a shared principal, or as its own principal (with or without an invitation to accept). */
export type RamAccess = { kind: 'shared-principal' } | { kind: 'account'; invitation: boolean };

/** route53-profile mode: one profile per hub holds every zone and is shared through AWS RAM. */
export interface ProfilePlan {
  /** Undefined when the config has no ramSharing (then only same-account spokes may use the profile). */
  share?: RamSharePlan;
}

/**
 * connectivity: transit-gateway (issue 10). The transit gateway is created in the hub's account (with
 * its two route tables and its RAM share), or an existing one is used (owned by `owner`, already shared
 * with the hub and spoke accounts by its owner). Route tables are created in the owner's account unless
 * the config names existing ones.
 */
export interface TransitGatewayPlan {
  /** Undefined when we create it. */
  existingId?: string;
  /** The owner's account, with `roleArn` set to the role other stacks assume there (hubSideRoleArn, else roleArn). */
  owner: AccountPlan;
  /** Existing route table ids (both or neither). */
  routeTables?: { hub: string; spokes: string };
  /** Whether the transit gateway accepts shared attachments by itself; otherwise each cross-account
   * attachment gets an accepter in the owner's account. */
  autoAcceptSharedAttachments: boolean;
  /** An existing transit gateway's default association/propagation route tables ([] when disabled):
   * accepters undo AWS's default association and propagation there (hubs.<hub>.transitGateway.defaultRouteTableIds). */
  defaultRouteTableIds?: string[];
  /** The RAM share of a created transit gateway (planning/ram-sharing.ts); undefined for an existing one. */
  share?: RamSharePlan;
  /** A created gateway's Amazon-side ASN (hubs.<hub>.transitGateway.amazonSideAsn); AWS's default otherwise. */
  amazonSideAsn?: number;
  /** The hub attachment's own subnets, one per AZ (existing: `id`; created VPC: `cidr`, carved with their
   * own route table); undefined: the endpoint subnets carry the attachment. */
  hubAttachmentSubnets?: SubnetPlan[];
}

/** On-premises clients of a hub's endpoints (hubs.<hub>.onPremises). */
export interface OnPremisesPlan {
  cidrs: string[];
  /** A Route 53 Resolver inbound endpoint in the hub's endpoint subnets. */
  inboundResolver: boolean;
  /** Its security group: two tracked rules per range, or AWS's untracked form (hubs.<hub>.onPremises.resolverSecurityGroup). */
  resolverSecurityGroup: 'per-range' | 'untracked';
  /** Peak DNS queries per second from on premises, when the config states it. */
  queriesPerSecond?: number;
  /** The zone names on-premises DNS servers must conditionally forward to the inbound endpoint. */
  forwardedZones: string[];
}

/** What a hub adopts instead of creating (hubs.<hub>.adopt): ids by what they are. */
export interface HubAdoptPlan {
  securityGroupId?: string;
  /** Service name -> vpce id. */
  endpoints: Record<string, string>;
  /** Zone name -> hosted zone id. */
  zones: Record<string, string>;
  /** The hub VPC's existing transit gateway attachment (tgw-attach-...). */
  transitGatewayAttachmentId?: string;
}

/** A dual-stack hub's IPv6 (hubs.<hub>.ipAddressType: dualstack, issue 20). */
export interface HubIpv6Plan {
  /** An existing VPC's IPv6 block; undefined when vpce-hub creates the VPC with an Amazon-provided /56. */
  cidr?: string;
}

export interface HubPlan {
  name: string;
  /** The name in AWS-stored strings that force replacement when they change (security group name and
   * description, log group, IAM role, profile): the oldest of formerNames, so a rename replaces nothing. */
  awsName: string;
  account: AccountPlan;
  region: string;
  dns: DnsMode;
  cidr: string;
  /** An existing hub VPC's secondary CIDRs (empty for a VPC we create). */
  secondaryCidrs: string[];
  /** Extra client ranges admitted to the endpoints (hubs.<hub>.clientCidrs). */
  clientCidrs: string[];
  /** Undefined when we create the VPC. */
  existingVpcId?: string;
  /** Set for a dual-stack hub only (an IPv4 hub's plan has no IPv6 anywhere). */
  ipv6?: HubIpv6Plan;
  subnets: SubnetPlan[];
  routeTables: RouteTablePlan[];
  flowLogs?: FlowLogPlan;
  endpoints: EndpointPlan[];
  /** At least one; every endpoint carries all of them. */
  securityGroups: SecurityGroupPlan[];
  /** Empty in endpoint-url mode. */
  zones: ZonePlan[];
  /** Set in route53-profile mode. */
  profile?: ProfilePlan;
  adopt?: HubAdoptPlan;
  /** Spokes associate each zone directly (private-hosted-zones, or route53-profile with keepZoneAssociations). */
  zoneAssociations: boolean;
  connectivity: ConnectivityMode;
  /**
   * A transit-gateway hub still keeping the peerings of its former connectivity (hubs.<hub>.peeringMigration):
   * `attach`, its spokes' routes still use the peerings; `move-routes`, they use the gateway and the
   * peerings stay unused until the field is removed.
   */
  peeringMigration?: 'attach' | 'move-routes';
  /** Set with connectivity: transit-gateway. */
  transitGateway?: TransitGatewayPlan;
  onPremises?: OnPremisesPlan;
  spokes: string[];
  /** hubs.<hub>.tags, less what the top level already applies (planning/tags.ts): on every resource of the hub. */
  tags: Record<string, string>;
}

export interface SpokePlan {
  name: string;
  /** As HubPlan.awsName: the oldest former name, in the profile association's name (ForceNew). */
  awsName: string;
  /** An existing spoke of a hand-built hub: its peering connection id. */
  adoptPeeringConnectionId?: string;
  /** An existing attachment of the spoke VPC to its hub's transit gateway (tgw-attach-...). */
  adoptTransitGatewayAttachmentId?: string;
  account: AccountPlan;
  region: string;
  hub: string;
  vpcId: string;
  /** Primary first, then secondary CIDRs: each needs a hub route and an SG rule. */
  cidrs: string[];
  /** The spoke's IPv6 blocks when its hub is dual-stack (absent otherwise): each needs a hub route and an
   * SG rule, and the spoke routes the hub's IPv6 block. */
  ipv6Cidrs?: string[];
  routeTableIds: string[];
  crossAccount: boolean;
  crossRegion: boolean;
  /** `auto_accept` works only within one account and region; otherwise an accepter resource is needed. */
  autoAccept: boolean;
  /** transit-gateway hubs: the subnets of the spoke's attachment, one per AZ (AZ when the config names it). */
  attachmentSubnets: Array<{ id: string; availabilityZone?: string }>;
  /** The hub's tags and then the spoke's, less what the top level already applies (planning/tags.ts):
   * on every resource of the pair, in either account. */
  tags: Record<string, string>;
}

/** A provider that acts in another account: a spokes stack's in a hub's account (the hub-side halves of
 * its pairs) or a transit gateway owner's; a hub stack's in its transit gateway owner's (issue 10). */
export interface HubAccessPlan {
  /** The hub account, with `roleArn` set to the role to assume there (hubSideRoleArn, else roleArn). */
  account: AccountPlan;
  region: string;
}

/**
 * Two kinds of stack, one state each (issue 9's layout):
 * - `hub` (named by the account key): what hubs share, independent of spokes: VPC, subnets, route
 *   tables, endpoints, security groups, zones and records, profile and its organization-wide share,
 *   named outputs;
 * - `spokes`: both halves of every pair of the account's spokes: the hub-side halves through providers
 *   that act in the hub accounts (`hubAccess`), the spoke-side halves through its own. Named by the
 *   account key, or `<account>-spokes` in an account that also holds a hub stack.
 */
export interface StackPlan {
  name: string;
  kind: 'hub' | 'spokes';
  account: AccountPlan;
  /** Hubs built here (hub stacks only). */
  hubs: string[];
  /** Spokes whose pairs live here (spokes stacks only). */
  spokes: string[];
  /** Every region this stack needs an own-account provider for. */
  regions: string[];
  /** Providers into other (hub) accounts, sorted by account key then region. */
  hubAccess: HubAccessPlan[];
  /** Hub stacks whose outputs this one reads. */
  dependsOn: string[];
  /** RAM shares (route53-profile, created transit gateway) this account joins as its own principal, once
   * per (account, hub, resource), with whether it accepts an invitation (planning/ram-sharing.ts). */
  ramJoins: RamJoinPlan[];
}

export type BackendPlan =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; region: string; keyPrefix: string; roleArn?: string }
  | { kind: 'cloud'; organization: string; workspacePrefix: string; hostname: string };

export interface NetworkPlan {
  project: string;
  /** The config's top-level tags: in every provider's default_tags (planning/tags.ts). */
  tags: Record<string, string>;
  organizationId?: string;
  organizationArn?: string;
  backend: BackendPlan;
  hubs: HubPlan[];
  spokes: SpokePlan[];
  /** In deploy order: stacks that own hubs first. */
  stacks: StackPlan[];
  /** Set when a hub or spoke lists formerNames: each step's plans under the old and the new name. */
  renames?: RenameStep[];
}
