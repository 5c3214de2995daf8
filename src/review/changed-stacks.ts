/**
 * Which stacks a change touches: the stacks whose synthesized Terraform differs between a base tree
 * and a head tree (added, changed, removed), in deploy order, so a pull request plans those and
 * nothing else (`vpce-hub changed-stacks`, the PR workflow's matrix).
 *
 * What counts is what Terraform reads. Two documents are the same stack when they are equal as JSON
 * values once cdktf's `//` metadata is dropped (analysis/tree.ts drops it, as Terraform ignores a `//`
 * property: https://developer.hashicorp.com/terraform/language/syntax/json, "Comment Properties"):
 * key order, whitespace and number spelling do not count (JSON objects are unordered, RFC 8259
 * section 4), list order does (a list may be an ordered argument). Everything else counts, providers
 * and the backend included: a stack whose provider moves to another role or whose state moves to
 * another bucket plans differently although no resource changed. The manifest's fields (stack order,
 * `dependencies`) decide in which order stacks run, not what Terraform does inside one: they give the
 * levels and do not count as a change.
 *
 * Output readers are decided, not guessed: a stack whose own Terraform is identical can still change
 * when a stack it reads through `terraform_remote_state` changes an output it reads (a hub zone
 * replaced under the same output name gives a new zone id). Such a stack is NOT one to plan for a
 * pull request: nothing is applied then, so its plan reads the hub's current state and shows nothing.
 * It is reported apart (`readers`) with the reason, found by the tree comparison the review uses
 * (tree-diff.ts spreads a replacement through remote-state outputs); it plans with the new outputs,
 * and is applied, only after the stack it reads (`--include-readers` for an apply pipeline).
 */
import { deployOrder, type StackDependencies } from '../analysis/deploy-order';
import { isObject, stableJson, type Json } from '../analysis/json-value';
import { remoteStateTarget, type SynthTree, type TfStack } from '../analysis/tree';
import { diffTrees } from './tree-diff';

export type StackChange = 'added' | 'changed' | 'removed';

/** A stack to plan: where it is and when, in deploy order. */
export interface PlannedStack {
  readonly stack: string;
  /** Deploy level (analysis/deploy-order.ts) in the tree it is planned from: the head's, a removed stack's in the base. */
  readonly level: number;
  /** The stacks it reads, as the manifest lists them. */
  readonly dependencies: readonly string[];
  /** Its folder relative to the synth output it is planned from: the head's, or the base's for a removed stack. */
  readonly workingDirectory: string;
}

export interface ChangedStack extends PlannedStack {
  readonly change: StackChange;
  /** What differs, e.g. `2 resources added`, `provider aws.hub_network_us_east_1 changed`, `backend changed`. */
  readonly differences: readonly string[];
}

/** A stack with identical Terraform that reads an output of a changed stack whose value changes. */
export interface OutputReader extends PlannedStack {
  /** Why, from the tree comparison: `zone_id changes because output hub_main_zone_x of stack network changes`. */
  readonly because: readonly string[];
}

export interface ChangedStacks {
  /** Stacks compared: every head stack and every removed one. */
  readonly compared: number;
  /** In deploy order: by level, then name. */
  readonly changed: readonly ChangedStack[];
  /** In deploy order. */
  readonly readers: readonly OutputReader[];
}

const EMPTY: SynthTree = { stacks: new Map() };

export function changedStacks(base: SynthTree | undefined, head: SynthTree): ChangedStacks {
  const before = base ?? EMPTY;
  const removed = [...before.stacks.values()].filter((s) => !head.stacks.has(s.name));
  const levels = levelsOf([...head.stacks.values(), ...removed]);
  const placed = (s: TfStack) => ({ stack: s.name, level: levels.get(s.name) ?? 0, dependencies: [...s.dependencies], workingDirectory: s.workingDirectory });

  const changed: ChangedStack[] = [];
  for (const h of head.stacks.values()) {
    const b = before.stacks.get(h.name);
    if (!b) changed.push({ ...placed(h), change: 'added', differences: [`new stack (${count(h.resources.length, 'resource')})`] });
    else if (stableJson(b.json) !== stableJson(h.json)) changed.push({ ...placed(h), change: 'changed', differences: differences(b, h) });
  }
  for (const b of removed) changed.push({ ...placed(b), change: 'removed', differences: [`no longer synthesized (${count(b.resources.length, 'resource')} in the base)`] });

  const readers = outputReaders(before, head, new Set(changed.map((c) => c.stack))).map((r) => ({ ...placed(head.stacks.get(r.stack) as TfStack), because: r.because }));
  return { compared: head.stacks.size + removed.length, changed: inDeployOrder(changed), readers: inDeployOrder(readers) };
}

/** Head stacks by their head dependencies, removed ones by their base dependencies. */
function levelsOf(stacks: readonly StackDependencies[]): Map<string, number> {
  return new Map(deployOrder(stacks).map((s) => [s.name, s.level]));
}

