/**
 * The blast radius of each hub-side role (planning/hub-side-blast-radius.ts), derived from the
 * generated policy: every must-deny case (a foreign attachment, a foreign VPC, the resolver's or the
 * default security group, a foreign RAM principal, ...) is denied by every config's policy; every
 * action the policy grants was probed against a resource vpce-hub does not own; the README's list of
 * what remains is exactly the probes that can remain, each seen allowed in some config; and
 * iam-simulate (AGPL, test-only) agrees with our evaluator on every probe.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { blastRadius, BLAST_RADIUS_MARKERS, blastRadiusCatalogue, PROBES, withBlastRadiusCatalogue } from '../../src/planning/hub-side-blast-radius';
import { actionsOf, hubSideAccounts, hubSidePolicy, type PolicyDocument } from '../../src/planning/hub-side-policy';
import { fittedHubSidePolicy } from '../../src/planning/hub-side-policy-size';
import type { NetworkPlan } from '../../src/planning/plan';
import { evaluateIdentityPolicies } from '../../src/policy/evaluate';
import type { PolicyRequest } from '../../src/policy/document';
import { topologyYaml } from '../../bench/topology';
import { PROJECT_ROOT } from '../support/synth';
import { FIXTURE_CONFIGS, SHIPPED_CONFIGS, VARIANTS } from './configs';

const PLANS: Array<[string, NetworkPlan]> = [
  ...[...SHIPPED_CONFIGS, ...FIXTURE_CONFIGS].map((f): [string, NetworkPlan] => [f, buildPlan(loadConfigFile(path.join(PROJECT_ROOT, f)).config)]),
  ...VARIANTS.map(([n, t]): [string, NetworkPlan] => [n, buildPlan(parseConfigText(t).config)]),
];

/** Each role of a plan with its managed policies, as iam-policy prints them and with the lists scoped per account. */
const roles = (plan: NetworkPlan): Array<[string, 'fitted' | 'account', PolicyDocument[]]> =>
  hubSideAccounts(plan).flatMap((k): Array<[string, 'fitted' | 'account', PolicyDocument[]]> => [
    [k, 'fitted', fittedHubSidePolicy(plan, k).documents],
    [k, 'account', [hubSidePolicy(plan, k, 'account')]],
  ]);

describe.each(PLANS)('%s', (_name, plan) => {
  it('denies every must-deny case, and probes every action the policy grants against a resource vpce-hub does not own', () => {
    for (const [account, form, docs] of roles(plan)) {
      const r = blastRadius(plan, account, docs);
      expect({ account, form, violations: r.violations }).toEqual({ account, form, violations: [] });
      // Per VPC, no VPC of a spoke account or region but the spokes' own is reachable.
      if (form === 'fitted' && fittedHubSidePolicy(plan, account).scoping === 'vpc') expect(r.items.map((i) => i.id).filter((id) => id === 'zone-region-vpc' || id === 'peering-spoke-account-vpc')).toEqual([]);
      const granted = [...new Set(docs.flatMap((d) => [...actionsOf(d)]))].sort();
      expect({ account, form, unprobed: granted.filter((a) => !r.probedActions.has(a)) }).toEqual({ account, form, unprobed: [] });
    }
  });
});

describe("the issue's must-deny cases are tried where they apply, and denied", () => {
  const plan = (file: string) => buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
  const tried = (p: NetworkPlan, account: string, id: string) => {
    const probe = PROBES.find((x) => x.id === id);
    expect(probe?.mustDeny).toBe(true);
    const docs = fittedHubSidePolicy(p, account).documents;
    const attempts = probe?.attempts({ plan: p, accountKey: account, accountId: p.stacks.find((s) => s.account.key === account)?.account.id as string, hubs: p.hubs.filter((h) => h.account.key === account), owned: p.hubs.filter((h) => h.transitGateway?.owner.key === account), unscopedReads: [] }) ?? [];
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) expect(attempt.map((r) => evaluateIdentityPolicies(docs, r).decision)).toContain('deny');
  };
  it('a foreign attachment (another team tagged it), a route table not the hub\'s: transit gateway owner', () => {
    tried(plan('examples/transit-gateway/vpce-hub.yaml'), 'network', 'attachment-foreign-tagged');
    tried(plan('examples/transit-gateway/vpce-hub.yaml'), 'network', 'gateway-foreign-table');
    tried(buildPlan(parseConfigText(VARIANTS[1][1]).config), 'network', 'attachment-foreign-tagged');
  });
  it('a foreign VPC: peering requests and zone authorizations', () => {
    tried(plan('vpce-hub.yaml'), 'network', 'peering-foreign-account');
    tried(plan('vpce-hub.yaml'), 'network', 'zone-foreign-vpc');
    tried(plan('examples/existing-hub-vpc/vpce-hub.yaml'), 'network', 'peering-foreign-account');
  });
  it("the resolver's group, the default group, another team's group, the hub stack's own rules", () => {
    for (const id of ['sg-resolver-group', 'sg-default-group', 'sg-foreign-group', 'sg-hub-rule', 'rule-foreign-tags', 'route-foreign-table']) tried(plan('examples/hybrid/vpce-hub.yaml'), 'network', id);
  });
  it('a foreign RAM principal, or a resource added to a share', () => {
    tried(plan('examples/multi-hub/vpce-hub.yaml'), 'network', 'ram-foreign-principal');
  });
});

