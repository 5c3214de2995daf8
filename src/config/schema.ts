/**
 * The config file's schema: the single source of truth for its TypeScript type, its structural
 * validator and the JSON Schema for editors (`npm run schema`). Meaning (references, CIDR overlaps,
 * quotas) is checked afterwards, on the typed value, in `validate-*.ts`.
 */
import { z } from 'zod';
import { pricesOverrideSchema } from '../catalogue/prices';

/** Names become Terraform addresses and output names: letters, digits and hyphens only, so that
 * `-` -> `_` (done in planning/naming.ts) can never make two names collide. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,47}$/;
const name = z.string().regex(NAME_PATTERN, {
  message: 'must start with a letter and contain only letters, digits and hyphens (at most 48 characters)',
});

/** Account ids are strings: YAML reads an unquoted 012345678901 as a number and drops the zero. */
const accountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id in quotes' });
const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, {
  message: 'must be an IAM role ARN like arn:aws:iam::111111111111:role/terraform',
});
const cidr = z.string().min(1);
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region name like us-east-1' });
const vpcId = z.string().regex(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a VPC id like vpc-0123456789abcdef0' });
const subnetId = z.string().regex(/^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a subnet id like subnet-0123456789abcdef0' });
const routeTableId = z.string().regex(/^rtb-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a route table id like rtb-0123456789abcdef0' });
const securityGroupId = z.string().regex(/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a security group id like sg-0123456789abcdef0' });
const vpcEndpointId = z.string().regex(/^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a VPC endpoint id like vpce-0123456789abcdef0' });
/** Route 53 ids are upper-case letters and digits, at most 32 characters (API_HostedZone.html). */
const hostedZoneId = z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: 'must be a hosted zone id like Z0123456789ABCDEFGHIJ (without /hostedzone/)' });
const peeringConnectionId = z.string().regex(/^pcx-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a VPC peering connection id like pcx-0123456789abcdef0' });
const transitGatewayId = z.string().regex(/^tgw-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a transit gateway id like tgw-0123456789abcdef0' });
const transitGatewayRouteTableId = z.string().regex(/^tgw-rtb-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a transit gateway route table id like tgw-rtb-0123456789abcdef0' });
const transitGatewayAttachmentId = z.string().regex(/^tgw-attach-([0-9a-f]{8}|[0-9a-f]{17})$/, { message: 'must be a transit gateway attachment id like tgw-attach-0123456789abcdef0' });

const localBackend = z.strictObject({ dir: z.string().min(1).default('.terraform-state') });
const s3Backend = z.strictObject({
  bucket: z.string().min(3),
  region,
  keyPrefix: z.string().default('vpce-hub'),
  roleArn: roleArn.optional(),
});
const cloudBackend = z.strictObject({
  organization: z.string().min(1),
  workspacePrefix: z.string().default('vpce-hub-'),
  hostname: z.string().default('app.terraform.io'),
});
export const backendSchema = z
  .strictObject({ local: localBackend.optional(), s3: s3Backend.optional(), cloud: cloudBackend.optional() })
  .refine((b) => [b.local, b.s3, b.cloud].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of local, s3 or cloud',
  });

const account = z.strictObject({
  id: accountId,
  roleArn: roleArn.optional(),
  /** The role spoke stacks assume in this (hub) account for the hub-side halves of their pairs
   * (peering request, return routes, SG rules, zone authorizations, RAM principals). Default: roleArn.
   * Its least-privilege policy: `vpce-hub iam-policy`. */
  hubSideRoleArn: roleArn.optional(),
  /** The account is not in the organization of organizationId/organizationArn: RAM shares reach it only
   * as an individual principal, through an invitation it must accept (ramSharing). */
  outsideOrganization: z.boolean().default(false),
});

/** How hub resources are shared through AWS RAM (today the Route 53 Profile; the transit gateway later).
 * RAM sends an invitation only to accounts outside the organization, or to every account shared with
 * individually while sharing with AWS Organizations is not enabled
 * (https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs). */
export const RAM_SHARE_WITH = ['organization', 'organizational-units', 'accounts'] as const;
const ouArn = z.string().regex(/^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/, {
  message: 'must be an OU ARN like arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56',
});
const ramSharing = z.strictObject({
  /** organization: one principal, organizationArn; organizational-units: each OU ARN; accounts: each spoke account. */
  shareWith: z.enum(RAM_SHARE_WITH),
  organizationalUnits: z.array(ouArn).optional(),
  /** Whether `aws ram enable-sharing-with-aws-organization` was run in the management account. Needed for
   * organization and OU principals; with `accounts` it decides whether accounts of the organization get
   * invitations (disabled) or not (enabled). */
  organizationSharing: z.enum(['enabled', 'disabled']).optional(),
  /** The share's allow_external_principals: required true when an account outside the organization is shared with. */
  allowExternalPrincipals: z.boolean().default(false),
});

const flowLogs = z.strictObject({
  enabled: z.boolean().default(true),
  /** An existing S3 bucket or CloudWatch log group ARN; without it a log group and role are created. */
  destinationArn: z.string().optional(),
  retentionDays: z.number().int().positive().default(365),
});

/** Either a new VPC (cidr + availabilityZones) or an existing one (id + cidr + subnets + routeTableIds).
 * One object with optional fields rather than a union: a union's errors cannot name the missing field. */
const hubVpc = z.strictObject({
  id: vpcId.optional(),
  cidr,
  availabilityZones: z.array(z.string()).optional(),
  subnetPrefixLength: z.number().int().min(16).max(28).optional(),
  flowLogs: flowLogs.optional(),
  subnets: z.array(z.strictObject({ id: subnetId, availabilityZone: z.string() })).optional(),
  routeTableIds: z.array(routeTableId).optional(),
  /** An existing hub VPC's secondary CIDRs: workloads there resolve the services to the endpoints too,
   * so they are admitted like the primary CIDR (and must not overlap any spoke). */
  secondaryCidrs: z.array(cidr).optional(),
});

const customService = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'must be lower case letters, digits, dots and hyphens, like ecr.api' }),
  /** Escape hatch for services the catalogue lacks, and iot.data's zone (the account's `<prefix>-ats.iot.{region}.amazonaws.com`); `{region}` is replaced by the hub's region. */
  privateDnsNames: z.array(z.string().min(1)).optional(),
  serviceName: z.string().optional(),
});
export const serviceSchema = z.union([z.string().min(1), customService]);

export const endpointPolicySchema = z.union([
  z.literal('default'),
  z.literal('organization'),
  z.strictObject({ principals: z.array(z.string()).min(1) }),
  z.strictObject({ document: z.string().min(1) }),
]);

export const DNS_MODES = ['private-hosted-zones', 'endpoint-url', 'route53-profile'] as const;

/** The steps of a peering -> transit gateway migration that keep the peerings (issue 16); the last step removes the field. */
export const PEERING_MIGRATION_STEPS = ['attach', 'move-routes'] as const;

/** How spokes reach a hub: a VPC peering each (the blog's design), or one transit gateway (issue 10). */
export const CONNECTIVITY_MODES = ['peering', 'transit-gateway'] as const;

/**
 * The transit gateway of a `connectivity: transit-gateway` hub. Segmentation is the point: the hub
 * attachment is associated with the `hub` route table, into which every spoke attachment propagates;
 * every spoke attachment is associated with the `spokes` route table, into which only the hub
 * attachment propagates, so spokes reach the hub and never each other.
 */
const transitGateway = z.strictObject({
  /** An existing transit gateway; omitted, one is created in the hub's account. */
  id: transitGatewayId.optional(),
  /** Account key of the transit gateway's owner; default: the hub's account. */
  account: z.string().optional(),
  /** Existing route tables of the transit gateway to use; omitted, both are created. */
  routeTables: z.strictObject({ hub: transitGatewayRouteTableId, spokes: transitGatewayRouteTableId }).optional(),
  /** A created transit gateway's auto_accept_shared_attachments: off, so that every cross-account
   * attachment is accepted by an explicit accepter in the owner's account. */
  autoAcceptSharedAttachments: z.boolean().default(false),
  /** An existing transit gateway's default association and propagation route table ids
   * (AssociationDefaultRouteTableId, PropagationDefaultRouteTableId of DescribeTransitGateways), or []
   * when both defaults are disabled. Accepting an attachment with default association and propagation
   * off disassociates it from, and disables its propagation into, those tables, so the hub-side role
   * needs them: https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter */
  defaultRouteTableIds: z.array(transitGatewayRouteTableId).max(2).optional(),
  /** A created transit gateway's private ASN for the Amazon side of BGP sessions (CreateTransitGateway
   * AmazonSideAsn: 64512-65534 or 4200000000-4294967294, default 64512). Changing it replaces the gateway. */
  amazonSideAsn: z.number().int().optional(),
  /** Subnets of the hub VPC's own attachment, one per endpoint AZ, instead of the endpoint subnets
   * (AWS's design best practice: a small dedicated subnet per attachment, /28): `{ id, availabilityZone }`
   * in an existing hub VPC, `{ cidr, availabilityZone }` (carved by the config, inside the hub CIDR) in a
   * VPC vpce-hub creates. */
  hubAttachmentSubnets: z.array(z.strictObject({ id: subnetId.optional(), cidr: cidr.optional(), availabilityZone: z.string() })).min(1).optional(),
});

/** Clients of the endpoints on premises, reaching the hub over a DX/VPN attachment of the transit gateway
 * (that attachment itself is outside vpce-hub). */
const onPremises = z.strictObject({
  cidrs: z.array(cidr).min(1),
  /** A Route 53 Resolver inbound endpoint in the hub VPC: on-premises DNS servers forward the zones to it. */
  inboundResolver: z.boolean().default(false),
  /**
   * The inbound resolver's security group: `per-range` admits TCP and UDP 53 from each range (two rules per
   * range, connection tracked: AWS says tracked endpoints can fall to about 1,500 queries per second per
   * address); `untracked` is AWS's recommendation for inbound endpoints (TCP and UDP 53 from anywhere,
   * egress to anywhere), which is not tracked and fits any number of ranges: routing is then the filter.
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
   */
  resolverSecurityGroup: z.enum(['per-range', 'untracked']).default('per-range'),
  /** Peak DNS queries per second from on premises: validate sizes the inbound endpoint's addresses against it. */
  queriesPerSecond: z.number().int().positive().optional(),
});

/** Earlier names of a hub or spoke, oldest first: synth emits `moved` blocks from each to the next, so
 * Terraform moves state instead of destroying and recreating (planning/renames.ts). */
const formerNames = z.array(name).default([]);

/**
 * Tags for organization tag policies (planning/tags.ts): the top level's go into every provider's
 * default_tags, a hub's onto its resources, a spoke's onto both halves of its pair. Values must be
 * strings (YAML reads an unquoted 1234 or true as a number or boolean); validate-tags.ts checks keys.
 */
const tags = z.record(z.string(), z.string()).default({});

/**
 * Resources of a hand-built hub (the blog's pattern) that synth imports instead of creating
 * (planning/adopt.ts): the endpoint security group, endpoints by service, zones by zone name.
 */
const hubAdopt = z.strictObject({
  securityGroupId: securityGroupId.optional(),
  endpoints: z.record(z.string(), vpcEndpointId).default({}),
  zones: z.record(z.string(), hostedZoneId).default({}),
  /** The hub VPC's existing attachment to the hub's transit gateway (AWS allows one per VPC and gateway):
   * imported, with its accepter where the stack manages one, instead of a second attachment that fails. */
  transitGatewayAttachmentId: transitGatewayAttachmentId.optional(),
});

const hub = z.strictObject({
  name,
  formerNames,
  tags,
  account: z.string(),
  region,
  vpc: hubVpc,
  dns: z.enum(DNS_MODES).default('private-hosted-zones'),
  /**
   * route53-profile only: spokes keep their direct zone associations (and authorizations) next to the
   * profile association. The first step of a private-hosted-zones -> route53-profile migration (README,
   * "Changing a hub's DNS mode"): each spoke answers from the same zones through both paths, then this
   * is removed and only the direct associations go.
   */
  keepZoneAssociations: z.boolean().default(false),
  services: z.array(serviceSchema).min(1),
  endpointPolicy: endpointPolicySchema.default('default'),
  /** Pins how many security groups carry the endpoints' ingress rules (planning/endpoint-security-groups.ts);
   * unset, the smallest count that keeps every group within inboundRulesPerSecurityGroup is derived. */
  endpointSecurityGroups: z.number().int().min(1).max(16).optional(),
  connectivity: z.enum(CONNECTIVITY_MODES).default('peering'),
  /**
   * A peering hub moving to connectivity: transit-gateway without an outage (README, "Move a hub from
   * peering to a transit gateway"), one pull request per step: `attach` builds the whole transit gateway
   * path while every peering and its routes stay; `move-routes` moves every route to the gateway in place
   * (the peerings stay, unused); removing the field removes the peerings.
   */
  peeringMigration: z.enum(PEERING_MIGRATION_STEPS).optional(),
  /** Required with connectivity: transit-gateway. */
  transitGateway: transitGateway.optional(),
  onPremises: onPremises.optional(),
  adopt: hubAdopt.optional(),
  /** Extra networks that call the endpoints through the hub VPC's own routing (on-premises over VPN or
   * Direct Connect, a Transit Gateway): each gets an HTTPS ingress rule. The hub VPC's own CIDRs are
   * always admitted; spokes are admitted through their own entries. */
  clientCidrs: z.array(cidr).optional(),
});

const spoke = z.strictObject({
  name,
  formerNames,
  tags,
  /** An existing spoke of a hand-built hub: its peering (and, of adopted zones, its associations) are imported;
   * or, for a transit-gateway hub, the spoke VPC's existing attachment to that gateway (and its accepter). */
  adopt: z.strictObject({ peeringConnectionId: peeringConnectionId.optional(), transitGatewayAttachmentId: transitGatewayAttachmentId.optional() }).optional(),
  account: z.string(),
  region: region.optional(),
  hub: z.string().optional(),
  vpc: z.strictObject({
    id: vpcId,
    cidr,
    secondaryCidrs: z.array(cidr).default([]),
    routeTableIds: z.array(routeTableId).min(1),
    /** transit-gateway hubs only: the spoke's subnets for its attachment, one per AZ. An entry may name
     * its AZ (`{ id, availabilityZone }`), which validate then checks (distinct, in the spoke's region). */
    attachmentSubnetIds: z.array(z.union([subnetId, z.strictObject({ id: subnetId, availabilityZone: z.string() })])).min(1).optional(),
  }),
});

/** AWS quotas in force for this organization; defaults are AWS's (domain.md section 5). */
export const QUOTA_DEFAULTS = {
  peeringConnectionsPerVpc: 50,
  interfaceEndpointsPerVpc: 50,
  inboundRulesPerSecurityGroup: 60,
  securityGroupsPerNetworkInterface: 5,
  routesPerRouteTable: 50,
  vpcsPerHostedZone: 300,
  // AWS's Route 53 quotas page, "Authorizations that you can create so you can associate VPCs that were
  // created by one account with a hosted zone that was created by another account": 1,000 (re-checked for
  // issue 11 in the page's current Japanese translation, docs.aws.amazon.com/ja_jp/...; it was 100).
  // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
  associationAuthorizationsPerZone: 1000,
  hostedZonesPerAccount: 500,
  vpcsPerRoute53Profile: 1000,
  // Transit gateway quotas (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html).
  // "Attachments per transit gateway: 5,000, not adjustable"; "Total combined routes (dynamic and static)
  // across all route tables for a single transit gateway: 10,000, adjustable". Other teams' attachments
  // and routes on a shared gateway count too: set the quota to what is left for vpce-hub.
  attachmentsPerTransitGateway: 5000,
  routesPerTransitGateway: 10000,
  transitGatewayAttachmentsPerVpc: 5,
  transitGatewaysPerAccount: 5,
  // Route 53 Resolver (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver).
  resolverEndpointsPerRegion: 4,
} as const;
export type QuotaName = keyof typeof QUOTA_DEFAULTS;
/** Quota keys renamed since a release, still read (with a warning, validate-quotas.ts) under their old name. */
export const RENAMED_QUOTAS = {
  // AWS counts routes per transit gateway, across all its route tables (issue 16), never per table.
  routesPerTransitGatewayRouteTable: 'routesPerTransitGateway',
} as const satisfies Record<string, QuotaName>;
const quotas = z.strictObject({
  ...(Object.fromEntries(Object.keys(QUOTA_DEFAULTS).map((k) => [k, z.number().int().positive().optional()])) as Record<QuotaName, z.ZodOptional<z.ZodNumber>>),
  ...(Object.fromEntries(Object.keys(RENAMED_QUOTAS).map((k) => [k, z.number().int().positive().optional()])) as Record<keyof typeof RENAMED_QUOTAS, z.ZodOptional<z.ZodNumber>>),
});

/** Silences one `vpce-hub check` rule, for one resource address or everywhere, with a written reason. */
const suppression = z.strictObject({
  rule: z.string().min(1),
  resource: z.string().min(1).optional(),
  reason: z.string().min(10, { message: 'must explain why (at least 10 characters)' }),
});

export const configSchema = z.strictObject({
  project: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, { message: 'must be lower case letters, digits and hyphens (at most 32)' })
    .default('vpce-hub'),
  organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, { message: 'must look like o-a1b2c3d4e5' }).optional(),
  /** The organization RAM shares with under `ramSharing.shareWith: organization` (RAM needs the ARN,
   * which names the management account). */
  organizationArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/, { message: 'must look like arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5' })
    .optional(),
  /** Required once a route53-profile hub has a spoke in another account (validate-ram-sharing.ts). */
  ramSharing: ramSharing.optional(),
  backend: backendSchema.default({ local: { dir: '.terraform-state' } }),
  tags,
  accounts: z.record(name, account),
  hubs: z.array(hub).min(1),
  spokes: z.array(spoke).default([]),
  quotas: quotas.default({}),
  suppressions: z.array(suppression).default([]),
  /** Overrides of the cost estimate's price table and traffic assumption (src/catalogue/prices.ts). */
  prices: pricesOverrideSchema.optional(),
});

export type VpceHubConfig = z.output<typeof configSchema>;
export type HubConfig = VpceHubConfig['hubs'][number];
export type SpokeConfig = VpceHubConfig['spokes'][number];
export type ServiceConfig = HubConfig['services'][number];
export type EndpointPolicyConfig = HubConfig['endpointPolicy'];
export type BackendConfig = VpceHubConfig['backend'];
export type DnsMode = HubConfig['dns'];
export type RamSharingConfig = NonNullable<VpceHubConfig['ramSharing']>;
export type AccountConfig = VpceHubConfig['accounts'][string];
export type ConnectivityMode = HubConfig['connectivity'];
export type TransitGatewayConfig = NonNullable<HubConfig['transitGateway']>;
export type AttachmentSubnetConfig = NonNullable<SpokeConfig['vpc']['attachmentSubnetIds']>[number];
