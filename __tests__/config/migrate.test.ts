/**
 * `vpce-hub migrate-config` (config/migrate.ts, cli/commands/migrate-config.ts) on configs written for
 * earlier versions: the shipped route53-profile example as it was before ramSharing and the hub-side
 * role existed (__tests__/fixtures/migrations/, from git history), and variants of it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/index';
import { unifiedDiff } from '../../src/cli/unified-diff';
import { checkConfigText } from '../../src/config/load';
import { CONFIG_MIGRATIONS, MigrationError, migrateConfigText } from '../../src/config/migrate';
import { FINDING_CODES } from '../../src/config/finding-codes';

const OLD_PROFILE = readFileSync(path.join(__dirname, '..', 'fixtures', 'migrations', '0.1.0-route53-profile', 'vpce-hub.yaml'), 'utf8');
const CHANGELOG = readFileSync(path.join(__dirname, '..', '..', 'CHANGELOG.md'), 'utf8');

/** The lines of `migrated` that are not in `original`, which must still be there, in order and unchanged. */
function addedLines(original: string, migrated: string): string[] {
  const a = original.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of migrated.split('\n')) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  expect(i).toBe(a.length);
  return added;
}

describe('migrate-config on a config of 0.1.0 before ramSharing and the hub-side role', () => {
  const result = migrateConfigText(OLD_PROFILE, 'vpce-hub.yaml');

  it('adds the ramSharing the config had implicitly (organizationArn: the organization), keeping every line and comment', () => {
    expect(result.applied.map((a) => a.id)).toEqual(['ram-sharing']);
    const added = addedLines(OLD_PROFILE, result.text);
    expect(added.filter((l) => !l.startsWith('#'))).toEqual(['ramSharing: { shareWith: organization, organizationSharing: enabled }']);
    expect(added.filter((l) => l.startsWith('#')).length).toBeGreaterThan(0);
    expect((parse(result.text) as { ramSharing: unknown }).ramSharing).toEqual({ shareWith: 'organization', organizationSharing: 'enabled' });
    // Placed before backend, as in the README's config reference, not at the end of the file.
    expect(result.text.indexOf('ramSharing:')).toBeLessThan(result.text.indexOf('backend:'));
  });

  it('names the manual step it cannot decide (the hub account\'s role), with the field, line and account id', () => {
    expect(result.manual).toEqual([
      expect.objectContaining({ id: 'hub-side-role', path: 'accounts.network.hubSideRoleArn', line: expect.any(Number), instruction: expect.stringContaining('arn:aws:iam::111111111111:role/<name>') }),
    ]);
    expect(result.text.split('\n')[(result.manual[0].line as number) - 1]).toContain('network:');
  });

  it('once the manual step is done, the config is valid and a second run has nothing to do', () => {
    const done = result.text.replace('network: { id: "111111111111" }', 'network: { id: "111111111111", hubSideRoleArn: "arn:aws:iam::111111111111:role/vpce-hub-pairs" }');
    expect(checkConfigText(done, 'vpce-hub.yaml').findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(migrateConfigText(done)).toMatchObject({ text: done, applied: [], manual: [] });
  });

  it('without organizationArn, shares with each spoke account and its invitation, as before', () => {
    const perAccount = OLD_PROFILE.replace(/^organizationArn: .*\n/m, '');
    const migrated = migrateConfigText(perAccount);
    expect((parse(migrated.text) as { ramSharing: unknown }).ramSharing).toEqual({ shareWith: 'accounts', organizationSharing: 'disabled', allowExternalPrincipals: true });
    expect(migrated.text).toContain('If RAM sharing with AWS Organizations is enabled, set\n# organizationSharing: enabled');
  });

  it('puts the new key above the comment that describes the key it precedes', () => {
    const commented = OLD_PROFILE.replace('backend:\n', '# State in S3.\nbackend:\n');
    const migrated = migrateConfigText(commented).text;
    expect(migrated).toMatch(/ramSharing: \{[^\n]*\}\n# State in S3\.\nbackend:/);
  });
});

describe('migrate-config refuses rather than guessing', () => {
  it('a config whose YAML does not parse: MigrationError with the findings, nothing migrated', () => {
    expect(() => migrateConfigText('hubs: [\n')).toThrow(MigrationError);
  });

  it('a transit-gateway hub without ramSharing is a manual step, not an invented sharing model', () => {
    const tgw = readFileSync(path.join(__dirname, '..', '..', 'examples', 'hybrid', 'vpce-hub.yaml'), 'utf8').replace(/^ramSharing:.*\n(?:[ #].*\n)*/m, '');
    expect(tgw).not.toContain('ramSharing');
    const migrated = migrateConfigText(tgw);
    expect(migrated.applied).toEqual([]);
    expect(migrated.text).toBe(tgw);
    expect(migrated.manual).toEqual([expect.objectContaining({ id: 'ram-sharing', path: 'ramSharing', instruction: expect.stringContaining('transit gateway') })]);
  });

  it('a config that needs nothing comes back byte for byte', () => {
    const shipped = readFileSync(path.join(__dirname, '..', '..', 'vpce-hub.yaml'), 'utf8');
    expect(migrateConfigText(shipped)).toMatchObject({ text: shipped, applied: [], manual: [] });
  });
});

describe('the migrations registry', () => {
  it.each(CONFIG_MIGRATIONS.map((m) => [m.id, m]))('%s has a finding code and a migration note in CHANGELOG.md', (_id, m) => {
    expect(FINDING_CODES).toHaveProperty(m.code);
    expect(CHANGELOG).toContain(`\`${m.code}\``);
    expect(CHANGELOG).toContain(m.automatic ? '**Automatic**' : '**Manual**');
  });
});

describe('vpce-hub migrate-config', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-migrate-'));
    file = path.join(dir, 'vpce-hub.yaml');
    writeFileSync(file, OLD_PROFILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
    try {
      return { code: await main(['node', 'vpce-hub', 'migrate-config', ...args]), out, err };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('prints a diff and writes nothing without --write; exit 1 while a manual step remains', async () => {
    const { code, out } = await cli('--config', file);
    expect(code).toBe(1);
    expect(out).toContain('+ramSharing: { shareWith: organization, organizationSharing: enabled }');
    expect(out).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(out).toContain('migrate-config --write');
    expect(out).toContain('1 manual step(s)');
    expect(readFileSync(file, 'utf8')).toBe(OLD_PROFILE);
  });

  it('--write writes the whole migration in one rename, leaving no temporary file; then only the manual step is left', async () => {
    expect((await cli('--config', file, '--write')).out).toContain(`wrote ${path.relative(process.cwd(), file)}`);
    expect(readFileSync(file, 'utf8')).toBe(migrateConfigText(OLD_PROFILE).text);
    expect(readdirSync(dir)).toEqual(['vpce-hub.yaml']);
    const again = await cli('--config', file);
    expect(again.code).toBe(1);
    expect(again.out).not.toContain('would migrate');
    expect(again.out).toContain('hub-side-role');
  });

  it('exit 0 and "nothing to migrate" for a current config; exit 2 and the file untouched for one that does not parse', async () => {
    writeFileSync(file, readFileSync(path.join(__dirname, '..', '..', 'vpce-hub.yaml'), 'utf8'));
    expect(await cli('--config', file)).toMatchObject({ code: 0, out: expect.stringContaining('nothing to migrate') });
    writeFileSync(file, 'hubs: [\n');
    const bad = await cli('--config', file, '--write');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('cannot be migrated before its YAML and structure are fixed');
    expect(readFileSync(file, 'utf8')).toBe('hubs: [\n');
  });
});

describe('unifiedDiff', () => {
  it('shows an insertion with its context and hunk header, and nothing for equal texts', () => {
    expect(unifiedDiff('a\nb\nc\nd\n', 'a\nb\nX\nc\nd\n', 'f', 'g')).toBe('--- f\n+++ g\n@@ -1,5 +1,6 @@\n a\n b\n+X\n c\n d\n \n');
    expect(unifiedDiff('same\n', 'same\n', 'f', 'g')).toBe('');
  });

  it('splits distant changes into hunks and counts lines on both sides', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l2', 'L2').replace('l17', 'L17');
    const diff = unifiedDiff(before, after, 'f', 'g');
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,6 +1,6 @@', '@@ -15,6 +15,6 @@']);
    expect(diff).toContain('-l2\n+L2');
  });
});
