/**
 * The config file's schema: the single source of truth for its TypeScript type, its structural
 * validator and the JSON Schema for editors (`npm run schema`). Meaning (references, CIDR overlaps,
 * quotas) is checked afterwards, on the typed value, in `validate-*.ts`.
 */
import { z } from 'zod';
import { pricesOverrideSchema } from '../catalogue/prices';
import { catalogueServiceNames } from '../catalogue/catalogue';
import { AWS_REGIONS } from '../catalogue/regions';
import { AZ_ID_PATTERN, AZ_NAME_PATTERN } from './resolve';

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
/** An IPv6 block (validate-ipv6.ts checks syntax, size and overlaps, like validate-vpcs.ts for IPv4). */
const ipv6Cidr = z.string().min(1);
/** Editors: an AZ name or id (validate-vpcs.ts: InvalidAz otherwise); zod leaves the checks to validate. */
const availabilityZone = z.string().meta({ pattern: `^(?:${AZ_NAME_PATTERN.source.slice(1, -1)}|${AZ_ID_PATTERN.source.slice(1, -1)})$` });
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region name like us-east-1' }).meta({ enum: [...AWS_REGIONS] }); // editors: the regions AWS has (catalogue/regions.ts); validate names the nearest
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

const localBackend = z.strictObject({ dir: z.string().min(1).default('.terraform-state').describe('Folder of the state files (<dir>/<stack>.tfstate), relative to the project root.') });
const s3Backend = z.strictObject({
  bucket: z.string().min(3).describe('S3 bucket of the state files (it must exist; versioning recommended).'),
  region: region.describe("The bucket's region."),
  keyPrefix: z.string().default('vpce-hub').describe('Key prefix: stack X keeps its state at <keyPrefix>/X.tfstate (encrypted, locked with use_lockfile).'),
  roleArn: roleArn.optional().describe('A role Terraform assumes to reach the bucket.'),
});
const cloudBackend = z.strictObject({
  organization: z.string().min(1).describe('Terraform Cloud (HCP Terraform) organization.'),
  workspacePrefix: z.string().default('vpce-hub-').describe('Workspace of stack X: <workspacePrefix>X.'),
  hostname: z.string().default('app.terraform.io').describe('Terraform Cloud or Enterprise host name.'),
});
export const backendSchema = z
  .strictObject({ local: localBackend.optional().describe('State files on this machine: for trying things out (vpce-hub check warns).'), s3: s3Backend.optional().describe('State in S3, one key per stack.'), cloud: cloudBackend.optional().describe('State in Terraform Cloud, one workspace per stack.') })
  .refine((b) => [b.local, b.s3, b.cloud].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of local, s3 or cloud',
  });

const account = z.strictObject({
  id: accountId.describe('The 12-digit AWS account id, in quotes.'),
  roleArn: roleArn.optional().describe("The role Terraform assumes for this account's stack (default: the caller's credentials)."),
  /** The role spoke stacks assume in this (hub) account for the hub-side halves of their pairs
   * (peering request, return routes, SG rules, zone authorizations, RAM principals). Default: roleArn.
   * Its least-privilege policy: `vpce-hub iam-policy`. */
  hubSideRoleArn: roleArn.optional().describe("The role the spokes stacks assume in this (hub) account for the hub halves of their pairs; default roleArn. Required (this or roleArn) in an account other stacks act in. Its policy: vpce-hub iam-policy."),
  /** The account is not in the organization of organizationId/organizationArn: RAM shares reach it only
   * as an individual principal, through an invitation it must accept (ramSharing). */
  outsideOrganization: z.boolean().default(false).describe('The account is outside the organization: RAM reaches it only by an invitation it accepts.'),
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
  shareWith: z.enum(RAM_SHARE_WITH).describe('organization: one principal, organizationArn; organizational-units: each OU ARN; accounts: each spoke account.'),
  organizationalUnits: z.array(ouArn).optional().describe('The OU ARNs that hold the spoke accounts (shareWith: organizational-units).'),
  /** Whether `aws ram enable-sharing-with-aws-organization` was run in the management account. Needed for
   * organization and OU principals; with `accounts` it decides whether accounts of the organization get
   * invitations (disabled) or not (enabled). */
  organizationSharing: z.enum(['enabled', 'disabled']).optional().describe('Whether `aws ram enable-sharing-with-aws-organization` ran: needed by organization and OU sharing; with accounts, disabled means each account accepts an invitation.'),
  /** The share's allow_external_principals: required true when an account outside the organization is shared with. */
  allowExternalPrincipals: z.boolean().default(false).describe('The share admits principals outside the organization: true when an account has outsideOrganization: true.'),
});

