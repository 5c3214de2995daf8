/**
 * The loader's contract under arbitrary input: it returns a config or throws a ConfigError whose
 * findings explain why, and nothing else (no TypeError from a validator reading a field of the wrong
 * type, no catalogue exception, no crash in planning). Inputs are the shipped vpce-hub.yaml mutated
 * structurally (keys deleted, duplicated, renamed, retyped, values replaced at random paths) and
 * textually (lines dropped, duplicated, re-indented, characters inserted), plus random YAML-ish text.
 * Each property is bounded in runs and in time.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError, type Finding } from '../../src/config/findings';
import { parseConfigText } from '../../src/config/load';

// Mutated text can make a mapping a key (`? {id: vpc-...}: x`); the yaml library then warns through
// process.emitWarning while converting, and the loader reports the config's errors as findings. Expected
// here, so kept out of the test output; every other warning still goes through.
const emitWarning = process.emitWarning;
beforeAll(() => {
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).startsWith('Keys with collection values will be stringified')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
});
afterAll(() => {
  process.emitWarning = emitWarning;
});

const SHIPPED = readFileSync(path.resolve(__dirname, '..', '..', 'vpce-hub.yaml'), 'utf8');
const BASE: unknown = parse(SHIPPED);
/** Per property: whichever comes first. */
const RUNS = 1500;
const TIME_LIMIT_MS = 5000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Strings that have broken parsers before: empty, huge, prototype keys, DNS and CIDR edge cases. */
const NASTY = ['', ' ', '__proto__', 'constructor', 'toString', '0.0.0.0/0', '10.0.0.0/33', '10.1.0.5/16', '010.0.0.0/16', 'vpc-', 'rtb-0', '{region}', '*.', '*', '.', 'a.b', 'us-east-1', 'use1-az1', 'ü', 'x'.repeat(300), '{"Statement": 1}', 'null', '~', 'yes', '-1', '1e400'];
const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...NASTY),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: false }).map((d) => (Number.isFinite(d) ? d : 0)),
  fc.boolean(),
  fc.constant(null),
);
const valueArb: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Every path to a node of the document (the root excluded). */
function pathsOf(node: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  const children: Array<[string | number, Json]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : node !== null && typeof node === 'object' ? Object.entries(node) : [];
  for (const [key, child] of children) {
    out.push([...prefix, key], ...pathsOf(child, [...prefix, key]));
  }
  return out;
}

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'insert'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: valueArb }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })), value: valueArb }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);

function applyMutation(doc: Json, m: Mutation): Json {
  const paths = pathsOf(doc);
  if (paths.length === 0) return m.kind === 'replace' ? m.value : doc;
  const target = paths[m.at % paths.length];
  const parentPath = target.slice(0, -1);
  const key = target[target.length - 1];
  let parent: Json = doc;
  for (const seg of parentPath) parent = (parent as Record<string | number, Json>)[seg];
  if (Array.isArray(parent) && typeof key === 'number') {
    if (m.kind === 'delete') parent.splice(key, 1);
    else if (m.kind === 'replace') parent[key] = m.value;
    else if (m.kind === 'duplicate' || m.kind === 'rename') parent.push(structuredClone(parent[key]));
    else parent.splice(key, 0, m.value);
  } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent) && typeof key === 'string') {
    const value = parent[key];
    if (m.kind === 'delete') delete parent[key];
    else if (m.kind === 'replace') parent[key] = m.value;
    else if (m.kind === 'rename') {
      delete parent[key];
      Object.defineProperty(parent, m.key, { value, enumerable: true, configurable: true, writable: true });
    } else if (m.kind === 'insert') Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    else parent[`${key}x`] = structuredClone(value);
  }
  return doc;
}

type TextEdit = { kind: 'dropLine' | 'dupLine' | 'indent' | 'dedent'; line: number } | { kind: 'insert'; at: number; text: string };
const YAML_BITS = [':', '- ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '!!str ', '? ', '|', '>', '#', '\t', '\n', ',', '<<: *a', '%YAML 1.2\n---\n', '---\n', '...\n'];
const textEditArb: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('dropLine' as const, 'dupLine' as const, 'indent' as const, 'dedent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...YAML_BITS), fc.string({ maxLength: 6 })) }),
);

function applyTextEdit(text: string, e: TextEdit): string {
  if (e.kind === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  const lines = text.split('\n');
  const i = e.line % lines.length;
  if (e.kind === 'dropLine') lines.splice(i, 1);
  else if (e.kind === 'dupLine') lines.splice(i, 0, lines[i]);
  else if (e.kind === 'indent') lines[i] = `  ${lines[i]}`;
  else lines[i] = lines[i].replace(/^ {1,2}/, '');
  return lines.join('\n');
}

/** The property: ConfigError or success, never another exception, never an internal error finding. */
function loadsOrExplains(text: string): void {
  let findings: Finding[];
  try {
    findings = parseConfigText(text, 'fuzz.yaml').findings;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    expect(e.findings.length).toBeGreaterThan(0);
    findings = e.findings;
  }
  for (const f of findings) {
    expect(f.code).not.toBe('InternalError');
    expect(typeof f.path).toBe('string');
  }
}

const params = { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false };

describe('the loader throws nothing but ConfigError', () => {
  it('for structurally mutated copies of the shipped config', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        let doc = structuredClone(BASE) as Json;
        for (const m of mutations) doc = applyMutation(doc, m);
        loadsOrExplains(stringify(doc));
      }),
      params,
    );
  });

  it('for textually mutated copies of the shipped config', () => {
    fc.assert(
      fc.property(fc.array(textEditArb, { minLength: 1, maxLength: 5 }), (edits) => {
        loadsOrExplains(edits.reduce(applyTextEdit, SHIPPED));
      }),
      params,
    );
  });

  it('for random YAML-like text', () => {
    const tokenText = fc.array(fc.oneof(fc.constantFrom(...YAML_BITS, 'hubs', 'spokes', 'accounts', 'name', ' ', '  '), fc.string({ maxLength: 5 })), { maxLength: 40 }).map((t) => t.join(''));
    fc.assert(fc.property(fc.oneof(tokenText, fc.string({ maxLength: 200 })), loadsOrExplains), params);
  });

  it('for alias bombs and deep nesting', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    loadsOrExplains(bomb);
    loadsOrExplains(`${'['.repeat(2000)}${']'.repeat(2000)}`);
    loadsOrExplains(`hubs: ${'['.repeat(500)}${']'.repeat(500)}`);
  });
});
