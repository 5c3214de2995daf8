/**
 * Endpoint policy templates, per service, after AWS's data-perimeter guidance
 * (github.com/aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/): an identity
 * perimeter (only our organization's principals, or the listed ones) plus the exceptions AWS's own
 * traffic needs to keep working through the hub's endpoints. Each statement has a Sid and says why.
 *
 * We deliberately do not add the guidance's resource perimeter (`aws:ResourceOrgID`): it needs the
 * customer's list of third-party and AWS-owned resources per service, and a wrong guess is an outage.
 * A team that wants it writes a `{ document }` policy, which `prove` simulates the same way.
 *
 * Which services get which exceptions is data (SERVICE_EXCEPTIONS), not code branching on names.
 */
import { partitionOfRegion } from '../config/partitions';
import type { PolicyDocument, PolicyStatement } from './document';

export interface TemplateContext {
  region: string;
  /** The identity perimeter: the organization, or an explicit principal list (`principals` form). */
  identity: { organizationId: string } | { principals: string[] };
}

/**
 * S3 buckets owned by AWS that instances and agents read through the S3 endpoint, `{region}` replaced.
 * Requests to them are signed by an AWS-owned principal (ECR's presigned layer URLs) or unsigned
 * (agent and package downloads), so `aws:PrincipalOrgID` never matches them.
 * - ECR layers: https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 * - SSM Agent: https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-technical-details.html
 * - CloudWatch agent: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-cloudwatch-agent-commandline.html
 * - Amazon Linux repositories: https://docs.aws.amazon.com/linux/al2/ug/al2-live-patching.html,
 *   https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html
 * - the list AWS's data-perimeter examples keep: service_owned_resources.md in aws-samples/data-perimeter-policy-examples
 */
export const AWS_OWNED_BUCKETS: readonly string[] = [
  'prod-{region}-starport-layer-bucket',
  'aws-ssm-{region}',
  'amazon-ssm-{region}',
  'amazon-ssm-packages-{region}',
  '{region}-birdwatcher-prod',
  'aws-ssm-distributor-file-{region}',
  'aws-ssm-document-attachments-{region}',
  'patch-baseline-snapshot-{region}',
  'aws-patchmanager-macos-{region}',
  'aws-windows-downloads-{region}',
  'amazoncloudwatch-agent-{region}',
  'amazoncloudwatch-agent',
  'amazonlinux-2-repos-{region}',
  'al2023-repos-{region}-de612dc2',
  'al2023-{region}',
  'packages.{region}.amazonaws.com',
  'repo.{region}.amazonaws.com',
  'amazonlinux.{region}.amazonaws.com',
];

type StatementKind = 'identity' | 'awsServicePrincipals' | 'federation' | 'awsOwnedBuckets' | 'privateApis';

const STATEMENTS: Record<StatementKind, (ctx: TemplateContext) => PolicyStatement[]> = {
  // The identity perimeter: callers signed by a principal of our organization (or the listed ones).
  // A principal outside it (personal or third-party credentials inside our network) is denied.
  identity: (ctx) =>
    'organizationId' in ctx.identity
      ? [
          {
            Sid: 'AllowOrganizationPrincipals',
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: {
              StringEquals: {
                'aws:PrincipalOrgID': ctx.identity.organizationId,
              },
            },
          },
        ]
      : listedPrincipals(ctx.identity.principals),
  // AWS services that call from our network with their own service principal on our behalf carry
  // aws:PrincipalIsAWSService=true and no organization id.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalisawsservice
  awsServicePrincipals: () => [
    {
      Sid: 'AllowAwsServicePrincipals',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
    },
  ],
  // AssumeRoleWithWebIdentity (EKS IRSA, OIDC CI runners) and AssumeRoleWithSAML are unsigned: the
  // token or assertion authenticates, so no aws:Principal* key exists. The role's trust policy decides
  // who may assume it; the endpoint policy must let the call through.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html
  federation: () => [
    {
      Sid: 'AllowFederatedRoleAssumption',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
      Resource: '*',
    },
  ],
  // Reads (only) of the AWS-owned buckets above, by anyone: image layers, agent and package downloads.
  awsOwnedBuckets: (ctx) => [
    {
      Sid: 'AllowReadsOfAwsOwnedBuckets',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: AWS_OWNED_BUCKETS.map((b) => `arn:${partitionOfRegion(ctx.region)}:s3:::${b.replace(/\{region\}/g, ctx.region)}/*`),
    },
  ],
  // A private API called without SigV4 (API key, bearer token, no auth) is evaluated as anonymous;
  // private APIs require a resource policy, which decides who may invoke. Only Invoke, only this
  // region, and only unsigned calls (no aws:PrincipalArn, which every signed request carries): a
  // SigV4 caller from outside the organization stays outside the identity perimeter.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
  privateApis: (ctx) => [
    {
      Sid: 'AllowUnsignedPrivateApiInvoke',
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: `arn:${partitionOfRegion(ctx.region)}:execute-api:${ctx.region}:*:*`,
      Condition: { Null: { 'aws:PrincipalArn': 'true' } },
    },
  ],
};

/**
 * The `principals` form as conditions on `Principal: "*"`: account ids (and `:root` ARNs) by
 * aws:PrincipalAccount, user and role ARNs by aws:PrincipalArn (a role's sessions carry the role's ARN
 * there). Only STS session ARNs stay in the Principal element, which has no condition-key equivalent.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
function listedPrincipals(principals: string[]): PolicyStatement[] {
  const sorted = [...new Set(principals)].sort();
  const accounts = sorted.flatMap((p) => (/^\d{12}$/.test(p) ? [p] : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.slice(1) ?? []));
  const arns = sorted.filter((p) => /^arn:[^:]+:iam::\d{12}:(user|role)\//.test(p));
  const sessions = sorted.filter((p) => /^arn:[^:]+:sts::/.test(p));
  return [
    ...(accounts.length > 0
      ? [
          {
            Sid: 'AllowListedAccounts',
            Effect: 'Allow' as const,
            Principal: '*' as const,
            Action: '*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalAccount': [...new Set(accounts)] },
            },
          },
        ]
      : []),
    ...(arns.length > 0
      ? [
          {
            Sid: 'AllowListedPrincipals',
            Effect: 'Allow' as const,
            Principal: '*' as const,
            Action: '*',
            Resource: '*',
            Condition: { ArnEquals: { 'aws:PrincipalArn': arns } },
          },
        ]
      : []),
    ...(sessions.length > 0
      ? [
          {
            Sid: 'AllowListedSessions',
            Effect: 'Allow' as const,
            Principal: { AWS: sessions },
            Action: '*',
            Resource: '*',
          },
        ]
      : []),
  ];
}

/** Every template starts with these. */
const BASE: readonly StatementKind[] = ['identity', 'awsServicePrincipals'];

/** The exceptions a service's endpoint needs on top of BASE (catalogue names). */
export const SERVICE_EXCEPTIONS: Readonly<Record<string, readonly StatementKind[]>> = {
  sts: ['federation'],
  s3: ['awsOwnedBuckets'],
  'execute-api': ['privateApis'],
};

export function templateFor(service: string, ctx: TemplateContext): PolicyDocument {
  const kinds = [...BASE, ...(SERVICE_EXCEPTIONS[service] ?? [])];
  return {
    Version: '2012-10-17',
    Statement: kinds.flatMap((k) => STATEMENTS[k](ctx)),
  };
}

/** AWS's default endpoint policy: what an endpoint without a policy (or not supporting one) applies. */
export const FULL_ACCESS_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