const inDeployOrder = <T extends { stack: string; level: number }>(xs: T[]): T[] => xs.sort((a, b) => a.level - b.level || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What differs between two versions of a stack, part by part; only called when they differ. */
function differences(b: TfStack, h: TfStack): string[] {
  const out = [
    ...keyed(bodies(b.resources.map((r) => [r.address, r.body])), bodies(h.resources.map((r) => [r.address, r.body])), 'resource'),
    ...keyed(bodies(b.dataSources.map((d) => [d.address, d.body])), bodies(h.dataSources.map((d) => [d.address, d.body])), 'data source'),
    ...named(bodies(b.providers.map((p) => [p.key, p.body])), bodies(h.providers.map((p) => [p.key, p.body])), 'provider'),
    ...keyed(objectEntries(b.json.output), objectEntries(h.json.output), 'output'),
  ];
  const backend = (s: TfStack) => (s.backend ? `${s.backend.kind} ${stableJson(s.backend.config)}` : 'none (local state in the stack folder)');
  if (backend(b) !== backend(h)) out.push(b.backend?.kind !== h.backend?.kind ? `backend changed (${b.backend?.kind ?? 'none'} -> ${h.backend?.kind ?? 'none'})` : `backend ${h.backend?.kind} changed`);
  // The terraform block without its backend: required_providers, required_version.
  const settings = (s: TfStack) => {
    const terraform = s.json.terraform;
    return stableJson(isObject(terraform) ? Object.fromEntries(Object.entries(terraform).filter(([k]) => k !== 'backend' && k !== 'cloud')) : null);
  };
  if (settings(b) !== settings(h)) out.push('terraform settings changed (required providers or version)');
  const handled = new Set(['resource', 'data', 'provider', 'output', 'terraform']);
  for (const key of [...new Set([...Object.keys(b.json), ...Object.keys(h.json)])].filter((k) => !handled.has(k)).sort()) {
    if (stableJson(b.json[key] ?? null) !== stableJson(h.json[key] ?? null)) out.push(`${key} blocks changed`);
  }
  // Only reached when the documents differ: never report a change without saying where.
  return out.length > 0 ? out : ['Terraform JSON differs'];
}

const bodies = (entries: Array<[string, Json]>): Map<string, string> => new Map(entries.map(([k, v]) => [k, stableJson(v)]));
const objectEntries = (v: Json | undefined): Map<string, string> => bodies(isObject(v) ? Object.entries(v) : []);

/** `2 resources added`, `1 resource changed`, `3 resources removed`. */
function keyed(b: Map<string, string>, h: Map<string, string>, noun: string): string[] {
  const { added, changed, removed } = compare(b, h);
  return [added.length > 0 ? `${count(added.length, noun)} added` : '', changed.length > 0 ? `${count(changed.length, noun)} changed` : '', removed.length > 0 ? `${count(removed.length, noun)} removed` : ''].filter(Boolean);
}

/** `provider aws.hub_network_us_east_1 changed`: few enough to name. */
function named(b: Map<string, string>, h: Map<string, string>, noun: string): string[] {
  const { added, changed, removed } = compare(b, h);
  return [...added.map((k) => `${noun} ${k} added`), ...changed.map((k) => `${noun} ${k} changed`), ...removed.map((k) => `${noun} ${k} removed`)];
}

function compare(b: Map<string, string>, h: Map<string, string>): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...h.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...h.keys()].filter((k) => b.has(k) && b.get(k) !== h.get(k)).sort(),
    removed: [...b.keys()].filter((k) => !h.has(k)).sort(),
  };
}

/**
 * Unchanged stacks that read (terraform_remote_state) a changed stack, and for which the tree
 * comparison still finds changes: those come from outputs of the changed stack whose value changes.
 */
function outputReaders(base: SynthTree, head: SynthTree, changed: ReadonlySet<string>): Array<{ stack: string; because: string[] }> {
  const candidates = [...head.stacks.values()].filter(
    (s) => !changed.has(s.name) && base.stacks.has(s.name) && [...s.remoteStates.values()].some((rs) => changed.has(remoteStateTarget(head, rs)?.name ?? '')),
  );
  if (candidates.length === 0) return [];
  const diff = new Map(diffTrees(base, head).map((d) => [d.stack, d]));
  const out: Array<{ stack: string; because: string[] }> = [];
  for (const s of candidates) {
    const changes = diff.get(s.name)?.changes ?? [];
    if (changes.length === 0) continue;
    const read = [...new Set([...s.remoteStates.values()].map((rs) => remoteStateTarget(head, rs)?.name ?? '').filter((n) => changed.has(n)))].sort();
    const lines = changes.map((c) => `${c.address}: ${c.action}${c.reason ? ` (${c.reason})` : c.attributes.length > 0 ? ` of ${c.attributes.join(', ')}` : ''}`);
    const shown = lines.length > 3 ? [...lines.slice(0, 3), `and ${lines.length - 3} more`] : lines;
    out.push({ stack: s.name, because: [`reads outputs of ${read.join(', ')}, which change`, ...shown] });
  }
  return out;
}
