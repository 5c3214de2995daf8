/**
 * Our evaluator against IAM's: every canonical request of every service template (both identity
 * forms), plus hand-written documents using every operator the evaluator claims to support, must get
 * the same decision from src/policy/evaluate.ts and from @cloud-copilot/iam-simulate.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PolicyDocument, PolicyRequest } from '../../src/policy/document';
import { evaluateIdentityPolicies, evaluatePolicy } from '../../src/policy/evaluate';
import { MAIN_ACTIONS } from '../../src/policy/main-actions';
import { CANONICAL_REQUESTS, type RequestEnv } from '../../src/policy/requests';
import { FULL_ACCESS_POLICY, SERVICE_EXCEPTIONS, templateFor, type TemplateContext } from '../../src/policy/templates';
import { oracleDecision } from './oracle';

const ORG = 'o-a1b2c3d4e5';
const REGION = 'eu-west-1';
const SERVICES = [...new Set([...Object.keys(MAIN_ACTIONS), ...Object.keys(SERVICE_EXCEPTIONS)])].sort();
const IDENTITIES: Array<[string, TemplateContext['identity'], RequestEnv['member']]> = [
  ['organization', { organizationId: ORG }, { arn: 'arn:aws:iam::222222222222:role/workload', account: '222222222222' }],
  ['principals', { principals: ['arn:aws:iam::222222222222:role/workload', '333333333333'] }, { arn: 'arn:aws:iam::222222222222:role/workload', account: '222222222222' }],
];

const ours = (doc: PolicyDocument, req: PolicyRequest): string => {
  const d = evaluatePolicy(doc, req);
  return d.decision;
};

describe('the evaluator agrees with iam-simulate on every canonical request of every template', () => {
  for (const [form, identity, member] of IDENTITIES) {
    for (const service of SERVICES) {
      const doc = templateFor(service, { region: REGION, identity });
      const env: RequestEnv = { region: REGION, organizationId: ORG, member };
      const rows = CANONICAL_REQUESTS.flatMap((r) => {
        const req = r.build(env, service);
        return req ? [[r.id, req] as const] : [];
      });
      it(`${form} template of ${service} (${rows.length} requests)`, async () => {
        for (const [id, req] of rows) {
          const oracle = await oracleDecision(doc, req);
          expect({ id, decision: ours(doc, req) }).toEqual({
            id,
            decision: oracle,
          });
        }
      });
    }
  }

  it("AWS's default full-access policy allows every canonical request", async () => {
    const env: RequestEnv = {
      region: REGION,
      organizationId: ORG,
      member: IDENTITIES[0][2],
    };
    for (const service of SERVICES) {
      for (const r of CANONICAL_REQUESTS) {
        const req = r.build(env, service);
        if (!req) continue;
        expect(ours(FULL_ACCESS_POLICY, req)).toBe('allow');
        expect(await oracleDecision(FULL_ACCESS_POLICY, req)).toBe('allow');
      }
    }
  });
});

describe('custom documents: each supported element and operator agrees with iam-simulate', () => {
  const member = 'arn:aws:iam::222222222222:role/workload';
  const signed = (context: Record<string, string | string[]>, action = 'sqs:SendMessage', resource = 'arn:aws:sqs:eu-west-1:222222222222:orders'): PolicyRequest => ({
    principal: { type: 'aws', arn: member },
    action,
    resource,
    resourceAccount: '222222222222',
    context: {
      'aws:PrincipalAccount': '222222222222',
      'aws:PrincipalArn': member,
      ...context,
    },
  });
  // undefined removes an element (NotAction replaces Action).
  const allowWith = (extra: Record<string, unknown>): PolicyDocument => {
    const st: Record<string, unknown> = {
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      ...extra,
    };
    return {
      Version: '2012-10-17',
      Statement: [Object.fromEntries(Object.entries(st).filter(([, v]) => v !== undefined)) as never],
    };
  };
  const cases: Array<[string, PolicyDocument, PolicyRequest]> = [
    ['StringEquals match', allowWith({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }), signed({ 'aws:PrincipalOrgID': ORG })],
    ['StringEquals other value', allowWith({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }), signed({ 'aws:PrincipalOrgID': 'o-other00000' })],
    ['StringEquals key is case-insensitive', allowWith({ Condition: { StringEquals: { 'AWS:principalorgid': ORG } } }), signed({ 'aws:PrincipalOrgID': ORG })],
    ['StringEquals missing key', allowWith({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }), signed({})],
    [
      'StringNotEquals missing key',
      allowWith({
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ORG } },
      }),
      signed({}),
    ],
    [
      'StringNotEquals other value',
      allowWith({
        Condition: {
          StringNotEquals: { 'aws:PrincipalOrgID': [ORG, 'o-second0000'] },
        },
      }),
      signed({ 'aws:PrincipalOrgID': 'o-second0000' }),
    ],
    [
      'StringEqualsIfExists missing key',
      allowWith({
        Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } },
      }),
      signed({}),
    ],
    [
      'StringEqualsIgnoreCase',
      allowWith({
        Condition: {
          StringEqualsIgnoreCase: { 'aws:PrincipalOrgID': ORG.toUpperCase() },
        },
      }),
      signed({ 'aws:PrincipalOrgID': ORG }),
    ],
    [
      'StringLike wildcard',
      allowWith({
        Condition: {
          StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/work*' },
        },
      }),
      signed({}),
    ],
    [
      'StringLike ? wildcard',
      allowWith({
        Condition: {
          StringLike: {
            'aws:PrincipalArn': 'arn:aws:iam::22222222222?:role/workload',
          },
        },
      }),
      signed({}),
    ],
    [
      'StringNotLike',
      allowWith({
        Condition: {
          StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin*' },
        },
      }),
      signed({}),
    ],
    [
      'StringNotLikeIfExists present',
      allowWith({
        Condition: {
          StringNotLikeIfExists: {
            'aws:PrincipalArn': 'arn:aws:iam::*:role/work*',
          },
        },
      }),
      signed({}),
    ],
    [
      'ArnLike',
      allowWith({
        Condition: {
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/*' },
        },
      }),
      signed({}),
    ],
    ['ArnEquals', allowWith({ Condition: { ArnEquals: { 'aws:PrincipalArn': member } } }), signed({})],
    [
      'ArnNotLike',
      allowWith({
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/*',
          },
        },
      }),
      signed({}),
    ],
    [
      'Bool true',
      allowWith({
        Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
      }),
      signed({ 'aws:PrincipalIsAWSService': 'true' }),
    ],
    [
      'Bool false',
      allowWith({
        Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
      }),
      signed({ 'aws:PrincipalIsAWSService': 'false' }),
    ],
    [
      'BoolIfExists missing',
      allowWith({
        Condition: { BoolIfExists: { 'aws:ViaAWSService': 'false' } },
      }),
      signed({}),
    ],
    ['Null true on missing key', allowWith({ Condition: { Null: { 'aws:PrincipalOrgID': 'true' } } }), signed({})],
    ['Null false on missing key', allowWith({ Condition: { Null: { 'aws:PrincipalOrgID': 'false' } } }), signed({})],
    [
      'ForAnyValue:StringLike',
      allowWith({
        Condition: {
          'ForAnyValue:StringLike': {
            'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*',
          },
        },
      }),
      signed({
        'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'],
      }),
    ],
    [
      'ForAnyValue:StringEquals no match',
      allowWith({
        Condition: {
          'ForAnyValue:StringEquals': {
            'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/',
          },
        },
      }),
      signed({ 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-x/'] }),
    ],
    [
      'ForAllValues:StringEquals missing key',
      allowWith({
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
      signed({}),
    ],
    [
      'ForAllValues:StringEquals extra value',
      allowWith({
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
      }),
      signed({ 'aws:TagKeys': ['team', 'cost'] }),
    ],
    [
      'two keys are ANDed',
      allowWith({
        Condition: {
          StringEquals: {
            'aws:PrincipalOrgID': ORG,
            'aws:PrincipalAccount': '333333333333',
          },
        },
      }),
      signed({ 'aws:PrincipalOrgID': ORG }),
    ],
    ['Action wildcard, case-insensitive', allowWith({ Action: 'SQS:send*' }), signed({})],
    ['Action mismatch', allowWith({ Action: ['sqs:Receive*', 'sqs:Delete*'] }), signed({})],
    ['NotAction', allowWith({ Action: undefined, NotAction: 'sqs:Delete*' }), signed({})],
    ['NotAction excludes', allowWith({ Action: undefined, NotAction: 'sqs:Send*' }), signed({})],
    ['Resource wildcard', allowWith({ Resource: 'arn:aws:sqs:*:222222222222:ord*' }), signed({})],
    ['Resource is case-sensitive', allowWith({ Resource: 'arn:aws:sqs:*:222222222222:Orders' }), signed({})],
    [
      'NotResource',
      allowWith({
        Resource: undefined,
        NotResource: 'arn:aws:sqs:*:*:secret-*',
      }),
      signed({}),
    ],
    [
      'explicit Deny wins',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          {
            Sid: 'NoDeletes',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:SendMessage',
            Resource: '*',
          },
        ],
      },
      signed({}),
    ],
    [
      'Deny conditioned on StringNotEquals org (the perimeter as a Deny)',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: {
              StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
              BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
            },
          },
        ],
      },
      signed({ 'aws:PrincipalOrgID': 'o-other00000' }),
    ],
  ];

  // iam-simulate accepts only `"Principal": "*"` in endpoint policies (our templates use only that);
  // interface endpoints also take AWS and Service principals, which custom documents may use. These
  // expectations come from the Principal element reference:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  const principalCases: Array<[string, PolicyDocument, PolicyRequest, 'allow' | 'deny']> = [
    ['Principal AWS account id', allowWith({ Principal: { AWS: '222222222222' } }), signed({}), 'allow'],
    ['Principal AWS root ARN', allowWith({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } }), signed({}), 'allow'],
    ['Principal AWS other account', allowWith({ Principal: { AWS: ['333333333333'] } }), signed({}), 'deny'],
    ['Principal AWS role ARN', allowWith({ Principal: { AWS: member } }), signed({}), 'allow'],
    ['Principal AWS * and anonymous', allowWith({ Principal: { AWS: '*' } }), { ...signed({}), principal: { type: 'anonymous' }, context: {} }, 'allow'],
    [
      'Principal Service',
      allowWith({ Principal: { Service: 'sns.amazonaws.com' } }),
      {
        ...signed({ 'aws:PrincipalIsAWSService': 'true' }),
        principal: { type: 'service', service: 'sns.amazonaws.com' },
      },
      'allow',
    ],
    [
      'Principal Service other',
      allowWith({ Principal: { Service: 'events.amazonaws.com' } }),
      {
        ...signed({ 'aws:PrincipalIsAWSService': 'true' }),
        principal: { type: 'service', service: 'sns.amazonaws.com' },
      },
      'deny',
    ],
    ['Principal AWS vs anonymous', allowWith({ Principal: { AWS: '222222222222' } }), { ...signed({}), principal: { type: 'anonymous' }, context: {} }, 'deny'],
    [
      'Deny with NotPrincipal (everyone but the listed account)',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: '333333333333' },
            Action: '*',
            Resource: '*',
          },
        ],
      },
      signed({}),
      'deny',
    ],
    [
      'a role session matched by its role ARN',
      allowWith({ Principal: { AWS: member } }),
      {
        ...signed({}),
        principal: {
          type: 'aws',
          arn: 'arn:aws:sts::222222222222:assumed-role/workload/i-0123',
        },
      },
      'allow',
    ],
  ];
  it.each(principalCases)('%s', (_name, doc, req, expected) => {
    expect(evaluatePolicy(doc, req).decision).toBe(expected);
  });
  it.each(cases)('%s', async (_name, doc, req) => {
    const d = evaluatePolicy(doc, req);
    expect(d.decision).not.toBe('cannot-evaluate');
    expect(d.decision).toBe(await oracleDecision(doc, req));
  });
});

describe('what the evaluator does not know, it says', () => {
  const req: PolicyRequest = {
    principal: { type: 'aws', arn: 'arn:aws:iam::222222222222:role/x' },
    action: 'sqs:SendMessage',
    resource: '*',
    resourceAccount: '222222222222',
    context: {},
  };
  it.each([
    ['NumericLessThan', { NumericLessThan: { 's3:max-keys': '10' } }, 'operator NumericLessThan'],
    ['IpAddress', { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }, 'operator IpAddress'],
    ['a policy variable', { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } }, 'policy variables'],
  ])('%s -> cannot-evaluate naming the element', (_n, condition, element) => {
    const d = evaluatePolicy(
      {
        Statement: [
          {
            Sid: 'Odd',
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: condition as never,
          },
        ],
      },
      req
    );
    expect(d).toMatchObject({ decision: 'cannot-evaluate', statement: 'Odd' });
    expect(d.decision === 'cannot-evaluate' && d.element).toContain(element);
  });

  it('a Federated principal -> cannot-evaluate; a certain Deny still decides', () => {
    const fed = {
      Effect: 'Allow' as const,
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: '*',
      Resource: '*',
    };
    expect(evaluatePolicy({ Statement: [fed] }, req)).toMatchObject({
      decision: 'cannot-evaluate',
      element: expect.stringContaining('Federated'),
    });
    expect(
      evaluatePolicy(
        {
          Statement: [
            fed,
            {
              Sid: 'D',
              Effect: 'Deny',
              Principal: '*',
              Action: '*',
              Resource: '*',
            },
          ],
        },
        req
      )
    ).toEqual({ decision: 'deny', explicit: true, statement: 'D' });
  });

  it('an identity policy naming a principal -> cannot-evaluate; one without is evaluated for the identity it is attached to', () => {
    const request: PolicyRequest = { principal: { type: 'aws', arn: 'arn:aws:sts::111111111111:assumed-role/hub-side/terraform' }, action: 'ec2:CreateRoute', resource: 'arn:aws:ec2:us-east-1:111111111111:route-table/rtb-0123456789abcdef0', resourceAccount: '111111111111', context: { 'aws:ResourceTag/Project': 'acme' } };
    const withPrincipal: PolicyDocument = { Statement: [{ Sid: 'Routes', Effect: 'Allow', Principal: '*', Action: 'ec2:CreateRoute', Resource: '*' }] };
    expect(evaluateIdentityPolicies([withPrincipal], request)).toEqual({ decision: 'cannot-evaluate', statement: 'Routes', element: 'Principal/NotPrincipal: an identity policy cannot name a principal' });
    const scoped: PolicyDocument = { Statement: [{ Sid: 'Routes', Effect: 'Allow', Action: 'ec2:CreateRoute', Resource: 'arn:aws:ec2:us-east-1:111111111111:route-table/*', Condition: { StringEquals: { 'aws:ResourceTag/Project': 'acme' } } }] };
    expect(evaluateIdentityPolicies([{ Statement: [] }, scoped], request)).toEqual({ decision: 'allow', statement: 'Routes' });
    expect(evaluateIdentityPolicies([scoped], { ...request, context: { 'aws:ResourceTag/Project': 'other' } })).toMatchObject({ decision: 'deny', explicit: false });
    // The same document as an endpoint policy has no Principal: not evaluable there.
    expect(evaluatePolicy(scoped, request).decision).toBe('cannot-evaluate');
  });

  it('a multivalued key under a single-valued operator -> cannot-evaluate', () => {
    const d = evaluatePolicy(
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:TagKeys': 'a' } },
          },
        ],
      },
      { ...req, context: { 'aws:TagKeys': ['a', 'b'] } }
    );
    expect(d.decision).toBe('cannot-evaluate');
  });
});

describe('licence boundary', () => {
  it('nothing under src/ imports the AGPL oracle', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const offenders = files(path.join(__dirname, '../../src')).filter((f) => /(from|require\()\s*['"]@cloud-copilot\//.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
