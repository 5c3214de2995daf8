/**
 * The proof's words for resolved values (analysis/tree.ts resolves them): whether two values are the
 * same, whether a value is built from a given resource, and how to name a value in a message.
 */
import type { JsonObject } from '../json-value';
import { identityOf, resolveExpression, resolveReferencesIn, type Resolution, type SynthTree, type TfResource } from '../tree';

/** A resource or data source in a stack, as `refersTo` compares it. */
export interface Target {
  stack: string;
  address: string;
}

/** Resolves a field of a resource body (or of one of its blocks) in its own stack. */
export const field = (ctx: { tree: SynthTree }, record: { stack: string; body: JsonObject }, name: string): Resolution => resolveExpression(ctx.tree, record.stack, record.body[name]);

/** Every reference inside a field, resolved: the operands of function calls and templates too. */
export const fieldRefs = (ctx: { tree: SynthTree }, record: { stack: string; body: JsonObject }, name: string): Resolution[] =>
  resolveReferencesIn(ctx.tree, record.stack, record.body[name]);

/** A value the config gives (an existing VPC or route table id), as the proof compares it with the JSON. */
export const literal = (stack: string, value: string): Resolution => ({ kind: 'literal', stack, value, hops: [] });

/** The resource or data source a value is an attribute of. */
export function targetOf(r: Resolution): Target | undefined {
  if (r.kind === 'resource') return { stack: r.resource.stack, address: r.resource.address };
  if (r.kind === 'data') return { stack: r.dataSource.stack, address: r.dataSource.address };
  return undefined;
}

/** The resource a value is an attribute of, when it is one of `type`. */
export const resourceOf = (r: Resolution, type: string): TfResource | undefined => (r.kind === 'resource' && r.resource.type === type ? r.resource : undefined);

export function sameValue(a: Resolution, b: Resolution): boolean {
  const ia = identityOf(a);
  return ia !== undefined && ia === identityOf(b);
}

/** Whether any of the values is an attribute of `target`. */
export function refersTo(values: readonly Resolution[], target: Target): boolean {
  return values.some((r) => {
    const t = targetOf(r);
    return t !== undefined && t.stack === target.stack && t.address === target.address;
  });
}

/** For messages: the literal, the address, or why it could not be followed. */
export function describe(r: Resolution): string {
  switch (r.kind) {
    case 'literal':
      return typeof r.value === 'string' ? r.value : JSON.stringify(r.value);
    case 'resource':
      return r.resource.address;
    case 'data':
      return r.dataSource.address;
    case 'unresolved':
      return `(${r.reason})`;
  }
}

/** The resources of one type in one stack. */
export const resourcesIn = (tree: SynthTree, stack: string, type: string): readonly TfResource[] => tree.stacks.get(stack)?.resourcesByType.get(type) ?? [];
