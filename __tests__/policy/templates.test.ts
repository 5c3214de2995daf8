/**
 * Every template's canonical requests get the decision they must get (must-allow allowed, must-deny
 * denied), for both identity forms and every service with a canonical table; every template of every
 * catalogue service fits the endpoint policy size limit.
 */
import { CATALOGUE_SERVICE_NAMES } from './catalogue-names';
import { evaluatePolicy } from '../../src/policy/evaluate';
import { MAIN_ACTIONS } from '../../src/policy/main-actions';
import { CANONICAL_REQUESTS, type RequestEnv } from '../../src/policy/requests';
import { SERVICE_EXCEPTIONS, templateFor, type TemplateContext } from '../../src/policy/templates';
import { ENDPOINT_POLICY_MAX_CHARACTERS } from '../../src/planning/quotas';

const ORG = 'o-a1b2c3d4e5';
const SERVICES = [...new Set([...Object.keys(MAIN_ACTIONS), ...Object.keys(SERVICE_EXCEPTIONS)])].sort();
const FORMS: Array<[string, TemplateContext['identity']]> = [
  ['organization', { organizationId: ORG }],
  ['principals', { principals: ['arn:aws:iam::222222222222:role/workload', '444444444444'] }],
];
const env = (region: string): RequestEnv => ({ region, organizationId: ORG, member: { arn: 'arn:aws:iam::222222222222:role/workload', account: '222222222222' } });

describe.each(FORMS)('%s templates', (_form, identity) => {
  it.each(SERVICES)('%s: every canonical request gets its decision', (service) => {
    for (const region of ['us-east-1', 'eu-central-1']) {
      const doc = templateFor(service, { region, identity });
      const got = CANONICAL_REQUESTS.flatMap((r) => {
        const req = r.build(env(region), service);
        return req ? [{ id: r.id, decision: evaluatePolicy(doc, req).decision }] : [];
      });
      expect(got.length).toBeGreaterThanOrEqual(4);
      expect(got).toEqual(got.map(({ id }) => ({ id, decision: CANONICAL_REQUESTS.find((r) => r.id === id)?.expect })));
    }
  });
});

it('names the statement that lets each of AWS own callers through', () => {
  const e = env('us-east-1');
  const allowedBy = (service: string, id: string) => {
    const req = CANONICAL_REQUESTS.find((r) => r.id === id)?.build(e, service);
    return req && evaluatePolicy(templateFor(service, { region: 'us-east-1', identity: { organizationId: ORG } }), req);
  };
  expect(allowedBy('sts', 'sts-web-identity')).toEqual({ decision: 'allow', statement: 'AllowFederatedRoleAssumption' });
  expect(allowedBy('sts', 'sts-saml')).toEqual({ decision: 'allow', statement: 'AllowFederatedRoleAssumption' });
  expect(allowedBy('s3', 'ecr-layer-download')).toEqual({ decision: 'allow', statement: 'AllowReadsOfAwsOwnedBuckets' });
  expect(allowedBy('s3', 'ssm-agent-download')).toEqual({ decision: 'allow', statement: 'AllowReadsOfAwsOwnedBuckets' });
  expect(allowedBy('s3', 'cloudwatch-agent-download')).toEqual({ decision: 'allow', statement: 'AllowReadsOfAwsOwnedBuckets' });
  expect(allowedBy('sqs', 'aws-service-principal')).toEqual({ decision: 'allow', statement: 'AllowAwsServicePrincipals' });
  expect(allowedBy('execute-api', 'private-api-unsigned')).toEqual({ decision: 'allow', statement: 'AllowUnsignedPrivateApiInvoke' });
  // The old single-statement organization policy denies every one of them: the finding of issue 8.
  const old = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: '*' as const, Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }] };
  for (const [service, id] of [['sts', 'sts-web-identity'], ['s3', 'ecr-layer-download'], ['s3', 'ssm-agent-download'], ['sqs', 'aws-service-principal'], ['execute-api', 'private-api-unsigned']]) {
    const req = CANONICAL_REQUESTS.find((r) => r.id === id)?.build(e, service);
    expect([id, req && evaluatePolicy(old, req).decision]).toEqual([id, 'deny']);
  }
});

it("writes CloudFormation's response buckets for the region, without dashes for custom resources (CloudFormation User Guide, interface endpoints)", () => {
  const doc = templateFor('s3', { region: 'us-west-2', identity: { organizationId: ORG } });
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  expect(statements.find((s) => s.Sid === 'AllowCloudFormationResponses')).toEqual({
    Sid: 'AllowCloudFormationResponses',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: ['arn:aws:s3:::cloudformation-custom-resource-response-uswest2/*', 'arn:aws:s3:::cloudformation-waitcondition-us-west-2/*'],
  });
  const reads = statements.find((s) => s.Sid === 'AllowReadsOfAwsOwnedBuckets');
  // The data-perimeter examples' groups (CodeDeploy, Image Builder, EMR, MGN/DRS, enclave certificates), region filled in.
  for (const arn of ['arn:aws:s3:::aws-codedeploy-us-west-2/*', 'arn:aws:s3:::ec2imagebuilder-managed-resources-us-west-2-prod/components/*', 'arn:aws:s3:::repo.us-west-2.emr.amazonaws.com/*', 'arn:aws:s3:::aws-mgn-clients-us-west-2/*', 'arn:aws:s3:::aws-drs-clients-us-west-2/*', 'arn:aws:s3:::aws-ec2-enclave-certificate-us-west-2-prod/*']) {
    expect(reads?.Resource).toContain(arn);
  }
  // Nothing with an identifier we cannot know (a wildcard bucket name would match anyone's bucket).
  expect(JSON.stringify(reads?.Resource)).not.toMatch(/[{}<>]|:::[^/"]*\*/);
});

it('keeps every template of every catalogue service within the 20,480-character limit', () => {
  for (const service of CATALOGUE_SERVICE_NAMES) {
    for (const [, identity] of FORMS) {
      const size = JSON.stringify(templateFor(service, { region: 'ap-southeast-2', identity })).length;
      expect([service, size <= ENDPOINT_POLICY_MAX_CHARACTERS]).toEqual([service, true]);
    }
  }
});
