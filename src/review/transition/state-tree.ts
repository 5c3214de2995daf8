/**
 * The synthesized tree as AWS holds it at one moment of an apply: some events have happened, others
 * not. It is a tree the end-state proof can read unchanged.
 *
 * Objects, not addresses: a replace makes a new object while (create_before_destroy) or after the old
 * one exists, and a configuration refers to the object that existed when it was applied. So, in a
 * state tree:
 * - the old object keeps its address, with its base configuration, until its destroy has happened;
 * - a replacement's new object is at `<name>--next`, from its create on;
 * - an updated resource has its base configuration until its update, its current one after;
 * - a current configuration refers to replaced resources of its stack by their `--next` names, and to
 *   another stack's outputs whose value changes by `<output>--next`, the output the new objects are
 *   published under; base configurations keep reading the base outputs, which name the old objects.
 * So a route that still points at a destroyed peering points at nothing, and an alias record that was
 * not yet updated still aliases the old endpoint.
 */
import { isArray, isObject, toFrozenJson, type Json, type JsonObject } from '../../analysis/json-value';
import { buildTree, remoteStateTarget, type StackMeta, type SynthTree, type TfStack } from '../../analysis/tree';
import { movesOf, stable } from '../tree-diff';
import { referencedAddresses, type ApplyGraph, type ResourceFate } from './apply-graph';

export const NEXT = '--next';

interface StackParts {
  name: string;
  /** Everything but resources and outputs, from both trees (the current one wins). */
  rest: JsonObject;
  fates: Array<ResourceFate & { currentNext?: JsonObject }>;
  outputs: Record<string, Json>;
  meta: StackMeta;
  /** Unchanged by the apply: the current tree's stack serves every state. */
  untouched?: TfStack;
}

export interface StateTrees {
  graph: ApplyGraph;
  /** The tree after exactly these events. */
  at(applied: ReadonlySet<number>): SynthTree;
}

export function stateTrees(base: SynthTree | undefined, current: SynthTree, graph: ApplyGraph): StateTrees {
  const changedOutputs = changedOutputsOf(base, current, graph);
  const parts = new Map<string, StackParts>();
  const names = new Set([...(base?.stacks.keys() ?? []), ...current.stacks.keys()]);
  for (const name of names) parts.set(name, stackParts(name, base, current, graph, changedOutputs));
  const cache = new Map<string, TfStack>();
  return {
    graph,
    at(applied) {
      const documents: Record<string, unknown> = {};
      const metas: Record<string, StackMeta> = {};
      const reuse = new Map<string, TfStack>();
      for (const p of parts.values()) {
        if (p.untouched) {
          reuse.set(p.name, p.untouched);
          continue;
        }
        const events = graph.byStack.get(p.name) ?? [];
        const done = events.filter((e) => applied.has(e)).length;
        const extreme = done === 0 ? 'none' : done === events.length ? 'all' : undefined;
        const cached = extreme ? cache.get(`${p.name}/${extreme}`) : undefined;
        if (cached) {
          reuse.set(p.name, cached);
          continue;
        }
        documents[p.name] = stackDocument(p, applied);
        metas[p.name] = p.meta;
      }
      const built = buildTree(documents, { stacks: metas });
      for (const [name, s] of built.stacks) {
        const events = graph.byStack.get(name) ?? [];
        const done = events.filter((e) => applied.has(e)).length;
        if (done === 0) cache.set(`${name}/none`, s);
        else if (done === events.length) cache.set(`${name}/all`, s);
      }
      const stacks = new Map<string, TfStack>();
      for (const name of names) stacks.set(name, reuse.get(name) ?? (built.stacks.get(name) as TfStack));
      return { stacks };
    },
  };
}

