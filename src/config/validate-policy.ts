/**
 * Endpoint policies: what the API would reject at apply time (not JSON, a key given twice, outside the
 * IAM policy grammar as Access Analyzer checks it, no Principal, too large: src/policy/grammar.ts), and
 * what would be accepted but never match in this design, where every request reaches the endpoint from
 * the hub VPC: `aws:SourceVpc` is always the hub's and `aws:SourceIp` is absent (domain.md section 6).
 * A custom document is also simulated against AWS's own traffic (federation, AWS-owned buckets,
 * service principals, private APIs; src/policy) and warned about when it denies it.
 */
import { ENDPOINT_POLICY_MAX_CHARACTERS } from '../planning/quotas';
import type { PolicyDocument } from '../policy/document';
import { AWS_PRINCIPAL, checkPolicyGrammar, parsePolicyJson, statementName } from '../policy/grammar';
import { evaluatePolicy } from '../policy/evaluate';
import { CANONICAL_REQUESTS, type RequestEnv } from '../policy/requests';
import { resolveHubService, serviceName } from '../planning/services';
import type { Finding } from './findings';
import { partitionOfRegion } from './partitions';
import { formatPath, type PathSegment } from './paths';
import { hubOfSpoke } from './resolve';
import type { HubConfig, VpceHubConfig } from './schema';
import type { ValidationContext } from './validate';
import { findDuplicateKeys } from './yaml-duplicate-keys';

export function validatePolicy({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, h) => {
    const at = `${formatPath(['hubs', h], raw)}.endpointPolicy`;
    const policy = hub.endpointPolicy;
    if (policy === 'default') return;
    if (policy === 'organization') {
      if (!config.organizationId) {
        findings.push({ severity: 'error', code: 'OrganizationIdMissing', path: at, value: policy, message: 'restricts callers to the organization, but organizationId is not set', fix: 'set organizationId (o-...) at the top of the file' });
      }
    } else if ('principals' in policy) {
      policy.principals.forEach((p, i) => {
        if (!AWS_PRINCIPAL.test(p)) {
          findings.push({ severity: 'error', code: 'InvalidPrincipal', path: `${at}.principals.${i}`, value: p, message: 'is neither a 12-digit account id nor the ARN of an account root, IAM user or role, or STS session', fix: 'write it like 111111111111 or arn:aws:iam::111111111111:role/app; for everyone use endpointPolicy: default' });
        }
      });
    } else {
      const problems = checkDocument(policy.document, `${at}.document`, spokeVpcIds(config, hub));
      findings.push(...problems);
      if (!problems.some((f) => f.severity === 'error')) findings.push(...deniedAwsTraffic(config, hub, policy.document, `${at}.document`));
    }
    unsupportedServices(hub, formatPath(['hubs', h], raw), findings);
  });
  return findings;
}

/** Spoke VPC ids of a hub, to spot `aws:SourceVpc` conditions that can never match. */
function spokeVpcIds(config: VpceHubConfig, hub: HubConfig): Map<string, string> {
  return new Map(config.spokes.filter((s) => hubOfSpoke(config, s) === hub).map((s) => [s.vpc.id, s.name]));
}

/**
 * A custom document, checked before AWS sees it: JSON syntax (with the line and column), keys given
 * twice (JSON.parse silently keeps the last: a second Condition would drop the first), the IAM
 * policy grammar with a Principal in every statement (src/policy/grammar.ts), the size limit, and
 * conditions that can never match in this design.
 */
function checkDocument(text: string, path: string, spokes: Map<string, string>): Finding[] {
  const parsed = parsePolicyJson(text);
  if (!('doc' in parsed)) {
    return [{ severity: 'error', code: 'PolicyNotJson', path, message: `is not valid JSON: line ${parsed.line}, column ${parsed.column} of the document: ${parsed.reason}`, fix: 'fix the JSON there; write the policy as a JSON string, e.g. in a YAML block scalar (document: |)' }];
  }
  const doc = parsed.doc;
  const findings: Finding[] = duplicateJsonKeys(text, doc, path);
  findings.push(...checkPolicyGrammar(doc, { principal: 'required' }).map((p): Finding => ({ severity: p.severity, code: p.code, path, message: p.message, fix: p.fix })));
  const statements = isObject(doc) ? (Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : isObject(doc.Statement) ? [doc.Statement] : []) : [];
  statements.forEach((st, i) => {
    const label = statementName(st, i);
    if (!isObject(st)) return;
    for (const [key, values] of conditionKeys(st.Condition)) {
      const lower = key.toLowerCase();
      if (lower === 'aws:sourcevpc') {
        for (const v of values) {
          const spoke = spokes.get(v);
          if (spoke !== undefined) {
            findings.push({ severity: 'error', code: 'PolicySourceVpcIsSpoke', path, value: v, message: `${label} conditions aws:SourceVpc on spoke ${spoke}'s VPC; requests reach the endpoint from the hub VPC, so it can never match`, fix: 'restrict by aws:PrincipalOrgID or principals instead, or use the hub VPC id' });
          }
        }
      } else if (lower === 'aws:sourceip') {
        findings.push({ severity: 'warning', code: 'PolicySourceIp', path, message: `${label} conditions on aws:SourceIp, which is absent on requests through a VPC endpoint`, fix: 'use aws:VpcSourceIp (the caller\'s private address) instead' });
      }
    }
  });
  // What Terraform sends: the planner minifies the document (planning/endpoint-policy.ts). AWS counts
  // white space too ("cannot exceed 20,480 characters, including white space",
  // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html), so the minified
  // length is the one that counts.
  const size = JSON.stringify(doc).length;
  if (size > ENDPOINT_POLICY_MAX_CHARACTERS) {
    findings.push({ severity: 'error', code: 'PolicyTooLarge', path, value: `${size} characters`, message: `exceeds the endpoint policy limit of ${ENDPOINT_POLICY_MAX_CHARACTERS} characters (counted without insignificant whitespace), which AWS does not raise`, fix: 'shorten it: fewer statements, account ids instead of many ARNs, or aws:PrincipalOrgID' });
  }
  return findings;
}

