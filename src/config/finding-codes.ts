/**
 * Every finding code the loader and validators emit, with its severity and one line on what it means.
 * Codes are stable: scripts, suppressions and tests key on them. docs/validation.md is generated from
 * this table, and a test fails when a code is emitted that is not listed here.
 */
import type { Severity } from './findings';

export type FindingTopic = 'file' | 'structure' | 'names' | 'tags' | 'regions' | 'cidrs' | 'azs' | 'vpcs' | 'services' | 'policy' | 'dns' | 'sharing' | 'quotas' | 'internal';

export interface FindingCodeDoc {
  severity: Severity;
  topic: FindingTopic;
  meaning: string;
}

export const FINDING_TOPICS: Record<FindingTopic, string> = {
  file: 'File and YAML',
  structure: 'Structure (schema)',
  names: 'Names and references',
  tags: 'Tags',
  regions: 'Regions',
  cidrs: 'CIDRs',
  azs: 'Availability zones',
  vpcs: 'Existing VPCs and route tables',
  services: 'Services and zones',
  policy: 'Endpoint policy',
  dns: 'DNS modes',
  sharing: 'RAM sharing',
  quotas: 'Quotas and security group spreading',
  internal: 'Internal',
};

const error = (topic: FindingTopic, meaning: string): FindingCodeDoc => ({ severity: 'error', topic, meaning });
const warning = (topic: FindingTopic, meaning: string): FindingCodeDoc => ({ severity: 'warning', topic, meaning });