const flowLogs = z.strictObject({
  enabled: z.boolean().default(true).describe('VPC flow logs of the hub VPC.'),
  /** An existing S3 bucket or CloudWatch log group ARN; without it a log group and role are created. */
  destinationArn: z.string().optional().describe('An existing S3 bucket or CloudWatch Logs log group ARN; default: a log group and role are created.'),
  retentionDays: z.number().int().positive().default(365).describe("Days the created log group keeps the logs (a CloudWatch Logs retention value)."),
});

/** Either a new VPC (cidr + availabilityZones) or an existing one (id + cidr + subnets + routeTableIds).
 * One object with optional fields rather than a union: a union's errors cannot name the missing field. */
const hubVpc = z.strictObject({
  id: vpcId.optional().describe('An existing hub VPC (then subnets and routeTableIds too); omit to create one.'),
  cidr: cidr.describe("The hub VPC's primary CIDR (a new VPC gets it; an existing one states it)."),
  availabilityZones: z.array(availabilityZone.describe('An AZ name (us-east-1a) or AZ id (use1-az1).')).optional().describe('A new VPC: >= 2 AZs for the endpoint subnets, carved in this order (add new ones at the end).'),
  subnetPrefixLength: z.number().int().min(16).max(28).optional().describe('A new VPC: prefix length of each endpoint subnet; default max(24, hub prefix + 2).'),
  flowLogs: flowLogs.optional().describe('Flow logs of a new hub VPC: on by default (a created log group, 365 days); not for an existing VPC.'),
  /** A dual-stack hub's existing subnets each give their IPv6 block: an endpoint subnet without one
   * cannot hold a dual-stack endpoint (CreateVpcEndpoint refuses it). */
  subnets: z
    .array(
      z.strictObject({
        id: subnetId.describe('An endpoint subnet of the existing VPC.'),
        availabilityZone: availabilityZone.describe("The subnet's AZ name or id."),
        ipv6Cidr: ipv6Cidr.optional().describe("A dual-stack hub: the subnet's IPv6 block (/44 to /64), required for every subnet."),
      }),
    )
    .optional()
    .describe('An existing VPC: the subnets the endpoints go in, one per AZ (>= 2).'),
  routeTableIds: z.array(routeTableId).optional().describe("An existing VPC: the route tables that get the return routes to the spokes."),
  /** An existing hub VPC's secondary CIDRs: workloads there resolve the services to the endpoints too,
   * so they are admitted like the primary CIDR (and must not overlap any spoke). */
  secondaryCidrs: z.array(cidr).optional().describe("An existing VPC's secondary CIDRs: its workloads there are admitted to the endpoints too."),
  /** An existing dual-stack hub VPC's IPv6 block (Amazon-provided /56, or BYOIP/IPAM /44 to /60): spokes
   * route it to the hub. A VPC vpce-hub creates gets an Amazon-provided /56 instead. */
  ipv6Cidr: ipv6Cidr.optional().describe("A dual-stack hub's existing VPC: its IPv6 block (/44 to /60), which IPv6 spokes route to; a created VPC gets an Amazon-provided /56."),
});

/** A hub's endpoints: IPv4 only (AWS's default), or IPv4 and IPv6 (issue 20). */
export const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const;

