/**
 * The loader's stages, in order: file -> YAML -> schema (structure) -> validators (meaning). Each
 * stage reports every problem it finds with a stable code and a user-facing path, and the pipeline
 * stops after the first stage with errors. (One fixture per bad input lives under __tests__/fixtures/.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type Finding } from '../../src/config/findings';
import { loadConfigFile, parseConfigText, resolveConfigPath } from '../../src/config/load';

const VALID = `
accounts:
  network: { id: "111111111111", hubSideRoleArn: "arn:aws:iam::111111111111:role/vpce-hub-pairs" }
  payments: { id: "222222222222" }
hubs:
  - name: main
    account: network
    region: us-east-1
    vpc: { cidr: 10.0.0.0/22, availabilityZones: [us-east-1a, us-east-1b] }
    services: [sqs]
spokes:
  - name: payments-prod
    account: payments
    vpc: { id: vpc-0a1b2c3d4e5f67890, cidr: 10.1.0.0/16, routeTableIds: [rtb-0a1b2c3d4e5f67890] }
`;

/** The findings of the ConfigError that `load` throws (fails the test if nothing is thrown). */
function findingsOf(load: () => unknown): Finding[] {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e.findings;
    throw e;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}
/** The errors (warnings aside) that parsing `text` reports. */
const findings = (text: string): Finding[] => findingsOf(() => parseConfigText(text, 'vpce-hub.yaml')).filter((f) => f.severity === 'error');
const codesAndPaths = (fs: Finding[]) => fs.map((f) => [f.code, f.path]);

describe('stage 1: the file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-loader-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing file as FileNotFound with the path as value and how to fix it', () => {
    const file = path.join(dir, 'missing.yaml');
    const [f, ...rest] = findingsOf(() => loadConfigFile(file));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', code: 'FileNotFound', path: '', value: file });
    expect(f.fix).toMatch(/VPCE_HUB_CONFIG|--config/);
  });

  it('names the file in the error message', () => {
    const file = path.join(dir, 'missing.yaml');
    expect(() => loadConfigFile(file)).toThrow(`${file}: 1 problem`);
  });

  it('loads a file from disk and keeps its name', () => {
    const file = path.join(dir, 'vpce-hub.yaml');
    writeFileSync(file, VALID);
    const loaded = loadConfigFile(file);
    expect(loaded.file).toBe(file);
    expect(loaded.config.hubs[0].name).toBe('main');
  });

  it('resolves the config path: explicit, else VPCE_HUB_CONFIG, else vpce-hub.yaml in the working directory', () => {
    const saved = process.env.VPCE_HUB_CONFIG;
    try {
      delete process.env.VPCE_HUB_CONFIG;
      expect(resolveConfigPath(undefined, dir)).toBe(path.join(dir, 'vpce-hub.yaml'));
      process.env.VPCE_HUB_CONFIG = 'other.yaml';
      expect(resolveConfigPath(undefined, dir)).toBe(path.join(dir, 'other.yaml'));
      expect(resolveConfigPath('explicit.yaml', dir)).toBe(path.join(dir, 'explicit.yaml'));
    } finally {
      if (saved === undefined) delete process.env.VPCE_HUB_CONFIG;
      else process.env.VPCE_HUB_CONFIG = saved;
    }
  });
});