export const FINDING_CODES = {
  FileNotFound: error('file', 'the config file does not exist'),
  FileUnreadable: error('file', 'the config path exists but cannot be read as a file (a folder, no permission)'),
  EmptyFile: error('file', 'the file is empty or holds only comments'),
  NotText: error('file', 'the file is not UTF-8 text (a binary file, or text in another encoding such as Latin-1 or UTF-16): the first offending byte is named by line, column and code, never printed'),
  YamlSyntax: error('file', 'the YAML cannot be parsed (line and column given; a line indented off its section is named with the column its section uses, an unclosed [ or { with the line that opened it), or an alias is undefined or expands too much'),
  DuplicateKey: error('file', 'a key appears twice in one mapping (also `1` and `"1"`); YAML would silently keep the last. Named with its mapping and the lines of both'),

  WrongType: error('structure', 'a value of the wrong type, e.g. a number for an account id (quote it) or a scalar for a list; also a non-mapping file'),
  MissingField: error('structure', 'a required field is absent'),
  UnknownKey: error('structure', 'a key the schema does not know, with the level it belongs to when it is indented one level too shallow or too deep, else the nearest allowed key when it looks misspelled'),
  ReservedKey: error('structure', 'a key that is a JavaScript object internal (__proto__, constructor, prototype)'),
  InvalidValue: error('structure', 'a value outside the allowed set (dns mode, endpointPolicy form, ...)'),
  InvalidFormat: error('structure', 'a string of the wrong shape: account id not 12 digits, malformed VPC/subnet/route table id, region, role ARN'),
  Empty: error('structure', 'an empty string or key where a value is needed'),
  TooFew: error('structure', 'a list with fewer items than required (e.g. a hub without services)'),
  OutOfRange: error('structure', 'a number outside its range (e.g. subnetPrefixLength above 28)'),
  Invalid: error('structure', 'a value breaking another schema rule (e.g. a backend with more than one of local, s3, cloud)'),
  InvalidBucketName: error('structure', 'an S3 backend bucket name that breaks the S3 bucket naming rules'),

  InvalidName: error('names', 'a hub, spoke, service or account name with characters other than letters, digits and hyphens'),
  DuplicateName: error('names', 'two hubs, two spokes or two account keys with the same name, compared case-insensitively'),
  NameClash: error('names', 'a spoke named like a hub (case-insensitively)'),
  DuplicateAccountId: error('names', 'two account keys with the same account id'),
  AdoptNotBuilt: error('names', 'an adopted service, zone or peering that the config does not build (so nothing would import it)'),
  AdoptedTwice: error('names', 'one AWS id adopted twice (two resources cannot manage one object)'),
  AdoptNeedsExistingVpc: error('vpcs', "a hub adopts its security group or endpoints but vpce-hub creates its VPC: they live in the existing VPC, give it under vpc:"),
  FormerNameInUse: error('names', 'a formerNames entry that is a current hub or spoke name (its own or another)'),
  FormerNameDuplicate: error('names', 'one former name listed by two hubs or spokes'),
  ReservedTagKey: error('tags', 'a tag key vpce-hub sets itself (Name, Project, ManagedBy, Stack), in any case'),
  EmptyTagValue: error('tags', 'a tag with an empty value, which the AWS provider 5.x mishandles in default_tags'),
  TagKeyCaseClash: error('tags', 'two tag keys that differ only in case land on the same resources (IAM role tag keys ignore case)'),
  TooManyTags: error('tags', "more than 50 tags on one resource, counting vpce-hub's four"),
  TooManyZoneTags: error('tags', "more than 10 tags on a hub's private hosted zones (Route 53's limit), counting vpce-hub's four"),
  UnknownAccount: error('names', 'a hub or spoke names an account key that is not under accounts'),
  UnknownHub: error('names', 'a spoke names a hub that does not exist'),
  HubAmbiguous: error('names', 'a spoke names no hub and none can be inferred (several hubs, not exactly one in its region)'),
  HubSideRoleAccount: error('names', "a hubSideRoleArn of another account than the account's own id"),
  HubSideRoleMissing: error('names', "a stack has providers for two or more accounts, and another account than its own has neither hubSideRoleArn nor roleArn: both providers would use the same ambient credentials, so one fails every plan (allowed_account_ids)"),
  StackNameClash: error('names', "an account key equal to the spokes stack name of a hub account (<account>-spokes)"),
  AwsStringConstraint: error('names', "a name, description, comment or tag the stacks would emit breaks AWS's documented constraint (length, characters, reserved prefix): the config field, the generated value, the limit and its source are named"),
  AwsNameNotUnique: error('names', 'two generated names that AWS requires to be unique in one scope (an IAM role name cut to 64 characters, ...) would be equal'),
  UnusedAccount: warning('names', 'an account that no hub or spoke uses: its stack is empty, so applying it destroys what an earlier config put there'),
  RoleAccountMismatch: error('names', "an account's roleArn is a role of another account than its id"),

  UnknownRegion: error('regions', 'a region AWS does not have: a misspelling, or a well-formed name AWS never opened; with the nearest region'),
  RegionNotInCatalogue: warning('regions', 'a well-formed region the catalogue (2023-09) does not know; AZ and service availability checks are skipped'),
  CrossRegionSpoke: warning('regions', 'a spoke in another region than its hub: inter-region peering is billed per GB'),
  MixedPartitions: error('regions', "a region of another AWS partition (aws-cn, aws-us-gov, ...) than the first hub's: nothing crosses partitions"),
  ArnPartitionMismatch: error('regions', "an ARN (roleArn, organizationArn, principal, flow-log destination) of another partition than the config's regions"),

  InvalidCidr: error('cidrs', 'not an IPv4 CIDR (or a number with a leading zero)'),
  NonCanonicalCidr: error('cidrs', 'host bits set (10.1.0.5/16); the canonical form is suggested'),
  CidrPrefix: error('cidrs', 'a prefix outside /16 to /28, the range of VPC CIDR blocks'),
  PublicCidr: error('cidrs', 'a range outside private address space, or 0.0.0.0/0'),
  CidrOverlap: error('cidrs', 'two ranges of one hub network overlap (hub, spokes, primary and secondary, IPv4 or IPv6); both sides are named'),
  HubCidrTooSmall: error('cidrs', 'the hub CIDR cannot hold one endpoint subnet per AZ'),
  SecondaryCidrRestricted: error('cidrs', "a secondary CIDR AWS does not associate with a VPC created in the primary's range (another RFC 1918 range, or RFC 1918 for a VPC outside it)"),
  ClientCidrTooWide: error('cidrs', 'a client range wider than /8 (0.0.0.0/0 included): it would admit much of the internet to the endpoints'),
  ClientCidrInsideNetwork: error('cidrs', "a client range inside the hub VPC or one of its spokes: those addresses are the VPC's, admitted by its own rule"),

  TooFewAzs: error('azs', 'fewer than two availability zones (endpoints need two for resilience)'),
  DuplicateAz: error('azs', 'an availability zone listed twice'),
  MixedAzForms: warning('azs', 'AZ names and AZ ids mixed in one list: a name may be the same zone as an id'),
  AzNotInRegion: error('azs', "an AZ name or AZ id of another region than the hub's"),
  UnknownAz: error('azs', 'an AZ name of the hub\'s region that the catalogue does not know (reported once, not per service)'),
  InvalidAz: error('azs', 'neither an AZ name (us-east-1a) nor an AZ id (use1-az1)'),
  UnknownAzId: error('azs', "an AZ id of the region's form that AWS does not have (src/catalogue/az-ids.ts)"),
  ServiceNotInAz: error('azs', 'the catalogue does not offer a service in a hub AZ (AZ names only: they are account-relative; AZ ids skip the check)'),

  ConflictingField: error('vpcs', 'a field that does not apply: AZs for an existing hub VPC, subnets or route tables for a new one'),
  DuplicateVpc: error('vpcs', 'one VPC given as two spokes'),
  DuplicateRouteTable: error('vpcs', 'a route table listed twice, or by two spokes'),
  SpokeIsHubVpc: error('vpcs', "a spoke whose VPC is its own hub's VPC"),
  DuplicateSubnet: error('vpcs', "an existing hub VPC's endpoint subnet listed twice"),
  InvalidRetention: error('vpcs', 'a flow-log retentionDays that CloudWatch Logs does not offer (PutRetentionPolicy values)'),

  UnknownService: error('services', 'a service the catalogue does not know, with the nearest names'),
  GatewayServiceCentralized: warning('services', 'a service with a free gateway endpoint (s3, dynamodb) centralized through a paid interface endpoint, where a gateway endpoint in each spoke is free (not raised when another hub service needs it as a companion, like s3 for ecr.dkr)'),
  ServiceNotInRegion: error('services', "a catalogue service not offered in the hub's region"),
  DuplicateService: error('services', 'a service listed twice in one hub'),
  NoPrivateDns: error('services', 'a service without private DNS in a mode that needs zones (private-hosted-zones, route53-profile); for iot.data the fix names the account-specific data endpoint to list as privateDnsNames'),
  ZoneCollision: error('services', 'two services (or one custom service twice) need zones of the same name'),
  ZoneShadowsRegion: error('services', 'a zone that would answer for a whole AWS domain or region (amazonaws.com, <region>.amazonaws.com)'),
  InvalidPrivateDnsName: error('services', 'a custom privateDnsNames entry that is not a DNS name'),
  InvalidServiceName: error('services', 'a custom serviceName that is not an endpoint service name'),
  ServiceNameOtherRegion: error('services', "a custom serviceName of another region or partition than the hub's (or with China's cn. prefix elsewhere): an endpoint reaches its own region's services only, and vpce-hub creates no cross-region (service_region) endpoints"),
  IotDataEndpointUrl: warning('dns', "iot.data in endpoint-url mode: AWS IoT Core refuses TLS connections to the endpoint's own name (the server name must be the account's <prefix>-ats.iot.<region>.amazonaws.com), and AWS gives iot.data no private DNS; list it with that name as privateDnsNames in a zone mode"),
  IotDataZoneName: error('services', "an iot.data privateDnsNames entry under amazonaws.com other than the account's ATS data endpoint (<prefix>-ats.iot.<region>.amazonaws.com): IoT clients never connect to it, and iot.<region>.amazonaws.com would capture the IoT control plane and every other IoT endpoint"),
  CompanionMissing: warning('services', "a service whose clients also need another service's endpoint in the same hub (ecr.dkr: s3 and ecr.api; ecs-agent: ecs; ...); src/catalogue/companions.json"),
  WideCaptureName: warning('services', "a service whose private DNS name captures more than its own API (execute-api: every API Gateway call of the region, public APIs included)"),

  OrganizationIdMissing: error('policy', 'endpointPolicy organization without organizationId'),
  InvalidPrincipal: error('policy', 'a principal that is neither a 12-digit account id nor an IAM/STS principal ARN'),
  PolicyNotJson: error('policy', 'a custom policy document that is not valid JSON (the line and column of the document are named)'),
  PolicyInvalid: error('policy', 'a custom policy document without statements, or with a statement that is not an object'),
  PolicyNoPrincipal: error('policy', 'a custom policy statement without Principal'),
  PolicyDuplicateKey: error('policy', 'a JSON key given twice in one object of a custom policy (JSON keeps the last, so AWS never sees the first), or one condition key twice in different case'),
  PolicyVersionInvalid: error('policy', 'a custom policy Version other than 2012-10-17 or 2008-10-17'),
  PolicyElementUnknown: error('policy', 'a custom policy or statement element IAM does not know (element names are case-sensitive)'),
  PolicyElementMissing: error('policy', 'a custom policy statement without Effect, Action/NotAction or Resource/NotResource, or with an empty list or Principal there'),
  PolicyElementConflict: error('policy', 'a custom policy statement with both Action and NotAction, Resource and NotResource, or Principal and NotPrincipal'),
  PolicyElementType: error('policy', 'a custom policy element of the wrong JSON type (a boolean for Effect, a number in Action, a list for Principal, ...)'),
  PolicyEffectInvalid: error('policy', 'a custom policy statement whose Effect is neither Allow nor Deny (case-sensitive)'),
  PolicyPrincipalInvalid: error('policy', 'a custom policy Principal other than "*" or a map of AWS, Service, Federated, CanonicalUser; or an AWS principal that is not an account id or an IAM or STS ARN'),
  PolicyActionInvalid: error('policy', 'a custom policy action that is not "*" or service:Action (wildcards in the action part only)'),
  PolicyResourceInvalid: error('policy', 'a custom policy resource that is not "*" or an ARN with all its fields'),
  PolicyConditionOperator: error('policy', 'a condition operator IAM does not know (operators are case-sensitive), an unknown set qualifier, or Null with IfExists'),
  PolicyConditionKey: error('policy', 'a condition key without its prefix (aws:, s3:, ...)'),
  PolicyConditionValue: error('policy', 'a condition operator without keys, an empty or non-scalar condition value, or a Bool or Null value other than true or false'),
  PolicySidDuplicate: error('policy', 'two statements of a custom policy with the same Sid'),
  PolicyVariablesWithoutVersion: warning('policy', 'a custom policy with policy variables (${...}) but without Version 2012-10-17, so IAM reads them as literal text'),
  PolicyTooLarge: error('policy', 'a custom policy document over 20,480 characters (not adjustable)'),
  PolicySourceVpcIsSpoke: error('policy', "a condition on aws:SourceVpc with a spoke's VPC id; requests come from the hub VPC, so it never matches"),
  PolicySourceIp: warning('policy', 'a condition on aws:SourceIp, which is absent through VPC endpoints (use aws:VpcSourceIp)'),
  PolicyDeniesAwsTraffic: warning('policy', "a custom policy document that denies AWS's own traffic through the hub (federation, AWS-owned buckets, service principals, private APIs), simulated"),
  PolicyNotSupported: warning('policy', 'an endpoint policy is set but a service does not support endpoint policies: it keeps the default'),

  OrganizationMismatch: error('dns', 'organizationArn names another organization than organizationId'),
  ProfileCrossRegion: error('dns', "a route53-profile hub's spoke in another region (profiles are regional)"),
  ZoneConflictOnVpc: error('dns', "a hub VPC made a zone-mode spoke of another hub: two zones of one name on one VPC"),
  KeepZoneAssociationsMode: error('dns', 'keepZoneAssociations on a hub whose dns is not route53-profile (it is the first step of the migration to a profile)'),
  ProfileMigrationInProgress: warning('dns', 'keepZoneAssociations: spokes answer through both their zone associations and the profile; remove it to finish the migration'),
  ProfileOnePerVpc: warning('dns', 'route53-profile: validate cannot see whether a spoke VPC already has a profile (one per VPC in the API reference; several, by priority, in the newer Developer Guide)'),

  TransitGatewayMissing: error('vpcs', 'connectivity: transit-gateway without a transitGateway section'),
  AttachmentSubnetsMissing: error('vpcs', 'a spoke of a transit-gateway hub without attachmentSubnetIds'),
  TransitGatewayOwnerConflict: error('vpcs', "transitGateway.account names another account than the hub's without transitGateway.id: a created transit gateway lives in the hub's account"),
  TransitGatewayDefaultRouteTablesUnknown: error('vpcs', "an existing transit gateway that accepts attachments of other accounts without transitGateway.defaultRouteTableIds: the accepters undo AWS's default association and propagation on the gateway's default route tables, which the hub-side role must be allowed to touch ([] when the gateway has both defaults disabled)"),
  TransitGatewayDefaultRouteTablesUnlisted: warning('vpcs', "as TransitGatewayDefaultRouteTablesUnknown, but the owner account has no hubSideRoleArn: its full roleArn may touch the default tables, only iam-policy cannot scope a least-privilege role to them"),
  TransitGatewayAutoAcceptDefaults: error('vpcs', 'autoAcceptSharedAttachments on an existing gateway whose default route tables are in use (or not stated), with attachments vpce-hub creates in other accounts: nothing could turn their default propagation off, so their CIDRs would leak into the default table'),
  TransitGatewayRouteTableIsDefault: error('vpcs', "transitGateway.routeTables names one of the gateway's default route tables: the organization's default traffic would share vpce-hub's segment, and the accepters' refresh would flap the association and propagation forever"),
  TransitGatewayAsnInvalid: error('vpcs', "a created transit gateway's amazonSideAsn outside the private ranges CreateTransitGateway accepts (64512-65534, 4200000000-4294967294)"),
  HubAttachmentSubnetInvalid: error('vpcs', "hubAttachmentSubnets: an id where the hub VPC is created or a CIDR where it exists, a CIDR outside the hub CIDR, or an endpoint AZ without an attachment subnet (the endpoints' replies from there could not reach the gateway)"),
  TransitGatewayExistingAttachments: warning('vpcs', "an existing transit gateway with hub or spoke VPCs that adopt no attachment: AWS allows one attachment per VPC and gateway, so one attached already fails the apply (DuplicateTransitGatewayAttachment); the fix names the describe command and the adopt field"),
  TransitGatewayRouteTablesSame: error('vpcs', 'transitGateway.routeTables uses one route table as both hub and spokes table: spokes would reach each other'),
  TransitGatewayCrossRegion: error('vpcs', "a spoke of a transit-gateway hub in another region than the hub (a VPC attaches only in its own region; inter-region TGW peering is out of scope)"),
  DuplicateAttachmentSubnet: error('vpcs', 'a subnet listed twice in attachmentSubnetIds'),
  ResolverCapacityExceeded: error('vpcs', 'onPremises.queriesPerSecond beyond what the inbound resolver takes: one address per endpoint subnet, about 1,500 queries per second each when connection-tracked (per-range), 10,000 untracked'),
  PeeringMigrationNeedsTransitGateway: error('vpcs', 'peeringMigration on a hub that still connects by peering: the migration ends at connectivity: transit-gateway'),
  PeeringMigrationInProgress: warning('vpcs', 'peeringMigration: a peering -> transit gateway migration is between steps (attach: the gateway path is built, routes still use the peerings; move-routes: routes use the gateway, the peerings stay unused); the fix names the next step'),
  OnPremisesNeedsTransitGateway: error('vpcs', 'onPremises on a peering hub: on-premises networks reach the hub through a transit gateway'),
  OnPremisesCidrTooWide: error('cidrs', 'an onPremises range wider than /8'),

  InvalidIpv6Cidr: error('cidrs', 'not an IPv6 CIDR (vpc.ipv6Cidr, subnets[].ipv6Cidr, spokes vpc.ipv6Cidrs)'),
  NonCanonicalIpv6Cidr: error('cidrs', 'an IPv6 CIDR not in the form AWS returns (host bits set, upper case, uncompressed zeros); the canonical form is suggested'),
  Ipv6CidrPrefix: error('cidrs', 'an IPv6 prefix AWS does not give: VPC blocks /44 to /60, subnet blocks /44 to /64, both in steps of /4'),
  Ipv6CidrRange: error('cidrs', 'an IPv6 block in a range no VPC holds (link-local, multicast, loopback, IPv4-mapped, translation prefixes)'),
  Ipv6SubnetOutsideVpc: error('cidrs', "an existing hub subnet's IPv6 block outside the hub VPC's vpc.ipv6Cidr"),
  Ipv4OnlySubnet: error('vpcs', "a dual-stack hub's existing endpoint subnet without ipv6Cidr: a dual-stack endpoint needs IPv4 and IPv6 in every subnet"),
  AaaaWithoutIpv6Path: warning('vpcs', "a dual-stack hub's names answer AAAA to spokes without ipv6Cidrs and to on-premises clients, which have no IPv6 path to the hub: their IPv6 clients time out before falling back to IPv4"),
  Ipv6IgnoredOnIpv4Hub: warning('vpcs', 'IPv6 blocks given for an IPv4-only hub or its spoke: nothing uses them until the hub is ipAddressType: dualstack'),
  ServiceIpv4Only: warning('services', "a service of a dual-stack hub whose endpoint service does not accept IPv6 (catalogue SupportedIpAddressTypes): its endpoint stays IPv4 and its zones get no AAAA records; the fix names the escape hatch (ipAddressTypes)"),

  RamSharingMissing: error('sharing', 'a route53-profile hub (or a hub that creates a transit gateway) has spokes in other accounts but ramSharing does not say how RAM shares with them'),
  RamOrganizationArnMissing: error('sharing', 'ramSharing.shareWith organization without organizationArn'),
  RamOrganizationalUnitsMissing: error('sharing', 'ramSharing.shareWith organizational-units without organizationalUnits'),
  RamOrganizationalUnitsUnused: error('sharing', 'organizationalUnits listed while shareWith is not organizational-units'),
  RamOrganizationalUnitForeign: error('sharing', "an OU ARN of another organization than organizationId's"),
  RamOrganizationSharingDisabled: error('sharing', 'sharing with an organization or OUs while RAM sharing with AWS Organizations is disabled'),
  RamOrganizationSharingUnset: error('sharing', 'shareWith accounts without saying whether RAM sharing with AWS Organizations is enabled (it decides where invitations exist)'),
  RamExternalPrincipalsNotAllowed: error('sharing', 'a spoke account outside the organization while the share does not allow external principals'),
  RamOrganizationUnknown: error('sharing', 'an account marked outsideOrganization while the config names no organization'),

  QuotaRenamed: warning('quotas', 'a quota key under its former name (routesPerTransitGatewayRouteTable): read under its new name, rename it'),
  QuotaExceeded: error('quotas', 'the planned network needs more of an AWS quota than the limit (count, limit and remedy given)'),
  HubSidePolicySplit: warning('quotas', "the hub-side role's policy (vpce-hub iam-policy) is over IAM's 6,144-character managed policy limit: it is split into several managed policies (how many is given), all to be attached to the role"),
  HubSidePolicyTooLarge: warning('quotas', "the hub-side role's policy (vpce-hub iam-policy) needs more managed policies than the 10 a role takes by default even with the spoke VPCs scoped per spoke account and region: raise the role's quota (at most 20), or move spokes to a hub in another account"),
  SecurityGroupCountDerived: warning('quotas', 'spoke CIDR rules are spread over a derived number of endpoint security groups, or will soon need a second one: the hub stack changes when it grows; pin it with endpointSecurityGroups'),

  InternalError: error('internal', 'a validation step crashed: a vpce-hub bug, never expected'),
} as const satisfies Record<string, FindingCodeDoc>;

export type FindingCode = keyof typeof FINDING_CODES;

export function isDocumentedCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_CODES, code);
}
