/**
 * The orders in which Terraform may apply a change set, in Terraform's own vocabulary: every change
 * becomes apply events (create, destroy, update in place; a replace is a destroy and a create, in the
 * order its `create_before_destroy` says), and the partial order of the apply graph says which event
 * must come before which. Any order that respects it is one Terraform may take, since it walks the
 * graph in parallel (10 at a time by default) with no other ordering
 * (https://developer.hashicorp.com/terraform/internals/graph, "Walking the Graph").
 *
 * The edges, from Terraform 1.11's graph builders (internal/terraform/transform_reference.go,
 * transform_destroy_edge.go, transform_destroy_cbd.go; docs/destroying.md in hashicorp/terraform):
 * 1. A create or update of X comes after the create or update of every Y its new configuration refers
 *    to (references and depends_on).
 * 2. The destroy of X comes before the destroy of every Y its stored (base) configuration referred to:
 *    dependents go first ("B_d -> A_d -> A -> B").
 * 3. A replace destroys, then creates; with create_before_destroy it creates, then destroys.
 *    create_before_destroy is forced onto every resource a create_before_destroy resource depends on,
 *    directly or not (ForcedCBDTransformer).
 * 4. A create_before_destroy replacement's old object is destroyed only after every create or update
 *    of a resource that referred to it (CBDEdgeTransformer: "adding a web server updates the load
 *    balancer before deleting the old web server").
 * 5. An update of X whose base configuration referred to a destroyed (not create_before_destroy) Y:
 *    Terraform 1.11 destroys Y first (hashicorp/terraform PR 28165, issue 17614), a later change
 *    (PR 39175, OrphanDestroyEdgeTransformer) updates X first where it can. Both orders are kept, so
 *    the review judges the change for either version; when Y is replaced rule 1 and 3 order X after
 *    Y's destroy anyway.
 *
 * Across stacks there is no graph: every stack is its own `terraform apply`. The assumption (README,
 * "Deploy order"): a stack is applied only after every stack it depends on (manifest.json
 * `dependencies`: the hub stacks before the spokes stacks that read their outputs) has been applied
 * completely; stacks with no order between them may be applied in any order, at any time, or at once.
 * A stack that is no longer synthesized is never applied (its objects stay). A create that imports an
 * object (adopt) takes over one that already exists: it exists before and after.
 */
import { referencesIn } from '../../analysis/expression';
import { isArray, isObject, type JsonObject } from '../../analysis/json-value';
import type { SynthTree, TfStack } from '../../analysis/tree';
import type { ResourceChange, StackChanges } from '../changes';
import { movesOf } from '../tree-diff';

export type EventKind = 'create' | 'destroy' | 'update';

export interface ApplyEvent {
  id: number;
  stack: string;
  /** The address in the current configuration (a destroy of a removed resource: its base address). */
  address: string;
  type: string;
  kind: EventKind;
  change: ResourceChange;
}

/** What happens to one resource address of a stack during the apply. */
export interface ResourceFate {
  stack: string;
  address: string;
  type: string;
  name: string;
  /** The base object's configuration (moved blocks followed), when it exists before the apply. */
  base?: JsonObject;
  /** The configuration after the apply, when it exists after. */
  current?: JsonObject;
  create?: number;
  destroy?: number;
  update?: number;
  /** A replace: the new object is another object than the old one. */
  replaced?: 'create-before-destroy' | 'destroy-before-create';
}

export interface ApplyGraph {
  events: ApplyEvent[];
  /** For each event, the events of its stack that must happen before it. */
  before: number[][];
  /** Every resource address of every applied stack and what the apply does to it. */
  fates: Map<string, ResourceFate[]>;
  /** Each stack's events. */
  byStack: Map<string, number[]>;
  /** Stacks applied completely before the stack starts (transitively). */
  stacksBefore: Map<string, Set<string>>;
}