function stackDocument(p: StackParts, applied: ReadonlySet<number>): JsonObject {
  const resource: Record<string, Record<string, Json>> = {};
  const put = (type: string, name: string, body: JsonObject) => ((resource[type] ??= {})[name] = body);
  const has = (e: number | undefined) => e !== undefined && applied.has(e);
  for (const f of p.fates) {
    if (f.replaced) {
      if (!has(f.destroy) && f.base) put(f.type, f.name, f.base);
      if (has(f.create) && f.currentNext) put(f.type, `${f.name}${NEXT}`, f.currentNext);
    } else if (f.create !== undefined) {
      if (has(f.create) && f.currentNext) put(f.type, f.name, f.currentNext);
    } else if (f.destroy !== undefined) {
      if (!has(f.destroy) && f.base) put(f.type, f.name, f.base);
    } else if (f.update !== undefined) {
      const body = has(f.update) ? f.currentNext : f.base;
      if (body) put(f.type, f.name, body);
    } else {
      const body = f.currentNext ?? f.base;
      if (body) put(f.type, f.name, body);
    }
  }
  return { ...p.rest, resource, output: p.outputs };
}

function stackParts(name: string, base: SynthTree | undefined, current: SynthTree, graph: ApplyGraph, changedOutputs: ReadonlySet<string>): StackParts {
  const b = base?.stacks.get(name);
  const c = current.stacks.get(name);
  const meta: StackMeta = { dependencies: (c ?? b)?.dependencies ?? [], workingDirectory: (c ?? b)?.workingDirectory ?? `stacks/${name}` };
  const fates = graph.fates.get(name);
  const events = graph.byStack.get(name) ?? [];
  // A stack Terraform never runs (removed), or runs without changing anything, is the same in every state.
  if (!fates) return { name, rest: {}, fates: [], outputs: {}, meta, ...(c || b ? { untouched: (c ?? b) as TfStack } : {}) };
  const outputsChange = c !== undefined && [...c.outputs.keys()].some((o) => changedOutputs.has(`${name}/${o}`) || !b?.outputs.has(o));
  if (events.length === 0 && !outputsChange && c) return { name, rest: {}, fates: [], outputs: {}, meta, untouched: c };

  const replaced = new Set(fates.filter((f) => f.replaced).map((f) => f.address));
  const rewrite = currentRewriter(current, name, replaced, changedOutputs);
  const moved = c ? baseRewriter(movesOf(c)) : (v: Json) => v;
  const outputs: Record<string, Json> = {};
  for (const o of b?.outputs.values() ?? []) outputs[o.name] = { value: moved(o.value) };
  for (const o of c?.outputs.values() ?? []) {
    const key = changedOutputs.has(`${name}/${o.name}`) ? `${o.name}${NEXT}` : o.name;
    if (key === o.name && b?.outputs.has(o.name)) continue;
    outputs[key] = { value: rewrite(o.value) };
  }
  return {
    name,
    rest: mergedRest(b?.json, c?.json),
    fates: fates.map((f) => ({ ...f, ...(f.base ? { base: moved(f.base) as JsonObject } : {}), ...(f.current ? { currentNext: rewrite(f.current) as JsonObject } : {}) })),
    outputs,
    meta,
  };
}

