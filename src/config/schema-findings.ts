/**
 * Turns zod's structural issues into findings that name the field, the value and the fix,
 * e.g. a misspelled key gets the nearest allowed key as a suggestion.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Finding } from './findings';
import { formatPath, valueAt, type PathSegment } from './paths';

type AnySchema = z.core.$ZodType;

/** The keys an object schema at `path` allows (walking through optionals, arrays, unions, records). */
export function allowedKeysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let candidates: AnySchema[] = [schema];
  const unwrap = (s: AnySchema): AnySchema[] => {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
      case 'prefault':
        return unwrap(def.innerType as AnySchema);
      case 'union':
        return (def.options as AnySchema[]).flatMap(unwrap);
      case 'pipe':
        return unwrap(def.in as AnySchema);
      default:
        return [s];
    }
  };
  for (const seg of [...path, null]) {
    candidates = candidates.flatMap(unwrap);
    if (seg === null) break;
    const next: AnySchema[] = [];
    for (const c of candidates) {
      const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object' && typeof seg === 'string') {
        const child = (def.shape as Record<string, AnySchema>)[seg];
        if (child) next.push(child);
      } else if (def.type === 'array' && typeof seg === 'number') next.push(def.element as AnySchema);
      else if (def.type === 'record') next.push(def.valueType as AnySchema);
    }
    candidates = next;
  }
  const keys = new Set<string>();
  for (const c of candidates) {
    const def = c._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') Object.keys(def.shape as object).forEach((k) => keys.add(k));
  }
  return [...keys].sort();
}

/**
 * A key that belongs one level deeper, in a mapping allowed here (`cidr` written beside `vpc:` instead
 * of under it): the name of that mapping, preferring one the config already has.
 */
function deeperHome(schema: AnySchema, path: readonly PathSegment[], key: string, here: unknown): string | undefined {
  const present = here !== null && typeof here === 'object' && !Array.isArray(here) ? Object.keys(here) : [];
  const homes = allowedKeysAt(schema, path).filter((child) => allowedKeysAt(schema, [...path, child]).includes(key));
  return homes.find((h) => present.includes(h)) ?? homes[0];
}

/**
 * A key that belongs one level up, in an enclosing mapping (`dns` indented under a hub's `vpc:` instead
 * of beside it): the path of that mapping. Removing such a key, as "unknown" would suggest, silently
 * drops a setting (a hub's dns mode falls back to its default); moving it up keeps it. Not offered when
 * the enclosing mapping already has the key (moving it would make a duplicate).
 */
function shallowerHome(schema: AnySchema, path: readonly PathSegment[], key: string, raw: unknown): PathSegment[] | undefined {
  if (path.length === 0 || typeof path[path.length - 1] !== 'string') return undefined;
  const parent = path.slice(0, -1);
  const there = valueAt(parent, raw);
  if (there === null || typeof there !== 'object' || Array.isArray(there) || Object.prototype.hasOwnProperty.call(there, key)) return undefined;
  return allowedKeysAt(schema, parent).includes(key) ? parent : undefined;
}

/**
 * The allowed key a misspelling most likely meant: close in edit distance, or one name containing the
 * other (`accountId` for `id`, `role` for `roleArn`), which edit distance misses.
 */