export function applyGraph(base: SynthTree | undefined, current: SynthTree, stacks: readonly StackChanges[]): ApplyGraph {
  const events: ApplyEvent[] = [];
  const before: number[][] = [];
  const fates = new Map<string, ResourceFate[]>();
  const byStack = new Map<string, number[]>();
  const add = (e: Omit<ApplyEvent, 'id'>): number => {
    events.push({ ...e, id: events.length });
    before.push([]);
    byStack.set(e.stack, [...(byStack.get(e.stack) ?? []), events.length - 1]);
    return events.length - 1;
  };
  for (const s of stacks) {
    // Nothing runs Terraform for a stack that is no longer synthesized: its objects stay as they are.
    if (s.status === 'removed') continue;
    const b = base?.stacks.get(s.stack);
    const c = current.stacks.get(s.stack);
    if (!c) continue;
    const moves = movesOf(c);
    const stackFates = fatesOf(b, c, s.changes, moves);
    const changeAt = new Map(s.changes.map((x) => [x.address, x]));
    for (const f of stackFates) {
      const change = changeAt.get(f.address);
      if (!change) continue;
      const ev = (kind: EventKind) => add({ stack: s.stack, address: f.address, type: f.type, kind, change });
      if (f.replaced) {
        f.destroy = ev('destroy');
        f.create = ev('create');
      } else if (change.action === 'create' && change.importId === undefined) f.create = ev('create');
      else if (change.action === 'delete') f.destroy = ev('destroy');
      else if (change.action === 'update' && f.base !== undefined && f.current !== undefined && !isPureMove(change)) f.update = ev('update');
    }
    forceCreateBeforeDestroy(stackFates, s.changes);
    orderStack(stackFates, before, moves);
    fates.set(s.stack, stackFates);
  }
  return { events, before, fates, byStack, stacksBefore: stackOrder(base, current) };
}

/** A rename that changes nothing else: the object stays as it is. */
const isPureMove = (c: ResourceChange): boolean => (c.movedFrom !== undefined || c.importId !== undefined) && c.attributes.length === 0;

function fatesOf(b: TfStack | undefined, c: TfStack, changes: readonly ResourceChange[], moves: ReadonlyMap<string, string>): ResourceFate[] {
  const byAddress = new Map(changes.map((x) => [x.address, x]));
  const out: ResourceFate[] = [];
  const seen = new Set<string>();
  for (const r of c.resources) {
    const change = byAddress.get(r.address);
    const baseAddress = change?.movedFrom ?? [...moves].find(([, to]) => to === r.address)?.[0] ?? r.address;
    const old = change?.action === 'create' ? undefined : (b?.resourcesByAddress.get(baseAddress) ?? b?.resourcesByAddress.get(r.address));
    seen.add(old?.address ?? r.address);
    const replaced = change?.action === 'replace' ? (change.replaceOrder === 'create-before-delete' ? 'create-before-destroy' : change.replaceOrder === 'delete-before-create' ? 'destroy-before-create' : createBeforeDestroy(r.body) ? 'create-before-destroy' : 'destroy-before-create') : undefined;
    // An import (adopt) takes over an object that exists already: present before and after.
    const imported = change?.action === 'create' && change.importId !== undefined;
    out.push({ stack: c.name, address: r.address, type: r.type, name: r.name, ...(old ? { base: old.body } : imported ? { base: r.body } : {}), current: r.body, ...(replaced ? { replaced } : {}) });
  }
  for (const r of b?.resources ?? []) {
    if (seen.has(r.address) || c.resourcesByAddress.has(r.address) || moves.has(r.address)) continue;
    out.push({ stack: c.name, address: r.address, type: r.type, name: r.name, base: r.body });
  }
  return out;
}

const createBeforeDestroy = (body: JsonObject | undefined): boolean => {
  const lifecycle = body?.lifecycle;
  const blocks = isArray(lifecycle) ? lifecycle.filter(isObject) : isObject(lifecycle) ? [lifecycle] : [];
  return blocks.some((l) => l.create_before_destroy === true);
};

/** `type.name` of every resource of the stack a configuration refers to (references and depends_on). */
export function referencedAddresses(body: JsonObject | undefined, moves: ReadonlyMap<string, string> = new Map()): Set<string> {
  const out = new Set<string>();
  if (!body) return out;
  for (const ref of referencesIn(body)) if (ref.kind === 'resource') out.add(`${ref.type}.${ref.name}`);
  const deps = body.depends_on;
  for (const d of isArray(deps) ? deps : []) if (typeof d === 'string') out.add(d.replace(/^\$\{(.*)\}$/, '$1'));
  // A base configuration names what the moved blocks have since renamed.
  return new Set([...out].map((a) => moves.get(a) ?? a));
}

