/**
 * `vpce-hub prove`'s second matrix: every hub's endpoint policies simulated against the canonical
 * requests. A must-allow request that is denied is a broken cell naming the statement responsible; a
 * custom document is simulated the same way; a service without endpoint policies keeps full access.
 */
import { formatPolicyMarkdown, formatPolicyText, provePolicies, type PolicyProof } from '../../src/analysis/policy-proof';
import { outsiderOf } from '../../src/policy/requests';
import { config, hub, load, spoke } from '../planning/configs';

const ORG = 'o-a1b2c3d4e5';
const cell = (p: PolicyProof, service: string, request: string) => p.hubs[0].cells.find((c) => c.service === service && c.request === request);
const proveOf = (h: Parameters<typeof hub>[0], extra = {}) => provePolicies(load(config([hub(h)], [spoke('a', 'payments', 1)], { organizationId: ORG, ...extra })));

describe('provePolicies', () => {
  it('proves the organization templates: AWS own callers allowed, outsiders denied', () => {
    const p = proveOf({ services: ['sqs', 'sts', 's3', 'execute-api'], endpointPolicy: 'organization' });
    expect(p.ok).toBe(true);
    expect(p.summary).toMatchObject({ broken: 0, unknown: 0, open: 0 });
    expect(cell(p, 'sts', 'sts-web-identity')).toMatchObject({ expect: 'allow', decision: 'allow', status: 'ok' });
    expect(cell(p, 's3', 'ecr-layer-download')).toMatchObject({ decision: 'allow', status: 'ok' });
    expect(cell(p, 'execute-api', 'private-api-unsigned')).toMatchObject({ decision: 'allow', status: 'ok' });
    expect(cell(p, 'sqs', 'outside-principal')).toMatchObject({ expect: 'deny', decision: 'deny', status: 'ok' });
    // Rows that do not apply to a service have no cell.
    expect(cell(p, 'sqs', 'sts-web-identity')).toBeUndefined();
  });

  it("breaks a custom document's must-allow cells and names the statement that denies, or the one that came closest", () => {
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
        { Sid: 'NoFederation', Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithSAML', Resource: '*' },
      ],
    });
    const p = proveOf({ services: ['sts'], endpointPolicy: { document } });
    expect(p.ok).toBe(false);
    expect(cell(p, 'sts', 'sts-saml')).toEqual({ service: 'sts', request: 'sts-saml', expect: 'allow', decision: 'deny', status: 'broken', message: 'denied by statement NoFederation' });
    expect(cell(p, 'sts', 'sts-web-identity')).toMatchObject({ status: 'broken', message: 'no statement allows it (OrgOnly fails on Condition StringEquals aws:PrincipalOrgID)' });
    expect(cell(p, 'sts', 'member-principal')).toMatchObject({ status: 'ok' });
    // A custom document promises no denial: an outsider let through is shown, not broken.
    expect(cell(p, 'sts', 'outside-principal')).toMatchObject({ decision: 'deny', status: 'ok' });
  });

  it('reports what it cannot evaluate instead of guessing, and does not count it as proven', () => {
    const document = JSON.stringify({ Statement: [{ Sid: 'FromOurRanges', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } } }] });
    const p = proveOf({ services: ['sqs'], endpointPolicy: { document } });
    expect(p.ok).toBe(false);
    expect(p.summary.unknown).toBeGreaterThan(0);
    expect(cell(p, 'sqs', 'member-principal')).toMatchObject({ decision: 'cannot-evaluate', status: 'unknown', message: 'cannot evaluate statement FromOurRanges: Condition IpAddress aws:VpcSourceIp: operator IpAddress is not evaluated' });
  });

  it("simulates AWS's default policy for the default form and for services without endpoint policies: outsiders are open, not broken", () => {
    const p = proveOf({ services: ['sqs', 'eks-auth'], endpointPolicy: 'organization' });
    expect(p.hubs[0].services).toEqual([
      { name: 'eks-auth', policy: 'not-supported' },
      { name: 'sqs', policy: 'template' },
    ]);
    expect(cell(p, 'eks-auth', 'outside-principal')).toMatchObject({ decision: 'allow', status: 'open' });
    expect(cell(p, 'sqs', 'outside-principal')).toMatchObject({ decision: 'deny', status: 'ok' });
    const d = proveOf({ services: ['sqs'] });
    expect(d.hubs[0].policy).toBe('default');
    expect(d.ok).toBe(true);
    expect(cell(d, 'sqs', 'outside-principal')).toMatchObject({ status: 'open' });
  });

  it('picks an outsider that appears nowhere in the config: allowing 999999999999 by name is no false broken cell', () => {
    // The old fixed outsider, listed as one of ours: the outside-principal row used to be allowed (broken).
    const p = proveOf({ services: ['sqs', 's3'], endpointPolicy: { principals: ['999999999999', 'arn:aws:iam::222222222222:role/app'] } });
    expect(p.ok).toBe(true);
    expect(cell(p, 'sqs', 'outside-principal')).toMatchObject({ decision: 'deny', status: 'ok' });
    expect(outsiderOf({ principals: ['999999999999', '999999999998'], org: 'o-outside0000' })).toEqual({ account: '999999999997', organizationId: 'o-outside0001' });
    expect(outsiderOf({ accounts: { a: { id: '111111111111' } } })).toEqual({ account: '999999999999', organizationId: 'o-outside0000' });
  });

  it("lets CloudFormation's responses and AWS's agent downloads through the s3 template, and denies a write into an AWS-owned bucket no service needs", () => {
    const p = proveOf({ services: ['s3'], endpointPolicy: 'organization' });
    for (const id of ['cloudformation-custom-resource-response', 'cloudformation-wait-condition', 'codedeploy-agent-download', 'mgn-agent-download']) expect([id, cell(p, 's3', id)?.status]).toEqual([id, 'ok']);
    expect(cell(p, 's3', 'aws-bucket-write')).toMatchObject({ expect: 'deny', decision: 'deny', status: 'ok' });
  });

  it('uses a listed principal as our workload for the principals form', () => {
    const p = proveOf({ services: ['sqs'], endpointPolicy: { principals: ['arn:aws:iam::222222222222:role/app'] } });
    expect(p.ok).toBe(true);
    expect(cell(p, 'sqs', 'member-principal')).toMatchObject({ decision: 'allow', status: 'ok' });
    expect(cell(p, 'sqs', 'outside-principal')).toMatchObject({ decision: 'deny', status: 'ok' });
  });
});

