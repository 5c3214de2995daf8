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
 * Objects of S3 buckets owned by AWS that instances, agents and AWS services read through the S3
 * endpoint, `{region}` (us-east-1) filled in. Requests to them are signed by an AWS-owned principal
 * (presigned URLs: ECR layers, MGN/DRS installers, Lambda packages, CodeArtifact) or unsigned (agent and
 * package downloads), so `aws:PrincipalOrgID` never matches them. Each group names its source:
 * - the list AWS's data-perimeter examples keep, vpc_endpoint_policies/s3_endpoint_policy.json
 *   ("AllowRequestsToAWSOwnedResources") and service_owned_resources.md in
 *   github.com/aws-samples/data-perimeter-policy-examples, which cites each service's page. Left out:
 *   buckets whose name holds an identifier or account we cannot know (CodeArtifact's
 *   `assets-<account>-<region>`, Cloud9's `static-<region>-prod-static-<string>`, Service Catalog,
 *   Glue Studio, Q Developer, Data Exchange, Synthetics): a wildcard there would match anyone's bucket;
 * - ECR layers: https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
 * - SSM Agent: https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-technical-details.html
 * - CloudWatch agent: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-cloudwatch-agent-commandline.html
 * - Amazon Linux repositories: https://docs.aws.amazon.com/linux/al2/ug/al2-live-patching.html,
 *   https://docs.aws.amazon.com/linux/al2023/ug/live-patching.html
 */
export const AWS_OWNED_OBJECTS: ReadonlyArray<{ objects: readonly string[]; source: string }> = [
  { source: 'Amazon ECR image layers', objects: ['prod-{region}-starport-layer-bucket/*'] },
  {
    source: 'AWS Systems Manager (agent, packages, Distributor, documents, Patch Manager)',
    objects: [
      'aws-ssm-{region}/*',
      'amazon-ssm-{region}/*',
      'amazon-ssm-packages-{region}/*',
      '{region}-birdwatcher-prod/*',
      'aws-ssm-distributor-file-{region}/*',
      'aws-ssm-document-attachments-{region}/*',
      'patch-baseline-snapshot-{region}/*',
      'aws-patchmanager-macos-{region}/*',
      'aws-windows-downloads-{region}/*',
      'session-manager-downloads/*',
      'ssm-document-categories/*',
    ],
  },
  { source: 'Amazon CloudWatch agent', objects: ['amazoncloudwatch-agent-{region}/*', 'amazoncloudwatch-agent/*'] },
  {
    source: 'Amazon Linux repositories and kernel live patching',
    objects: ['amazonlinux-2-repos-{region}/*', 'al2023-repos-{region}-de612dc2/*', 'al2023-{region}/*', 'packages.{region}.amazonaws.com/*', 'repo.{region}.amazonaws.com/*', 'amazonlinux.{region}.amazonaws.com/*'],
  },
  { source: 'Amazon EMR repositories', objects: ['repo.{region}.emr.amazonaws.com/*', 'prod.{region}.appinfo.src/*'] },
  { source: 'AWS CodeDeploy agent', objects: ['aws-codedeploy-{region}/*'] },
  { source: 'EC2 Image Builder (AWSTOE, managed components)', objects: ['ec2imagebuilder-toe-{region}-prod/*', 'ec2imagebuilder-managed-resources-{region}-prod/components/*'] },
  {
    source: 'AWS Application Migration Service (MGN) replication agent',
    objects: ['aws-mgn-clients-{region}/*', 'aws-mgn-clients-hashes-{region}/*', 'aws-mgn-internal-{region}/*', 'aws-mgn-internal-hashes-{region}/*', 'aws-application-migration-service-{region}/*', 'aws-application-migration-service-hashes-{region}/*'],
  },
  {
    source: 'AWS Elastic Disaster Recovery (DRS) replication agent',
    objects: ['aws-drs-clients-{region}/*', 'aws-drs-clients-hashes-{region}/*', 'aws-drs-internal-{region}/*', 'aws-drs-internal-hashes-{region}/*', 'aws-elastic-disaster-recovery-{region}/*', 'aws-elastic-disaster-recovery-hashes-{region}/*'],
  },
  { source: 'ACM for Nitro Enclaves certificates', objects: ['aws-ec2-enclave-certificate-{region}-prod/*'] },
  { source: 'AWS Elastic Beanstalk', objects: ['elasticbeanstalk-samples-{region}/*', 'elasticbeanstalk-platform-assets-{region}/*', 'elasticbeanstalk-env-resources-{region}/*', 'elasticbeanstalk-{region}/*'] },
  { source: 'AWS Lambda deployment packages', objects: ['prod-04-2014-tasks/*', 'awslambda-{region}-tasks/*'] },
  { source: 'Amazon SageMaker JumpStart', objects: ['jumpstart-cache-prod-{region}/*'] },
  { source: 'Amazon Neptune notebooks', objects: ['aws-neptune-notebook/*', 'aws-neptune-notebook-{region}/*'] },
  { source: 'Amazon Athena examples', objects: ['athena-examples-{region}/*'] },
  { source: 'CloudFormation helper scripts', objects: ['cloudformation-examples/*'] },
  { source: 'AWS Schema Conversion Tool drivers', objects: ['awssupportdatasvcs.com/*', 'redshift-downloads/*'] },
  { source: 'AWS Data Provider and Backint Agent for SAP', objects: ['aws-sap-data-provider/*', 'aws-sap-dataprovider-{region}/*', 'awssap-backint-agent/*'] },
  { source: 'AWS CLI installers', objects: ['aws-cli/*'] },
];

/**
 * Where CloudFormation receives what resources in the VPC send back: custom resources PUT their
 * response, wait conditions their signal, to a presigned URL of these AWS-owned buckets (signed by an
 * AWS-owned identity, not by a service principal). "If the endpoint policy blocks traffic to these
 * buckets, CloudFormation won't receive responses and the stack operation fails": the custom resource
 * bucket's region has no dashes (uswest2), the wait condition's has.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/vpc-interface-endpoints.html
 */
export const CLOUDFORMATION_RESPONSE_OBJECTS: readonly string[] = ['cloudformation-custom-resource-response-{regionNoDashes}/*', 'cloudformation-waitcondition-{region}/*'];

/** An object pattern of the lists above, for one region. */
export const fillRegion = (pattern: string, region: string): string => pattern.replace(/\{regionNoDashes\}/g, region.replace(/-/g, '')).replace(/\{region\}/g, region);

type StatementKind = 'identity' | 'awsServicePrincipals' | 'federation' | 'awsOwnedBuckets' | 'cloudFormationResponses' | 'privateApis';

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
      Resource: AWS_OWNED_OBJECTS.flatMap((g) => g.objects).map((o) => `arn:${partitionOfRegion(ctx.region)}:s3:::${fillRegion(o, ctx.region)}`),
    },
  ],
  // Writes (only) of CloudFormation's response objects, by anyone: the presigned URL is the credential,
  // and the bucket is CloudFormation's, in this region only.
  cloudFormationResponses: (ctx) => [
    {
      Sid: 'AllowCloudFormationResponses',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: CLOUDFORMATION_RESPONSE_OBJECTS.map((o) => `arn:${partitionOfRegion(ctx.region)}:s3:::${fillRegion(o, ctx.region)}`),
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
  s3: ['awsOwnedBuckets', 'cloudFormationResponses'],
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