describe("the README's trust model lists exactly what can remain", () => {
  const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

  it('is the blast-radius catalogue (npx tsx scripts/generate-trust-model.ts rewrites it)', () => {
    expect(README).toContain(BLAST_RADIUS_MARKERS.start);
    expect(README.slice(README.indexOf(BLAST_RADIUS_MARKERS.start), README.indexOf(BLAST_RADIUS_MARKERS.end))).toBe(`${BLAST_RADIUS_MARKERS.start}\n${blastRadiusCatalogue()}\n`);
    expect(withBlastRadiusCatalogue(README)).toBe(README);
  });

  it('lists every item some config leaves, and only those: each listed item is allowed by some tested policy', () => {
    const allowed = new Set<string>();
    const big = buildPlan(parseConfigText(topologyYaml({ spokes: 125, accounts: 125, services: 1, dns: 'private-hosted-zones' })).config);
    for (const [, plan] of [...PLANS, ['125 x 125', big] as [string, NetworkPlan]]) {
      for (const [account, , docs] of roles(plan)) for (const item of blastRadius(plan, account, docs).items) allowed.add(item.id);
    }
    expect([...allowed].sort()).toEqual(PROBES.filter((p) => !p.mustDeny).map((p) => p.id).sort());
  });

  it('gives every item its reason', () => {
    for (const p of PROBES.filter((x) => !x.mustDeny)) expect([p.id, p.why.length > 40]).toEqual([p.id, true]);
  });
});

describe('a split policy leaves exactly what the whole one does', () => {
  it('125 spokes in 125 accounts: the same blast radius from the managed policies as from one document', () => {
    const plan = buildPlan(parseConfigText(topologyYaml({ spokes: 125, accounts: 125, services: 1, dns: 'private-hosted-zones' })).config);
    const fitted = fittedHubSidePolicy(plan, 'network');
    expect(fitted.documents.length).toBeGreaterThan(1);
    const strip = (r: ReturnType<typeof blastRadius>) => r.items.map(({ id, actions }) => ({ id, actions }));
    expect(strip(blastRadius(plan, 'network', fitted.documents))).toEqual(strip(blastRadius(plan, 'network', [hubSidePolicy(plan, 'network', fitted.scoping)])));
  });
});

describe('iam-simulate agrees with our evaluator on every probe', () => {
  async function oracle(docs: readonly PolicyDocument[], r: PolicyRequest): Promise<'allow' | 'deny'> {
    const account = r.resourceAccount;
    const result = await runSimulation(
      {
        request: { principal: `arn:aws:iam::${account}:role/hub-side`, action: r.action, resource: { resource: r.resource, accountId: account }, contextVariables: r.context },
        identityPolicies: docs.map((policy, i) => ({ name: `hub-side-${i + 1}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(`iam-simulate rejected ${r.action} on ${r.resource}: ${JSON.stringify(result.errors)}`);
    return result.overallResult === 'Allowed' ? 'allow' : 'deny';
  }
  it.each(['vpce-hub.yaml', 'examples/existing-hub-vpc/vpce-hub.yaml', 'examples/multi-hub/vpce-hub.yaml', 'examples/transit-gateway/vpce-hub.yaml', 'examples/hybrid/vpce-hub.yaml'])('%s', async (file) => {
    const plan = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
    for (const [account, form, docs] of roles(plan)) {
      const ctx = { plan, accountKey: account, accountId: plan.stacks.find((s) => s.account.key === account)?.account.id as string, hubs: plan.hubs.filter((h) => h.account.key === account), owned: plan.hubs.filter((h) => h.transitGateway?.owner.key === account), unscopedReads: [...new Set(docs.flatMap((d) => d.Statement.filter((s) => s.Resource.includes('*')).flatMap((s) => s.Action)))] };
      for (const probe of PROBES) {
        for (const attempt of probe.attempts(ctx)) {
          for (const r of attempt) {
            const ours = evaluateIdentityPolicies(docs, r).decision;
            expect({ account, form, probe: probe.id, action: r.action, resource: r.resource, decision: await oracle(docs, r) }).toEqual({ account, form, probe: probe.id, action: r.action, resource: r.resource, decision: ours });
          }
        }
      }
    }
  });
});