/**
 * Rule 3's propagation: a replaced resource that a create_before_destroy resource depends on,
 * directly or through others, is replaced create-before-destroy too. A plan already says so
 * (`replaceOrder`); a tree comparison works it out.
 */
function forceCreateBeforeDestroy(fates: ResourceFate[], changes: readonly ResourceChange[]): void {
  const byAddress = new Map(fates.map((f) => [f.address, f]));
  const fromPlan = new Set(changes.filter((c) => c.replaceOrder !== undefined).map((c) => c.address));
  const cbd = fates.filter((f) => createBeforeDestroy(f.current) || f.replaced === 'create-before-destroy').map((f) => f.address);
  const queue = [...cbd];
  const reached = new Set(queue);
  while (queue.length > 0) {
    const at = byAddress.get(queue.pop() as string);
    for (const dep of referencedAddresses(at?.current)) {
      if (reached.has(dep)) continue;
      reached.add(dep);
      queue.push(dep);
      const f = byAddress.get(dep);
      if (f?.replaced === 'destroy-before-create' && !fromPlan.has(dep)) f.replaced = 'create-before-destroy';
    }
  }
}

function orderStack(fates: ResourceFate[], before: number[][], moves: ReadonlyMap<string, string>): void {
  const byAddress = new Map(fates.map((f) => [f.address, f]));
  const creator = (f: ResourceFate | undefined): number | undefined => f?.create ?? f?.update;
  const edge = (from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined && from !== to) before[to].push(from);
  };
  for (const f of fates) {
    // Rule 3.
    if (f.replaced === 'destroy-before-create') edge(f.destroy, f.create);
    if (f.replaced === 'create-before-destroy') edge(f.create, f.destroy);
    // Rule 1.
    for (const dep of referencedAddresses(f.current)) if (dep !== f.address) edge(creator(byAddress.get(dep)), creator(f));
    for (const dep of referencedAddresses(f.base, moves)) {
      const y = byAddress.get(dep);
      if (!y || y === f) continue;
      // Rule 2.
      edge(f.destroy, y.destroy);
      // Rule 4.
      if (y.replaced === 'create-before-destroy') edge(creator(f), y.destroy);
    }
  }
}

/** Stack -> the stacks applied before it, from both trees' manifests, transitively. */
function stackOrder(base: SynthTree | undefined, current: SynthTree): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>();
  for (const tree of [base, current]) {
    for (const s of tree?.stacks.values() ?? []) direct.set(s.name, new Set([...(direct.get(s.name) ?? []), ...s.dependencies]));
  }
  const out = new Map<string, Set<string>>();
  const visit = (name: string, seen: Set<string>): Set<string> => {
    const known = out.get(name);
    if (known) return known;
    const all = new Set<string>();
    for (const d of direct.get(name) ?? []) {
      if (seen.has(d)) continue;
      all.add(d);
      for (const x of visit(d, new Set([...seen, d]))) all.add(x);
    }
    out.set(name, all);
    return all;
  };
  for (const name of direct.keys()) visit(name, new Set([name]));
  return out;
}

/**
 * The earliest state that contains `events`: they and everything that must happen before them, in
 * their stacks, and every stack applied before any of those stacks, complete.
 */
export function downClose(graph: ApplyGraph, events: Iterable<number>): Set<number> {
  const out = new Set<number>();
  const stacks = new Set<string>();
  const queue = [...events];
  while (queue.length > 0) {
    const e = queue.pop() as number;
    if (out.has(e)) continue;
    out.add(e);
    stacks.add(graph.events[e].stack);
    for (const p of graph.before[e]) if (!out.has(p)) queue.push(p);
  }
  for (const s of stacks) for (const earlier of graph.stacksBefore.get(s) ?? []) for (const e of graph.byStack.get(earlier) ?? []) out.add(e);
  return out;
}
