/**
 * The canonical requests every endpoint policy is simulated against, with the decision each must
 * get. They are the traffic a hub's endpoints carry in practice: our workloads, AWS's own callers
 * (service principals, federation, AWS-owned buckets, private APIs), and what the identity perimeter
 * exists to stop (principals outside the organization, unsigned calls of our APIs).
 */
import { partitionOfRegion } from '../config/partitions';
import type { PolicyRequest, RequestPrincipal } from './document';
import { MAIN_ACTIONS } from './main-actions';

export interface RequestEnv {
  region: string;
  organizationId: string | undefined;
  /** The identity a workload of ours signs with: a role in a member account, or a listed principal. */
  member: { arn: string; account: string };
  /** An account and organization that are not ours: chosen so that they appear nowhere in the config (outsiderOf). */
  outsider?: { account: string; organizationId: string };
}

export interface CanonicalRequest {
  id: string;
  title: string;
  expect: 'allow' | 'deny';
  /** The request for one service, or undefined when the row does not apply to it. */
  build: (env: RequestEnv, service: string) => PolicyRequest | undefined;
}

/** An account and organization that are not ours (documentation-style placeholders), unless the config uses them. */
export const OUTSIDE_ACCOUNT = '999999999999';
export const OUTSIDE_ORGANIZATION = 'o-outside0000';

/**
 * The outsider of a config: the first account id counting down from 999999999999, and the first
 * organization id from o-outside0000 on, that appear nowhere in it (as text, in any field). A config
 * that allows 999999999999 by name would otherwise see the "outside principal" row allowed: a false
 * broken cell in `prove` and a blocked review.
 */
export function outsiderOf(config: unknown): { account: string; organizationId: string } {
  const text = JSON.stringify(config) ?? '';
  const accounts = new Set(text.match(/\d{12}/g) ?? []);
  let account = Number(OUTSIDE_ACCOUNT);
  while (accounts.has(String(account))) account--;
  let n = 0;
  const org = (i: number) => `o-outside${String(i).padStart(4, '0')}`;
  while (text.includes(org(n))) n++;
  return { account: String(account), organizationId: org(n) };
}

const outsider = (env: RequestEnv) => env.outsider ?? { account: OUTSIDE_ACCOUNT, organizationId: OUTSIDE_ORGANIZATION };
/** Stands for the AWS-owned account behind ECR's presigned layer URLs; it is in no organization of ours. */
export const AWS_OWNED_ACCOUNT = '000000000000';

const fill = (template: string, env: RequestEnv, account: string): string =>
  template
    .replace(/\{partition\}/g, partitionOfRegion(env.region))
    .replace(/\{region\}/g, env.region)
    .replace(/\{account\}/g, account);

function mainApi(env: RequestEnv, service: string, principal: RequestPrincipal, account: string, context: Record<string, string>): PolicyRequest | undefined {
  const main = MAIN_ACTIONS[service];
  if (!main) return undefined;
  return {
    principal,
    action: main.action,
    resource: fill(main.resource, env, account),
    resourceAccount: account,
    context,
  };
}

/** One row that applies only to the listed services. */
const only =
  (services: readonly string[], build: (env: RequestEnv) => PolicyRequest) =>
  (env: RequestEnv, service: string): PolicyRequest | undefined =>
    services.includes(service) ? build(env) : undefined;

/** A row for every service but the listed ones. */
const except =
  (services: readonly string[], build: (env: RequestEnv, service: string) => PolicyRequest | undefined) =>
  (env: RequestEnv, service: string): PolicyRequest | undefined =>
    services.includes(service) ? undefined : build(env, service);

const anonymous: RequestPrincipal = { type: 'anonymous' };

function s3Get(env: RequestEnv, principal: RequestPrincipal, bucket: string, key: string, account: string, context: Record<string, string> = {}, action = 's3:GetObject'): PolicyRequest {
  return {
    principal,
    action,
    resource: `arn:${partitionOfRegion(env.region)}:s3:::${bucket.replace(/\{region\}/g, env.region)}/${key}`,
    resourceAccount: account,
    context,
  };
}

/**
 * CloudFormation's presigned response URL: a PUT signed by an AWS-owned identity (not a service
 * principal) into CloudFormation's bucket of the region.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/vpc-interface-endpoints.html
 */
function cloudFormationPut(env: RequestEnv, bucket: string): PolicyRequest {
  const arn = `arn:${partitionOfRegion(env.region)}:iam::${AWS_OWNED_ACCOUNT}:user/cloudformation-responses`;
  return s3Get(env, { type: 'aws', arn }, bucket, 'arn%3Aaws%3Acloudformation/stack/app/response', AWS_OWNED_ACCOUNT, { 'aws:PrincipalAccount': AWS_OWNED_ACCOUNT, 'aws:PrincipalArn': arn }, 's3:PutObject');
}

