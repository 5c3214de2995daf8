/**
 * Reading Terraform expressions inside JSON strings (`"${aws_vpc.hub_main.id}"`): just enough of the
 * HCL template and traversal syntax to find the references an attribute makes. Function calls,
 * operators and literals are skipped; what remains is every `type.name...`, `data.type.name...` or
 * `var.x` traversal, in order of appearance.
 */
import { isArray, isObject, type Json } from './json-value';

export type PathPart = string | number;

export interface Reference {
  /** `resource` = `type.name`, `data` = `data.type.name`; `other` = var, local, module, each, path, ... */
  readonly kind: 'resource' | 'data' | 'other';
  /** Resource or data source type (`aws_vpc`), or the root word for `other` (`var`). */
  readonly type: string;
  /** Resource or data source name; for `other`, the first attribute (`var.x` -> `x`), may be ''. */
  readonly name: string;
  /** Attribute path after the name: `dns_entry[0].dns_name` -> ['dns_entry', 0, 'dns_name']. */
  readonly path: readonly PathPart[];
  /** The traversal as written. */
  readonly text: string;
}

/** A JSON string seen as Terraform: plain text, exactly one reference, or any other template. */
export type Expression =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'reference'; readonly ref: Reference }
  | { readonly kind: 'template'; readonly refs: readonly Reference[] };

const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform']);
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);
const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;
/** One traversal: identifier, then `.attr`, `.0`, `[0]`, `["key"]`, `[*]` or `.*` steps. */
const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\.\d+|\[\s*\d+\s*\]|\[\s*"(?:[^"\\]|\\.)*"\s*\]|\[\*\]|\.\*)*/;

/** `['dns_entry', 0, 'dns_name']` -> `dns_entry[0].dns_name`. */
export function formatPath(path: readonly PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : p === '*' ? '[*]' : i === 0 ? p : `.${p}`)).join('');
}

export function parseExpression(text: string): Expression {
  const parts = templateParts(text);
  if (parts.length === 0) return { kind: 'literal', value: text.replace(/\$\$\{/g, '${') };
  const whole = text.trim();
  if (parts.length === 1 && whole.startsWith('${') && whole.endsWith('}')) {
    const inner = whole.slice(2, -1).trim();
    const m = TRAVERSAL.exec(inner);
    if (m && m[0].length === inner.length) {
      const ref = toReference(inner);
      if (ref) return { kind: 'reference', ref };
    }
  }
  return { kind: 'template', refs: parts.flatMap(referencesInCode) };
}

/** Every reference in a JSON value, strings inside objects and lists included. */
export function referencesIn(value: Json | undefined): Reference[] {
  if (typeof value === 'string') {
    // Analyses read the same attribute texts many times (a proof, every cell); parsing is pure.
    let refs = parsedReferences.get(value);
    if (!refs) {
      const e = parseExpression(value);
      refs = e.kind === 'reference' ? [e.ref] : e.kind === 'template' ? e.refs : [];
      if (parsedReferences.size > 100_000) parsedReferences.clear();
      parsedReferences.set(value, refs);
    }
    return [...refs];
  }
  if (isArray(value)) return value.flatMap((v) => referencesIn(v));
  if (isObject(value)) return Object.values(value).flatMap((v) => referencesIn(v));
  return [];
}

const parsedReferences = new Map<string, readonly Reference[]>();

/** The code inside each `${ ... }` of a template (`$${` is an escaped, literal `${`). */
function templateParts(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = matchingBrace(text, i + 2);
      parts.push(text.slice(i + 2, end));
      i = end + 1;
    } else {
      i += 1;
    }
  }
  return parts;
}

/** Index of the `}` closing a block that starts at `from`, skipping nested braces and quoted strings. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = closingQuote(text, i);
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return text.length;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

function referencesInCode(code: string): Reference[] {
  const refs: Reference[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '"') {
      // A string literal inside an expression is itself a template: `"${a.b.id}-x"`.
      const end = closingQuote(code, i);
      refs.push(...templateParts(code.slice(i + 1, end)).flatMap(referencesInCode));
      i = end + 1;
      continue;
    }
    const prev = i > 0 ? code[i - 1] : '';
    if (IDENT_START.test(c) && !IDENT_CHAR.test(prev) && prev !== '.') {
      const m = TRAVERSAL.exec(code.slice(i)) as RegExpExecArray;
      const after = code.slice(i + m[0].length).trimStart();
      const ref = after.startsWith('(') ? undefined : toReference(m[0]);
      if (ref) refs.push(ref);
      i += m[0].length;
      continue;
    }
    i += 1;
  }
  return refs;
}

function toReference(text: string): Reference | undefined {
  const steps = splitTraversal(text);
  const [root, ...rest] = steps;
  if (typeof root !== 'string' || KEYWORDS.has(root)) return undefined;
  if (root === 'data') {
    const [type, name, ...path] = rest;
    if (typeof type !== 'string' || typeof name !== 'string') return undefined;
    return { kind: 'data', type, name, path, text };
  }
  if (NON_RESOURCE_ROOTS.has(root)) {
    const [first, ...path] = rest;
    return { kind: 'other', type: root, name: typeof first === 'string' ? first : '', path, text };
  }
  const [name, ...path] = rest;
  // A lone word is not a reference to anything we model (a for-expression variable, an unknown root).
  if (typeof name !== 'string') return undefined;
  return { kind: 'resource', type: root, name, path, text };
}

function splitTraversal(text: string): PathPart[] {
  const steps: PathPart[] = [];
  const step = /([A-Za-z_][A-Za-z0-9_-]*)|\.(\d+)|\[\s*(\d+)\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|(\[\*\]|\.\*)/g;
  for (let m = step.exec(text); m; m = step.exec(text)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined) steps.push(Number(m[3]));
    else if (m[4] !== undefined) steps.push(m[4].replace(/\\(.)/g, '$1'));
    else steps.push('*');
  }
  return steps;
}
