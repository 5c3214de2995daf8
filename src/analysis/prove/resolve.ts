/**
 * Reference resolution across stacks: a value in a synthesized stack is a literal, a reference to a
 * resource (`${aws_vpc.hub_main.id}`), an expression over references, or a read of another stack's
 * output through `terraform_remote_state`, which is followed to the expression behind that output.
 *
 * A remote state is matched to its stack by the state it reads (backend + location), not by its
 * name: a spoke that reads the wrong state file must not be proven reachable.
 */
import { resourceAt, type StackJson, type SynthesizedApp } from './synthesized';

export interface Ref {
  stack: string;
  /** `type.name`, or `data.type.name` for a data source. */
  address: string;
  /** `id`, `zone_id`, `dns_entry[0].dns_name`...; empty for the whole object. */
  attr: string;
}

export type Resolved =
  | { kind: 'literal'; value: string }
  | { kind: 'ref'; ref: Ref }
  | { kind: 'expr'; text: string; refs: Ref[] }
  | { kind: 'unresolved'; reason: string };

const WHOLE_TRAVERSAL = /^\$\{\s*([\w-]+(?:\.[\w-]+|\[\d+\])+)\s*\}$/;
const TRAVERSAL_IN_EXPR = /\b(data\.[a-z]\w*\.[\w-]+(?:\.[\w-]+|\[\d+\])*|[a-z][a-z0-9]*_[a-z0-9_]*\.[\w-]+(?:\.[\w-]+|\[\d+\])*)/g;
const REMOTE_OUTPUT = /^data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)(.*)$/;
const RESOURCE = /^([a-z][a-z0-9]*_[a-z0-9_]*)\.([\w-]+)(.*)$/;
const DATA = /^data\.([a-z]\w*)\.([\w-]+)(.*)$/;
/** Outputs may point at outputs of further stacks; real chains are one hop long. */
const MAX_HOPS = 8;

export function resolveValue(app: SynthesizedApp, stack: string, value: unknown, hops = 0): Resolved {
  if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value: String(value) };
  if (typeof value !== 'string') return { kind: 'unresolved', reason: `${JSON.stringify(value) ?? 'nothing'} is not a value` };
  if (!value.includes('${')) return { kind: 'literal', value };
  if (hops > MAX_HOPS) return { kind: 'unresolved', reason: `${value} goes through more than ${MAX_HOPS} stack outputs` };
  const whole = WHOLE_TRAVERSAL.exec(value);
  if (whole) return resolveTraversal(app, stack, whole[1], hops);
  const refs: Ref[] = [];
  for (const m of value.matchAll(TRAVERSAL_IN_EXPR)) {
    const inner = resolveTraversal(app, stack, m[1], hops);
    if (inner.kind === 'unresolved') return inner;
    refs.push(...refsOf(inner));
  }
  return { kind: 'expr', text: value, refs };
}

function resolveTraversal(app: SynthesizedApp, stack: string, traversal: string, hops: number): Resolved {
  const remote = REMOTE_OUTPUT.exec(traversal);
  if (remote) {
    const [, id, output, rest] = remote;
    const target = remoteStateTarget(app, stack, id);
    if (typeof target !== 'string') return target;
    const out = app.stacks[target]?.output?.[output];
    if (out === undefined) return { kind: 'unresolved', reason: `stack ${target} has no output ${output} (read by stack ${stack})` };
    const resolved = resolveValue(app, target, out.value, hops + 1);
    return rest && resolved.kind === 'ref' ? { kind: 'ref', ref: { ...resolved.ref, attr: joinAttr(resolved.ref.attr, rest) } } : resolved;
  }
  const data = DATA.exec(traversal);
  if (data) {
    const [, type, name, rest] = data;
    if (app.stacks[stack]?.data?.[type]?.[name] === undefined) return { kind: 'unresolved', reason: `stack ${stack} has no data.${type}.${name}` };
    return { kind: 'ref', ref: { stack, address: `data.${type}.${name}`, attr: joinAttr('', rest) } };
  }
  const res = RESOURCE.exec(traversal);
  if (res) {
    const [, type, name, rest] = res;
    const address = `${type}.${name}`;
    if (!resourceAt(app, stack, address)) return { kind: 'unresolved', reason: `stack ${stack} has no ${address}` };
    return { kind: 'ref', ref: { stack, address, attr: joinAttr('', rest) } };
  }
  return { kind: 'unresolved', reason: `\${${traversal}} is not a reference the proof can follow` };
}

