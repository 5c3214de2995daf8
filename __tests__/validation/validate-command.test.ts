/**
 * `vpce-hub validate`: findings, then the quota headroom table (also when all is well), exit 0 for a
 * valid config (warnings allowed) and 2 for an invalid one; `--format json` carries the same, rows included.
 */
import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatValidationText, runValidation } from '../../src/cli/commands/validate';
import { main } from '../../src/cli/index';
import { FIXTURES } from './fixture-cases';

const ROOT = path.resolve(__dirname, '..', '..');
const SHIPPED = [path.join(ROOT, 'vpce-hub.yaml'), ...readdirSync(path.join(ROOT, 'examples')).map((e) => path.join(ROOT, 'examples', e, 'vpce-hub.yaml'))];
const fixture = (name: string) => path.join(FIXTURES, 'invalid', name, 'vpce-hub.yaml');

/** Runs the CLI in-process; returns exit code and stdout. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'vpce-hub', ...args]), out };
  } finally {
    spy.mockRestore();
  }
}

describe('vpce-hub validate', () => {
  it.each(SHIPPED.map((f) => [path.relative(ROOT, f), f]))('finds %s valid, within every quota', (_name, file) => {
    const report = runValidation(file);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.quotas?.length).toBeGreaterThan(0);
    for (const r of report.quotas ?? []) expect(r.used).toBeLessThanOrEqual(r.limit);
  });

  it('prints the headroom table after the findings and the verdict last, exit 0', async () => {
    const { code, out } = await cli('validate', '-c', SHIPPED[0]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Quota headroom (used / limit):');
    expect(lines[1]).toMatch(/^quota\s+scope\s+used \/ limit\s+use\s+status$/);
    expect(out).toMatch(/peeringConnectionsPerVpc\s+hub main\s+2 \/ 50 \(max 125\)\s+4%\s+ok/);
    expect(lines[lines.length - 1]).toMatch(/vpce-hub\.yaml: valid \(0 warnings\)$/);
  });

  it('prints the findings only with --quiet: nothing for a clean config, one line per finding otherwise, same exit codes', async () => {
    const clean = await cli('validate', '--quiet', '-c', SHIPPED[0]);
    expect(clean).toEqual({ code: 0, out: '' });
    const bad = await cli('validate', '-q', '-c', fixture('region-misspelled'));
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('error UnknownRegion line 9 [hubs.main.region] us-esat-1: is not an AWS region name; did you mean us-east-1?\n');
    const json = JSON.parse((await cli('validate', '--quiet', '--format', 'json', '-c', SHIPPED[0])).out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['file', 'valid', 'findings']);
  });

  it('reports an exceeded quota as an error with count, limit and remedy, and still prints the table, exit 2', async () => {
    const { code, out } = await cli('validate', '-c', fixture('quota-peerings'));
    expect(code).toBe(2);
    expect(out).toMatch(/^error QuotaExceeded line 7 \[hubs\.main\] 2 > 1: hub main needs 2 against quota peeringConnectionsPerVpc of 1 \(AWS grants at most 125\); .*Transit Gateway/m);
    expect(out).toMatch(/peeringConnectionsPerVpc\s+hub main\s+2 \/ 1 \(max 125\)\s+200%\s+OVER/);
    expect(out.trimEnd()).toMatch(/invalid \(1 error, 0 warnings\)$/);
  });

  it('prints no table when the config is too broken to plan', () => {
    const report = runValidation(fixture('cidr-overlaps-hub'));
    expect(report.valid).toBe(false);
    expect(report.quotas).toBeUndefined();
    expect(formatValidationText(report)).not.toMatch(/Quota headroom/);
  });

  it('prints findings and quota rows as JSON with --format json', async () => {
    const { code, out } = await cli('validate', '-c', fixture('quota-peerings'), '--format', 'json');
    expect(code).toBe(2);
    const report = JSON.parse(out) as { valid: boolean; findings: Array<{ code: string; path: string }>; quotas: Array<{ quota: string; scope: string; used: number; limit: number; remedy: string }> };
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => [f.code, f.path])).toEqual([['QuotaExceeded', 'hubs.main']]);
    expect(report.quotas).toContainEqual(expect.objectContaining({ quota: 'peeringConnectionsPerVpc', scope: 'hub main', used: 2, limit: 1, remedy: expect.any(String) }));
  });

  it('names the config relative to the current folder, as synth does', async () => {
    const shown = path.relative(process.cwd(), SHIPPED[0]);
    expect(path.isAbsolute(shown)).toBe(false);
    expect((await cli('validate', '-c', SHIPPED[0])).out.trimEnd().split('\n').pop()).toBe(`${shown}: valid (0 warnings)`);
    expect((JSON.parse((await cli('validate', '-q', '--format', 'json', '-c', SHIPPED[0])).out) as { file: string }).file).toBe(shown);
    const synthOut = await cli('synth', '-c', SHIPPED[0], '--out', path.join(os.tmpdir(), `vpce-hub-display-path-${process.pid}`));
    rmSync(path.join(os.tmpdir(), `vpce-hub-display-path-${process.pid}`), { recursive: true, force: true });
    expect(synthOut.out).toContain(`from ${shown} into`);
    // An invalid config: synth's findings are headed by the same relative name as validate's verdict.
    const bad = fixture('region-misspelled');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli('synth', '-c', bad, '--out', path.join(os.tmpdir(), `vpce-hub-display-path-${process.pid}`))).code).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(new RegExp(`^${path.relative(process.cwd(), bad).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 1 problem`));
    } finally {
      stderr.mockRestore();
    }
    expect((await cli('validate', '-c', bad)).out.trimEnd().split('\n').pop()).toBe(`${path.relative(process.cwd(), bad)}: invalid (1 error, 0 warnings)`);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli('validate', '-c', SHIPPED[0], '--format', 'yaml')).code).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
