/**
 * The transition proof (src/review/transition): for each kind of change the issue names, the order
 * Terraform may take that cuts a pair off is found, and the make-before-break way of making the same
 * change is accepted. (The one-step DNS switch and its two-step path: dns-migration.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { isObject, type JsonObject } from '../../src/analysis/json-value';
import { buildTree, type SynthTree } from '../../src/analysis/tree';
import { parseConfigText } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import type { NetworkPlan } from '../../src/planning/plan';
import type { ResourceChange, StackChanges } from '../../src/review/changes';
import { applyGraph, downClose } from '../../src/review/transition/apply-graph';
import { proveTransition, type TransitionProof } from '../../src/review/transition';
import { synthesizeToTemp } from '../../src/review/synthesized-config';
import { diffTrees } from '../../src/review/tree-diff';
import { evaluateGate } from '../../src/review/gate';

const ROOT = path.join(__dirname, '../..');
const SHIPPED = readFileSync(path.join(ROOT, 'vpce-hub.yaml'), 'utf8');
const TGW = readFileSync(path.join(ROOT, 'examples/transit-gateway/vpce-hub.yaml'), 'utf8');

function edit(text: string, change: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}

interface Side {
  config: VpceHubConfig;
  plan: NetworkPlan;
  tree: SynthTree;
}

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

function synth(text: string): Side {
  const config = parseConfigText(text, 'vpce-hub.yaml').config;
  const s = synthesizeToTemp(config);
  cleanups.push(s.cleanup);
  return { config, plan: s.plan, tree: s.tree };
}

/** The transition from `base` to `current`; the change set from the tree comparison unless given (a plan's). */
function transition(base: Side, current: Side, stacks?: StackChanges[]): TransitionProof {
  const changes = stacks ?? diffTrees(base.tree, current.tree, current.plan.stacks.map((s) => s.name));
  return proveTransition({ base: base.tree, current: current.tree, stacks: changes, specs: { base: { config: base.config, plan: base.plan }, current: { config: current.config, plan: current.plan } } });
}

const rows = (p: TransitionProof): string[] => [...new Set(p.outages.map((o) => o.row))].sort();

/** A tree whose stacks are `pick`'s choice of resources (and the union of outputs and data) of two trees. */
function blend(a: SynthTree, b: SynthTree, pick: (stack: string, type: string, name: string, inA: JsonObject | undefined, inB: JsonObject | undefined) => JsonObject | undefined): SynthTree {
  const documents: Record<string, unknown> = {};
  const stacks: Record<string, { dependencies: readonly string[] }> = {};
  for (const name of new Set([...a.stacks.keys(), ...b.stacks.keys()])) {
    const sa = a.stacks.get(name);
    const sb = b.stacks.get(name);
    const resource: Record<string, Record<string, JsonObject>> = {};
    const types = new Set([...(sa?.resourcesByType.keys() ?? []), ...(sb?.resourcesByType.keys() ?? [])]);
    for (const type of types) {
      const names = new Set([...(sa?.resourcesByType.get(type) ?? []), ...(sb?.resourcesByType.get(type) ?? [])].map((r) => r.name));
      for (const n of names) {
        const body = pick(name, type, n, sa?.resourcesByAddress.get(`${type}.${n}`)?.body, sb?.resourcesByAddress.get(`${type}.${n}`)?.body);
        if (body) (resource[type] ??= {})[n] = body;
      }
    }
    const ja = sa?.json ?? {};
    const jb = sb?.json ?? {};
    const merge = (k: string) => ({ ...(isObject(ja[k]) ? ja[k] : {}), ...(isObject(jb[k]) ? jb[k] : {}) });
    documents[name] = { ...ja, ...jb, resource, output: merge('output'), data: merge('data') };
    stacks[name] = { dependencies: [...new Set([...(sa?.dependencies ?? []), ...(sb?.dependencies ?? [])])] };
  }
  return buildTree(documents, { stacks });
}