const joinAttr = (base: string, rest: string): string => [base, rest.replace(/^\./, '')].filter(Boolean).join('.').replace(/\.\[/g, '[');

/** The stack whose state a `terraform_remote_state` data source of `stack` reads, or why there is none. */
function remoteStateTarget(app: SynthesizedApp, stack: string, id: string): string | Resolved {
  const source = app.stacks[stack]?.data?.terraform_remote_state?.[id];
  if (source === undefined) return { kind: 'unresolved', reason: `stack ${stack} has no data.terraform_remote_state.${id}` };
  const reads = remoteStateLocation(source);
  const target = Object.keys(app.stacks).find((s) => s !== stack && reads !== undefined && stateLocation(app.stacks[s]) === reads);
  if (target === undefined) {
    return { kind: 'unresolved', reason: `data.terraform_remote_state.${id} in stack ${stack} reads ${reads ?? 'an unknown state'}, which no synthesized stack writes` };
  }
  return target;
}

/** `local:<path>`, `s3:<bucket>/<key>` or `tfc:<host>/<org>/<workspace>`: where a stack keeps its state. */
export function stateLocation(stack: StackJson | undefined): string | undefined {
  const terraform = stack?.terraform ?? {};
  const cloud = asRecord(terraform.cloud);
  if (cloud) return location('remote', cloud);
  const backend = asRecord(terraform.backend) ?? {};
  const [kind] = Object.keys(backend);
  return kind === undefined ? undefined : location(kind, asRecord(backend[kind]) ?? {});
}

function remoteStateLocation(source: Record<string, unknown>): string | undefined {
  return typeof source.backend === 'string' ? location(source.backend, asRecord(source.config) ?? {}) : undefined;
}

function location(kind: string, config: Record<string, unknown>): string | undefined {
  switch (kind) {
    // Every stack runs in its own sibling folder (stacks/<name>/), so equal relative paths are one file.
    case 'local':
      return `local:${String(config.path ?? 'terraform.tfstate')}`;
    case 's3':
      return `s3:${String(config.bucket)}/${String(config.key)}`;
    case 'remote':
      return `tfc:${String(config.hostname ?? 'app.terraform.io')}/${String(config.organization)}/${String(asRecord(config.workspaces)?.name)}`;
    default:
      return undefined;
  }
}

const asRecord = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function refsOf(r: Resolved): Ref[] {
  return r.kind === 'ref' ? [r.ref] : r.kind === 'expr' ? r.refs : [];
}

/** What a value denotes, attribute aside: the same literal, or the same resource in the same stack. */
export function identityOf(r: Resolved): string | undefined {
  if (r.kind === 'literal') return `=${r.value}`;
  if (r.kind === 'ref') return `${r.ref.stack}/${r.ref.address}`;
  return undefined;
}

export function sameValue(a: Resolved, b: Resolved): boolean {
  const ia = identityOf(a);
  return ia !== undefined && ia === identityOf(b);
}

export function refersTo(r: Resolved, target: { stack: string; address: string }): boolean {
  return refsOf(r).some((ref) => ref.stack === target.stack && ref.address === target.address);
}

/** For messages: the literal, the address, or why it could not be followed. */
export function describe(r: Resolved): string {
  switch (r.kind) {
    case 'literal':
      return r.value;
    case 'ref':
      return r.ref.address;
    case 'expr':
      return r.text;
    case 'unresolved':
      return `(${r.reason})`;
  }
}
