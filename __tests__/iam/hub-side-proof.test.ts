/**
 * The sufficiency proof of the hub-side policy (src/analysis/hub-side-proof.ts): for every stack of
 * every shipped config, example, accepted fixture and transit gateway variant, every API call
 * Terraform makes for every resource it creates through a provider of another account (create, read,
 * tag and in-place updates, delete; planning/hub-side-api-calls.ts) is allowed by the managed policies
 * `vpce-hub iam-policy` prints for that account, with the tags the target resources really carry. Each
 * decision of our evaluator is cross-checked against @cloud-copilot/iam-simulate (AGPL, test-only).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { buildTree, loadTree } from '../../src/analysis/tree';
import { proveHubSidePolicies, type HubSideCheck } from '../../src/analysis/hub-side-proof';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { HUB_SIDE_API_CALLS } from '../../src/planning/hub-side-api-calls';
import { hubSideAccounts, type PolicyDocument } from '../../src/planning/hub-side-policy';
import { fittedHubSidePolicy } from '../../src/planning/hub-side-policy-size';
import type { NetworkPlan } from '../../src/planning/plan';
import { topologyYaml } from '../../bench/topology';
import { PROJECT_ROOT, synthConfig, type Synthesized } from '../support/synth';
import { FIXTURE_CONFIGS, SHIPPED_CONFIGS, VARIANTS } from './configs';
import path from 'node:path';

/** The managed policies of every hub-side role, by account id. */
function policiesOf(plan: NetworkPlan): Map<string, PolicyDocument[]> {
  const out = new Map<string, PolicyDocument[]>();
  for (const key of hubSideAccounts(plan)) {
    const id = plan.stacks.find((s) => s.account.key === key)?.account.id as string;
    out.set(id, fittedHubSidePolicy(plan, key).documents);
  }
  return out;
}

function prove(synth: Synthesized, plan: NetworkPlan, policies = policiesOf(plan)) {
  return proveHubSidePolicies(loadTree(synth.outdir), plan, policies);
}