export const CANONICAL_REQUESTS: readonly CanonicalRequest[] = [
  {
    id: 'member-principal',
    title: 'our workload calls the main API',
    expect: 'allow',
    build: (env, service) =>
      mainApi(env, service, { type: 'aws', arn: env.member.arn }, env.member.account, {
        ...(env.organizationId ? { 'aws:PrincipalOrgID': env.organizationId } : {}),
        'aws:PrincipalAccount': env.member.account,
        'aws:PrincipalArn': env.member.arn,
      }),
  },
  {
    id: 'outside-principal',
    title: 'a principal outside the organization',
    expect: 'deny',
    build: (env, service) => {
      const { account, organizationId } = outsider(env);
      const arn = `arn:${partitionOfRegion(env.region)}:iam::${account}:role/intruder`;
      return mainApi(env, service, { type: 'aws', arn }, account, {
        'aws:PrincipalOrgID': organizationId,
        'aws:PrincipalAccount': account,
        'aws:PrincipalArn': arn,
      });
    },
  },
  {
    id: 'unsigned-main-api',
    title: 'an unsigned call of the main API',
    expect: 'deny',
    // A private API without SigV4 is a legitimate unsigned call: its own row below.
    build: except(['execute-api'], (env, service) => mainApi(env, service, anonymous, env.member.account, {})),
  },
  {
    id: 'aws-service-principal',
    title: 'an AWS service principal acting for us',
    expect: 'allow',
    build: (env, service) => {
      const main = MAIN_ACTIONS[service];
      if (!main) return undefined;
      const name = `${main.action.split(':')[0]}.amazonaws.com`;
      return mainApi(env, service, { type: 'service', service: name }, env.member.account, {
        'aws:PrincipalIsAWSService': 'true',
        'aws:PrincipalServiceName': name,
      });
    },
  },
  {
    id: 'sts-web-identity',
    title: 'STS web identity (EKS IRSA, OIDC CI), unsigned',
    expect: 'allow',
    build: only(['sts'], (env) => ({
      principal: anonymous,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:${partitionOfRegion(env.region)}:iam::${env.member.account}:role/irsa-app`,
      resourceAccount: env.member.account,
      context: {},
    })),
  },
  {
    id: 'sts-saml',
    title: 'STS SAML federation, unsigned',
    expect: 'allow',
    build: only(['sts'], (env) => ({
      principal: anonymous,
      action: 'sts:AssumeRoleWithSAML',
      resource: `arn:${partitionOfRegion(env.region)}:iam::${env.member.account}:role/sso-admins`,
      resourceAccount: env.member.account,
      context: {},
    })),
  },
  {
    id: 'ecr-layer-download',
    title: "ECR image layer from AWS's layer bucket",
    expect: 'allow',
    build: only(['s3'], (env) => {
      const arn = `arn:${partitionOfRegion(env.region)}:iam::${AWS_OWNED_ACCOUNT}:role/ecr-layer-url`;
      return s3Get(env, { type: 'aws', arn }, 'prod-{region}-starport-layer-bucket', 'sha256/4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1', AWS_OWNED_ACCOUNT, {
        'aws:PrincipalAccount': AWS_OWNED_ACCOUNT,
        'aws:PrincipalArn': arn,
      });
    }),
  },
  {
    id: 'ssm-agent-download',
    title: 'SSM Agent download, unsigned',
    expect: 'allow',
    build: only(['s3'], (env) => s3Get(env, anonymous, 'amazon-ssm-{region}', 'latest/linux_amd64/amazon-ssm-agent.rpm', AWS_OWNED_ACCOUNT)),
  },
  {
    id: 'cloudwatch-agent-download',
    title: 'CloudWatch agent download, unsigned',
    expect: 'allow',
    build: only(['s3'], (env) => s3Get(env, anonymous, 'amazoncloudwatch-agent-{region}', 'amazon_linux/amd64/latest/amazon-cloudwatch-agent.rpm', AWS_OWNED_ACCOUNT)),
  },
  {
    id: 'codedeploy-agent-download',
    title: 'CodeDeploy agent download, unsigned',
    expect: 'allow',
    build: only(['s3'], (env) => s3Get(env, anonymous, 'aws-codedeploy-{region}', 'latest/install', AWS_OWNED_ACCOUNT)),
  },
  {
    id: 'mgn-agent-download',
    title: "MGN replication agent, URL presigned by AWS",
    expect: 'allow',
    build: only(['s3'], (env) => {
      const arn = `arn:${partitionOfRegion(env.region)}:iam::${AWS_OWNED_ACCOUNT}:role/mgn-presigner`;
      return s3Get(env, { type: 'aws', arn }, 'aws-mgn-clients-{region}', 'latest/linux/aws-replication-installer-init', AWS_OWNED_ACCOUNT, { 'aws:PrincipalAccount': AWS_OWNED_ACCOUNT, 'aws:PrincipalArn': arn });
    }),
  },
  {
    id: 'cloudformation-custom-resource-response',
    title: "a custom resource's response to CloudFormation, URL presigned by AWS",
    expect: 'allow',
    build: only(['s3'], (env) => cloudFormationPut(env, `cloudformation-custom-resource-response-${env.region.replace(/-/g, '')}`)),
  },
  {
    id: 'cloudformation-wait-condition',
    title: "a wait condition's signal to CloudFormation, URL presigned by AWS",
    expect: 'allow',
    build: only(['s3'], (env) => cloudFormationPut(env, `cloudformation-waitcondition-${env.region}`)),
  },
  {
    id: 'aws-bucket-write',
    title: 'a write into an AWS-owned bucket no service needs',
    expect: 'deny',
    build: only(['s3'], (env) => s3Get(env, anonymous, 'amazon-ssm-{region}', 'latest/linux_amd64/amazon-ssm-agent.rpm', AWS_OWNED_ACCOUNT, {}, 's3:PutObject')),
  },
  {
    id: 'third-party-public-bucket',
    title: "a third party's public bucket, unsigned",
    expect: 'deny',
    build: only(['s3'], (env) => s3Get(env, anonymous, 'public-datasets-example', 'data.csv', outsider(env).account)),
  },
  {
    id: 'private-api-unsigned',
    title: 'private API call without SigV4',
    expect: 'allow',
    build: only(['execute-api'], (env) => ({
      principal: anonymous,
      action: 'execute-api:Invoke',
      resource: `arn:${partitionOfRegion(env.region)}:execute-api:${env.region}:${env.member.account}:a1b2c3d4e5/prod/GET/orders`,
      resourceAccount: env.member.account,
      context: {},
    })),
  },
];
