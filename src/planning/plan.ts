/**
 * The network plan: everything the stacks will contain, as plain data computed from the config.
 * Constructs only turn these records into resources; all decisions (names, CIDRs, which account does
 * what) are made here, where they are unit-testable without cdktf.
 */
import type { DnsMode } from '../config/schema';

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
}

export interface ZonePlan {
  /** Address-safe form of the zone name, unique within the hub. */
  key: string;
  zoneName: string;
  /** The private DNS name starts with `*.`: the zone needs a `*` record besides the apex. */
  wildcard: boolean;
  /** The endpoint (service) the records alias. */
  service: string;
}

/**
 * HTTPS from one client range to the endpoints: a spoke CIDR, one of the hub VPC's own CIDRs (its
 * workloads resolve the services to the endpoints too), or an extra client range of the hub's config.
 */
export type IngressRulePlan =
  | { from: 'spoke'; spoke: string; cidr: string }
  | { from: 'hub-vpc'; cidr: string }
  | { from: 'client-range'; cidr: string };

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

/** route53-profile mode: one profile per hub holds every zone and is shared through AWS RAM. */
export interface ProfilePlan {
  /** `organization` needs organizationArn; otherwise each cross-account spoke account is a principal. */
  shareWith: 'organization' | 'accounts';
  organizationArn?: string;
  /** Cross-account spoke accounts (sorted by key), the RAM principals in `accounts` mode. */
  accounts: AccountPlan[];
}

export interface HubPlan {
  name: string;
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
  spokes: string[];
}

export interface SpokePlan {
  name: string;
  account: AccountPlan;
  region: string;
  hub: string;
  vpcId: string;
  /** Primary first, then secondary CIDRs: each needs a hub route and an SG rule. */
  cidrs: string[];
  routeTableIds: string[];
  crossAccount: boolean;
  crossRegion: boolean;
  /** `auto_accept` works only within one account and region; otherwise an accepter resource is needed. */
  autoAccept: boolean;
}

export interface StackPlan {
  /** The account key. One stack per account, one state per stack. */
  name: string;
  account: AccountPlan;
  hubs: string[];
  /** Spokes whose VPC is in this account (their accepter, routes and associations live here). */
  spokes: string[];
  /** Every region this stack needs a provider for. */
  regions: string[];
  /** Stacks whose outputs this one reads (hubs of its spokes in other accounts). */
  dependsOn: string[];
  /** route53-profile mode, account sharing: hubs whose RAM share invitation this stack accepts (once per account). */
  acceptsProfileShareOf: string[];
}

export type BackendPlan =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; region: string; keyPrefix: string; roleArn?: string }
  | { kind: 'cloud'; organization: string; workspacePrefix: string; hostname: string };

export interface NetworkPlan {
  project: string;
  organizationId?: string;
  organizationArn?: string;
  backend: BackendPlan;
  hubs: HubPlan[];
  spokes: SpokePlan[];
  /** In deploy order: stacks that own hubs first. */
  stacks: StackPlan[];
}