describe('stage 2: YAML', () => {
  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n   \n\t\n'],
    ['a file with only comments', '# vpce-hub config\n# nothing here yet\n'],
    ['a file holding only null', '~\n'],
  ])('reports %s as EmptyFile', (_case, text) => {
    expect(codesAndPaths(findings(text))).toEqual([['EmptyFile', '']]);
  });

  it('reports syntax errors with their line and column', () => {
    const all = findings('project: acme\nhubs: [\n  - name: main\nspokes: []\n');
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) {
      expect(f).toMatchObject({ severity: 'error', code: 'YamlSyntax', path: '' });
      expect(f.message).toMatch(/^line \d+, column \d+: \S/);
    }
  });

  it.each([
    ['a tab as indentation', 'accounts:\n\tnetwork: { id: "111111111111" }\n', 'line 2, column 1: a tab is used for indentation, and YAML allows only spaces', 'replace the tab with spaces'],
    ['a key without its colon', 'accounts:\n  network\n  payments: { id: "222222222222" }\n', 'line 2, column 3: a key without a colon', 'look for a missing `:`'],
    // The line that opened it, not the line where parsing gave up.
    ['an unclosed {', 'accounts:\n  network: { id: "111111111111"\nhubs: []\n', 'line 2, column 12: a { opened here is not closed with } before line 3 (the line reads `  network: { id: "111111111111"`)', 'close the { of line 2 with } where its mapping ends, before line 3'],
    ['a list item among keys', 'hubs:\n  name: x\n  - name: y\n', 'line 3, column 1: a list item (`- ...`) where its section holds `key: value` pairs (the line reads `  - name: y`)', 'not both'],
  ])('explains %s in plain words, once, with the line as written', (_case, text, message, fix) => {
    const all = findings(text);
    expect(all).toHaveLength(1);
    expect(all[0].message).toContain(message);
    expect(all[0].fix).toContain(fix);
  });

  it('points at the line of a bad indentation', () => {
    const [f] = findings('project: acme\naccounts:\n  network: { id: "111111111111" }\n bad: indent\n');
    expect(f.code).toBe('YamlSyntax');
    expect(f.message).toMatch(/^line 4, column \d+: /);
  });

  it('rejects a duplicated key (YAML would silently keep the last one) and names the key and both lines', () => {
    const text = VALID.replace('    services: [sqs]\n', '    services: [sqs]\n    services: [sts]\n');
    const [f, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'DuplicateKey', path: 'hubs.main.services', value: 'services' });
    expect(f.line).toBe(11);
    expect(f.message).toBe('given twice in hubs.main (here at column 5, first on line 10, column 5); YAML would silently drop the first');
  });

  it.each([
    ['at the top level', VALID + 'accounts: {}\n', 'accounts', 15, 'given twice at the top level (here at column 1, first on line 2, column 1)'],
    ['in a flow mapping, on one line', VALID.replace('cidr: 10.1.0.0/16,', 'cidr: 10.1.0.0/16, id: vpc-0a1b2c3d4e5f67891,'), 'spokes.payments-prod.vpc.id', 14, 'given twice in spokes.payments-prod.vpc (here at column 58, first on column 12 of the same line)'],
    ['in a flow mapping of a flow sequence', VALID.replace('    services: [sqs]', '    services: [sqs, { name: x, privateDnsNames: [a.example], name: y }]'), 'hubs.main.services.1.name', 10, 'given twice in hubs.main.services.1 (here at column 62, first on column 23 of the same line)'],
    // The parser points after the first key's line here, not at the repeat: the walk names both.
    ['after the same key without a value', VALID.replace('    services: [sqs]\n', '    endpointPolicy:\n    endpointPolicy: default\n    services: [sqs]\n'), 'hubs.main.endpointPolicy', 11, 'given twice in hubs.main (here at column 5, first on line 10, column 5)'],
    ['as `1` and `"1"`, which the loaded object merges', VALID.replace('accounts:\n', 'accounts:\n  1: { id: "333333333333" }\n  "1": { id: "444444444444" }\n'), 'accounts.1', 4, 'given twice in accounts (here at column 3, first on line 3, column 3)'],
  ])('names a duplicated key %s with both places', (_case, text, path, line, message) => {
    const all = findings(text);
    expect(all.map((f) => [f.code, f.path, f.line])).toEqual([['DuplicateKey', path, line]]);
    expect(all[0].message).toContain(message);
  });

  it('rejects a list or a scalar at the top level', () => {
    expect(codesAndPaths(findings('- a\n- b\n'))).toEqual([['WrongType', '']]);
    expect(codesAndPaths(findings('just a string\n'))).toEqual([['WrongType', '']]);
  });
});

