/**
 * Compares two synthesized trees (base and current) stack by stack, without Terraform: what a plan
 * of the current tree against a state that matches the base tree would do.
 *
 * - An address only in the current stack is a create; only in the base stack, a delete.
 * - An address in both whose body differs is an update, unless a changed attribute is in the
 *   ForceNew table (force-new.ts), or the resource moves to another provider configuration: replace.
 * - Replacement spreads: an attribute that refers to a replaced resource (directly, or through a hub
 *   stack's output read by `terraform_remote_state`) changes too, so a zone's replacement replaces its
 *   records, authorizations and, in the spoke stacks, its associations. This is repeated until
 *   nothing more changes.
 * - A stack only in the base is `removed`: nothing will run Terraform for it, which is itself the
 *   problem (its resources stay in AWS); they are listed as deletes so the gate catches them.
 *
 * - `moved` blocks of the current stack (renames) are followed, chains included: the base resource at
 *   `from` is compared with the current one at `to`, as Terraform does; an unchanged body is still
 *   listed (an update of nothing, with movedFrom) so the rename is visible.
 *
 * Meta-arguments (`depends_on`, `lifecycle`) change nothing by themselves, and attributes named in
 * `lifecycle.ignore_changes` are ignored, as Terraform does.
 */
import { referencesIn } from '../analysis/expression';
import { isArray, isObject, type Json, type JsonObject } from '../analysis/json-value';
import { remoteStateTarget, type SynthTree, type TfResource, type TfStack } from '../analysis/tree';
import { sortChanges, type ResourceChange, type StackChanges } from './changes';
import { forceNewAttributes } from './force-new';

