/**
 * AWS's documented constraints on every string argument the stacks emit, one row per (API, argument),
 * each with the API reference page it comes from. Terraform's provider validates only some of them at
 * plan time (it does not validate aws_route53profiles_resource_association.name: provider issue 39793),
 * so a value outside a row passes `terraform plan` and fails at apply with a 400.
 *
 * Used twice: `vpce-hub validate` checks the values the pure plan will generate
 * (planning/emitted-strings.ts, config/validate-aws-strings.ts), and `vpce-hub check` checks every literal
 * value in the synthesized JSON (analysis/rules/aws-string-constraints.ts).
 *
 * Pure data and a checker: no cdktf. To cover a new resource type, add its rows to `ROWS` and name them
 * in `RESOURCE_ARGUMENTS` (and in `TAGS_BY_TYPE` for its tags); the property test
 * (__tests__/properties/aws-strings.test.ts) fails when a string argument in the JSON has no row.
 */

export interface StringConstraint {
  /** Stable id, `<service>.<thing>`. */
  readonly id: string;
  /** What AWS calls the field, as a reader would search for it. */
  readonly field: string;
  readonly minLength: number;
  /** In Unicode characters (code points), as AWS counts them. */
  readonly maxLength: number;
  /** Whole-value pattern (anchored here even where AWS prints it unanchored). */
  readonly pattern?: RegExp;
  /** The allowed characters in words, for messages. */
  readonly allowed: string;
  /** Prefixes AWS reserves (compared case-insensitively). */
  readonly reservedPrefixes?: readonly string[];
  /** Where the value must be unique, or `none`. */
  readonly uniqueness: string;
  readonly source: string;
}

