/**
 * The transition proof: in which orders may Terraform apply this change set (apply-graph.ts), and is
 * every client/service pair that is reachable before and after reachable at every step (cell.ts on
 * state-tree.ts)? A pair that some order leaves unreachable is a transition outage: typically a path
 * destroyed in the same apply that creates its replacement, with nothing ordering the create first.
 *
 * Which states are looked at, per stack being applied (every stack it depends on applied, the others
 * as they were):
 * - the state in which every destroy and update of the stack has happened and only what Terraform must
 *   do before them has been created (the earliest state containing them);
 * - the stack complete;
 * - when that first state holds creates or updates (create_before_destroy, a dependent updated before
 *   an old object goes), each destroy and update on its own: the earliest state containing it.
 * A pair's links only get worse as objects go and better as objects come (the proof's checks are
 * monotone in that sense but for a few conflicts, such as two zones of one name, that the end-state
 * proof reports), so a pair that survives these survives every order. The property test
 * (__tests__/properties/transition.test.ts) checks that claim on random config pairs and random orders.
 */
import type { ReachabilityProof } from '../../analysis/prove';
import type { LinkKind } from '../../analysis/prove/result';
import type { SynthTree } from '../../analysis/tree';
import type { StackChanges } from '../changes';
import { applyGraph, downClose, type ApplyGraph } from './apply-graph';
import { brokenInState, cellSpecs, type CellSpec, type Specification } from './cell';
import { stateTrees, type StateTrees } from './state-tree';

export interface TransitionInput {
  base: SynthTree;
  current: SynthTree;
  /** The change set (tree comparison or plans), in deploy order. */
  stacks: readonly StackChanges[];
  /** What each side asks for; without the base config the current one specifies both sides. */
  specs: { base?: Specification; current: Specification };
  /** The end-state proofs, when already made: only pairs reachable in both can suffer an outage. */
  proofs?: { base?: ReachabilityProof; current: ReachabilityProof };
}

/** A pair (or several services of one row) that some order of the apply leaves unreachable. */
export interface TransitionOutage {
  /** The stack whose apply is under way at that moment. */
  stack: string;
  hub: string;
  /** The spoke, or the hub's other client (`main (hub VPC)`, ...). */
  row: string;
  /** The row's services that are cut off at that moment, sorted. */
  services: string[];
  link: LinkKind;
  /** The first service's broken link, in words. */
  message: string;
  /** In that state: what the stack has already destroyed or updated, and what it has not yet created. */
  witness: { destroyed: string[]; updated: string[]; notCreated: string[] };
}

export interface TransitionProof {
  outages: TransitionOutage[];
  /** Apply events and states looked at, and pairs that were reachable before and after. */
  events: number;
  states: number;
  pairs: number;
}

export function proveTransition(input: TransitionInput): TransitionProof {
  const graph = applyGraph(input.base, input.current, input.stacks);
  const empty: TransitionProof = { outages: [], events: graph.events.length, states: 0, pairs: 0 };
  if (graph.events.length === 0) return empty;
  const trees = stateTrees(input.base, input.current, graph);
  const specs = input.specs.base ? [input.specs.base, input.specs.current] : [input.specs.current];
  const cells = continuingPairs(cellSpecs(specs), trees, input);
  if (cells.length === 0) return empty;

  const broken = new Map<string, { cell: CellSpec; stack: string; state: Set<number>; link: LinkKind; message: string }>();
  const seen = new Set<string>();
  let states = 0;
  const look = (stack: string, state: Set<number>, candidates: CellSpec[]) => {
    const open = candidates.filter((c) => !broken.has(key(c)));
    const signature = [...state].sort((a, b) => a - b).join(',');
    if (open.length === 0 || seen.has(signature)) return;
    seen.add(signature);
    states += 1;
    const tree = trees.at(state);
    for (const cell of open) {
      const b = brokenInState(tree, cell);
      if (b) broken.set(key(cell), { cell, stack, state, link: b.link, message: b.message });
    }
  };

  for (const stack of applyOrder(graph)) {
    const events = graph.byStack.get(stack) ?? [];
    const candidates = cells.filter((c) => stacksOf(c).has(stack));
    if (events.length === 0 || candidates.length === 0) continue;
    const removals = events.filter((e) => graph.events[e].kind !== 'create');
    if (removals.length === 0) continue;
    const all = downClose(graph, removals);
    look(stack, all, candidates);
    look(stack, downClose(graph, events), candidates);
    const additions = [...all].filter((e) => graph.events[e].stack === stack && graph.events[e].kind !== 'destroy');
    if (additions.length > 0) for (const r of removals) look(stack, downClose(graph, [r]), candidates);
  }
  return { outages: group([...broken.values()], graph), events: graph.events.length, states, pairs: cells.length };
}