describe('a DNS mode change back (route53-profile -> private-hosted-zones)', () => {
  const zones = SHIPPED;
  const profile = edit(SHIPPED, (doc) => {
    doc.setIn(['ramSharing'], doc.createNode({ shareWith: 'accounts', organizationSharing: 'enabled' }));
    doc.setIn(['hubs', 0, 'dns'], 'route53-profile');
  });
  const both = edit(profile, (doc) => doc.setIn(['hubs', 0, 'keepZoneAssociations'], true));

  it('in one step: the hub stack deletes the profile before the spokes stacks associate their VPCs with the zones again', () => {
    const p = transition(synth(profile), synth(zones));
    expect(rows(p)).toEqual(['analytics-prod', 'payments-prod']);
    expect(p.outages.every((o) => o.stack === 'network' && o.link === 'dns')).toBe(true);
    expect(p.outages[0].witness.destroyed).toContain('aws_route53profiles_profile.hub_main');
  });

  it('in two steps (keepZoneAssociations first, so the direct associations are back before the profile goes): no outage', () => {
    expect(transition(synth(profile), synth(both)).outages).toEqual([]);
    expect(transition(synth(both), synth(zones)).outages).toEqual([]);
  });
});

describe('peering -> transit gateway, and back', () => {
  const gateway = TGW;
  const peering = edit(TGW, (doc) => {
    doc.deleteIn(['hubs', 0, 'connectivity']);
    doc.deleteIn(['hubs', 0, 'transitGateway']);
    for (let i = 0; i < 3; i++) doc.deleteIn(['spokes', i, 'vpc', 'attachmentSubnetIds']);
  });

  it('in one step: routes switch to the gateway before the attachments propagate, and the peering can go first', () => {
    const p = transition(synth(peering), synth(gateway));
    expect(rows(p)).toEqual(['analytics-prod', 'payments-prod', 'tools']);
    // The hub's return route is switched with nothing waiting for the spoke attachment's propagation.
    expect(p.outages.find((o) => o.row === 'payments-prod')?.witness.notCreated).toContain('aws_ec2_transit_gateway_route_table_propagation.spoke_payments-prod_to_hub');
  });

  it('and back in one step: the hub attachment can go before the routes are back on the peering', () => {
    const p = transition(synth(gateway), synth(peering));
    expect(rows(p)).toEqual(['analytics-prod', 'payments-prod', 'tools']);
    expect(p.outages.every((o) => o.stack === 'shared-services' && o.link === 'attachment')).toBe(true);
  });

  it('make-before-break, judged by the graph: attach next to the peering, switch the routes, then remove the peering', () => {
    const P = synth(peering);
    const T = synth(gateway);
    // Step 1: everything the gateway path needs, created next to the peering (routes unchanged).
    const attached = blend(P.tree, T.tree, (_s, _t, _n, inP, inT) => inP ?? inT);
    // Step 2: the routes switch targets, one update each, while both paths work.
    const switched = blend(P.tree, T.tree, (_s, type, _n, inP, inT) => (type === 'aws_route' ? inT : (inP ?? inT)));
    const step = (from: SynthTree, to: SynthTree) => transition({ ...P, tree: from }, { ...T, tree: to });
    const s1 = step(P.tree, attached);
    const s2 = step(attached, switched);
    const s3 = step(switched, T.tree);
    expect([s1.outages, s2.outages, s3.outages]).toEqual([[], [], []]);
    // Each step changes something, and the pairs it judged were reachable on both sides.
    expect([s1.pairs, s2.pairs, s3.pairs].every((n) => n === 24)).toBe(true);
    expect(s2.states).toBeGreaterThan(1);
    // The same way back.
    const back = (from: SynthTree, to: SynthTree) => transition({ ...T, tree: from }, { ...P, tree: to });
    expect([back(T.tree, switched).outages, back(switched, attached).outages, back(attached, P.tree).outages]).toEqual([[], [], []]);
  });
});

