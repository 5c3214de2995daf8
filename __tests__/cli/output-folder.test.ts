/**
 * Issue 22: synth never deletes what vpce-hub did not write. On real temporary folders: the folders it
 * refuses (naming the folder and why, touching nothing), the folders it takes (missing, empty, an
 * earlier synth output), what survives a replacement, the atomic swap, and the app under `cdktf synth`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RECORD_FILE } from '../../src/analysis/synth-record';
import { runCli } from '../support/cli';
import { synthesize } from '../../src/cli/synthesize';
import { PROJECT_ROOT } from '../support/synth';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
/** The shipped config without the `analytics` account and its spoke: its stack `analytics` is no longer made. */
const WITHOUT_ANALYTICS = SHIPPED.replace(/\n {2}- name: analytics-prod\n(?: {4}.*\n)+/, '\n').replace(/\n {2}analytics: \{.*\}\n/, '\n');
/** `node --import tsx` from any folder: the loader by its absolute location. */
const TSX = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Set by a test to make the synthesis itself fail, after the config and the folder were accepted. */
let mockBuildFailure: Error | undefined;
jest.mock('../../src/stacks/app', () => {
  const actual = jest.requireActual<typeof import('../../src/stacks/app')>('../../src/stacks/app');
  return {
    ...actual,
    buildApp: (...args: Parameters<typeof actual.buildApp>) => {
      if (mockBuildFailure) throw mockBuildFailure;
      return actual.buildApp(...args);
    },
  };
});

const run = runCli;

