/**
 * Endpoint policies: what the API would reject at apply time (no Principal, too large, not JSON), and
 * what would be accepted but never match in this design, where every request reaches the endpoint from
 * the hub VPC: `aws:SourceVpc` is always the hub's and `aws:SourceIp` is absent (domain.md section 6).
 * A custom document is also simulated against AWS's own traffic (federation, AWS-owned buckets,
 * service principals, private APIs; src/policy) and warned about when it denies it.
 */
import { ENDPOINT_POLICY_MAX_CHARACTERS } from '../planning/quotas';
import type { PolicyDocument } from '../policy/document';
import { evaluatePolicy } from '../policy/evaluate';
import { CANONICAL_REQUESTS, type RequestEnv } from '../policy/requests';
import { resolveHubService, serviceName } from '../planning/services';
import type { Finding } from './findings';
import { partitionOfRegion } from './partitions';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { HubConfig, VpceHubConfig } from './schema';
import type { ValidationContext } from './validate';

/** An account id, or the ARN of an account root, IAM user or role, or an STS session. */
const PRINCIPAL = /^(\d{12}|arn:aws(-[a-z]+)*:(iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)|sts::\d{12}:(assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)))$/;

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
        if (!PRINCIPAL.test(p)) {
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

function checkDocument(text: string, path: string, spokes: Map<string, string>): Finding[] {
  const findings: Finding[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return [{ severity: 'error', code: 'PolicyNotJson', path, message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})`, fix: 'write the policy as a JSON string, e.g. in a YAML block scalar (document: |)' }];
  }
  const statements = isObject(doc) ? (Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : doc.Statement === undefined ? [] : [doc.Statement]) : [];
  if (statements.length === 0) {
    return [{ severity: 'error', code: 'PolicyInvalid', path, message: 'is not a policy: a JSON object with a Statement list is expected', fix: 'start from {"Version": "2012-10-17", "Statement": [...]}' }];
  }
  statements.forEach((st, i) => {
    const label = isObject(st) && typeof st.Sid === 'string' ? `statement ${st.Sid}` : `statement ${i}`;
    if (!isObject(st)) {
      findings.push({ severity: 'error', code: 'PolicyInvalid', path, message: `${label} is not a JSON object` });
      return;
    }
    if (!('Principal' in st) && !('NotPrincipal' in st)) {
      findings.push({ severity: 'error', code: 'PolicyNoPrincipal', path, message: `${label} has no Principal; an endpoint policy statement must name one`, fix: 'add "Principal": "*" (and restrict with a Condition) or "Principal": {"AWS": [...]}' });
    }
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
  // What Terraform sends: the planner minifies the document (planning/endpoint-policy.ts).
  const size = JSON.stringify(doc).length;
  if (size > ENDPOINT_POLICY_MAX_CHARACTERS) {
    findings.push({ severity: 'error', code: 'PolicyTooLarge', path, value: `${size} characters`, message: `exceeds the endpoint policy limit of ${ENDPOINT_POLICY_MAX_CHARACTERS} characters (counted without insignificant whitespace), which AWS does not raise`, fix: 'shorten it: fewer statements, account ids instead of many ARNs, or aws:PrincipalOrgID' });
  }
  return findings;
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