const customService = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'must be lower case letters, digits, dots and hyphens, like ecr.api' }).describe('A catalogue name, or a name of your choice for a service the catalogue lacks.'),
  /** Escape hatch for services the catalogue lacks, and iot.data's zone (the account's `<prefix>-ats.iot.{region}.amazonaws.com`); `{region}` is replaced by the hub's region. */
  privateDnsNames: z.array(z.string().min(1)).optional().describe('The DNS names to answer for ({region} is replaced), e.g. x.{region}.amazonaws.com; a leading *. makes a wildcard zone.'),
  serviceName: z.string().optional().describe('The endpoint service name; default com.amazonaws.{region}.<name>.'),
  /** The IP address types the endpoint service accepts, when AWS opened it to IPv6 after the catalogue's data
   * (DescribeVpcEndpointServices' SupportedIpAddressTypes); without it the catalogue's, else IPv4 only. */
  ipAddressTypes: z
    .array(z.enum(['ipv4', 'ipv6']))
    .min(1)
    .optional()
    .describe("The IP address types the endpoint service accepts (SupportedIpAddressTypes); default the catalogue's, else ipv4. In a dual-stack hub, ipv6 makes the endpoint dual-stack."),
});
// Editors: the catalogue's names (validate: UnknownService for any other string).
export const serviceSchema = z.union([z.string().min(1).meta({ enum: catalogueServiceNames() }).describe('A service of the catalogue: sqs, ecr.api, ...'), customService.describe('A service with its own DNS names (the catalogue lacks it, or iot.data)')]);

export const endpointPolicySchema = z.union([
  z.literal('default').describe("AWS's default policy: full access."),
  z.literal('organization').describe("Per-service templates admitting the organization's principals and AWS's own traffic (needs organizationId)."),
  z.strictObject({ principals: z.array(z.string()).min(1).describe('Account ids or IAM principal ARNs admitted by the per-service templates.') }),
  z.strictObject({ document: z.string().min(1).describe('A complete endpoint policy as a JSON string, the same for every endpoint of the hub.') }),
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
  id: transitGatewayId.optional().describe('An existing transit gateway (shared through RAM by its owner); omit to create one in the hub account.'),
  /** Account key of the transit gateway's owner; default: the hub's account. */
  account: z.string().optional().describe("Account key of the transit gateway's owner; default: the hub's account."),
  /** Existing route tables of the transit gateway to use; omitted, both are created. */
  routeTables: z.strictObject({ hub: transitGatewayRouteTableId.describe('The route table the hub attachment is associated with (spokes propagate into it).'), spokes: transitGatewayRouteTableId.describe('The route table the spoke attachments are associated with (only the hub propagates into it).') }).optional().describe('Existing route tables to use; omit to create both.'),
  /** A created transit gateway's auto_accept_shared_attachments: off, so that every cross-account
   * attachment is accepted by an explicit accepter in the owner's account. */
  autoAcceptSharedAttachments: z.boolean().default(false).describe("A created gateway's auto_accept_shared_attachments (what an existing one has): off, so each attachment has an accepter."),
  /** An existing transit gateway's default association and propagation route table ids
   * (AssociationDefaultRouteTableId, PropagationDefaultRouteTableId of DescribeTransitGateways), or []
   * when both defaults are disabled. Accepting an attachment with default association and propagation
   * off disassociates it from, and disables its propagation into, those tables, so the hub-side role
   * needs them: https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter */
  defaultRouteTableIds: z.array(transitGatewayRouteTableId).max(2).optional().describe("An existing gateway's default association and propagation route tables ([] when both defaults are disabled); required when it accepts other accounts' attachments."),
  /** A created transit gateway's private ASN for the Amazon side of BGP sessions (CreateTransitGateway
   * AmazonSideAsn: 64512-65534 or 4200000000-4294967294, default 64512). Changing it replaces the gateway. */
  amazonSideAsn: z.number().int().optional().describe("A created gateway's BGP ASN for the Amazon side (64512-65534 or 4200000000-4294967294; AWS's default 64512); changing it replaces the gateway: choose it once."),
  /** Subnets of the hub VPC's own attachment, one per endpoint AZ, instead of the endpoint subnets
   * (AWS's design best practice: a small dedicated subnet per attachment, /28): `{ id, availabilityZone }`
   * in an existing hub VPC, `{ cidr, availabilityZone }` (carved by the config, inside the hub CIDR) in a
   * VPC vpce-hub creates. */
  hubAttachmentSubnets: z
    .array(
      z.strictObject({
        id: subnetId.optional().describe('Existing hub VPC: the subnet.'),
        cidr: cidr.optional().describe('Created hub VPC: a range to carve inside the hub CIDR (a /28 is enough).'),
        availabilityZone: z.string().describe("The subnet's AZ name or id: one entry per endpoint AZ."),
      }),
    )
    .min(1)
    .optional()
    .describe("The hub attachment's own subnets, one per endpoint AZ (default: the endpoint subnets): { id, availabilityZone } in an existing hub VPC, { cidr, availabilityZone } in a created one."),
});