function nearestKey(key: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const lower = key.toLowerCase();
  const near = closest(key, [...allowed]);
  if (distance(lower, near.toLowerCase()) <= Math.max(2, key.length / 3)) return near;
  const containing = allowed.filter((a) => lower.includes(a.toLowerCase()) || a.toLowerCase().includes(lower));
  return containing.length > 0 ? closest(key, containing) : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function issueToFindings(issue: z.core.$ZodIssue, schema: AnySchema, raw: unknown): Finding[] {
  const path = issue.path as PathSegment[];
  const where = formatPath(path, raw);
  const value = valueAt(path, raw);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, path);
      return issue.keys.map((key) => {
        const home = deeperHome(schema, path, key, value);
        const up = home ? undefined : shallowerHome(schema, path, key, raw);
        const near = nearestKey(key, allowed);
        return {
          severity: 'error' as const,
          code: 'UnknownKey',
          path: where ? `${where}.${key}` : key,
          message: `is not a known key${allowed.length ? ` here (allowed: ${allowed.join(', ')})` : ''}`,
          fix: home
            ? `did you mean under \`${home}:\`? Indent it one level deeper, below ${home}`
            : up
              ? `did you mean one level up, ${up.length > 0 ? `under \`${formatPath(up, raw)}\`` : 'at the top level'}? Indent it one level less, beside ${String(path[path.length - 1])}`
              : near
                ? `did you mean "${near}"?`
                : 'remove it',
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [{ severity: 'error', code: 'MissingField', path: where, message: `is required (${issue.expected})`, fix: `add ${path[path.length - 1]}` }];
      }
      const fix =
        typeof value === 'number' && path[path.length - 1] === 'id' && path[0] === 'accounts'
          ? 'quote the account id ("012345678901"): YAML reads digits as a number and drops leading zeros'
          : issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
            ? `quote it (${JSON.stringify(String(value))}): YAML reads an unquoted ${value} as a ${typeof value}`
            : `give ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
      return [{ severity: 'error', code: 'WrongType', path: where, value, message: `is ${describe(value)}, expected ${issue.expected}`, fix }];
    }
    case 'invalid_value':
      return [{ severity: 'error', code: 'InvalidValue', path: where, value, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'invalid_union': {
      return [{ severity: 'error', code: 'InvalidValue', path: where, value, message: 'matches none of the accepted forms', fix: unionHint(path) }];
    }
    case 'too_small':
      if (issue.origin === 'array') {
        return [{ severity: 'error', code: 'TooFew', path: where, message: `needs at least ${String(issue.minimum)} item(s)` }];
      }
      if (issue.origin === 'string') {
        return [{ severity: 'error', code: 'Empty', path: where, value, message: 'must not be empty' }];
      }
      return [{ severity: 'error', code: 'OutOfRange', path: where, value, message: `must be >= ${String(issue.minimum)}` }];
    case 'too_big':
      return [{ severity: 'error', code: 'OutOfRange', path: where, value, message: `must be <= ${String(issue.maximum)}` }];
    case 'invalid_format':
      if (value === '') return [{ severity: 'error', code: 'Empty', path: where, value, message: 'must not be empty', fix: `it ${issue.message}` }];
      // Names become addresses: their own code, like a bad account key.
      if (path[path.length - 1] === 'name') return [{ severity: 'error', code: 'InvalidName', path: where, value, message: issue.message }];
      return [{ severity: 'error', code: 'InvalidFormat', path: where, value, message: issue.message }];
    case 'invalid_key': {
      // A record key (an account key): the path ends with the key itself.
      const key = String(path[path.length - 1]);
      const keyPath = key === '' ? `${formatPath(path.slice(0, -1), raw)}.""` : where;
      const why = issue.issues.map((i) => i.message).join('; ');
      return [{ severity: 'error', code: key === '' ? 'Empty' : 'InvalidName', path: keyPath, value: key, message: `is not a usable key: ${why}`, fix: 'use letters, digits and hyphens, starting with a letter' }];
    }
    default:
      return [{ severity: 'error', code: 'Invalid', path: where, value, message: issue.message }];
  }
}

function unionHint(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === 'endpointPolicy') return 'use default, organization, { principals: [arn, ...] } or { document: <JSON string> }';
  if (path.includes('services')) return 'use a catalogue name like sqs, or { name: x, privateDnsNames: [...] }';
  return 'check the config reference in README.md';
}

/** Keys that are JavaScript object internals: zod's record check reads `constructor` (and crashes on a
 * null one), and a `__proto__` key would set a prototype. No config key or name can be one of them. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function reservedKeyFindings(raw: unknown): Finding[] {
  const findings: Finding[] = [];
  const walk = (node: unknown, path: PathSegment[]) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const here = [...path, key];
        if (RESERVED_KEYS.has(key)) {
          findings.push({ severity: 'error', code: 'ReservedKey', path: formatPath(here, raw), message: 'is a reserved word and cannot be a key', fix: 'rename or remove it' });
        } else walk((node as Record<string, unknown>)[key], here);
      }
    }
  };
  walk(raw, []);
  return findings;
}
