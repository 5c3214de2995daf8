/**
 * vpce-hub.schema.json, the JSON Schema editors use (issue 11): generated from the zod schema, committed
 * up to date, referenced by the first line of every shipped config, accepting every shipped config and
 * rejecting the structural invalid fixtures.
 */
import Ajv from 'ajv';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FINDING_CODES, type FindingCode } from '../../src/config/finding-codes';
import { configJsonSchema, JSON_SCHEMA_FILE, serializeConfigJsonSchema } from '../../src/config/json-schema';
import { FIXTURES, fixtureCases } from '../validation/fixture-cases';

const ROOT = path.resolve(__dirname, '..', '..');
const SHIPPED = ['vpce-hub.yaml', ...readdirSync(path.join(ROOT, 'examples')).map((d) => path.join('examples', d, 'vpce-hub.yaml'))].filter((f) =>
  existsSync(path.join(ROOT, f)),
);
const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, JSON_SCHEMA_FILE), 'utf8')));
const errorsOf = (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));

/**
 * Codes of the schema topic that the JSON Schema cannot enforce: `Invalid` comes from zod refinements
 * (e.g. exactly one backend), which JSON Schema generation drops; `ReservedKey` guards JavaScript object
 * internals (`constructor` is a valid name for JSON Schema); `InvalidBucketName` is S3's naming rules,
 * checked by validate-backend.ts after parsing, not a pattern of the schema. Every other structural code is a shape,
 * type, format, enum or size rule that the JSON Schema states too.
 */
const NOT_IN_JSON_SCHEMA: FindingCode[] = ['Invalid', 'ReservedKey', 'InvalidBucketName'];
const enforcedByJsonSchema = (code: string): boolean => FINDING_CODES[code as FindingCode]?.topic === 'structure' && !NOT_IN_JSON_SCHEMA.includes(code as FindingCode);

interface Expected {
  findings: Array<{ code: string }>;
}
/**
 * Invalid fixtures all of whose expected findings have codes the JSON Schema enforces. A fixture that
 * mixes in another code is left out: its structural-looking finding may come from a cross-field rule of
 * the validators (an existing hub VPC without `subnets` is a MissingField from validate-vpcs.ts).
 */
const structural = fixtureCases('invalid').filter((name) => {
  const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'invalid', name, 'expected.json'), 'utf8')) as Expected;
  return expected.findings.length > 0 && expected.findings.every((f) => enforcedByJsonSchema(f.code));
});

describe(`${JSON_SCHEMA_FILE}`, () => {
  it('equals a fresh generation from src/config/schema.ts', () => {
    const committed = readFileSync(path.join(ROOT, JSON_SCHEMA_FILE), 'utf8');
    if (committed !== serializeConfigJsonSchema()) {
      throw new Error(`${JSON_SCHEMA_FILE} is out of date with src/config/schema.ts: run \`npm run schema\` and commit the result`);
    }
  });

  it('is a draft-07 schema that closes every object to unknown keys, as the loader does', () => {
    const schema = configJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['accounts', 'hubs', 'spokes', 'backend', 'quotas']));
    expect(schema.required).toEqual(expect.arrayContaining(['accounts', 'hubs']));
  });

  it.each(SHIPPED)('%s starts with the yaml-language-server line pointing at the schema', (file) => {
    const first = readFileSync(path.join(ROOT, file), 'utf8').split('\n')[0];
    const m = MODELINE.exec(first);
    expect(m && path.resolve(ROOT, path.dirname(file), m[1])).toBe(path.join(ROOT, JSON_SCHEMA_FILE));
  });

  it.each(SHIPPED)('accepts %s', (file) => {
    expect(errorsOf(parse(readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('knows which invalid fixtures are structural (by finding code)', () => {
    expect(structural.length).toBeGreaterThan(15);
    expect(structural).toEqual(expect.arrayContaining(['key-misspelled', 'missing-field', 'invalid-enum-value', 'account-id-number', 'number-out-of-range']));
    expect(structural).not.toContain('cidr-overlaps-hub');
    expect(structural).not.toContain('existing-hub-without-subnets');
    expect(structural).not.toContain('backend-two-kinds'); // a zod refinement: JSON Schema has no such rule
  });

  it.each(structural)('rejects the structural fixture invalid/%s', (name) => {
    const doc: unknown = parse(readFileSync(path.join(FIXTURES, 'invalid', name, 'vpce-hub.yaml'), 'utf8'));
    expect(errorsOf(doc)).not.toEqual([]);
  });
});
