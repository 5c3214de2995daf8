/** `vpce-hub synth` ends with the next step to run, with the flags the user gave (cli/next-step.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';
import { nextStepAfterSynth } from '../../src/cli/next-step';
import { PROJECT_ROOT } from '../support/synth';

async function run(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await main(['node', 'vpce-hub', ...args]), stdout };
  } finally {
    process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-next-step-'));
  writeFileSync(path.join(tmp, 'vpce-hub.yaml'), readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('the next step after synth', () => {
  it('is the last line of vpce-hub synth: the offline checks, then Terraform in the first stack to deploy', async () => {
    const { code, stdout } = await run(tmp, 'synth');
    expect(code).toBe(0);
    const last = stdout.trimEnd().split('\n').pop();
    expect(last).toBe('vpce-hub: next: vpce-hub check && vpce-hub prove (offline checks of what was written), then deploy in that order, starting with network: terraform -chdir=cdktf.out/stacks/network init && terraform -chdir=cdktf.out/stacks/network plan');
  });

  it('repeats --config and a non-default output folder, so the commands work as printed', async () => {
    writeFileSync(path.join(tmp, 'org.yaml'), readFileSync(path.join(tmp, 'vpce-hub.yaml'), 'utf8'));
    const { stdout } = await run(tmp, 'synth', '--config', 'org.yaml', '--out', 'out/net');
    const last = stdout.trimEnd().split('\n').pop() as string;
    expect(last).toContain('vpce-hub check --config org.yaml --dir out/net && vpce-hub prove --config org.yaml --dir out/net');
    expect(last).toContain('terraform -chdir=out/net/stacks/network init');
    // ...and they do work: check and prove accept exactly those flags there.
    const commands = /next: (.*) \(offline/.exec(last)?.[1].split(' && ') ?? [];
    for (const command of commands) expect((await run(tmp, ...command.split(' ').slice(1))).code).toBe(0);
  });

  it('without stacks, names the offline checks only', () => {
    expect(nextStepAfterSynth({ outdir: 'cdktf.out' })).toBe('vpce-hub: next: vpce-hub check && vpce-hub prove (offline checks of what was written)');
  });
});