const META = new Set(['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

const EMPTY: SynthTree = { stacks: new Map() };

/**
 * `order`: stack names in deploy order (the current plan's); stacks of either tree that it does not
 * name follow, current ones first, each group by name.
 */
export function diffTrees(base: SynthTree | undefined, current: SynthTree, order: readonly string[] = []): StackChanges[] {
  const before = base ?? EMPTY;
  const pairs = withRenamedReferences(pairResources(before, current), before, current);
  const replaced = new Set<string>();
  const changedOutputs = new Set<string>();
  let verdicts = new Map<string, Verdict>();
  // Each round can only add replacements (and changed outputs), so this ends.
  for (;;) {
    const size = replaced.size + changedOutputs.size;
    verdicts = new Map(pairs.map((p) => [key(p.current), judge(p, current, replaced, changedOutputs)]));
    for (const [k, v] of verdicts) if (v.action === 'replace') replaced.add(k);
    markChangedOutputs(before, current, replaced, changedOutputs);
    if (replaced.size + changedOutputs.size === size) break;
  }

  const names = stackOrder(before, current, order);
  return names.map((name): StackChanges => {
    const b = before.stacks.get(name);
    const c = current.stacks.get(name);
    const changes: ResourceChange[] = [];
    const stackPairs = pairs.filter((x) => x.current.stack === name);
    const pairedBase = new Set(stackPairs.map((p) => p.base.address));
    const pairedCurrent = new Set(stackPairs.map((p) => p.current.address));
    for (const r of c?.resources ?? []) {
      if (!pairedCurrent.has(r.address)) changes.push({ ...ident(r), action: 'create', attributes: [], after: r.body, ...importOf(c, r.address) });
    }
    for (const r of b?.resources ?? []) {
      if (!pairedBase.has(r.address)) changes.push({ ...ident(r), action: 'delete', attributes: [], before: r.body });
    }
    for (const p of stackPairs) {
      const v = verdicts.get(key(p.current));
      const movedFrom = p.base.address !== p.current.address ? { movedFrom: p.base.address } : {};
      if (!v || (v.action === 'none' && !movedFrom.movedFrom)) continue;
      changes.push({
        ...ident(p.current),
        action: v.action === 'none' ? 'update' : v.action,
        attributes: v.action === 'none' ? [] : v.attributes,
        ...(v.action !== 'none' && v.reason ? { reason: v.reason } : {}),
        ...movedFrom,
        before: p.base.body,
        after: p.current.body,
      });
    }
    return { stack: name, status: !b ? 'new' : !c ? 'removed' : 'existing', source: 'synth-diff', changes: sortChanges(changes) };
  });
}

interface Pair {
  base: TfResource;
  current: TfResource;
}

/**
 * After a rename, the base body still names the old addresses and the old hub outputs: written the
 * way the current tree names them (moved chains of the stack; a hub output whose value, so written,
 * is another output's of the current stack), a reference changes only when its target does.
 */
function withRenamedReferences(pairs: Pair[], base: SynthTree, current: SynthTree): Pair[] {
  const finalMoves = new Map<string, Map<string, string>>();
  for (const c of current.stacks.values()) {
    const final = movesOf(c);
    if (final.size > 0) finalMoves.set(c.name, final);
  }
  if (finalMoves.size === 0) return pairs;
  const outputRenames = new Map<string, string>();
  for (const c of current.stacks.values()) {
    const b = base.stacks.get(c.name);
    const moves = finalMoves.get(c.name);
    if (!b || !moves) continue;
    const fresh = [...c.outputs.values()].filter((o) => !b.outputs.has(o.name));
    for (const o of b.outputs.values()) {
      if (c.outputs.has(o.name)) continue;
      const text = rewrite(stable(o.value), moves, new Map());
      const match = fresh.find((f) => stable(f.value) === text);
      if (match) outputRenames.set(o.name, match.name);
    }
  }
  return pairs.map((p) => {
    const moves = finalMoves.get(p.current.stack) ?? new Map<string, string>();
    const body = JSON.parse(rewrite(JSON.stringify(p.base.body), moves, outputRenames)) as JsonObject;
    return { base: { ...p.base, body }, current: p.current };
  });
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resource references (`type.name` followed by `.`, `[` or `}`) and remote output names, rewritten. */
function rewrite(text: string, moves: ReadonlyMap<string, string>, outputs: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of moves) out = out.replace(new RegExp(`${escape(from)}(?=[.\\[}])`, 'g'), to);
  for (const [from, to] of outputs) out = out.replace(new RegExp(`\\.outputs\\.${escape(from)}(?=[^A-Za-z0-9_-]|$)`, 'g'), `.outputs.${to}`);
  return out;
}

type Verdict = { action: 'none' } | { action: 'update' | 'replace'; attributes: string[]; reason?: string };

const key = (r: Pick<TfResource, 'stack' | 'address'>): string => `${r.stack}/${r.address}`;
const ident = (r: TfResource) => ({ stack: r.stack, address: r.address, type: r.type, name: r.name });

function pairResources(base: SynthTree, current: SynthTree): Pair[] {
  const pairs: Pair[] = [];
  for (const c of current.stacks.values()) {
    const b = base.stacks.get(c.name);
    if (!b) continue;
    const byAddress = new Map(b.resources.map((r) => [r.address, r]));
    const taken = new Set<string>();
    for (const r of c.resources) {
      const old = byAddress.get(r.address);
      if (old) {
        pairs.push({ base: old, current: r });
        taken.add(old.address);
      }
    }
    // Renames: a base address the current stack no longer has follows the moved chain to one it has.
    const next = movedBlocks(c);
    for (const old of b.resources) {
      if (c.resourcesByAddress.has(old.address) || taken.has(old.address)) continue;
      let at: string | undefined = old.address;
      for (let hops = 0; at !== undefined && hops <= next.size && !c.resourcesByAddress.has(at); hops++) at = next.get(at);
      const target = at !== undefined ? c.resourcesByAddress.get(at) : undefined;
      if (target && target.address !== old.address && !byAddress.has(target.address)) pairs.push({ base: old, current: target });
    }
  }
  return pairs;
}

/** Where each address a stack's `moved` blocks move ends up, chains followed: from -> final to. */
export function movesOf(s: TfStack): Map<string, string> {
  const next = movedBlocks(s);
  const final = new Map<string, string>();
  for (const from of next.keys()) {
    let at = from;
    for (let hops = 0; next.has(at) && hops <= next.size; hops++) at = next.get(at) as string;
    final.set(from, at);
  }
  return final;
}

/** A stack's `moved` blocks, from -> to. */
function movedBlocks(s: TfStack): Map<string, string> {
  const out = new Map<string, string>();
  const moved = s.json.moved;
  for (const m of isArray(moved) ? moved.filter(isObject) : []) if (typeof m.from === 'string' && typeof m.to === 'string') out.set(m.from, m.to);
  return out;
}

/** The id an `import` block of the stack imports `address` from, as a change field. */
function importOf(s: TfStack | undefined, address: string): { importId?: string } {
  const imports = s?.json.import;
  for (const i of isArray(imports) ? imports.filter(isObject) : []) if (i.to === address && typeof i.id === 'string') return { importId: i.id };
  return {};
}

function judge(p: Pair, current: SynthTree, replaced: ReadonlySet<string>, changedOutputs: ReadonlySet<string>): Verdict {
  const ignored = ignoredAttributes(p.current.body);
  const keys = new Set([...Object.keys(p.base.body), ...Object.keys(p.current.body)].filter((k) => !META.has(k) && !ignored.has(k)));
  const changed = new Set<string>();
  const because = new Map<string, string>();
  for (const k of keys) {
    if (stable(p.base.body[k]) !== stable(p.current.body[k])) {
      changed.add(k);
      continue;
    }
    // Same text, different value: it refers to something that is recreated.
    const upstream = changedUpstream(p.current.body[k], p.current.stack, current, replaced, changedOutputs);
    if (upstream) {
      changed.add(k);
      because.set(k, upstream);
    }
  }
  const forceNew = forceNewAttributes(p.current.type) ?? [];
  const forcing = [...changed].filter((k) => forceNew.includes(k)).sort();
  const reasons: string[] = [];
  if (p.base.providerKey !== p.current.providerKey) {
    reasons.push(`moves from provider ${p.base.providerKey} to ${p.current.providerKey}: Terraform looks for the object through the new provider, does not find it, and creates a new one`);
  }
  for (const k of forcing) if (because.has(k)) reasons.push(`${k} changes because ${because.get(k)}`);
  if (reasons.length > 0 || forcing.length > 0) return { action: 'replace', attributes: forcing, ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}) };
  if (changed.size > 0) return { action: 'update', attributes: [...changed].sort() };
  return { action: 'none' };
}

