/** Small readers over synthesized cdk.tf.json, for stack assertions. */
import type { TerraformJson } from '../support/terraform';

/** name -> body (cdktf's `//` metadata removed) of every resource of one type. */
export function ofType(stack: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, body] of Object.entries(stack.resource?.[type] ?? {})) {
    const { ['//']: _meta, ...rest } = body;
    out[name] = rest;
  }
  return out;
}

export const namesOf = (stack: TerraformJson, type: string): string[] => Object.keys(ofType(stack, type)).sort();

/** Every string anywhere in a JSON value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allStrings(v)]);
  return [];
}

/** `${data.terraform_remote_state.<id>.outputs.<name>}` references: [remote state id, output name]. */
export function remoteOutputRefs(stack: TerraformJson): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  for (const s of allStrings(stack.resource ?? {})) {
    for (const m of s.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)) refs.push([m[1], m[2]]);
  }
  return refs;
}
