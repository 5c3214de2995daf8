/**
 * Reads `terraform show -json <planfile>` (plan format 1.x): managed resource changes only, with
 * the action Terraform will take. Replacement appears as two actions: ["delete","create"] (the
 * default order) or ["create","delete"] (create_before_destroy).
 * Format: https://developer.hashicorp.com/terraform/internals/json-format#change-representation
 */
import { isArray, isObject, toFrozenJson, type Json, type JsonObject } from '../analysis/json-value';
import { sortChanges, type ChangeAction, type ReplaceOrder, type ResourceChange } from './changes';

/** The part of the plan JSON this project reads (also what the offline harness returns). */
export interface PlanJson {
  format_version?: string;
  resource_changes?: Array<{
    address: string;
    mode?: string;
    type: string;
    name: string;
    index?: unknown;
    module_address?: string;
    action_reason?: string;
    change: { actions: string[]; before?: unknown; after?: unknown; replace_paths?: unknown; importing?: { id?: string } };
    /** Set when a moved block moves it here (the address the state held it under). */
    previous_address?: string;
  }>;
  planned_values?: { outputs?: Record<string, unknown> };
}

export class PlanJsonError extends Error {}

/** Terraform's actions -> ours; undefined for no-op and read (nothing changes). */
export function actionOf(actions: readonly string[]): { action: ChangeAction; replaceOrder?: ReplaceOrder } | undefined {
  const key = actions.join(',');
  switch (key) {
    case 'create':
      return { action: 'create' };
    case 'update':
      return { action: 'update' };
    case 'delete':
      return { action: 'delete' };
    case 'delete,create':
      return { action: 'replace', replaceOrder: 'delete-before-create' };
    case 'create,delete':
      return { action: 'replace', replaceOrder: 'create-before-delete' };
    case 'no-op':
    case 'read':
    case '':
      return undefined;
    default:
      throw new PlanJsonError(`unknown action list [${actions.join(', ')}]`);
  }
}

/** Parses plan JSON text for one stack into resource changes. Throws PlanJsonError on anything else. */
export function parsePlanJson(text: string, stack: string): ResourceChange[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PlanJsonError(`not JSON: ${(e as Error).message}`);
  }
  return changesFromPlan(raw, stack);
}

export function changesFromPlan(raw: unknown, stack: string): ResourceChange[] {
  const plan = toFrozenJson(raw);
  if (!isObject(plan) || (plan.resource_changes === undefined && plan.format_version === undefined)) {
    throw new PlanJsonError('not the output of `terraform show -json <planfile>` (no format_version or resource_changes)');
  }
  const list = plan.resource_changes ?? [];
  if (!isArray(list)) throw new PlanJsonError('resource_changes is not a list');
  const out: ResourceChange[] = [];
  for (const rc of list) {
    if (!isObject(rc) || rc.mode === 'data') continue;
    const change = isObject(rc.change) ? rc.change : {};
    const actions = isArray(change.actions) ? change.actions.filter((a): a is string => typeof a === 'string') : [];
    // An import (`change.importing`, Terraform >= 1.5) is a no-op or an update of an object that
    // exists; a moved resource carries `previous_address`. Both are listed, apart from creates.
    const importing = isObject(change.importing) && typeof change.importing.id === 'string' ? change.importing.id : undefined;
    const previous = typeof rc.previous_address === 'string' ? rc.previous_address : undefined;
    const mapped = actionOf(actions) ?? (importing !== undefined || previous !== undefined ? { action: 'update' as const } : undefined);
    if (!mapped) continue;
    const type = String(rc.type ?? '');
    const address = String(rc.address ?? `${type}.${String(rc.name ?? '')}`);
    const before = isObject(change.before) ? change.before : undefined;
    const after = isObject(change.after) ? change.after : undefined;
    out.push({
      stack,
      address,
      type,
      name: String(rc.name ?? ''),
      action: mapped.action,
      attributes: mapped.action === 'replace' ? replacePaths(change.replace_paths) : mapped.action === 'update' ? changedKeys(before, after) : [],
      ...(mapped.action === 'replace' && typeof rc.action_reason === 'string' && REASONS[rc.action_reason] ? { reason: REASONS[rc.action_reason] } : {}),
      ...(mapped.replaceOrder ? { replaceOrder: mapped.replaceOrder } : {}),
      ...(importing !== undefined ? { importId: importing } : {}),
      ...(previous !== undefined ? { movedFrom: previous } : {}),
      ...(before && mapped.action !== 'create' ? { before } : {}),
      ...(after && mapped.action !== 'delete' ? { after } : {}),
    });
  }
  return sortChanges(out);
}

/** `replace_paths` is a list of attribute paths (lists of steps); the first step names the attribute. */
function replacePaths(value: Json | undefined): string[] {
  if (!isArray(value)) return [];
  const names = value.map((p) => (isArray(p) ? p.filter((s) => typeof s === 'string' || typeof s === 'number').join('.') : '')).filter((s) => s !== '');
  return [...new Set(names)].sort();
}

/** Top-level attributes whose known values differ (unknown-after-apply values count as changed). */
function changedKeys(before: JsonObject | undefined, after: JsonObject | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => k !== 'tags_all' && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null)).sort();
}

/** Reasons worth saying; the usual one (replace_because_cannot_update) is what `replace_paths` already shows. */
const REASONS: Record<string, string | undefined> = {
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'a replace_triggered_by reference changed',
};