describe('route moves between targets', () => {
  const P = () => synth(edit(TGW, (doc) => {
    doc.deleteIn(['hubs', 0, 'connectivity']);
    doc.deleteIn(['hubs', 0, 'transitGateway']);
    for (let i = 0; i < 3; i++) doc.deleteIn(['spokes', i, 'vpc', 'attachmentSubnetIds']);
  }));

  it('a route moved to a target created in the same apply, with nothing making it wait: outage', () => {
    const p = P();
    const t = synth(TGW);
    // The gateway attachments exist, but the propagations that carry the reply are created with the switch,
    // and (unlike vpce-hub's own routes, next test) the routes do not wait for them.
    const partly = blend(p.tree, t.tree, (_s, type, _n, inP, inT) => (type === 'aws_ec2_transit_gateway_route_table_propagation' ? undefined : (inP ?? inT)));
    const unordered = (body: JsonObject | undefined) => (body ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'depends_on')) : undefined);
    const switched = blend(p.tree, t.tree, (_s, type, _n, inP, inT) => (type === 'aws_route' ? unordered(inT) : (inP ?? inT)));
    const r = transition({ ...p, tree: partly }, { ...t, tree: switched });
    expect(rows(r)).toEqual(['analytics-prod', 'payments-prod', 'tools']);
    expect(r.outages.every((o) => o.link === 'propagation')).toBe(true);
  });

  it("vpce-hub's own routes over the gateway wait for their attachment's association and propagation: no outage in the same switch", () => {
    const p = P();
    const t = synth(TGW);
    const partly = blend(p.tree, t.tree, (_s, type, _n, inP, inT) => (type === 'aws_ec2_transit_gateway_route_table_propagation' ? undefined : (inP ?? inT)));
    const switched = blend(p.tree, t.tree, (_s, type, _n, inP, inT) => (type === 'aws_route' ? inT : (inP ?? inT)));
    const r = transition({ ...p, tree: partly }, { ...t, tree: switched });
    expect(r.outages).toEqual([]);
    expect(r.events).toBeGreaterThan(0);
  });

  it('a route moved to a target that works already: accepted, whichever route table switches first', () => {
    const p = P();
    const t = synth(TGW);
    const attached = blend(p.tree, t.tree, (_s, _t, _n, inP, inT) => inP ?? inT);
    const switched = blend(p.tree, t.tree, (_s, type, _n, inP, inT) => (type === 'aws_route' ? inT : (inP ?? inT)));
    expect(transition({ ...p, tree: attached }, { ...t, tree: switched }).outages).toEqual([]);
  });
});

/** The change set of a plan that replaces `address` in `stack` (and updates what refers to it), in `order`. */
function planReplacing(side: Side, stack: string, address: string, order: 'delete-before-create' | 'create-before-delete', updated: string[] = []): StackChanges[] {
  return side.plan.stacks.map((s) => ({
    stack: s.name,
    status: 'existing' as const,
    source: 'plan' as const,
    changes: s.name !== stack ? [] : [replaceChange(stack, address, order), ...updated.map((a) => updateChange(stack, a))],
  }));
}
const ident = (stack: string, address: string) => ({ stack, address, type: address.split('.')[0], name: address.split('.')[1] });
const replaceChange = (stack: string, address: string, replaceOrder: 'delete-before-create' | 'create-before-delete'): ResourceChange => ({ ...ident(stack, address), action: 'replace', attributes: [], replaceOrder });
const updateChange = (stack: string, address: string): ResourceChange => ({ ...ident(stack, address), action: 'update', attributes: ['alias'] });

