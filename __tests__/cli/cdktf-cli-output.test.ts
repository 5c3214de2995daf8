/**
 * Issue 12 section 5, "no duplicate printing of findings under `cdktf synth`": the cdktf CLI echoes the
 * app's output as it runs and repeats all of it in its error summary, so under the CLI an invalid
 * config's findings go to the terminal directly and only one summary line goes through the CLI; a
 * synthesizing config's warnings go to stdout (the CLI labels stderr lines [ERROR]).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cdktfCliOutput } from '../../src/cli/cdktf-cli-output';
import { synthesize } from '../../src/cli/synthesize';
import { PROJECT_ROOT } from '../support/synth';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
const INVALID = SHIPPED.replace('cidr: 10.1.0.0/16', 'cidr: 10.1.0.0/33');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-cdktf-output-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function configFile(text: string): string {
  const file = path.join(tmp, 'vpce-hub.yaml');
  writeFileSync(file, text);
  return file;
}

describe('synthesize under the cdktf CLI', () => {
  it('sends an invalid config\'s findings to the terminal only, and one line through the CLI', () => {
    const terminal: string[] = [];
    const throughCli: string[] = [];
    const output = cdktfCliOutput(() => (text) => terminal.push(text), (t) => throughCli.push(t), (t) => throughCli.push(t));
    const code = synthesize({ configPath: configFile(INVALID), outdir: path.join(tmp, 'out'), ...output });
    expect(code).toBe(2);
    expect(terminal.join('')).toMatch(/error InvalidCidr line \d+ \[spokes\.payments-prod\.vpc\.cidr\]/);
    expect(throughCli).toEqual(['vpce-hub: the config is invalid (the findings are printed above); nothing was written.\n']);
  });

  it('without a terminal (CI) prints the findings through the CLI, the only way left', () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const output = cdktfCliOutput(() => undefined, (t) => stdout.push(t), (t) => stderr.push(t));
    synthesize({ configPath: configFile(INVALID), outdir: path.join(tmp, 'out'), ...output });
    expect(stdout).toEqual([]);
    expect(stderr.join('')).toContain('error InvalidCidr');
    expect(stderr.join('')).toContain('nothing was written');
  });

  it("logs a synthesizing config's warnings and progress to stdout, which the CLI shows once and does not label ERROR", () => {
    const stdout: string[] = [];
    cdktfCliOutput(() => undefined, (t) => stdout.push(t)).log('warning X');
    expect(stdout).toEqual(['warning X\n']);
  });

  it('the app itself (main.ts with CDKTF_OUTDIR): stdout for warnings, stderr for errors without a terminal', () => {
    // A warning: an inter-region spoke (CrossRegionSpoke).
    const warned = SHIPPED.replace('  - name: analytics-prod\n    account: analytics\n', '  - name: analytics-prod\n    account: analytics\n    region: us-west-2\n');
    const run = (text: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'main.ts')], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, CI: 'true', VPCE_HUB_CONFIG: configFile(text), CDKTF_OUTDIR: path.join(tmp, 'out') },
        encoding: 'utf8',
      });
    const ok = run(warned);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('warning CrossRegionSpoke');
    expect(ok.stderr).not.toContain('CrossRegionSpoke');
    const bad = run(INVALID);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('error InvalidCidr');
  });
});