const key = (c: CellSpec): string => `${c.row} -> ${c.service}`;

/** Pairs in both specifications, reachable before the apply and after it. */
function continuingPairs(all: Map<string, CellSpec>, trees: StateTrees, input: TransitionInput): CellSpec[] {
  const both = [...all.values()].filter((c) => c.alternatives.length === (input.specs.base ? 2 : 1));
  const reachableIn = (proof: ReachabilityProof | undefined) => (proof ? new Set(proof.cells.filter((c) => c.reachable).map((c) => `${c.spoke} -> ${c.service}`)) : undefined);
  const before = reachableIn(input.proofs?.base);
  const after = reachableIn(input.proofs?.current);
  const none = before && after ? undefined : trees.at(new Set());
  const every = before && after ? undefined : trees.at(new Set(trees.graph.events.map((e) => e.id)));
  return both.filter((c) => (before ? before.has(key(c)) : !brokenInState(none as SynthTree, c)) && (after ? after.has(key(c)) : !brokenInState(every as SynthTree, c)));
}

/** The stacks whose resources a pair's proof reads: its hub's stack and its own (pair) stack, by either specification. */
function stacksOf(c: CellSpec): Set<string> {
  const out = new Set<string>();
  for (const a of c.alternatives) {
    out.add(a.plan.stacks.find((s) => s.hubs.includes(a.row.hub.name))?.name ?? a.row.hub.account.key);
    out.add(a.plan.stacks.find((s) => s.spokes.includes(a.row.spoke.name))?.name ?? a.row.spoke.account.key);
  }
  return out;
}

/** Stacks in an order their dependencies allow (earlier stacks first). */
function applyOrder(graph: ApplyGraph): string[] {
  return [...graph.byStack.keys()].sort((a, b) => (graph.stacksBefore.get(a)?.size ?? 0) - (graph.stacksBefore.get(b)?.size ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

function group(found: Array<{ cell: CellSpec; stack: string; state: Set<number>; link: LinkKind; message: string }>, graph: ApplyGraph): TransitionOutage[] {
  const out = new Map<string, TransitionOutage>();
  for (const f of found) {
    const k = `${f.stack}\u0000${f.cell.hub}\u0000${f.cell.row}\u0000${f.link}`;
    const existing = out.get(k);
    if (existing) {
      existing.services.push(f.cell.service);
      continue;
    }
    const events = (graph.byStack.get(f.stack) ?? []).map((e) => graph.events[e]);
    const addresses = (kind: string, applied: boolean) => events.filter((e) => e.kind === kind && f.state.has(e.id) === applied).map((e) => e.address);
    out.set(k, {
      stack: f.stack,
      hub: f.cell.hub,
      row: f.cell.row,
      services: [f.cell.service],
      link: f.link,
      message: f.message,
      witness: { destroyed: addresses('destroy', true), updated: addresses('update', true), notCreated: addresses('create', false) },
    });
  }
  const sorted = [...out.values()].map((o) => ({ ...o, services: [...o.services].sort() }));
  return sorted.sort((a, b) => cmp(a.stack, b.stack) || cmp(a.hub, b.hub) || cmp(a.row, b.row) || cmp(a.link, b.link));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