/** iam-simulate's decision for an identity-policy request (the role's managed policies, nothing else). */
async function oracle(docs: readonly PolicyDocument[], c: HubSideCheck): Promise<'allow' | 'deny'> {
  const result = await runSimulation(
    {
      request: { principal: `arn:aws:iam::${c.account}:role/hub-side`, action: c.request.action, resource: { resource: c.request.resource, accountId: c.request.resourceAccount }, contextVariables: c.request.context },
      identityPolicies: docs.map((policy, i) => ({ name: `hub-side-${i + 1}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`iam-simulate rejected ${c.action} on ${c.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed' ? 'allow' : 'deny';
}

/** One request per (action, resource type, context keys): the shapes the proof evaluates. */
function shapes(checks: HubSideCheck[]): HubSideCheck[] {
  const seen = new Map<string, HubSideCheck>();
  for (const c of checks) {
    const key = `${c.action} ${c.resource.replace(/\/[^/]*$/, '')} ${Object.keys(c.request.context).sort().join(',')} ${c.decision.decision}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

const CASES: Array<[string, () => { synth: Synthesized; plan: NetworkPlan }]> = [
  ...[...SHIPPED_CONFIGS, ...FIXTURE_CONFIGS].map((file): [string, () => { synth: Synthesized; plan: NetworkPlan }] => [
    file,
    () => {
      const config = loadConfigFile(path.join(PROJECT_ROOT, file)).config;
      return { synth: synthConfig(config), plan: buildPlan(config) };
    },
  ]),
  ...VARIANTS.map(([name, text]): [string, () => { synth: Synthesized; plan: NetworkPlan }] => [
    name,
    () => {
      const config = parseConfigText(text).config;
      return { synth: synthConfig(config), plan: buildPlan(config) };
    },
  ]),
];

describe.each(CASES)('%s', (_name, make) => {
  it('allows every call Terraform makes through a hub-side provider, and iam-simulate agrees on each kind of request', async () => {
    const { synth, plan } = make();
    try {
      const policies = policiesOf(plan);
      const proof = prove(synth, plan, policies);
      expect(proof.unknown).toEqual([]);
      expect(proof.denied.map((d) => `${d.stack} ${d.address} ${d.action} ${d.resource}`)).toEqual([]);
      for (const c of shapes(proof.checks)) {
        expect({ action: c.action, resource: c.resource, decision: await oracle(policies.get(c.account) ?? [], c) }).toEqual({ action: c.action, resource: c.resource, decision: c.decision.decision });
      }
    } finally {
      synth.cleanup();
    }
  });
});

describe('the proof covers what it claims', () => {
  const text = VARIANTS[1][1];
  const config = parseConfigText(text).config;
  const plan = buildPlan(config);

  it('checks every resource type of the table that the configs use, in every phase', () => {
    const synths = [synthConfig(config), synthConfig(loadConfigFile(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml')).config), synthConfig(parseConfigText(VARIANTS[0][1]).config), synthConfig(loadConfigFile(path.join(PROJECT_ROOT, 'examples/multi-hub/vpce-hub.yaml')).config), synthConfig(loadConfigFile(path.join(PROJECT_ROOT, 'vpce-hub.yaml')).config)];
    try {
      const types = new Set<string>();
      const phases = new Set<string>();
      for (const s of synths) {
        for (const c of prove(s, s.plan).checks) {
          types.add(c.address.split('.')[0]);
          phases.add(`${c.address.split('.')[0]} ${c.phase}`);
        }
      }
      expect([...types].sort()).toEqual(Object.keys(HUB_SIDE_API_CALLS).sort());
      for (const [type, rows] of Object.entries(HUB_SIDE_API_CALLS)) for (const call of rows.calls) expect(phases).toContain(`${type} ${call.phase}`);
    } finally {
      for (const s of synths) s.cleanup();
    }
  });

  it('fails when the policy lacks a call (TagOnCreate without ec2:CreateTags on security group rules)', () => {
    const synth = synthConfig(config);
    try {
      const policies = policiesOf(plan);
      const broken = new Map([...policies].map(([id, docs]) => [id, docs.map((d) => ({ ...d, Statement: d.Statement.filter((s) => s.Sid !== 'TagOnCreate') }))]));
      const denied = prove(synth, plan, broken).denied;
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.every((d) => d.action === 'ec2:CreateTags' && d.request.context['ec2:CreateAction'] === 'AuthorizeSecurityGroupIngress')).toBe(true);
    } finally {
      synth.cleanup();
    }
  });

  it("fails when an auto-accepted attachment lacks the owner's tags (the aws_ec2_tag resources)", () => {
    const synth = synthConfig(config);
    try {
      const tree = loadTree(synth.outdir);
      const documents = Object.fromEntries([...tree.stacks.values()].map((s) => [s.name, JSON.parse(JSON.stringify({ ...synthJson(synth, s.name) }))]));
      for (const doc of Object.values(documents) as Array<{ resource?: Record<string, unknown> }>) delete doc.resource?.aws_ec2_tag;
      const withoutTags = buildTree(documents, { stacks: Object.fromEntries([...tree.stacks.values()].map((s) => [s.name, { workingDirectory: s.workingDirectory }])) });
      const denied = proveHubSidePolicies(withoutTags, plan, policiesOf(plan)).denied;
      expect(new Set(denied.map((d) => d.action))).toEqual(new Set(['ec2:AssociateTransitGatewayRouteTable', 'ec2:DisassociateTransitGatewayRouteTable', 'ec2:EnableTransitGatewayRouteTablePropagation', 'ec2:DisableTransitGatewayRouteTablePropagation']));
    } finally {
      synth.cleanup();
    }
  });

  it('reports a hub-side resource the table has no calls for, never skips it', () => {
    const synth = synthConfig(config);
    try {
      const tree = loadTree(synth.outdir);
      const documents = Object.fromEntries([...tree.stacks.values()].map((s) => [s.name, synthJson(synth, s.name)]));
      const stack = [...tree.stacks.values()].find((s) => s.resources.some((r) => r.type === 'aws_ec2_tag')) as { name: string };
      const doc = documents[stack.name] as { resource: Record<string, Record<string, Record<string, unknown>>> };
      const provider = Object.values(doc.resource.aws_ec2_tag)[0].provider;
      doc.resource.aws_vpc_endpoint = { stray: { provider, vpc_id: 'vpc-0123456789abcdef0', service_name: 'com.amazonaws.eu-west-1.sqs' } };
      const proof = proveHubSidePolicies(buildTree(documents, { stacks: Object.fromEntries([...tree.stacks.values()].map((s) => [s.name, { workingDirectory: s.workingDirectory }])) }), plan, policiesOf(plan));
      expect(proof.unknown).toEqual([{ stack: stack.name, address: 'aws_vpc_endpoint.stray', reason: 'no API calls are listed for aws_vpc_endpoint (planning/hub-side-api-calls.ts)' }]);
    } finally {
      synth.cleanup();
    }
  });

  it('holds for 125 spokes in 125 accounts, whose policy is split over several managed policies', () => {
    const big = topologyYaml({ spokes: 125, accounts: 125, services: 1, dns: 'private-hosted-zones' });
    const bigConfig = parseConfigText(big).config;
    const bigPlan = buildPlan(bigConfig);
    expect(fittedHubSidePolicy(bigPlan, 'network').documents.length).toBeGreaterThan(1);
    const synth = synthConfig(bigConfig);
    try {
      const proof = prove(synth, bigPlan);
      expect(proof.unknown).toEqual([]);
      expect(proof.denied).toEqual([]);
      expect(proof.checks.length).toBeGreaterThan(125 * 10);
    } finally {
      synth.cleanup();
    }
  });
});

function synthJson(synth: Synthesized, stack: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(synth.stacks[stack])) as Record<string, unknown>;
}

describe('adopted attachments (issue 16): the proof models what they carry at each call', () => {
  const config = loadConfigFile(path.join(PROJECT_ROOT, 'examples/organization-transit-gateway/vpce-hub.yaml')).config;
  const plan = buildPlan(config);
  const without = (policies: Map<string, PolicyDocument[]>, sid: string) => new Map([...policies].map(([id, docs]) => [id, docs.map((d) => ({ ...d, Statement: d.Statement.filter((s) => s.Sid !== sid) }))]));

  it("checks the imported accepter's first tag update against the adopted attachment's own tags, and never its creation", () => {
    const synth = synthConfig(config);
    try {
      const checks = prove(synth, plan).checks.filter((c) => c.address === 'aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_payments-prod');
      expect(checks.filter((c) => c.phase === 'create')).toEqual([]);
      const atImport = checks.filter((c) => c.request.context['aws:ResourceTag/Project'] === 'network-team');
      expect(atImport.map((c) => `${c.action} ${c.resource} ${c.decision.decision}`).sort()).toEqual([
        'ec2:CreateTags arn:aws:ec2:eu-central-1:222222222222:transit-gateway-attachment/tgw-attach-0eeeeeeeeeeeeeee1 allow',
        'ec2:DeleteTags arn:aws:ec2:eu-central-1:222222222222:transit-gateway-attachment/tgw-attach-0eeeeeeeeeeeeeee1 allow',
      ]);
    } finally {
      synth.cleanup();
    }
  });

  it('fails without the statements by id (the tag conditions of TagAttachments and UntagOwnAttachments refuse another team\'s tags)', () => {
    const synth = synthConfig(config);
    try {
      const policies = policiesOf(plan);
      for (const sid of ['TagAdoptedAttachments', 'UntagAdoptedAttachments']) {
        const denied = prove(synth, plan, without(policies, sid)).denied;
        expect(new Set(denied.map((d) => `${d.action} ${d.request.context['aws:ResourceTag/Project']}`))).toEqual(new Set([`${sid === 'TagAdoptedAttachments' ? 'ec2:CreateTags' : 'ec2:DeleteTags'} network-team`]));
      }
    } finally {
      synth.cleanup();
    }
  });

  it('fails without the replaced association\'s table (the association disassociates from a table the config does not name)', () => {
    const synth = synthConfig(config);
    try {
      const denied = prove(synth, plan, without(policiesOf(plan), 'ReplaceAssociationsOfAdoptedAttachments')).denied;
      expect(denied.map((d) => `${d.address} ${d.phase} ${d.action}`).sort()).toEqual([
        'aws_ec2_transit_gateway_route_table_association.hub_endpoints create ec2:DisassociateTransitGatewayRouteTable',
        'aws_ec2_transit_gateway_route_table_association.spoke_payments-prod create ec2:DisassociateTransitGatewayRouteTable',
      ]);
    } finally {
      synth.cleanup();
    }
  });
});