/** Why a value will change although its text does not, or undefined. */
function changedUpstream(value: Json | undefined, stack: string, tree: SynthTree, replaced: ReadonlySet<string>, changedOutputs: ReadonlySet<string>): string | undefined {
  const s = tree.stacks.get(stack);
  if (!s) return undefined;
  for (const ref of referencesIn(value)) {
    if (ref.kind === 'resource' && replaced.has(`${stack}/${ref.type}.${ref.name}`)) return `${ref.type}.${ref.name} is replaced`;
    if (ref.kind === 'data' && ref.type === 'terraform_remote_state' && ref.path[0] === 'outputs' && typeof ref.path[1] === 'string') {
      const rs = s.remoteStates.get(ref.name);
      const target = rs ? remoteStateTarget(tree, rs) : undefined;
      if (target && changedOutputs.has(`${target.name}/${ref.path[1]}`)) return `output ${ref.path[1]} of stack ${target.name} changes`;
    }
  }
  return undefined;
}

function markChangedOutputs(base: SynthTree, current: SynthTree, replaced: ReadonlySet<string>, changed: Set<string>): void {
  for (const s of current.stacks.values()) {
    const old = base.stacks.get(s.name);
    for (const o of s.outputs.values()) {
      const prior = old?.outputs.get(o.name);
      const differs = prior !== undefined && stable(prior.value) !== stable(o.value);
      if (differs || changedUpstream(o.value, s.name, current, replaced, changed)) changed.add(`${s.name}/${o.name}`);
    }
  }
}

/** `lifecycle.ignore_changes`: a list of attribute names (first step of each path), or "all". */
function ignoredAttributes(body: JsonObject): Set<string> {
  const lifecycle = body.lifecycle;
  const blocks = isArray(lifecycle) ? lifecycle.filter(isObject) : isObject(lifecycle) ? [lifecycle] : [];
  const out = new Set<string>();
  for (const b of blocks) {
    const ic = b.ignore_changes;
    if (ic === 'all') for (const k of Object.keys(body)) out.add(k);
    if (isArray(ic)) for (const v of ic) if (typeof v === 'string') out.add(v.split(/[.[]/)[0]);
  }
  return out;
}

/** JSON text with sorted keys: equal for equal values, whatever the key order. */
export function stable(v: Json | undefined): string {
  if (v === undefined) return 'undefined';
  if (isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function stackOrder(base: SynthTree, current: SynthTree, order: readonly string[]): string[] {
  const all = new Set<string>([...order.filter((n) => current.stacks.has(n) || base.stacks.has(n))]);
  const byName = (xs: Iterable<TfStack>) => [...xs].map((s) => s.name).sort();
  for (const n of byName(current.stacks.values())) all.add(n);
  for (const n of byName(base.stacks.values())) all.add(n);
  return [...all];
}
