/** Test helpers: break exactly one thing in a copy of a synthesized app, and read one cell of a proof. */
import type { ProofCell, ReachabilityProof } from '../../src/analysis/prove';
import { buildTree, type SynthTree } from '../../src/analysis/tree';

export type Body = Record<string, unknown>;
type Blocks = Record<string, Record<string, Body>>;

/** The parsed cdk.tf.json of a stack, as plain data a test can edit before building the tree from it. */
export interface StackJson {
  terraform?: Body;
  data?: Blocks;
  resource?: Blocks;
  output?: Record<string, { value?: unknown }>;
}

/** Stack name -> parsed cdk.tf.json. */
export interface SynthesizedApp {
  stacks: Record<string, StackJson>;
}

/** The tree the proof reads, built from (a possibly broken copy of) the app. */
export const treeOf = (app: SynthesizedApp): SynthTree => buildTree(app.stacks);

/** A deep copy of `app` with `edit` applied; the original stays intact for the next test. */
export function broken(app: SynthesizedApp, edit: (copy: SynthesizedApp) => void): SynthesizedApp {
  const copy = structuredClone(app);
  edit(copy);
  return copy;
}

/** The body of `type.name` in `stack`; throws when absent, so a test never breaks something that is not there. */
export function bodyOf(app: SynthesizedApp, stack: string, address: string): Body {
  const [type, ...rest] = address.split('.');
  const body = app.stacks[stack]?.resource?.[type]?.[rest.join('.')];
  if (body === undefined) throw new Error(`test setup: stack ${stack} has no ${address}`);
  return body;
}

export function removeResource(app: SynthesizedApp, stack: string, address: string): void {
  bodyOf(app, stack, address);
  const [type, ...rest] = address.split('.');
  delete app.stacks[stack].resource?.[type]?.[rest.join('.')];
}

export function cell(proof: ReachabilityProof, spoke: string, service: string): ProofCell {
  const found = proof.cells.find((c) => c.spoke === spoke && c.service === service);
  if (!found) throw new Error(`no cell ${spoke} -> ${service}`);
  return found;
}

/** `spoke -> service` of every broken cell, sorted: lets a test say exactly which cells a break reaches. */
export const brokenCells = (proof: ReachabilityProof): string[] =>
  proof.cells
    .filter((c) => !c.reachable)
    .map((c) => `${c.spoke} -> ${c.service}`)
    .sort();
