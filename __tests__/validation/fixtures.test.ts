/**
 * One folder per bad input: `__tests__/fixtures/invalid/<case>/vpce-hub.yaml` must be rejected, and
 * `__tests__/fixtures/warning/<case>/vpce-hub.yaml` accepted, each with exactly the findings (severity,
 * code, field path) its `expected.json` lists, plus any message pattern, fix text or value given there.
 * A folder without expected.json fails. To add a case, add a folder; no test code changes.
 */
import path from 'node:path';
import { ConfigError, type Finding } from '../../src/config/findings';
import { checkConfigFile, loadConfigFile } from '../../src/config/load';
import { expectedSchema, FIXTURES, fixtureCases, readExpected, type ExpectedFindings } from './fixture-cases';

const key = (f: { severity: string; code: string; path: string }) => `${f.severity} ${f.code} [${f.path}]`;

function expectFindings(actual: Finding[], expected: ExpectedFindings): void {
  expect(actual.map(key).sort()).toEqual(expected.findings.map(key).sort());
  for (const e of expected.findings) {
    const candidates = actual.filter((f) => key(f) === key(e));
    const matches = candidates.filter(
      (f) =>
        (e.message === undefined || new RegExp(e.message).test(f.message)) &&
        (e.fix === undefined || (f.fix ?? '').includes(e.fix)) &&
        (e.value === undefined || JSON.stringify(f.value) === JSON.stringify(e.value)),
    );
    if (matches.length === 0) {
      // Show the candidates' texts: the failure then says what was emitted instead.
      expect(candidates.map((f) => ({ message: f.message, fix: f.fix, value: f.value }))).toContainEqual({ message: e.message, fix: e.fix, value: e.value });
    }
  }
}

describe('a bad input is rejected with the expected codes at the expected paths', () => {
  it.each(fixtureCases('invalid'))('%s', (name) => {
    const dir = path.join(FIXTURES, 'invalid', name);
    const expected = readExpected(dir);
    const file = path.join(dir, 'vpce-hub.yaml');
    expect(() => loadConfigFile(file)).toThrow(ConfigError);
    expect(expected.findings.some((f) => f.severity === 'error')).toBe(true);
    expectFindings(checkConfigFile(file).findings, expected);
  });
});

describe('a questionable input is accepted with the expected warnings', () => {
  it.each(fixtureCases('warning'))('%s', (name) => {
    const dir = path.join(FIXTURES, 'warning', name);
    const expected = readExpected(dir);
    const loaded = loadConfigFile(path.join(dir, 'vpce-hub.yaml'));
    expect(expected.findings.every((f) => f.severity === 'warning')).toBe(true);
    expectFindings(loaded.findings, expected);
  });
});

describe('the fixture harness', () => {
  it('fails a fixture folder without expected.json', () => {
    expect(() => readExpected(path.join(FIXTURES, 'no-such-case'))).toThrow(/has no expected.json/);
  });

  it('fails an expected.json without findings', () => {
    expect(() => expectedSchema.parse({ description: 'nothing', findings: [] })).toThrow();
  });
});
