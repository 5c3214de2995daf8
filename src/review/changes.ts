/**
 * What a change set says about one resource, whichever way it was learned: from a real
 * `terraform plan` (plan-json.ts) or from comparing two synthesized trees (tree-diff.ts).
 */
import type { JsonObject } from '../analysis/json-value';

export const CHANGE_ACTIONS = ['create', 'update', 'replace', 'delete'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Plan JSON distinguishes the two replace orders; a tree comparison cannot know which one applies. */
export type ReplaceOrder = 'delete-before-create' | 'create-before-delete';

export interface ResourceChange {
  stack: string;
  /** `type.name`, as Terraform addresses it inside its stack. */
  address: string;
  type: string;
  name: string;
  action: ChangeAction;
  /** update: the attributes that change; replace: the attributes that force it (may be empty when unknown). */
  attributes: string[];
  /** Why a replace happens, in words, when it is not just "these attributes force it". */
  reason?: string;
  replaceOrder?: ReplaceOrder;
  /** The address the state held it under, when a `moved` block (a rename, formerNames) moves it here. */
  movedFrom?: string;
  /** The id an `import` block imports it from (adopt): a create that takes over an existing object. */
  importId?: string;
  /** The body before (delete, update, replace) and after (create, update, replace), for the gate's wording. */
  before?: JsonObject;
  after?: JsonObject;
}

export type ChangeSource = 'plan' | 'offline-plan' | 'synth-diff';

export interface StackChanges {
  stack: string;
  /** `new`: the base has no such stack; `removed`: only the base has it (nothing will run Terraform for it). */
  status: 'new' | 'existing' | 'removed';
  source: ChangeSource;
  /** Sorted by action (create, update, replace, delete), then address. */
  changes: ResourceChange[];
}

export const actionRank = (a: ChangeAction): number => CHANGE_ACTIONS.indexOf(a);

export function sortChanges(changes: ResourceChange[]): ResourceChange[] {
  return [...changes].sort((a, b) => actionRank(a.action) - actionRank(b.action) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export const qualified = (c: Pick<ResourceChange, 'stack' | 'address'>): string => `${c.stack}/${c.address}`;

export function countActions(changes: readonly ResourceChange[]): Record<ChangeAction, number> {
  const counts: Record<ChangeAction, number> = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const c of changes) counts[c.action] += 1;
  return counts;
}
