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
import { CONFIG_REFERENCE_PATH, renderConfigReference } from '../../scripts/config-reference';
import { catalogueServiceNames } from '../../src/catalogue/catalogue';
import { AWS_REGIONS } from '../../src/catalogue/regions';
import { CONNECTIVITY_MODES, DNS_MODES } from '../../src/config/schema';

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

describe('docs/config-reference.md', () => {
  it('equals a fresh rendering of the schema\'s descriptions (npm run schema)', () => {
    expect(readFileSync(CONFIG_REFERENCE_PATH, 'utf8')).toBe(renderConfigReference());
  });
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

  it('describes every property, for the editor\'s hover and docs/config-reference.md', () => {
    const all: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, at));
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((o.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        all.push(`${at}${key}`);
        if (typeof child.description !== 'string' || child.description.trim().length < 10) undescribed.push(`${at}${key}`);
        walk(child, `${at}${key}.`);
      }
      for (const k of ['items', 'additionalProperties', 'anyOf']) walk(o[k], k === 'items' ? at.replace(/\.$/, '[].') : k === 'additionalProperties' ? `${at}<key>.` : at);
    };
    walk(JSON.parse(readFileSync(path.join(ROOT, JSON_SCHEMA_FILE), 'utf8')), '');
    expect(all.length).toBeGreaterThan(120);
    expect(undescribed).toEqual([]);
  });

  it('lists the closed sets as enums: DNS modes, connectivity, regions, catalogue services', () => {
    const hub = ((configJsonSchema().properties as Record<string, { items: { properties: Record<string, Record<string, unknown>> } }>).hubs.items.properties);
    expect(hub.dns.enum).toEqual([...DNS_MODES]);
    expect(hub.connectivity.enum).toEqual([...CONNECTIVITY_MODES]);
    expect(hub.region.enum).toEqual([...AWS_REGIONS]);
    const serviceForms = (hub.services.items as { anyOf: Array<Record<string, unknown>> }).anyOf;
    expect(serviceForms[0].enum).toEqual(catalogueServiceNames());
    expect(errorsOf({ accounts: {}, hubs: [{ name: 'a', account: 'x', region: 'us-est-1', vpc: { cidr: '10.0.0.0/22' }, services: ['sqs'] }] })).toContain('/hubs/0/region must be equal to one of the allowed values');
    expect(errorsOf({ accounts: {}, hubs: [{ name: 'a', account: 'x', region: 'us-east-1', vpc: { cidr: '10.0.0.0/22' }, services: ['sqss'] }] })).toContain('/hubs/0/services/0 must be equal to one of the allowed values');
  });

  it('gives every AWS id a pattern', () => {
    const text = readFileSync(path.join(ROOT, JSON_SCHEMA_FILE), 'utf8');
    for (const prefix of ['vpc-', 'subnet-', 'rtb-', 'sg-', 'vpce-', 'pcx-', 'tgw-', 'tgw-rtb-', 'o-', 'ou-']) expect([prefix, text.includes(`"^${prefix}`) || text.includes(`/${prefix}`)]).toEqual([prefix, true]);
    const bad = { accounts: { a: { id: '12345' } }, hubs: [{ name: 'a', account: 'a', region: 'us-east-1', vpc: { id: 'vpc-xyz', cidr: '10.0.0.0/22', availabilityZones: ['east'] }, services: ['sqs'] }] };
    expect(errorsOf(bad)).toEqual(expect.arrayContaining(['/accounts/a/id must match pattern "^\\d{12}$"', '/hubs/0/vpc/id must match pattern "^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"', expect.stringMatching(/^\/hubs\/0\/vpc\/availabilityZones\/0 must match pattern/)]));
  });

  it.each(structural)('rejects the structural fixture invalid/%s', (name) => {
    const doc: unknown = parse(readFileSync(path.join(FIXTURES, 'invalid', name, 'vpce-hub.yaml'), 'utf8'));
    expect(errorsOf(doc)).not.toEqual([]);
  });
});