/** A JSON key given twice in one object, named with both places in the document (JSON is YAML's flow style). */
function duplicateJsonKeys(text: string, doc: unknown, path: string): Finding[] {
  return findDuplicateKeys(text).duplicates.map((d) => {
    const where = d.path.length === 0 ? 'the document' : d.path[0] === 'Statement' ? inStatement(doc, d.path.slice(1)) : d.path.join('.');
    const first = d.first.line === d.at.line ? `column ${d.first.col} of the same line` : `line ${d.first.line}, column ${d.first.col}`;
    return {
      severity: 'error',
      code: 'PolicyDuplicateKey',
      path,
      value: d.key,
      message: `line ${d.at.line}, column ${d.at.col} of the document: "${d.key}" is given twice in ${where} (first on ${first}); JSON keeps only the last, so AWS would never see the first`,
      fix: `merge the two "${d.key}" into one`,
    };
  });
}

/** `statement AllowOrg's Condition.StringEquals` for a path below Statement. */
function inStatement(doc: unknown, rest: PathSegment[]): string {
  const list = isObject(doc) ? doc.Statement : undefined;
  const [index, inner] = typeof rest[0] === 'number' ? [rest[0], rest.slice(1)] : [0, rest];
  const name = statementName(Array.isArray(list) ? list[index] : list, index);
  return inner.length === 0 ? name : `${name}'s ${inner.join('.')}`;
}

/** Condition keys and their string values: `{ "StringEquals": { "aws:SourceVpc": ["vpc-1"] } }`. */
function conditionKeys(condition: unknown): Array<[string, string[]]> {
  if (!isObject(condition)) return [];
  const out: Array<[string, string[]]> = [];
  for (const block of Object.values(condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const list = Array.isArray(value) ? value : [value];
      out.push([key, list.filter((v): v is string => typeof v === 'string')]);
    }
  }
  return out;
}

/**
 * A custom document simulated (src/policy/evaluate.ts) against the canonical requests AWS's own
 * traffic makes through the hub: federation, AWS-owned buckets, service principals, private APIs.
 * One warning per denied request, naming the services and why; `prove` shows the full matrix.
 */
function deniedAwsTraffic(config: VpceHubConfig, hub: HubConfig, text: string, path: string): Finding[] {
  const account = config.accounts[hub.account]?.id;
  if (account === undefined) return []; // validate-references reports the unknown account
  const doc = JSON.parse(text) as PolicyDocument;
  const env: RequestEnv = { region: hub.region, organizationId: config.organizationId, member: { arn: `arn:${partitionOfRegion(hub.region)}:iam::${account}:role/workload`, account } };
  const services = hub.services.filter((entry) => {
    try {
      return resolveHubService(entry, hub.region)?.endpointPolicySupported ?? false;
    } catch {
      return false;
    }
  });
  const findings: Finding[] = [];
  for (const request of CANONICAL_REQUESTS.filter((r) => r.expect === 'allow' && AWS_TRAFFIC.has(r.id))) {
    const denied = services.flatMap((entry) => {
      const name = serviceName(entry);
      const req = request.build(env, name);
      const d = req && evaluatePolicy(doc, req);
      return d?.decision === 'deny' ? [{ name, why: d.explicit ? `denied by statement ${d.statement}` : 'no statement allows it' }] : [];
    });
    if (denied.length === 0) continue;
    findings.push({
      severity: 'warning',
      code: 'PolicyDeniesAwsTraffic',
      path,
      value: request.title,
      message: `is denied for ${denied.map((d) => `${d.name} (${d.why})`).join(', ')}: this traffic reaches the hub's endpoints too`,
      fix: 'add the statement of the matching template (docs/policies.md), or use endpointPolicy: organization',
    });
  }
  return findings;
}

/** The must-allow canonical requests that are AWS's own traffic (not a workload of ours). */
const AWS_TRAFFIC = new Set(['aws-service-principal', 'sts-web-identity', 'sts-saml', 'ecr-layer-download', 'ssm-agent-download', 'cloudwatch-agent-download', 'private-api-unsigned']);

/** A policy on a service that does not take one is silently not applied (the planner leaves it out). */
function unsupportedServices(hub: HubConfig, hubPath: string, findings: Finding[]): void {
  hub.services.forEach((entry, i) => {
    let supported = true;
    try {
      supported = resolveHubService(entry, hub.region)?.endpointPolicySupported ?? true;
    } catch {
      return; // a malformed custom entry: validate-services reports it
    }
    if (!supported) {
      findings.push({
        severity: 'warning',
        code: 'PolicyNotSupported',
        path: `${hubPath}.services.${i}`,
        value: serviceName(entry),
        message: `does not support endpoint policies: its endpoint keeps AWS's default full-access policy, not hub ${hub.name}'s endpointPolicy`,
        fix: 'control access with IAM or resource policies for this service',
      });
    }
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
