/**
 * The package as a team installs it (issue 19): `npm pack` of a clean copy of this repository, installed
 * with `npm install <tarball>` into an empty folder with nothing of this repository beside it, then
 * `vpce-hub init`, validate, synth, check, prove, review and `cdktf synth` there, and a small cdktf app
 * of the team's own built from the programmatic API (type-checked against the package's types).
 *
 * The packages come from npm's cache where it has them (`npm ci` filled it): `--prefer-offline`.
 * cdktf-cli is not installed in the project (it takes a minute): the repository's copy is linked in,
 * which runs the project's own cdktf.json exactly as an installed one would.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/synth';

const TSC = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CDKTF_CLI = path.join(PROJECT_ROOT, 'node_modules', 'cdktf-cli');

/** The environment of a user's shell: no config override, no npm lifecycle variables of this run. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  for (const key of Object.keys(env)) if (key === 'VPCE_HUB_CONFIG' || key === 'INIT_CWD' || key.startsWith('npm_lifecycle_') || key.startsWith('npm_package_')) delete env[key];
  return env;
}

function run(cwd: string, command: string, args: string[], expectStatus: number | null = 0): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (expectStatus !== null && r.status !== expectStatus) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status} (expected ${expectStatus})\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
  return r;
}

/** The repository as a clean checkout has it: tracked and new, not ignored (no dist/, no cdktf.out/). */
function cleanCopy(to: string): void {
  const files = run(PROJECT_ROOT, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(PROJECT_ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(from, path.join(to, file));
  }
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

const stackJson = (outdir: string, stack: string): unknown => JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

let tmp: string;
let project: string;
let packed: string[];
/** What `npx vpce-hub ...` runs (the bin link npm made), without npx's own start-up on every call. */
const vpceHub = (...args: string[]) => run(project, path.join(project, 'node_modules', '.bin', 'vpce-hub'), args);

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-pack-'));
  const checkout = path.join(tmp, 'checkout');
  cleanCopy(checkout);
  const pack = JSON.parse(run(checkout, 'npm', ['pack', '--json', '--pack-destination', tmp]).stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = pack[0].files.map((f) => f.path);
  project = path.join(tmp, 'team-network');
  mkdirSync(project);
  run(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(tmp, pack[0].filename)]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the compiled app, its types, the CLI, the templates and the schema, and no sources or tests', () => {
    for (const f of ['bin/vpce-hub.js', 'dist/main.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/index.js', 'dist/scripts/ci/upsert-comment.js', 'scripts/app-build.js', 'templates/project/vpce-hub.yaml', 'vpce-hub.schema.json', 'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']) {
      expect([f, packed.includes(f)]).toEqual([f, true]);
    }
    const unexpected = packed.filter((f) => /^(src|__tests__|bench|data)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts') || /tsbuildinfo|app-build-stamp/.test(f));
    expect(unexpected).toEqual([]);
  });

  it('installs with its CLI on node_modules/.bin, with nothing of this repository beside it', () => {
    expect(existsSync(path.join(project, 'node_modules', '.bin', 'vpce-hub'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules', 'vpce-hub', 'src'))).toBe(false);
    const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(project, 'npx', ['--no-install', 'vpce-hub', '--version']).stdout.trim()).toBe(version);
  });

  it('init lays out the project, and a second init keeps every file it finds', () => {
    const first = vpceHub('init').stdout;
    for (const f of ['vpce-hub.yaml', 'cdktf.json', '.github/workflows/vpce-hub-pr.yml', '.gitignore', 'README.md']) {
      expect(first).toContain(`wrote ${f}`);
      expect(existsSync(path.join(project, f))).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies['vpce-hub']).toMatch(/^file:/); // kept as npm wrote it
    expect(pkg.devDependencies['cdktf-cli']).toBe((JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['cdktf-cli']);
    expect(pkg.scripts.test).toContain('vpce-hub validate');
    expect(readFileSync(path.join(project, 'vpce-hub.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/vpce-hub/vpce-hub.schema.json');
    expect(existsSync(path.join(project, 'node_modules', 'vpce-hub', 'vpce-hub.schema.json'))).toBe(true);

    writeFileSync(path.join(project, 'README.md'), '# ours\n');
    const second = vpceHub('init').stdout;
    expect(second).toContain('kept 5 existing file(s)');
    expect(second).not.toContain('wrote');
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toBe('# ours\n');
    expect(vpceHub('init', '--force').stdout).toContain('overwrote README.md (--force)');
  });

  it('validates, synthesizes, checks, proves and reviews the project with the installed CLI', () => {
    expect(vpceHub('validate').stdout).toContain('vpce-hub.yaml: valid');
    expect(vpceHub('synth').stdout).toMatch(/synthesized 3 stack\(s\) from vpce-hub\.yaml into cdktf\.out: network, network-spokes, payments/);
    expect(vpceHub('check').stdout).toContain('0 errors');
    expect(vpceHub('prove').stdout).toContain('all 12 client/service pairs reachable');
    const git = (...args: string[]) => run(project, 'git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args]);
    git('init', '-q');
    git('add', '-A', '.');
    git('commit', '-q', '-m', 'init');
    expect(vpceHub('review', '--base', 'HEAD').stdout).toContain('OK (exit 0)');
  });

  it('cdktf synth runs the installed package through the cdktf.json init wrote', () => {
    symlinkSync(CDKTF_CLI, path.join(project, 'node_modules', 'cdktf-cli'), 'dir');
    const cdktf = run(project, process.execPath, [path.join(project, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), 'synth', '--output', 'cdktf-cli.out']);
    expect(cdktf.stdout).toContain('Generated Terraform code for the stacks: network, network-spokes, payments');
    for (const stack of ['network', 'network-spokes', 'payments']) expect(stackJson(path.join(project, 'cdktf-cli.out'), stack)).toEqual(stackJson(path.join(project, 'cdktf.out'), stack));
  });

  it("builds a team's own cdktf app from the programmatic API, type-checked against the package's types", () => {
    writeFileSync(
      path.join(project, 'app.ts'),
      [
        "import { App, TerraformOutput, TerraformStack } from 'cdktf';",
        "import { addVpceHubStacks, ConfigError, loadConfig, parseConfig, validateConfig, type Finding } from 'vpce-hub';",
        '',
        "const app = new App({ outdir: 'api.out' });",
        "new TerraformOutput(new TerraformStack(app, 'team-own'), 'greeting', { value: 'hello' });",
        "const validation = validateConfig('vpce-hub.yaml');",
        "if (!validation.valid) throw new Error('the config should be valid');",
        "const added = addVpceHubStacks(app, loadConfig('vpce-hub.yaml'));",
        'app.synth();',
        'let findings: Finding[] = [];',
        "try { parseConfig('hubs: 3', 'broken.yaml'); } catch (e) { if (e instanceof ConfigError) findings = e.findings; }",
        'console.log(JSON.stringify({ order: added.deployOrder, stacks: [...added.stacks.keys()], codes: findings.map((f) => f.code) }));',
      ].join('\n'),
    );
    // node16 resolution reads package.json "exports" (types and default), as current TypeScript projects do.
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'node16', strict: true, types: [], outDir: 'build' }, files: ['app.ts'] }));
    run(project, process.execPath, [TSC, '-p', 'tsconfig.json']);
    const out = JSON.parse(run(project, process.execPath, ['build/app.js']).stdout) as { order: string[]; stacks: string[]; codes: string[] };
    expect(out.order).toEqual(['network', 'network-spokes', 'payments']);
    expect(out.stacks).toEqual(out.order);
    expect(out.codes).toContain('WrongType');
    expect(readdirSync(path.join(project, 'api.out', 'stacks')).sort()).toEqual(['network', 'network-spokes', 'payments', 'team-own']);
    // The same stacks, resources and addresses as `vpce-hub synth` wrote.
    for (const stack of out.order) expect(stackJson(path.join(project, 'api.out'), stack)).toEqual(stackJson(path.join(project, 'cdktf.out'), stack));
  });
});
