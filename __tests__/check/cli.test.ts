import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCheckCommand } from '../../src/cli/commands/check';
import { main } from '../../src/cli/index';
import { PROJECT_ROOT, synthFile, type Synthesized } from '../support/synth';
import { EXAMPLES, SHIPPED } from './support/trees';

const config = (file: string): string => path.join(PROJECT_ROOT, file);

describe('vpce-hub check', () => {
  let shipped: Synthesized;
  let tmp: string;
  beforeAll(() => {
    shipped = synthFile(SHIPPED);
  });
  afterAll(() => shipped.cleanup());
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-check-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('passes the shipped example: a table of warnings, a summary, exit 0', () => {
    const out = runCheckCommand({ dir: shipped.outdir, config: config(SHIPPED), format: 'text' });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/^RULE +SEVERITY +STACK +RESOURCE +MESSAGE$/m);
    expect(out.stdout).toContain('vpce-hub check passed:');
    expect(out.stdout).toContain('0 errors, 4 warnings, 0 suppressed');
    expect(out.stderr).toBe('');
  });

  it.each(EXAMPLES)('passes %s with its config', (file) => {
    const s = synthFile(file);
    try {
      const out = runCheckCommand({ dir: s.outdir, config: config(file), format: 'text' });
      expect(out.stderr).toBe('');
      expect(out.exitCode).toBe(0);
    } finally {
      s.cleanup();
    }
  });

  it('fails on deliberately broken JSON, naming the rule and the resource (exit 1)', () => {
    const file = path.join(shipped.stacksDir, 'network', 'cdk.tf.json');
    const spokeFile = path.join(shipped.stacksDir, 'payments', 'cdk.tf.json');
    const original = readFileSync(file, 'utf8');
    const spokeOriginal = readFileSync(spokeFile, 'utf8');
    try {
      const json = JSON.parse(original) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      const spokeJson = JSON.parse(spokeOriginal) as typeof json;
      spokeJson.resource.aws_vpc_security_group_ingress_rule['hub_main_https_from_payments-prod_10-1-0-0_16'].cidr_ipv4 = '0.0.0.0/0';
      json.resource.aws_route53_zone['hub_main_sqs_us-east-1_amazonaws_com'].force_destroy = true;
      writeFileSync(file, JSON.stringify(json));
      writeFileSync(spokeFile, JSON.stringify(spokeJson));
      const out = runCheckCommand({ dir: shipped.outdir, config: config(SHIPPED), format: 'text' });
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toMatch(/^VH-SG-004 +error +payments +aws_vpc_security_group_ingress_rule\.hub_main_https_from_payments-prod_10-1-0-0_16 +the ingress rule admits 0\.0\.0\.0\/0$/m);
      expect(out.stdout).toMatch(/^VH-DNS-004 +error +network +aws_route53_zone\.hub_main_sqs_us-east-1_amazonaws_com +force_destroy is true$/m);
      expect(out.stdout).toContain('vpce-hub check FAILED');
    } finally {
      writeFileSync(file, original);
      writeFileSync(spokeFile, spokeOriginal);
    }
  });

  it('applies the config\'s suppressions and prints each with its reason', () => {
    const file = path.join(tmp, 'vpce-hub.yaml');
    const suppression = '\nsuppressions:\n  - { rule: VH-STATE-001, resource: network/terraform.backend.local, reason: "evaluation only, nobody else applies" }\n';
    writeFileSync(file, readFileSync(config(SHIPPED), 'utf8') + suppression);
    const out = runCheckCommand({ dir: shipped.outdir, config: file, format: 'text' });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('suppressed:\n  VH-STATE-001 network/terraform.backend.local: evaluation only, nobody else applies');
    expect(out.stdout).toContain('0 errors, 3 warnings, 1 suppressed');
  });

  it('writes the same result as JSON with --format json', () => {
    const out = runCheckCommand({ dir: shipped.outdir, config: config(SHIPPED), format: 'json' });
    const json = JSON.parse(out.stdout) as { passed: boolean; errors: number; findings: Array<{ rule: string; resource: string }>; config: string };
    expect(json).toMatchObject({ passed: true, errors: 0, config: config(SHIPPED) });
    expect(json.findings.map((f) => f.rule)).toEqual(['VH-STATE-001', 'VH-STATE-001', 'VH-STATE-001', 'VH-STATE-001']);
  });

  it.each([
    ['a missing folder', (dir: string) => path.join(dir, 'cdktf.out'), /does not exist: run `vpce-hub synth --out \S+cdktf\.out` first/],
    [
      'a folder whose manifest lists no stacks',
      (dir: string) => {
        writeFileSync(path.join(dir, 'manifest.json'), '{"stacks":{}}');
        return dir;
      },
      /lists no stacks: nothing to check/,
    ],
  ])('exits 2 with a clear message on %s', (_label, prepare, message) => {
    const out = runCheckCommand({ dir: prepare(tmp), config: false, format: 'text' });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });

  it('exits 2 on an invalid config, or one the tree was not synthesized from', () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'hubs: []\n');
    expect(runCheckCommand({ dir: shipped.outdir, config: bad, format: 'text' }).exitCode).toBe(2);
    const other = runCheckCommand({ dir: shipped.outdir, config: config(EXAMPLES[0]), format: 'text' });
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain('stack(s) analytics, network, network-spokes, payments are not stacks it makes');
  });

  it('reads vpce-hub.yaml from the working folder when present, and checks the tree alone otherwise', () => {
    expect(runCheckCommand({ dir: shipped.outdir, format: 'text' }, PROJECT_ROOT).stdout).toContain('(config: vpce-hub.yaml)');
    expect(runCheckCommand({ dir: shipped.outdir, format: 'text' }, tmp).stdout).toContain('(no config: tree-only checks, no suppressions)');
  });

  it('refuses an unknown format', () => {
    expect(runCheckCommand({ dir: shipped.outdir, config: false, format: 'xml' })).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--format must be text or json') });
  });

  describe('as a registered command', () => {
    let write: jest.SpyInstance;
    beforeEach(() => {
      write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => jest.restoreAllMocks());

    it('runs through the CLI entry point with --dir and --config', async () => {
      expect(await main(['node', 'vpce-hub', 'check', '--dir', shipped.outdir, '--config', config(SHIPPED)])).toBe(0);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain('vpce-hub check passed');
    });

    it('takes --no-config to check a tree beside an unrelated vpce-hub.yaml', async () => {
      const s = synthFile(EXAMPLES[0]);
      const cwd = process.cwd();
      try {
        process.chdir(PROJECT_ROOT);
        expect(await main(['node', 'vpce-hub', 'check', '--dir', s.outdir])).toBe(2);
        expect(await main(['node', 'vpce-hub', 'check', '--dir', s.outdir, '--no-config'])).toBe(0);
      } finally {
        process.chdir(cwd);
        s.cleanup();
      }
    });
  });
});