/** Clients of the endpoints on premises, reaching the hub over a DX/VPN attachment of the transit gateway
 * (that attachment itself is outside vpce-hub). */
const onPremises = z.strictObject({
  cidrs: z.array(cidr).min(1).describe('On-premises ranges that call the endpoints (each at most /8, outside the hub and spokes).'),
  /** A Route 53 Resolver inbound endpoint in the hub VPC: on-premises DNS servers forward the zones to it. */
  inboundResolver: z.boolean().default(false).describe('A Route 53 Resolver inbound endpoint in the hub VPC, for on-premises DNS servers to forward the zones to.'),
  /**
   * The inbound resolver's security group: `per-range` admits TCP and UDP 53 from each range (two rules per
   * range, connection tracked: AWS says tracked endpoints can fall to about 1,500 queries per second per
   * address); `untracked` is AWS's recommendation for inbound endpoints (TCP and UDP 53 from anywhere,
   * egress to anywhere), which is not tracked and fits any number of ranges: routing is then the filter.
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
   */
  resolverSecurityGroup: z
    .enum(['per-range', 'untracked'])
    .default('per-range')
    .describe("The inbound resolver's security group: per-range (TCP and UDP 53 from each range, connection tracked) or untracked (AWS's recommended rules: 53 from anywhere, any number of ranges)."),
  /** Peak DNS queries per second from on premises: validate sizes the inbound endpoint's addresses against it. */
  queriesPerSecond: z.number().int().positive().optional().describe('Peak on-premises DNS queries per second: validate sizes the inbound endpoint against it.'),
});

/** Earlier names of a hub or spoke, oldest first: synth emits `moved` blocks from each to the next, so
 * Terraform moves state instead of destroying and recreating (planning/renames.ts). */
const formerNames = z.array(name).default([]).describe('Earlier names, oldest first: synth emits moved blocks so Terraform moves state instead of recreating.');

/**
 * Tags for organization tag policies (planning/tags.ts): the top level's go into every provider's
 * default_tags, a hub's onto its resources, a spoke's onto both halves of its pair. Values must be
 * strings (YAML reads an unquoted 1234 or true as a number or boolean); validate-tags.ts checks keys.
 */
const tags = z.record(z.string(), z.string()).default({}).describe("Tags (key: value; quote numbers and booleans): the top level's on every resource, a hub's on its resources, a spoke's on both halves of its pair.");

/**
 * Resources of a hand-built hub (the blog's pattern) that synth imports instead of creating
 * (planning/adopt.ts): the endpoint security group, endpoints by service, zones by zone name.
 */
const hubAdopt = z.strictObject({
  securityGroupId: securityGroupId.optional().describe('The existing endpoint security group, imported as group 1.'),
  endpoints: z.record(z.string(), vpcEndpointId).default({}).describe('Service name -> existing endpoint id, imported.'),
  zones: z.record(z.string(), hostedZoneId).default({}).describe('Zone name -> existing private hosted zone id, imported with its alias records.'),
  /** The hub VPC's existing attachment to the hub's transit gateway (AWS allows one per VPC and gateway):
   * imported, with its accepter where the stack manages one, instead of a second attachment that fails. */
  transitGatewayAttachmentId: transitGatewayAttachmentId.optional().describe("The hub VPC's existing attachment to transitGateway.id, imported (with its accepter) instead of attached twice."),
});