/** Resource references `type.name` (in `${...}` or depends_on) as they appear in JSON text. */
const RESOURCE_REF = /(?<![A-Za-z0-9_.-])([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(?=[.[}"\s,)\]])/g;
const OUTPUT_REF = /(data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.)([A-Za-z0-9_-]+)(?![A-Za-z0-9_-])/g;

/** A current configuration, referring to new objects and new outputs by their state-tree names. */
function currentRewriter(current: SynthTree, stack: string, replaced: ReadonlySet<string>, changedOutputs: ReadonlySet<string>): (v: Json) => Json {
  const s = current.stacks.get(stack);
  const targetOf = new Map<string, string | undefined>();
  for (const rs of s?.remoteStates.values() ?? []) targetOf.set(rs.name, remoteStateTarget(current, rs)?.name);
  const hasOutputs = [...changedOutputs].length > 0;
  return (value) => {
    if (replaced.size === 0 && !hasOutputs) return value;
    let text = JSON.stringify(value);
    if (replaced.size > 0) text = text.replace(RESOURCE_REF, (m: string) => (replaced.has(m) ? `${m}${NEXT}` : m));
    if (hasOutputs) text = text.replace(OUTPUT_REF, (m: string, head: string, rs: string, output: string) => (changedOutputs.has(`${targetOf.get(rs)}/${output}`) ? `${head}${output}${NEXT}` : m));
    return toFrozenJson(JSON.parse(text));
  };
}

/** A base configuration, referring to moved resources by the addresses the moved blocks gave them. */
function baseRewriter(moves: ReadonlyMap<string, string>): (v: Json) => Json {
  if (moves.size === 0) return (v) => v;
  return (value) => toFrozenJson(JSON.parse(JSON.stringify(value).replace(RESOURCE_REF, (m: string) => moves.get(m) ?? m)));
}

/**
 * Outputs whose value changes: their text differs from the base's, or they refer to a replaced
 * resource, or to another changed output (repeated until nothing more changes).
 */
function changedOutputsOf(base: SynthTree | undefined, current: SynthTree, graph: ApplyGraph): Set<string> {
  const out = new Set<string>();
  const replacedIn = (stack: string) => new Set((graph.fates.get(stack) ?? []).filter((f) => f.replaced).map((f) => f.address));
  for (;;) {
    const size = out.size;
    for (const s of current.stacks.values()) {
      const replaced = replacedIn(s.name);
      for (const o of s.outputs.values()) {
        if (out.has(`${s.name}/${o.name}`)) continue;
        const prior = base?.stacks.get(s.name)?.outputs.get(o.name);
        if (!prior) continue;
        const refs = referencedAddresses({ v: o.value });
        const upstream = [...(JSON.stringify(o.value).matchAll(OUTPUT_REF))].some(([, , rs, name]) => {
          const r = s.remoteStates.get(rs);
          const target = r ? remoteStateTarget(current, r) : undefined;
          return target !== undefined && out.has(`${target.name}/${name}`);
        });
        if (stable(prior.value) !== stable(o.value) || [...refs].some((a) => replaced.has(a)) || upstream) out.add(`${s.name}/${o.name}`);
      }
    }
    if (out.size === size) return out;
  }
}

/** Providers, data sources, backend and the rest of a stack document: the base's, then the current's over it. */
function mergedRest(b: JsonObject | undefined, c: JsonObject | undefined): JsonObject {
  const out: Record<string, Json> = {};
  for (const doc of [b, c]) {
    for (const [k, v] of Object.entries(doc ?? {})) {
      if (k === 'resource' || k === 'output') continue;
      if (k === 'data' && isObject(v) && isObject(out.data)) out.data = mergeTwoLevels(out.data, v);
      else if (k === 'provider' && isObject(v) && isObject(out.provider)) out.provider = mergeProviders(out.provider, v);
      else out[k] = v;
    }
  }
  return out;
}

function mergeTwoLevels(a: JsonObject, b: JsonObject): JsonObject {
  const out: Record<string, Json> = { ...a };
  for (const [type, byName] of Object.entries(b)) out[type] = isObject(out[type]) && isObject(byName) ? { ...(out[type] as JsonObject), ...byName } : byName;
  return out;
}

/** Provider configurations by type and alias: base resources keep the providers they were made with. */
function mergeProviders(a: JsonObject, b: JsonObject): JsonObject {
  const out: Record<string, Json> = { ...a };
  for (const [type, configs] of Object.entries(b)) {
    const list = (v: Json | undefined) => (isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);
    const merged = new Map<string, JsonObject>();
    for (const p of [...list(out[type]), ...list(configs)]) merged.set(String(p.alias ?? ''), p);
    out[type] = [...merged.values()];
  }
  return out;
}