/** Every path under `dir` with its content (files), link target (links) or `/` (folders). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(dir, full);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[rel] = '/';
        walk(full);
      } else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

let tmp: string;
let project: string;
let home: string;
const cwd = process.cwd();
const HOME = process.env.HOME;
beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-output-folder-')));
  // A user's infrastructure repository: the config, notes and .git, as in the issue.
  project = path.join(tmp, 'infra');
  home = path.join(tmp, 'home');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  writeFileSync(path.join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(project, 'my.yaml'), SHIPPED);
  writeFileSync(path.join(project, 'notes.txt'), 'notes\n');
  mkdirSync(home);
  process.env.HOME = home;
  process.chdir(project);
});
afterEach(() => {
  process.chdir(cwd);
  if (HOME === undefined) delete process.env.HOME;
  else process.env.HOME = HOME;
  rmSync(tmp, { recursive: true, force: true });
});

describe('synth refuses a folder it did not write, names it and says why, and touches nothing', () => {
  const refused = async (out: string, why: RegExp, config = 'my.yaml') => {
    const before = snapshot(tmp);
    const r = await run('synth', '--config', config, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toContain('--out cdktf.out');
    expect(snapshot(tmp)).toEqual(before);
  };

  it('--out . (the current folder, the issue\'s case: config, notes and .git in it)', () => refused('.', new RegExp(`--out \\. \\(${project}\\) is the current folder`)));

  it('--out .. (a parent of the current folder)', () => refused('..', new RegExp(`--out \\.\\. \\(${tmp}\\) contains the current folder`)));

  it("the config's own folder, and a folder that contains it", async () => {
    const configs = path.join(tmp, 'configs');
    mkdirSync(path.join(configs, 'prod'), { recursive: true });
    writeFileSync(path.join(configs, 'prod', 'org.yaml'), SHIPPED);
    await refused(path.join(configs, 'prod'), /holds the config .*org\.yaml/, path.join(configs, 'prod', 'org.yaml'));
    await refused(configs, /contains the config .*org\.yaml/, path.join(configs, 'prod', 'org.yaml'));
  });

  it('a git repository\'s root (a folder holding .git, as a folder or as a worktree\'s file), even when empty otherwise', async () => {
    const repo = path.join(tmp, 'other-repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    await refused(repo, /other-repo is the root of a git repository \(it holds \.git\)/);
    const worktree = path.join(tmp, 'worktree');
    mkdirSync(worktree);
    writeFileSync(path.join(worktree, '.git'), 'gitdir: ../infra/.git/worktrees/w\n');
    await refused(worktree, /is the root of a git repository/);
  });

  it('the home folder and a folder that contains it (HOME faked for a vpce-hub process)', () => {
    // os.homedir() reads the process's real environment, which jest's process.env is a copy of.
    const cli = (out: string) =>
      spawnSync(process.execPath, ['--import', TSX, '-e', `require(${JSON.stringify(path.join(PROJECT_ROOT, 'src', 'cli', 'index.ts'))}).main(['node', 'vpce-hub', ...process.argv.slice(1)]).then((c) => (process.exitCode = c))`, 'synth', '--config', 'my.yaml', '--out', out], {
        cwd: project,
        env: { ...process.env, HOME: home },
        encoding: 'utf8',
      });
    const before = snapshot(tmp);
    const atHome = cli(home);
    expect({ status: atHome.status, stderr: atHome.stderr }).toEqual({ status: 2, stderr: expect.stringContaining(`--out ${home} is your home folder`) as string });
    const above = cli(path.join(tmp, 'infra', '..', 'home', '..'));
    expect(above.status).toBe(2);
    expect(above.stderr).toMatch(/contains (your home folder|the current folder)/);
    expect(snapshot(tmp)).toEqual(before);
  });

  it('a non-empty folder that is not a synth output, and one with only a manifest.json (another cdktf app)', async () => {
    const docs = path.join(tmp, 'docs');
    mkdirSync(docs);
    writeFileSync(path.join(docs, 'design.md'), '# design\n');
    await refused(docs, new RegExp(`is not empty and is not a synth output \\(it has no manifest\\.json and ${RECORD_FILE}`));
    writeFileSync(path.join(docs, 'manifest.json'), '{}\n');
    await refused(docs, new RegExp(`has a manifest\\.json but no ${RECORD_FILE}, so vpce-hub did not write it`));
  });

  it('a file, and a symbolic link to the repository root', async () => {
    await refused('notes.txt', /notes\.txt \(.*\) is a file, not a folder/);
    symlinkSync(project, path.join(tmp, 'link'));
    await refused(path.join(tmp, 'link'), /is the current folder/);
  });
});

describe('synth takes a missing folder, an empty one, and its own earlier output', () => {
  it('writes into a missing folder (parents included) and into an empty one', async () => {
    expect((await run('synth', '--config', 'my.yaml', '--out', 'build/out')).code).toBe(0);
    expect(existsSync(path.join(project, 'build', 'out', RECORD_FILE))).toBe(true);
    mkdirSync(path.join(tmp, 'empty'));
    expect((await run('synth', '--config', 'my.yaml', '--out', path.join(tmp, 'empty'))).code).toBe(0);
    expect(readdirSync(path.join(tmp, 'empty')).sort()).toEqual(['manifest.json', 'stacks', RECORD_FILE]);
    // What cdktf's App leaves when constructed without synthesizing (e.g. by a test): an empty stacks/.
    mkdirSync(path.join(tmp, 'skeleton', 'stacks'), { recursive: true });
    expect((await run('synth', '--config', 'my.yaml', '--out', path.join(tmp, 'skeleton'))).code).toBe(0);
    expect(readdirSync(path.join(tmp, 'skeleton', 'stacks')).sort()).toEqual(['analytics', 'network', 'network-spokes', 'payments']);
    // Nothing else in the project changed, and no staging folder is left beside the outputs.
    expect(readdirSync(project).sort()).toEqual(['.git', 'build', 'my.yaml', 'notes.txt']);
    expect(readdirSync(path.join(project, 'build'))).toEqual(['out']);
  });

  it('replaces only its own files: what a user or Terraform put in the output stays', async () => {
    const out = path.join(project, 'cdktf.out');
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    const network = path.join(out, 'stacks', 'network');
    writeFileSync(path.join(out, 'README.md'), '# our stacks\n');
    writeFileSync(path.join(network, 'tags_override.tf'), 'provider "aws" {}\n');
    writeFileSync(path.join(network, 'errored.tfstate'), '{"version": 4}\n');
    writeFileSync(path.join(network, '.terraform.lock.hcl'), '# lock\n');
    mkdirSync(path.join(network, '.terraform'));
    writeFileSync(path.join(network, 'cdk.tf.json'), '{"stale": true}\n');

    const r = await run('synth', '--config', 'my.yaml');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('# our stacks\n');
    expect(readFileSync(path.join(network, 'tags_override.tf'), 'utf8')).toBe('provider "aws" {}\n');
    expect(readFileSync(path.join(network, 'errored.tfstate'), 'utf8')).toBe('{"version": 4}\n');
    expect(readFileSync(path.join(network, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(existsSync(path.join(network, '.terraform'))).toBe(true);
    expect(readFileSync(path.join(network, 'cdk.tf.json'), 'utf8')).not.toContain('stale');
    // An override changes what Terraform applies: synth says so, and so do check and prove.
    expect(r.stderr).toContain(`${path.join('cdktf.out', 'stacks', 'network', 'tags_override.tf')} is not from synth and stays; Terraform applies it with its stack`);
    const check = await run('check', '--config', 'my.yaml');
    expect(check.stderr).toContain('vpce-hub check: note: cdktf.out/stacks/network/tags_override.tf is not from synth');
    expect(readdirSync(project).sort()).toEqual(['.git', 'cdktf.out', 'my.yaml', 'notes.txt']);
  });

  it('removes the folder of a stack that is gone, unless it holds a file of the user, which stays', async () => {
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    const analytics = path.join(project, 'cdktf.out', 'stacks', 'analytics');
    const payments = path.join(project, 'cdktf.out', 'stacks', 'payments');
    mkdirSync(path.join(analytics, '.terraform'));
    writeFileSync(path.join(analytics, '.terraform.lock.hcl'), '# lock\n');
    writeFileSync(path.join(analytics, 'plan'), 'cdktf plan file\n');
    writeFileSync(path.join(project, 'my.yaml'), WITHOUT_ANALYTICS);
    const gone = await run('synth', '--config', 'my.yaml');
    expect(gone.code).toBe(0);
    expect(existsSync(analytics)).toBe(false);
    expect(existsSync(path.join(payments, 'cdk.tf.json'))).toBe(true);

    writeFileSync(path.join(project, 'my.yaml'), SHIPPED);
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    writeFileSync(path.join(analytics, 'RUNBOOK.md'), 'how we drain analytics\n');
    writeFileSync(path.join(project, 'my.yaml'), WITHOUT_ANALYTICS);
    const kept = await run('synth', '--config', 'my.yaml');
    expect(kept.code).toBe(0);
    expect(readdirSync(analytics)).toEqual(['RUNBOOK.md']);
    expect(kept.stderr).toContain(`${path.join('cdktf.out', 'stacks', 'analytics')} stays: its stack is no longer synthesized, but it holds files vpce-hub did not write (RUNBOOK.md)`);
  });

  it('leaves the previous output whole when synthesis fails half-way', async () => {
    const out = path.join(project, 'cdktf.out');
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    writeFileSync(path.join(out, 'stacks', 'network', '.terraform.lock.hcl'), '# lock\n');
    const before = snapshot(tmp);
    mockBuildFailure = new Error('disk full');
    try {
      await expect(run('synth', '--config', 'my.yaml')).rejects.toThrow('disk full');
    } finally {
      mockBuildFailure = undefined;
    }
    expect(snapshot(tmp)).toEqual(before);
  });
});

describe('one form per stack folder (issue 19 section 2)', () => {
  it('JSON, then HCL, then JSON: each stack folder holds only the form last written', async () => {
    const network = path.join(project, 'cdktf.out', 'stacks', 'network');
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    expect(readdirSync(network)).toEqual(['cdk.tf.json']);
    const hcl = await run('synth', '--config', 'my.yaml', '--hcl');
    expect(hcl.stdout).toContain('synthesized 4 stack(s) as HCL');
    expect(readdirSync(network).sort()).toEqual(['cdk.tf', 'metadata.json']);
    expect(readFileSync(path.join(network, 'cdk.tf'), 'utf8')).toMatch(/\n$/);
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    expect(readdirSync(network)).toEqual(['cdk.tf.json']);
  });

  it('takes cdktf\'s switch SYNTH_HCL_OUTPUT=1, which cdktf\'s stacks honour and its app does not, as HCL throughout', async () => {
    process.env.SYNTH_HCL_OUTPUT = '1';
    try {
      expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    const manifest = JSON.parse(readFileSync(path.join(project, 'cdktf.out', 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    expect(manifest.stacks.network.synthesizedStackPath).toBe(path.join('stacks', 'network', 'cdk.tf'));
    expect(readdirSync(path.join(project, 'cdktf.out', 'stacks', 'network')).sort()).toEqual(['cdk.tf', 'metadata.json']);
  });

  it('check and prove on the HCL form name the command that writes the JSON form', async () => {
    expect((await run('synth', '--config', 'my.yaml', '--hcl')).code).toBe(0);
    for (const command of ['check', 'prove']) {
      const r = await run(command, '--config', 'my.yaml');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`vpce-hub ${command}: ${path.join(project, 'cdktf.out')} holds the HCL form of its stacks`);
      expect(r.stderr).toContain('run `vpce-hub synth --config my.yaml` (or `VPCE_HUB_CONFIG=my.yaml npx cdktf synth`) without --hcl to write the JSON form there');
      expect(r.stderr).not.toContain('not valid JSON');
    }
  });

  it('check refuses a folder holding both forms (left by an older synth): Terraform would read both', async () => {
    expect((await run('synth', '--config', 'my.yaml')).code).toBe(0);
    writeFileSync(path.join(project, 'cdktf.out', 'stacks', 'payments', 'cdk.tf'), '# the HCL of an earlier synth\n');
    const r = await run('check', '--config', 'my.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds both cdk.tf.json and cdk.tf, and Terraform reads both');
  });
});

describe('the app under the cdktf CLI (CDKTF_OUTDIR, SYNTH_HCL_OUTPUT)', () => {
  /** What `npx cdktf synth [--hcl] --output <out>` runs: the app with the CLI's environment. */
  const app = (out: string, hcl = false) =>
    spawnSync(process.execPath, ['--import', TSX, path.join(PROJECT_ROOT, 'main.ts')], {
      cwd: project,
      env: { ...process.env, CI: 'true', VPCE_HUB_CONFIG: 'my.yaml', CDKTF_OUTDIR: out, SYNTH_HCL_OUTPUT: String(hcl) },
      encoding: 'utf8',
    });

  it('refuses --output . and writes one form per folder across `cdktf synth` and `cdktf synth --hcl`', () => {
    const before = snapshot(tmp);
    const refused = app('.');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`vpce-hub: --output . (${project}) is the current folder`);
    expect(snapshot(tmp)).toEqual(before);

    const network = path.join(project, 'cdktf.out', 'stacks', 'network');
    expect(app('cdktf.out').status).toBe(0);
    expect(readdirSync(network)).toEqual(['cdk.tf.json']);
    expect(app('cdktf.out', true).status).toBe(0);
    expect(readdirSync(network).sort()).toEqual(['cdk.tf', 'metadata.json']);
    expect(readFileSync(path.join(network, 'cdk.tf'), 'utf8')).not.toMatch(/provider = "/);
  });

  it("hands a gone stack's folder to the CLI, which deletes it, but refuses when a user file is in it", () => {
    const config = path.join(project, 'my.yaml');
    const out = path.join(project, 'cdktf.out');
    const analytics = path.join(out, 'stacks', 'analytics');
    expect(synthesize({ configPath: config, outdir: out, underCdktfCli: true, log: () => undefined })).toBe(0);
    writeFileSync(config, WITHOUT_ANALYTICS);
    writeFileSync(path.join(analytics, 'RUNBOOK.md'), 'keep me\n');
    const before = snapshot(tmp);
    const refusals: string[] = [];
    expect(synthesize({ configPath: config, outdir: out, underCdktfCli: true, log: () => undefined, logRefusal: (l) => refusals.push(l) })).toBe(2);
    expect(refusals.join('\n')).toContain(`${analytics} is the folder of stack analytics, which the config no longer makes, and it holds files vpce-hub did not write (RUNBOOK.md)`);
    expect(snapshot(tmp)).toEqual(before);

    rmSync(path.join(analytics, 'RUNBOOK.md'));
    mkdirSync(path.join(analytics, '.terraform'));
    expect(synthesize({ configPath: config, outdir: out, underCdktfCli: true, log: () => undefined })).toBe(0);
    // The CLI's own clean-up after the app (@cdktf/cli-core synth-stack.js): rmSync without force, which
    // throws when the folder is missing.
    expect(() => rmSync(analytics, { recursive: true })).not.toThrow();
    expect(readdirSync(path.join(out, 'stacks')).sort()).toEqual(['network', 'network-spokes', 'payments']);
  });
});