const hub = z.strictObject({
  name: name.describe('The hub name (letters, digits, hyphens): part of resource addresses.'),
  formerNames,
  tags,
  account: z.string().describe('Key of the account (under accounts) the hub VPC is in.'),
  region: region.describe('The hub VPC\'s region.'),
  vpc: hubVpc.describe('A new hub VPC (cidr, availabilityZones) or an existing one (id, cidr, subnets, routeTableIds).'),
  dns: z.enum(DNS_MODES).default('private-hosted-zones').describe('How spokes resolve the service names: private hosted zones associated with each spoke, endpoint URLs, or a Route 53 Profile.'),
  /**
   * dualstack: the hub VPC gets IPv6 (created: an Amazon-provided /56 and a /64 per subnet; existing:
   * vpc.ipv6Cidr and subnets[].ipv6Cidr), endpoints of services that accept IPv6 are dual-stack with A and
   * AAAA records, and spokes that list vpc.ipv6Cidrs get IPv6 routes and HTTPS rules (issue 20).
   */
  ipAddressType: z.enum(IP_ADDRESS_TYPES).default('ipv4').describe('ipv4 (default) or dualstack: IPv6 in the hub VPC, dual-stack endpoints with AAAA records for services that accept IPv6, IPv6 routes and rules for spokes that list vpc.ipv6Cidrs.'),
  /**
   * route53-profile only: spokes keep their direct zone associations (and authorizations) next to the
   * profile association. The first step of a private-hosted-zones -> route53-profile migration (README,
   * "Changing a hub's DNS mode"): each spoke answers from the same zones through both paths, then this
   * is removed and only the direct associations go.
   */
  keepZoneAssociations: z.boolean().default(false).describe('route53-profile only: keep the direct zone associations beside the profile (step 1 of a migration from private-hosted-zones).'),
  services: z.array(serviceSchema).min(1).describe('The interface endpoints of the hub: catalogue names, or { name, privateDnsNames }.'),
  endpointPolicy: endpointPolicySchema.default('default').describe('The endpoint policy: default | organization | { principals: [...] } | { document: <JSON> } (docs/policies.md).'),
  /** Pins how many security groups carry the endpoints' ingress rules (planning/endpoint-security-groups.ts);
   * unset, the smallest count that keeps every group within inboundRulesPerSecurityGroup is derived. */
  endpointSecurityGroups: z.number().int().min(1).max(16).optional().describe('Pins how many security groups carry the ingress rules; default: the fewest that fit.'),
  connectivity: z.enum(CONNECTIVITY_MODES).default('peering').describe('How spokes reach the hub: a VPC peering each, or one transit gateway.'),
  /**
   * A peering hub moving to connectivity: transit-gateway without an outage (README, "Move a hub from
   * peering to a transit gateway"), one pull request per step: `attach` builds the whole transit gateway
   * path while every peering and its routes stay; `move-routes` moves every route to the gateway in place
   * (the peerings stay, unused); removing the field removes the peerings.
   */
  peeringMigration: z
    .enum(PEERING_MIGRATION_STEPS)
    .optional()
    .describe('A peering hub moving to connectivity: transit-gateway, one pull request per step: attach (the gateway path beside the peerings), move-routes (routes to the gateway, peerings kept); then remove it (the peerings go).'),
  /** Required with connectivity: transit-gateway. */
  transitGateway: transitGateway.optional().describe('The transit gateway of a connectivity: transit-gateway hub (required there).'),
  onPremises: onPremises.optional().describe('On-premises clients over the transit gateway (transit-gateway hubs only).'),
  adopt: hubAdopt.optional().describe('Resources of a hand-built hub to import instead of creating them.'),
  /** Extra networks that call the endpoints through the hub VPC's own routing (on-premises over VPN or
   * Direct Connect, a Transit Gateway): each gets an HTTPS ingress rule. The hub VPC's own CIDRs are
   * always admitted; spokes are admitted through their own entries. */
  clientCidrs: z.array(cidr).optional().describe("Extra client ranges that reach the endpoints through the hub VPC's own routing (VPN, Direct Connect); each at most /8."),
});