describe('a replaced endpoint', () => {
  const S = () => synth(SHIPPED);
  const records = ['aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex'];

  it('destroy-before-create (the provider default): the alias record still names the old endpoint while it is gone', () => {
    const s = S();
    const p = transition(s, s, planReplacing(s, 'network', 'aws_vpc_endpoint.hub_main_sqs', 'delete-before-create', records));
    // The spokes ask for an endpoint that is not there; the record names nothing until it is updated.
    expect(p.outages.map((o) => [o.row, o.services.join(','), o.link])).toEqual([
      ['analytics-prod', 'sqs', 'endpoint'],
      ['main (hub VPC)', 'sqs', 'endpoint'],
      ['payments-prod', 'sqs', 'endpoint'],
    ]);
  });

  it('create-before-destroy: the record is updated to the new endpoint before the old one goes', () => {
    const s = S();
    expect(transition(s, s, planReplacing(s, 'network', 'aws_vpc_endpoint.hub_main_sqs', 'create-before-delete', records)).outages).toEqual([]);
  });
});

describe('replaced zones and records', () => {
  const renamed = edit(SHIPPED, (doc) => doc.setIn(['hubs', 0, 'name'], 'core'));

  it('a hub renamed without formerNames replaces its zones: every spoke loses every service', () => {
    const p = transition(synth(SHIPPED), synth(renamed));
    expect(rows(p)).toEqual(['analytics-prod', 'payments-prod']);
    expect(p.outages[0].services).toHaveLength(6);
  });

  it('with formerNames the zones move (moved blocks): nothing is recreated and no pair is cut off', () => {
    const withFormer = edit(renamed, (doc) => doc.setIn(['hubs', 0, 'formerNames'], ['main']));
    const p = transition(synth(SHIPPED), synth(withFormer));
    expect(p.outages).toEqual([]);
    expect(p.pairs).toBe(12);
  });

  it('a record replaced destroy-first answers NXDOMAIN in between; updated in place it never stops answering', () => {
    const s = synth(SHIPPED);
    const record = 'aws_route53_record.hub_main_s3_us-east-1_amazonaws_com_wildcard';
    expect(transition(s, s, planReplacing(s, 'network', record, 'delete-before-create')).outages.map((o) => [o.row, o.services.join(',')])).toEqual([
      ['analytics-prod', 's3'],
      ['main (hub VPC)', 's3'],
      ['payments-prod', 's3'],
    ]);
    const updated = s.plan.stacks.map((x) => ({ stack: x.name, status: 'existing' as const, source: 'plan' as const, changes: x.name === 'network' ? [updateChange('network', record)] : [] }));
    expect(transition(s, s, updated).outages).toEqual([]);
  });
});

describe('replaced security groups and rules', () => {
  it('an endpoint security group replaced destroy-first: the endpoints admit nothing until they carry the new group', () => {
    const s = synth(SHIPPED);
    const ofType = (stack: string, type: string) => s.tree.stacks.get(stack)?.resourcesByType.get(type)?.map((r) => r.address) ?? [];
    // The plans of a group replaced destroy-first: its rules, here and in the spokes stacks, are replaced
    // with it (destroy-first too: a create_before_destroy rule would force create_before_destroy onto the
    // group, which AWS refuses for a group of the same name), and the endpoints are updated to the new group.
    const changes = s.plan.stacks.map((x) => ({
      stack: x.name,
      status: 'existing' as const,
      source: 'plan' as const,
      changes: [
        ...(x.name === 'network' ? [replaceChange('network', 'aws_security_group.hub_main_endpoints', 'delete-before-create'), ...ofType('network', 'aws_vpc_endpoint').map((a) => updateChange('network', a))] : []),
        ...ofType(x.name, 'aws_vpc_security_group_ingress_rule').map((a) => replaceChange(x.name, a, 'delete-before-create')),
      ],
    }));
    const p = transition(s, s, changes);
    expect(rows(p)).toEqual(['analytics-prod', 'main (hub VPC)', 'payments-prod']);
    expect(p.outages.every((o) => o.link === 'security-group' && o.services.length === 6)).toBe(true);
  });

  it('rules moved to another group are created there before they are deleted from the old one (their create_before_destroy)', () => {
    const one = edit(SHIPPED, (doc) => doc.setIn(['hubs', 0, 'endpointSecurityGroups'], 1));
    const three = edit(SHIPPED, (doc) => doc.setIn(['hubs', 0, 'endpointSecurityGroups'], 3));
    const base = synth(one);
    const current = synth(three);
    const stacks = diffTrees(base.tree, current.tree, current.plan.stacks.map((s) => s.name));
    const moved = stacks.flatMap((s) => s.changes).filter((c) => c.type === 'aws_vpc_security_group_ingress_rule' && c.action === 'replace');
    expect(moved.length).toBeGreaterThan(0);
    expect(transition(base, current, stacks).outages).toEqual([]);
    // The same rules replaced destroy-first would cut their spokes off.
    const destroyFirst = stacks.map((s) => ({ ...s, changes: s.changes.map((c) => (c.action === 'replace' && c.type === 'aws_vpc_security_group_ingress_rule' ? { ...c, replaceOrder: 'delete-before-create' as const } : c)) }));
    expect(transition(base, current, destroyFirst).outages.map((o) => o.link)).toContain('security-group');
  });
});