describe('stage 3: structure (schema)', () => {
  it('accepts the valid config with defaults filled in', () => {
    const { config, findings: warnings } = parseConfigText(VALID);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ project: 'vpce-hub', backend: { local: { dir: '.terraform-state' } }, quotas: {}, suppressions: [] });
    expect(config.hubs[0]).toMatchObject({ dns: 'private-hosted-zones', endpointPolicy: 'default' });
    expect(config.spokes[0].vpc.secondaryCidrs).toEqual([]);
  });

  it('reports an unknown key with the nearest allowed key as suggestion, at a path that names list items', () => {
    const [f, ...rest] = findings(VALID.replace('    services: [sqs]', '    servics: [sqs]\n    services: [sqs]'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'UnknownKey', path: 'hubs.main.servics', fix: 'did you mean "services"?' });
    expect(f.message).toMatch(/allowed: .*services/);
  });

  it('suggests removal for an unknown key that resembles nothing', () => {
    const [f] = findings(`${VALID}colour: blue\n`);
    expect(f).toMatchObject({ code: 'UnknownKey', path: 'colour', fix: 'remove it' });
  });

  it('explains an unquoted account id: YAML reads it as a number (and drops a leading zero)', () => {
    const [f, ...rest] = findings(VALID.replace('payments: { id: "222222222222" }', 'payments: { id: 012345678901 }'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'WrongType', path: 'accounts.payments.id', value: 12345678901 });
    expect(f.fix).toMatch(/quote the account id/);
  });

  it('reports a missing required field by its path', () => {
    const [f, ...rest] = findings(VALID.replace('    region: us-east-1\n', ''));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'MissingField', path: 'hubs.main.region', fix: 'add region' });
  });

  it('reports a missing top-level section', () => {
    const text = VALID.slice(VALID.indexOf('spokes:'));
    expect(codesAndPaths(findings(text))).toEqual([
      ['MissingField', 'accounts'],
      ['MissingField', 'hubs'],
    ]);
  });

  it('reports every structural problem at once, each at its own path', () => {
    const text = VALID.replace('    region: us-east-1\n', '').replace('cidr: 10.1.0.0/16, ', '').replace('payments: { id: "222222222222" }', 'payments: { id: 222222222222 }');
    expect(codesAndPaths(findings(text)).sort()).toEqual([
      ['MissingField', 'hubs.main.region'],
      ['MissingField', 'spokes.payments-prod.vpc.cidr'],
      ['WrongType', 'accounts.payments.id'],
    ]);
  });

  it('stops before the meaning checks when the structure is wrong', () => {
    // The unknown account would be an UnknownAccount error, but the schema error comes first, alone.
    const text = VALID.replace('    region: us-east-1\n', '').replace('account: payments', 'account: paymnets');
    expect(codesAndPaths(findings(text))).toEqual([['MissingField', 'hubs.main.region']]);
  });
});

describe('stage 4: meaning (validators)', () => {
  it('reports an unknown account with the closest known one', () => {
    const [f, ...rest] = findings(VALID.replace('account: payments', 'account: paymnets'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'UnknownAccount', path: 'spokes.payments-prod.account', value: 'paymnets' });
    expect(f.fix).toMatch(/did you mean "payments"\?/);
  });

  it("reports an unknown hub account at the hub's path", () => {
    const [f] = findings(VALID.replace('    account: network', '    account: netwrok'));
    expect(f).toMatchObject({ code: 'UnknownAccount', path: 'hubs.main.account', value: 'netwrok' });
  });

  it('reports an unknown hub reference with the closest hub name', () => {
    const [f, ...rest] = findings(VALID.replace('    account: payments\n', '    account: payments\n    hub: mian\n'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'UnknownHub', path: 'spokes.payments-prod.hub', value: 'mian' });
    expect(f.fix).toMatch(/did you mean "main"\?/);
  });

  it('collects every meaning problem at once', () => {
    const text = VALID.replace('account: payments', 'account: paymnets').replace('cidr: 10.1.0.0/16', 'cidr: 10.0.0.0/16');
    expect(codesAndPaths(findings(text))).toEqual(
      expect.arrayContaining([
        ['UnknownAccount', 'spokes.payments-prod.account'],
        ['CidrOverlap', 'spokes.payments-prod.vpc.cidr'],
      ]),
    );
  });

  it('returns warnings without throwing', () => {
    const loaded = parseConfigText(VALID.replace('  payments: { id: "222222222222" }\n', '  payments: { id: "222222222222" }\n  spare: { id: "444444444444" }\n'));
    expect(codesAndPaths(loaded.findings)).toEqual([['UnusedAccount', 'accounts.spare']]);
    expect(loaded.findings[0].severity).toBe('warning');
  });

  it('throws only errors in the message, and only ConfigError', () => {
    const text = VALID.replace('  payments: { id: "222222222222" }\n', '  payments: { id: "222222222222" }\n  spare: { id: "444444444444" }\n').replace('account: payments', 'account: paymnets');
    let error: unknown;
    try {
      parseConfigText(text, 'vpce-hub.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/^vpce-hub.yaml: 1 problem\n {2}error UnknownAccount line 14 \[spokes.payments-prod.account\] paymnets: /);
    expect(message).not.toMatch(/UnusedAccount/);
  });
});