const spoke = z.strictObject({
  name: name.describe('The spoke name (letters, digits, hyphens): part of resource addresses.'),
  formerNames,
  tags,
  /** An existing spoke of a hand-built hub: its peering (and, of adopted zones, its associations) are imported;
   * or, for a transit-gateway hub, the spoke VPC's existing attachment to that gateway (and its accepter). */
  adopt: z
    .strictObject({
      peeringConnectionId: peeringConnectionId.optional().describe('The existing peering with the hub, imported with its routes.'),
      transitGatewayAttachmentId: transitGatewayAttachmentId.optional().describe("The spoke VPC's existing attachment to its transit-gateway hub's gateway, imported (with its accepter) instead of attached twice."),
    })
    .optional()
    .describe('An existing spoke of an adopted hub, or an attached spoke of a transit-gateway hub.'),
  account: z.string().describe('Key of the account (under accounts) the spoke VPC is in.'),
  region: region.optional().describe("The spoke VPC's region; default: its hub's."),
  hub: z.string().optional().describe('The hub name; optional when there is one hub (or one in the spoke\'s region).'),
  vpc: z.strictObject({
    id: vpcId.describe('The existing spoke VPC.'),
    cidr: cidr.describe("The spoke VPC's primary CIDR."),
    secondaryCidrs: z.array(cidr).default([]).describe("The spoke VPC's secondary CIDRs that call the endpoints."),
    /** The spoke VPC's IPv6 blocks: with a dual-stack hub, each gets a route both ways and an HTTPS rule.
     * Without them the spoke stays IPv4-only. */
    ipv6Cidrs: z.array(ipv6Cidr).optional().describe("The spoke VPC's IPv6 blocks (/44 to /60): with a dual-stack hub each gets routes both ways and an HTTPS rule; without them the spoke stays IPv4-only."),
    routeTableIds: z.array(routeTableId).min(1).describe('The spoke route tables that get a route to the hub.'),
    /** transit-gateway hubs only: the spoke's subnets for its attachment, one per AZ. An entry may name
     * its AZ (`{ id, availabilityZone }`), which validate then checks (distinct, in the spoke's region). */
    attachmentSubnetIds: z.array(z.union([subnetId, z.strictObject({ id: subnetId.describe('A subnet for the attachment.'), availabilityZone: availabilityZone.describe("The subnet's AZ name or id, so validate can check it.") })])).min(1).optional().describe('Transit-gateway hubs only: a subnet per AZ for the attachment.'),
  }).describe('The existing spoke VPC.'),
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
/** What each quota counts, for the JSON Schema and docs/config-reference.md. */
const QUOTA_DOCS: Record<QuotaName, string> = {
  peeringConnectionsPerVpc: 'Active VPC peering connections per VPC',
  interfaceEndpointsPerVpc: 'Interface endpoints per VPC',
  inboundRulesPerSecurityGroup: 'Inbound rules per security group',
  securityGroupsPerNetworkInterface: 'Security groups per network interface',
  routesPerRouteTable: 'Routes per route table',
  vpcsPerHostedZone: 'VPCs associated with one private hosted zone',
  associationAuthorizationsPerZone: 'VPC association authorizations per hosted zone',
  hostedZonesPerAccount: 'Hosted zones per account',
  vpcsPerRoute53Profile: 'VPCs associated with one Route 53 Profile',
  attachmentsPerTransitGateway: 'Attachments per transit gateway',
  routesPerTransitGateway: 'Routes (static and propagated) across all route tables of one transit gateway',
  transitGatewayAttachmentsPerVpc: 'Transit gateway attachments per VPC',
  transitGatewaysPerAccount: 'Transit gateways per account',
  resolverEndpointsPerRegion: 'Route 53 Resolver endpoints per region',
};
/** Quota keys renamed since a release, still read (with a warning, validate-quotas.ts) under their old name. */
export const RENAMED_QUOTAS = {
  // AWS counts routes per transit gateway, across all its route tables (issue 16), never per table.
  routesPerTransitGatewayRouteTable: 'routesPerTransitGateway',
} as const satisfies Record<string, QuotaName>;
const quotas = z.strictObject({
  ...(Object.fromEntries(Object.keys(QUOTA_DEFAULTS).map((k) => [k, z.number().int().positive().optional().describe(`${QUOTA_DOCS[k as QuotaName]}: the value in force for your accounts (AWS's default: ${QUOTA_DEFAULTS[k as QuotaName]}).`)])) as Record<QuotaName, z.ZodOptional<z.ZodNumber>>),
  ...(Object.fromEntries(Object.entries(RENAMED_QUOTAS).map(([old, now]) => [old, z.number().int().positive().optional().describe(`Former name of ${now}, still read with a warning (QuotaRenamed): rename it.`)])) as Record<keyof typeof RENAMED_QUOTAS, z.ZodOptional<z.ZodNumber>>),
});

/** Silences one `vpce-hub check` rule, for one resource address or everywhere, with a written reason. */
const suppression = z.strictObject({
  rule: z.string().min(1).describe('The check rule id, like VH-SG-001 (docs/validation.md).'),
  resource: z.string().min(1).optional().describe('One resource address (type.name); omit for every resource.'),
  reason: z.string().min(10, { message: 'must explain why (at least 10 characters)' }).describe('Why the finding is accepted (at least 10 characters): reviewers read it.'),
});

export const configSchema = z.strictObject({
  project: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, { message: 'must be lower case letters, digits and hyphens (at most 32)' })
    .default('vpce-hub')
    .describe('Prefixes Name tags and resource names (lower case letters, digits, hyphens; at most 32).'),
  organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, { message: 'must look like o-a1b2c3d4e5' }).optional().describe('The AWS Organization id: needed by endpointPolicy: organization.'),
  /** The organization RAM shares with under `ramSharing.shareWith: organization` (RAM needs the ARN,
   * which names the management account). */
  organizationArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/, { message: 'must look like arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5' })
    .optional()
    .describe('The organization ARN (aws organizations describe-organization): needed by ramSharing.shareWith: organization.'),
  /** Required once a route53-profile hub has a spoke in another account (validate-ram-sharing.ts). */
  ramSharing: ramSharing.optional().describe('How route53-profile hubs and created transit gateways share through AWS RAM; required once they have spokes in other accounts.'),
  backend: backendSchema.default({ local: { dir: '.terraform-state' } }).describe('Where each stack keeps its state: exactly one of local, s3 or cloud.'),
  tags,
  accounts: z.record(name, account).describe('Every AWS account used, by a key of your choice (letters, digits, hyphens): each gets a stack named by its key.'),
  hubs: z.array(hub).min(1).describe('The hub VPCs that hold the interface endpoints.'),
  spokes: z.array(spoke).default([]).describe('The VPCs that use a hub\'s endpoints.'),
  quotas: quotas.default({}).describe("AWS quotas in force for your accounts where they differ from AWS's defaults."),
  suppressions: z.array(suppression).default([]).describe('vpce-hub check findings accepted, each with a reason.'),
  /** Overrides of the cost estimate's price table and traffic assumption (src/catalogue/prices.ts). */
  prices: pricesOverrideSchema.optional().describe("Overrides of the review's cost table (USD, us-east-1 list prices) and its traffic assumption."),
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
export type IpAddressType = HubConfig['ipAddressType'];
export type AttachmentSubnetConfig = NonNullable<SpokeConfig['vpc']['attachmentSubnetIds']>[number];