describe("an existing transit gateway's id changed", () => {
  it('replaces every attachment: the gate blocks each (each has its consequence) and the transition cuts every spoke off', () => {
    const moved = edit(TGW, (doc) => doc.setIn(['hubs', 0, 'transitGateway', 'id'], 'tgw-0fedcba9876543210'));
    const base = synth(TGW);
    const current = synth(moved);
    const stacks = diffTrees(base.tree, current.tree, current.plan.stacks.map((s) => s.name));
    const gate = evaluateGate(stacks, []);
    expect(gate.changes.filter((c) => c.type === 'aws_ec2_transit_gateway_vpc_attachment').map((c) => c.stack).sort()).toEqual(['analytics', 'payments', 'shared-services', 'shared-services-spokes']);
    expect(gate.changes.find((c) => c.type === 'aws_ec2_transit_gateway_vpc_attachment')?.consequence).toMatch(/blackhole/);
    const p = transition(base, current, stacks);
    expect(rows(p)).toEqual(['analytics-prod', 'payments-prod', 'tools']);
  });
});

describe('the apply graph follows Terraform', () => {
  it('destroys dependents before what they depend on, creates what is depended on first, and a create-before-destroy replacement last', () => {
    const s = synth(SHIPPED);
    const stacks = planReplacing(s, 'network', 'aws_vpc_endpoint.hub_main_sqs', 'create-before-delete', ['aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex']);
    const g = applyGraph(s.tree, s.tree, stacks);
    const ev = (address: string, kind: string) => g.events.find((e) => e.address === address && e.kind === kind)?.id as number;
    const create = ev('aws_vpc_endpoint.hub_main_sqs', 'create');
    const destroy = ev('aws_vpc_endpoint.hub_main_sqs', 'destroy');
    const update = ev('aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex', 'update');
    // The old endpoint goes only once the record names the new one, which needs the new one.
    expect(downClose(g, [destroy])).toEqual(new Set([create, update, destroy]));
    expect(downClose(g, [update])).toEqual(new Set([create, update]));
  });

  it('applies a spokes stack only after the hub stack it reads, completely', () => {
    const base = synth(SHIPPED);
    const current = synth(edit(SHIPPED, (doc) => doc.setIn(['hubs', 0, 'services'], ['sqs', 'sts', 'ssm', 'ecr.api', 'ecr.dkr', 's3', 'kms'])));
    const g = applyGraph(base.tree, current.tree, diffTrees(base.tree, current.tree));
    const spokeEvent = g.byStack.get('payments')?.[0] as number;
    const closed = downClose(g, [spokeEvent]);
    expect(g.byStack.get('network')?.every((e) => closed.has(e))).toBe(true);
    expect(g.byStack.get('analytics')?.some((e) => closed.has(e))).toBe(false);
  });
});