const EC2_SG_CHARS = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/u;
const EC2_SG_ALLOWED = 'a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*';
/** Route 53 Profiles names: `(?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)`, i.e. letters, digits, `-`, `_`, `'`, space; not all digits. */
const PROFILE_NAME = /^(?![0-9]+$)[a-zA-Z0-9\-_' ]+$/u;
const PROFILE_ALLOWED = "letters, digits, hyphens, underscores, apostrophes and spaces, not only digits (no dots)";
const IAM_NAME = /^[\w+=,.@-]+$/u;
const IAM_ALLOWED = 'letters, digits and _+=,.@- (no spaces)';
/** The tag character set of IAM, CloudWatch Logs and the general tagging guidance. */
const TAG_KEY_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const TAG_VALUE_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_ALLOWED = 'Unicode letters, digits, spaces and _.:/=+-@';

const row = (r: StringConstraint): StringConstraint => Object.freeze(r);

export const ROWS = {
  'ec2.security-group.name': row({
    id: 'ec2.security-group.name',
    field: 'CreateSecurityGroup GroupName',
    minLength: 1,
    maxLength: 255,
    pattern: EC2_SG_CHARS,
    allowed: EC2_SG_ALLOWED,
    reservedPrefixes: ['sg-'],
    uniqueness: 'VPC (case-insensitive)',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
  }),
  'ec2.security-group.description': row({
    id: 'ec2.security-group.description',
    field: 'CreateSecurityGroup GroupDescription',
    minLength: 1,
    maxLength: 255,
    pattern: EC2_SG_CHARS,
    allowed: EC2_SG_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
  }),
  'ec2.security-group-rule.description': row({
    id: 'ec2.security-group-rule.description',
    field: 'AuthorizeSecurityGroupIngress IpRange Description',
    minLength: 0,
    maxLength: 255,
    pattern: EC2_SG_CHARS,
    allowed: EC2_SG_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html',
  }),
  'ec2.tag.key': row({
    id: 'ec2.tag.key',
    field: 'EC2 Tag Key',
    minLength: 1,
    maxLength: 127,
    allowed: 'any Unicode characters',
    reservedPrefixes: ['aws:'],
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html',
  }),
  'ec2.tag.value': row({
    id: 'ec2.tag.value',
    field: 'EC2 Tag Value',
    minLength: 0,
    maxLength: 256,
    allowed: 'any Unicode characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html',
  }),
  'iam.role.name': row({
    id: 'iam.role.name',
    field: 'CreateRole RoleName',
    minLength: 1,
    maxLength: 64,
    pattern: IAM_NAME,
    allowed: IAM_ALLOWED,
    uniqueness: 'account (case-insensitive)',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  }),
  'iam.role-policy.name': row({
    id: 'iam.role-policy.name',
    field: 'PutRolePolicy PolicyName',
    minLength: 1,
    maxLength: 128,
    pattern: IAM_NAME,
    allowed: IAM_ALLOWED,
    uniqueness: 'role',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html',
  }),
  'iam.tag.key': row({
    id: 'iam.tag.key',
    field: 'IAM Tag Key',
    minLength: 1,
    maxLength: 128,
    pattern: TAG_KEY_CHARS,
    allowed: TAG_ALLOWED,
    reservedPrefixes: ['aws:'],
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html',
  }),
  'iam.tag.value': row({
    id: 'iam.tag.value',
    field: 'IAM Tag Value',
    minLength: 0,
    maxLength: 256,
    pattern: TAG_VALUE_CHARS,
    allowed: TAG_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html',
  }),
  'sts.role-session-name': row({
    id: 'sts.role-session-name',
    field: 'AssumeRole RoleSessionName',
    minLength: 2,
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/u,
    allowed: 'letters, digits and _=,.@- (no spaces)',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
  }),
  'logs.log-group.name': row({
    id: 'logs.log-group.name',
    field: 'CreateLogGroup logGroupName',
    minLength: 1,
    maxLength: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/u,
    allowed: 'a-z, A-Z, 0-9 and ._-/#',
    reservedPrefixes: ['aws/'],
    uniqueness: 'account and region',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
  }),
  'logs.tag.key': row({
    id: 'logs.tag.key',
    field: 'CloudWatch Logs tag key',
    minLength: 1,
    maxLength: 128,
    pattern: TAG_KEY_CHARS,
    allowed: TAG_ALLOWED,
    reservedPrefixes: ['aws:'],
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html',
  }),
  'logs.tag.value': row({
    id: 'logs.tag.value',
    field: 'CloudWatch Logs tag value',
    minLength: 0,
    maxLength: 256,
    pattern: TAG_VALUE_CHARS,
    allowed: TAG_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html',
  }),
  'route53.hosted-zone.comment': row({
    id: 'route53.hosted-zone.comment',
    field: 'CreateHostedZone HostedZoneConfig Comment',
    minLength: 0,
    maxLength: 256,
    allowed: 'any characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZoneConfig.html',
  }),
  'route53.hosted-zone.name': row({
    id: 'route53.hosted-zone.name',
    field: 'CreateHostedZone Name',
    minLength: 1,
    maxLength: 1024,
    allowed: 'a domain name',
    uniqueness: 'none (private zones of one name may not share a VPC)',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html',
  }),
  'route53.record.name': row({
    id: 'route53.record.name',
    field: 'ResourceRecordSet Name',
    minLength: 1,
    maxLength: 1024,
    allowed: 'a domain name',
    uniqueness: 'hosted zone (with the type)',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html',
  }),
  'route53.tag.key': row({
    id: 'route53.tag.key',
    field: 'Route 53 Tag Key',
    minLength: 1,
    maxLength: 128,
    allowed: 'any characters',
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_Tag.html',
  }),
  'route53.tag.value': row({
    id: 'route53.tag.value',
    field: 'Route 53 Tag Value',
    minLength: 0,
    maxLength: 256,
    allowed: 'any characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_Tag.html',
  }),
  'route53profiles.profile.name': row({
    id: 'route53profiles.profile.name',
    field: 'CreateProfile Name',
    minLength: 0,
    maxLength: 64,
    pattern: PROFILE_NAME,
    allowed: PROFILE_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_CreateProfile.html',
  }),
  'route53profiles.association.name': row({
    id: 'route53profiles.association.name',
    field: 'AssociateProfile Name',
    minLength: 0,
    maxLength: 64,
    pattern: PROFILE_NAME,
    allowed: PROFILE_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html',
  }),
  'route53profiles.resource-association.name': row({
    id: 'route53profiles.resource-association.name',
    field: 'AssociateResourceToProfile Name',
    minLength: 0,
    maxLength: 64,
    pattern: PROFILE_NAME,
    allowed: PROFILE_ALLOWED,
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateResourceToProfile.html',
  }),
  'route53profiles.tag.key': row({
    id: 'route53profiles.tag.key',
    field: 'Route 53 Profiles Tag Key',
    minLength: 1,
    maxLength: 128,
    allowed: 'any characters',
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_Tag.html',
  }),
  'route53profiles.tag.value': row({
    id: 'route53profiles.tag.value',
    field: 'Route 53 Profiles Tag Value',
    minLength: 0,
    maxLength: 256,
    allowed: 'any characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_Tag.html',
  }),
  // RAM documents no length or character limit on a share name (a required string).
  'ram.resource-share.name': row({
    id: 'ram.resource-share.name',
    field: 'CreateResourceShare name',
    minLength: 1,
    maxLength: Number.POSITIVE_INFINITY,
    allowed: 'any characters (no documented limit)',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html',
  }),
  'ram.tag.key': row({
    id: 'ram.tag.key',
    field: 'RAM Tag key',
    minLength: 1,
    maxLength: 128,
    allowed: 'any characters',
    reservedPrefixes: ['aws:'],
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/ram/latest/APIReference/API_Tag.html',
  }),
  'ram.tag.value': row({
    id: 'ram.tag.value',
    field: 'RAM Tag value',
    minLength: 0,
    maxLength: 256,
    allowed: 'any characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/ram/latest/APIReference/API_Tag.html',
  }),
  // CreateTransitGateway documents no length or character limit on Description (a string).
  'ec2.transit-gateway.description': row({
    id: 'ec2.transit-gateway.description',
    field: 'CreateTransitGateway Description',
    minLength: 0,
    maxLength: Number.POSITIVE_INFINITY,
    allowed: 'any characters (no documented limit)',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGateway.html',
  }),
  'route53resolver.endpoint.name': row({
    id: 'route53resolver.endpoint.name',
    field: 'CreateResolverEndpoint Name',
    minLength: 0,
    maxLength: 64,
    pattern: PROFILE_NAME,
    allowed: "letters, digits, hyphens, underscores, apostrophes and spaces, not only digits (no dots)",
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html',
  }),
  'route53resolver.tag.key': row({
    id: 'route53resolver.tag.key',
    field: 'Route 53 Resolver Tag Key',
    minLength: 1,
    maxLength: 128,
    allowed: 'any characters',
    uniqueness: 'resource',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_Tag.html',
  }),
  'route53resolver.tag.value': row({
    id: 'route53resolver.tag.value',
    field: 'Route 53 Resolver Tag Value',
    minLength: 0,
    maxLength: 256,
    allowed: 'any characters',
    uniqueness: 'none',
    source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_Tag.html',
  }),
} as const satisfies Record<string, StringConstraint>;

export type ConstraintId = keyof typeof ROWS;

/** Which row each (Terraform resource type, top-level string argument) is held to. */
export const RESOURCE_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, ConstraintId>>>> = {
  aws_security_group: { name: 'ec2.security-group.name', description: 'ec2.security-group.description' },
  aws_vpc_security_group_ingress_rule: { description: 'ec2.security-group-rule.description' },
  aws_vpc_security_group_egress_rule: { description: 'ec2.security-group-rule.description' },
  aws_iam_role: { name: 'iam.role.name' },
  aws_iam_role_policy: { name: 'iam.role-policy.name' },
  aws_cloudwatch_log_group: { name: 'logs.log-group.name' },
  aws_route53_zone: { name: 'route53.hosted-zone.name', comment: 'route53.hosted-zone.comment' },
  aws_route53_record: { name: 'route53.record.name' },
  aws_route53profiles_profile: { name: 'route53profiles.profile.name' },
  aws_route53profiles_association: { name: 'route53profiles.association.name' },
  aws_route53profiles_resource_association: { name: 'route53profiles.resource-association.name' },
  aws_ram_resource_share: { name: 'ram.resource-share.name' },
  aws_ec2_transit_gateway: { description: 'ec2.transit-gateway.description' },
  aws_route53_resolver_endpoint: { name: 'route53resolver.endpoint.name' },
};

type TagRows = readonly [key: ConstraintId, value: ConstraintId];
const EC2_TAGS: TagRows = ['ec2.tag.key', 'ec2.tag.value'];

/** The tag rows of each taggable resource type we emit (its `tags` and the provider's `default_tags`). */
export const TAGS_BY_TYPE: Readonly<Record<string, TagRows>> = {
  aws_vpc: EC2_TAGS,
  aws_subnet: EC2_TAGS,
  aws_route_table: EC2_TAGS,
  aws_default_security_group: EC2_TAGS,
  aws_security_group: EC2_TAGS,
  aws_vpc_security_group_ingress_rule: EC2_TAGS,
  aws_vpc_security_group_egress_rule: EC2_TAGS,
  aws_vpc_endpoint: EC2_TAGS,
  aws_vpc_peering_connection: EC2_TAGS,
  aws_vpc_peering_connection_accepter: EC2_TAGS,
  aws_flow_log: EC2_TAGS,
  aws_iam_role: ['iam.tag.key', 'iam.tag.value'],
  aws_cloudwatch_log_group: ['logs.tag.key', 'logs.tag.value'],
  aws_route53_zone: ['route53.tag.key', 'route53.tag.value'],
  aws_route53profiles_profile: ['route53profiles.tag.key', 'route53profiles.tag.value'],
  aws_route53profiles_association: ['route53profiles.tag.key', 'route53profiles.tag.value'],
  aws_ram_resource_share: ['ram.tag.key', 'ram.tag.value'],
  // EC2 tags (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html) on the transit gateway resources.
  aws_ec2_transit_gateway: EC2_TAGS,
  aws_ec2_transit_gateway_route_table: EC2_TAGS,
  aws_ec2_transit_gateway_vpc_attachment: EC2_TAGS,
  aws_ec2_transit_gateway_vpc_attachment_accepter: EC2_TAGS,
  aws_route53_resolver_endpoint: ['route53resolver.tag.key', 'route53resolver.tag.value'],
};

/** Each distinct (key row, value row) pair of TAGS_BY_TYPE: what the provider's default_tags must satisfy. */
export function distinctTagRows(): Array<readonly [ConstraintId, ConstraintId]> {
  const seen = new Map<string, readonly [ConstraintId, ConstraintId]>();
  for (const rows of Object.values(TAGS_BY_TYPE)) seen.set(rows.join('|'), rows);
  return [...seen.values()];
}

/** Provider arguments held to a row: the session name of `assume_role`. */
export const PROVIDER_ARGUMENTS: Readonly<Record<string, ConstraintId>> = { 'assume_role.session_name': 'sts.role-session-name' };

/** Counts Unicode characters (code points), as AWS does, not UTF-16 units. */
export const characters = (value: string): number => [...value].length;

/** Why `value` breaks `row`, or undefined when it satisfies it. */
export function violation(row: StringConstraint, value: string): string | undefined {
  const n = characters(value);
  if (n > row.maxLength) return `is ${n} characters long, over the limit of ${row.maxLength}`;
  if (n < row.minLength) return `is ${n} characters long, under the minimum of ${row.minLength}`;
  const reserved = row.reservedPrefixes?.find((p) => value.toLowerCase().startsWith(p));
  if (reserved !== undefined) return `starts with ${reserved}, which AWS reserves`;
  if (row.pattern && !row.pattern.test(value)) {
    // Every pattern here accepts a lone `a`, so `a<c>` failing singles out a forbidden character.
    const pattern = row.pattern;
    const bad = [...new Set([...value].filter((c) => !pattern.test(`a${c}`)))];
    return bad.length > 0 ? `contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; allowed: ${row.allowed}` : `is not allowed: ${row.allowed}`;
  }
  return undefined;
}

/** `ROWS[id]`, as the wider interface. */
export const rowOf = (id: ConstraintId): StringConstraint => ROWS[id];