describe('formatting', () => {
  const p = proveOf({ services: ['sqs', 'sts', 'eks-auth'], endpointPolicy: { document: JSON.stringify({ Statement: [{ Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }] }) } });

  // Broken: both federation rows, and the AWS service principal on sqs and sts (OrgOnly lacks its statement).
  it('prints one requests x services table per hub, the broken cells named below it', () => {
    const text = formatPolicyText(p);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Endpoint policies: 4 broken, 0 not evaluable, of 14 canonical requests');
    expect(lines).toContain('hub main: endpointPolicy custom document');
    expect(text).toMatch(/^request\s+expect\s+eks-auth\*\s+sqs\s+sts$/m);
    expect(text).toMatch(/^STS web identity \(EKS IRSA, OIDC CI\), unsigned\s+allow\s+-\s+-\s+✗$/m);
    expect(text).toContain('main sts, STS web identity (EKS IRSA, OIDC CI), unsigned: no statement allows it (OrgOnly fails on Condition StringEquals aws:PrincipalOrgID)');
    expect(text).toContain('* = the service does not support endpoint policies: its endpoint keeps full access');
  });

  it('puts the reason in the Markdown cell', () => {
    const md = formatPolicyMarkdown(p);
    expect(md).toContain('| STS SAML federation, unsigned | allow | - | - | ❌ no statement allows it (OrgOnly fails on Condition StringEquals aws:PrincipalOrgID) |');
    expect(md.split('\n')[0]).toBe('**Endpoint policies: 4 broken, 0 not evaluable, of 14 canonical requests**');
  });
});
