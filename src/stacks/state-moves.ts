/**
 * The `moved` blocks of hub and spoke renames (planning/renames.ts): for each step, the addresses each
 * stack has under the old name and not under the new one are matched to the addresses it has under
 * the new name and not the old one, by putting the new name where the old one stood. Names contain no
 * `_` (schema), so a name is always one or more whole `_`-separated parts of a logical id.
 */
import { App, TerraformResource } from 'cdktf';
import type { NetworkPlan } from '../planning/plan';
import type { RenameStep } from '../planning/renames';

export interface StateMove {
  from: string;
  to: string;
}

/** Every resource address of every stack the plan builds (an in-memory app: nothing is written). */
export function stackAddresses(plan: NetworkPlan, build: (app: App, plan: NetworkPlan) => Map<string, import('cdktf').TerraformStack>): Map<string, Set<string>> {
  const app = new App({ stackTraces: false, skipValidation: true });
  const out = new Map<string, Set<string>>();
  for (const [name, stack] of build(app, plan)) {
    const addresses = new Set<string>();
    for (const c of stack.node.findAll()) if (c instanceof TerraformResource) addresses.add(`${c.terraformResourceType}.${c.friendlyUniqueId}`);
    out.set(name, addresses);
  }
  return out;
}

/** The logical id with the old name put where it stands: every occurrence first, then each one alone. */
function candidates(address: string, from: string, to: string): string[] {
  const dot = address.indexOf('.');
  const type = address.slice(0, dot);
  const parts = address.slice(dot + 1).split('_');
  const at = parts.flatMap((p, i) => (p === from ? [i] : []));
  const replaced = (which: number[]) => `${type}.${parts.map((p, i) => (which.includes(i) ? to : p)).join('_')}`;
  return at.length === 0 ? [] : [replaced(at), ...(at.length > 1 ? at.map((i) => replaced([i])) : [])];
}

export function movesOfStep(step: RenameStep, before: Map<string, Set<string>>, after: Map<string, Set<string>>): Map<string, StateMove[]> {
  const out = new Map<string, StateMove[]>();
  for (const [stack, was] of before) {
    const now = after.get(stack);
    if (!now) continue;
    const gone = [...was].filter((a) => !now.has(a)).sort();
    const fresh = new Set([...now].filter((a) => !was.has(a)));
    const moves: StateMove[] = [];
    for (const from of gone) {
      const to = candidates(from, step.from, step.to).find((c) => fresh.has(c));
      if (to) {
        fresh.delete(to);
        moves.push({ from, to });
      }
    }
    if (moves.length > 0) out.set(stack, moves);
  }
  return out;
}

/** Every step's moves, by stack, in step order (Terraform follows the chain). */
export function renameMoves(plan: NetworkPlan, build: (app: App, plan: NetworkPlan) => Map<string, import('cdktf').TerraformStack>): Map<string, StateMove[]> {
  const out = new Map<string, StateMove[]>();
  for (const step of plan.renames ?? []) {
    const moves = movesOfStep(step, stackAddresses(step.fromPlan, build), stackAddresses(step.toPlan, build));
    for (const [stack, list] of moves) out.set(stack, [...(out.get(stack) ?? []), ...list]);
  }
  return out;
}

/** HCL of moved blocks, for `cdktf synth --hcl` (the JSON carries them as a top-level `moved` list). */
export const movedHcl = (moves: readonly StateMove[]): string => moves.map((m) => `moved {\n  from = ${m.from}\n  to   = ${m.to}\n}`).join('\n\n');
