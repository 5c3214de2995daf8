/**
 * Synthesized stacks as a set of resources, `<stack>/<type>.<name>` -> body, and the difference of
 * two such sets: what onboarding one more spoke adds, removes or rewrites.
 */
import type { TerraformJson } from '../__tests__/support/terraform';

export interface ResourceRef {
  stack: string;
  type: string;
  name: string;
}

export type ResourceSet = Map<string, { ref: ResourceRef; body: string }>;

export function resourceSet(stacks: Record<string, TerraformJson>): ResourceSet {
  const out: ResourceSet = new Map();
  for (const [stack, json] of Object.entries(stacks)) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        // cdktf's `//` metadata holds the construct path, not anything Terraform would change.
        const { ['//']: _meta, ...rest } = body;
        out.set(`${stack}/${type}.${name}`, { ref: { stack, type, name }, body: JSON.stringify(rest) });
      }
    }
  }
  return out;
}

export function resourcesPerStack(stacks: Record<string, TerraformJson>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [stack, json] of Object.entries(stacks)) {
    let n = 0;
    for (const byName of Object.values(json.resource ?? {})) n += Object.keys(byName).length;
    out.set(stack, n);
  }
  return out;
}

export interface ResourceDiff {
  added: ResourceRef[];
  removed: ResourceRef[];
  /** Present before and after with a different body: an in-place update or a replacement. */
  changed: ResourceRef[];
}

export function diffResources(before: ResourceSet, after: ResourceSet): ResourceDiff {
  const added: ResourceRef[] = [];
  const changed: ResourceRef[] = [];
  for (const [address, r] of after) {
    const old = before.get(address);
    if (old === undefined) added.push(r.ref);
    else if (old.body !== r.body) changed.push(r.ref);
  }
  const removed = [...before].filter(([address]) => !after.has(address)).map(([, r]) => r.ref);
  return { added, removed, changed };
}

export function countByType(refs: ReadonlyArray<ResourceRef>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of refs) out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
}
