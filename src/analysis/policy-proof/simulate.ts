/**
 * Simulates every hub's endpoint policies against the canonical requests (src/policy/requests.ts)
 * with our evaluator. The documents are the planner's, the same strings synth writes. Pure: no I/O.
 */
import { partitionOfRegion } from '../../config/partitions';
import type { VpceHubConfig } from '../../config/schema';
import { buildPlan } from '../../planning/build-plan';
import { resolveHubService } from '../../planning/services';
import type { PolicyDocument } from '../../policy/document';
import { evaluatePolicy, type Decision } from '../../policy/evaluate';
import { CANONICAL_REQUESTS, outsiderOf, type RequestEnv } from '../../policy/requests';
import { FULL_ACCESS_POLICY } from '../../policy/templates';
import type { HubPolicyProof, PolicyCell, PolicyProof } from './result';

export function provePolicies(config: VpceHubConfig): PolicyProof {
  const plan = buildPlan(config);
  // An outsider that appears nowhere in the config, so allowing 999999999999 by name is no false finding.
  const outsider = outsiderOf(config);
  const hubs: HubPolicyProof[] = plan.hubs.map((hub) => {
    const hubConfig = config.hubs.find((h) => h.name === hub.name);
    const form = policyForm(hubConfig?.endpointPolicy ?? 'default');
    const env: RequestEnv = { region: hub.region, organizationId: config.organizationId, member: memberOf(hubConfig?.endpointPolicy, hub.account.id, hub.region), outsider };
    const services = [...hub.endpoints]
      .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0))
      .map((e) => {
        const entry = hubConfig?.services.find((s) => (typeof s === 'string' ? s : s.name) === e.service);
        const supported = entry === undefined ? true : resolveHubService(entry, hub.region)?.endpointPolicySupported ?? true;
        const kind = !supported ? 'not-supported' : e.policy === undefined ? 'default' : form === 'document' ? 'document' : 'template';
        return { name: e.service, policy: kind as HubPolicyProof['services'][number]['policy'], document: e.policy === undefined ? FULL_ACCESS_POLICY : (JSON.parse(e.policy) as PolicyDocument) };
      });
    const cells: PolicyCell[] = [];
    const used = new Set<string>();
    for (const request of CANONICAL_REQUESTS) {
      for (const svc of services) {
        const req = request.build(env, svc.name);
        if (!req) continue;
        used.add(request.id);
        cells.push(cellOf(svc.name, request.id, request.expect, evaluatePolicy(svc.document, req), svc.policy === 'template'));
      }
    }
    return {
      hub: hub.name,
      policy: form,
      services: services.map(({ name, policy }) => ({ name, policy })),
      requests: CANONICAL_REQUESTS.filter((r) => used.has(r.id)).map(({ id, title, expect }) => ({ id, title, expect })),
      cells,
    };
  });
  const all = hubs.flatMap((h) => h.cells);
  const count = (s: PolicyCell['status']) => all.filter((c) => c.status === s).length;
  const summary = { cells: all.length, broken: count('broken'), unknown: count('unknown'), open: count('open') };
  return { ok: summary.broken === 0 && summary.unknown === 0, summary, hubs };
}

function policyForm(policy: NonNullable<VpceHubConfig['hubs'][number]['endpointPolicy']>): string {
  if (typeof policy === 'string') return policy;
  return 'principals' in policy ? 'principals' : 'document';
}

/** The identity our workloads sign with: a role in the hub's account, or the first listed principal. */
function memberOf(policy: VpceHubConfig['hubs'][number]['endpointPolicy'] | undefined, hubAccount: string, region: string): RequestEnv['member'] {
  const role = (account: string) => ({ arn: `arn:${partitionOfRegion(region)}:iam::${account}:role/workload`, account });
  if (typeof policy !== 'object' || !('principals' in policy)) return role(hubAccount);
  const first = [...policy.principals].sort()[0];
  const account = /^\d{12}$/.test(first) ? first : /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(first)?.[2];
  if (account === undefined) return role(hubAccount);
  return /:(role|user)\//.test(first) ? { arn: first, account } : role(account);
}

function cellOf(service: string, request: string, expect: 'allow' | 'deny', d: Decision, enforced: boolean): PolicyCell {
  const base = { service, request, expect, decision: d.decision };
  if (d.decision === 'cannot-evaluate') return { ...base, status: 'unknown', message: `cannot evaluate statement ${d.statement}: ${d.element}` };
  if (d.decision === expect) return { ...base, status: 'ok' };
  if (d.decision === 'allow') return enforced ? { ...base, status: 'broken', message: `allowed by statement ${d.statement}` } : { ...base, status: 'open' };
  if (d.explicit) return { ...base, status: 'broken', message: `denied by statement ${d.statement}` };
  const near = d.nearMisses.map((m) => `${m.statement} fails on ${m.failed}`).join('; ');
  return { ...base, status: 'broken', message: `no statement allows it${near ? ` (${near})` : ''}` };
}
