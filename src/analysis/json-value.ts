/**
 * JSON values as read from a synthesized `cdk.tf.json`, and typed accessors for them, so analysis code
 * never needs `any` or unchecked casts. Everything here is read-only.
 */
export type Json = null | boolean | number | string | JsonArray | JsonObject;
export type JsonArray = readonly Json[];
export interface JsonObject {
  readonly [key: string]: Json;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isArray(v: Json | undefined): v is JsonArray {
  return Array.isArray(v);
}

/** A string attribute; undefined when absent or not a string. */
export function str(obj: JsonObject, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** A boolean attribute. Terraform also accepts "true"/"false" strings in JSON; both forms count. */
export function bool(obj: JsonObject, key: string): boolean | undefined {
  const v = obj[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** A number attribute; numeric strings ("443") count, as they do for Terraform. */
export function num(obj: JsonObject, key: string): number | undefined {
  const v = obj[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

export function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return isObject(v) ? v : undefined;
}

/** The string items of a list attribute ([] when absent). */
export function strList(o: JsonObject, key: string): string[] {
  const v = o[key];
  if (typeof v === 'string') return [v];
  return isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Nested blocks: cdktf writes them as a list of objects (`"vpc": [{...}]`), hand-written Terraform
 * JSON may use a single object. Both are accepted.
 */
export function blocks(o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  if (isObject(v)) return [v];
  return isArray(v) ? v.filter(isObject) : [];
}

/** Whether the attribute is present with a value other than null. */
export function has(o: JsonObject, key: string): boolean {
  return o[key] !== undefined && o[key] !== null;
}

/** Parses untrusted JSON text into a frozen Json value, dropping Terraform JSON comments (`//` keys). */
export function toFrozenJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  // Frozen objects and arrays are this function's own results (trees assembled from parts of others).
  if (typeof value === 'object' && Object.isFrozen(value)) return value as Json;
  if (Array.isArray(value)) return Object.freeze(value.map(toFrozenJson));
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '//' || v === undefined) continue;
      out[k] = toFrozenJson(v);
    }
    return Object.freeze(out);
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

/**
 * JSON text with every object's keys sorted: equal for two values exactly when they are equal as JSON
 * values, whatever their key order or formatting (JSON objects are unordered: RFC 8259, section 4).
 */
export function stableJson(v: Json): string {
  if (isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
