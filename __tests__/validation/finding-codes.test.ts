/**
 * The finding code table (src/config/finding-codes.ts) is complete and exercised: every code the
 * fixtures produce or the source can emit is documented with its severity, and every documented code
 * has a fixture that produces it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FINDING_CODES, isDocumentedCode } from '../../src/config/finding-codes';
import { checkConfigFile } from '../../src/config/load';
import { FIXTURE_KINDS, FIXTURES, fixtureCases } from './fixture-cases';

/** Codes that no config can produce on purpose: a crashing validator is a bug. */
// HubSidePolicyTooLarge needs more than 10 managed policies even with the spoke VPCs scoped per account
// (well over a thousand spoke accounts): __tests__/iam/hub-side-policy.test.ts reaches it with smaller limits.
const NOT_REACHABLE_BY_FIXTURE = ['InternalError', 'HubSidePolicyTooLarge'];

const emitted = FIXTURE_KINDS.flatMap((kind) => fixtureCases(kind).flatMap((name) => checkConfigFile(path.join(FIXTURES, kind, name, 'vpce-hub.yaml')).findings));

/** Code literals after `code:` in the config layer's sources (including both arms of a conditional). */
function codesInSource(): string[] {
  const dir = path.resolve(__dirname, '..', '..', 'src', 'config');
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'finding-codes.ts')) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/code: ([^,}\n]+)/g)) {
      for (const literal of m[1].matchAll(/'([A-Z][A-Za-z0-9]+)'/g)) codes.add(literal[1]);
    }
  }
  return [...codes].sort();
}

describe('finding codes', () => {
  it('documents every code the fixtures produce, with the severity they have', () => {
    for (const f of emitted) {
      expect(isDocumentedCode(f.code) ? f.code : `undocumented ${f.code}`).toBe(f.code);
      if (isDocumentedCode(f.code)) expect(`${f.code} ${f.severity}`).toBe(`${f.code} ${FINDING_CODES[f.code].severity}`);
    }
  });

  it('documents every code the config layer can emit', () => {
    const source = codesInSource();
    expect(source.length).toBeGreaterThan(40);
    expect(source.filter((c) => !isDocumentedCode(c))).toEqual([]);
  });

  it('has a fixture for every documented code', () => {
    const seen = new Set(emitted.map((f) => f.code));
    const missing = Object.keys(FINDING_CODES).filter((c) => !seen.has(c) && !NOT_REACHABLE_BY_FIXTURE.includes(c));
    expect(missing).toEqual([]);
  });

  it('explains each code in one line', () => {
    for (const [code, doc] of Object.entries(FINDING_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(doc.meaning).not.toMatch(/\n/);
      expect(doc.meaning.length).toBeGreaterThan(10);
    }
  });
});
