/**
 * The synthesized folder users commit and run Terraform in: `vpce-hub synth` keeps what `terraform init`
 * left there, and `check`/`prove` refuse a folder that was not made from the config they are given.
 */
import { Command } from 'commander';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RECORD_FILE, synthCommand } from '../../src/analysis/synth-record';
import { registerCheck } from '../../src/cli/commands/check';
import { registerProve } from '../../src/cli/commands/prove';
import { runCli } from '../support/cli';
import { PROJECT_ROOT } from '../support/synth';

const run = runCli;

let tmp: string;
let config: string;
let outdir: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-synth-output-'));
  config = path.join(tmp, 'vpce-hub.yaml');
  outdir = path.join(tmp, 'cdktf.out');
  writeFileSync(config, readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const synth = () => run('synth', '--config', config, '--out', outdir);

describe('vpce-hub synth', () => {
  it('keeps each stack\'s .terraform.lock.hcl and .terraform/ across synths', async () => {
    expect((await synth()).code).toBe(0);
    const stack = path.join(outdir, 'stacks', 'network');
    writeFileSync(path.join(stack, '.terraform.lock.hcl'), '# lock\n');
    mkdirSync(path.join(stack, '.terraform', 'providers'), { recursive: true });
    writeFileSync(path.join(stack, '.terraform', 'terraform.tfstate'), '{}\n');

    expect((await synth()).code).toBe(0);
    expect(readFileSync(path.join(stack, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(readFileSync(path.join(stack, '.terraform', 'terraform.tfstate'), 'utf8')).toBe('{}\n');
    expect(existsSync(path.join(stack, 'cdk.tf.json'))).toBe(true);
    expect(readdirSync(tmp).sort()).toEqual(['cdktf.out', 'vpce-hub.yaml']);
  });

  it('ends every file it writes with a newline (cdktf writes its JSON without one)', async () => {
    await synth();
    const files = ['manifest.json', RECORD_FILE, ...['analytics', 'network', 'payments'].map((s) => path.join('stacks', s, 'cdk.tf.json'))];
    for (const f of files) expect([f, readFileSync(path.join(outdir, f), 'utf8').endsWith('\n')]).toEqual([f, true]);
  });

  it('records the config and the tool it synthesized from, ending the file with a newline', async () => {
    await synth();
    const text = readFileSync(path.join(outdir, RECORD_FILE), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const record = JSON.parse(text) as { configFile: string; configSha256: string; tool: { version: string; sourceSha256: string } };
    expect(record.configFile).toBe(path.join('..', 'vpce-hub.yaml'));
    expect(record.configSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.tool.version).toMatch(/^vpce-hub@\d+\.\d+\.\d+ \(cdktf 0\.21\.0, @cdktf\/provider-aws 20\.1\.0\)$/);
  });
});

describe.each([
  ['prove', ['--dir']],
  ['check', ['--dir']],
])('vpce-hub %s on a synthesized folder', (command, dirFlag) => {
  const use = () => run(command, '--config', config, ...dirFlag, outdir);

  it('accepts the folder synthesized from this config, also after an edit that changes only comments', async () => {
    await synth();
    writeFileSync(config, `# reviewed\n${readFileSync(config, 'utf8')}`);
    const r = await use();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses output older than the config, naming both files and the command that fixes it', async () => {
    await synth();
    writeFileSync(config, readFileSync(config, 'utf8').replace('cidr: 10.1.0.0/16', 'cidr: 10.9.0.0/16'));
    const r = await use();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${outdir} is stale: it was synthesized from a different version of ${config}`);
    // The command repeats --config and the folder: a bare `vpce-hub synth` reads ./vpce-hub.yaml (FileNotFound here).
    expect(r.stderr).toContain(`run \`vpce-hub synth --config ${config} --out ${outdir}\` to write`);
    expect((await synth()).code).toBe(0);
    expect((await use()).code).toBe(0);
  });

  it('refuses output that does not say what it was made from', async () => {
    await synth();
    rmSync(path.join(outdir, RECORD_FILE));
    const r = await use();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(outdir, RECORD_FILE)} is missing, so nothing says which config ${outdir} was synthesized from`);
  });
});

describe('the synth command a stale folder suggests', () => {
  it('repeats --config and a folder other than cdktf.out, as given; offers cdktf synth only for cdktf.out', () => {
    expect(synthCommand()).toBe('`vpce-hub synth` (or `npx cdktf synth`)');
    expect(synthCommand({ config: 'org.yaml', out: 'cdktf.out' })).toBe('`vpce-hub synth --config org.yaml` (or `VPCE_HUB_CONFIG=org.yaml npx cdktf synth`)');
    expect(synthCommand({ config: 'org.yaml', out: 'build/out' })).toBe('`vpce-hub synth --config org.yaml --out build/out`');
    expect(synthCommand({ out: './cdktf.out' })).toBe('`vpce-hub synth` (or `npx cdktf synth`)');
  });
});

describe('one name for the synthesized folder', () => {
  it('is --dir for check and prove; prove still takes its old --out, without listing it', async () => {
    const help = (command: string) => {
      const program = new Command();
      for (const register of [registerCheck, registerProve]) register(program, () => undefined);
      return program.commands.find((c) => c.name() === command)?.helpInformation() ?? '';
    };
    for (const command of ['check', 'prove']) expect(help(command)).toContain('-d, --dir <dir>');
    expect(help('prove')).not.toContain('--out');
    await synth();
    expect((await run('prove', '--config', config, '--out', outdir)).code).toBe(0);
  });
});
