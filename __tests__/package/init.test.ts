/**
 * `vpce-hub init` (cli/init-project.ts) in-process: what it writes, what it keeps, how it merges
 * package.json; and the templates themselves: the starter config validates, the PR workflow is this
 * repository's own, rewritten for an installed package (scripts/project-workflow.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConfigFile } from '../../src/config/load';
import { initProject, PROJECT_TEST_SCRIPT, targetPath } from '../../src/cli/init-project';
import { PROJECT_WORKFLOW, projectWorkflow, REPO_WORKFLOW } from '../../scripts/project-workflow';
import { PROJECT_ROOT } from '../support/synth';

const ROOT_PACKAGE = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
const FILES = ['.github/workflows/vpce-hub-pr.yml', '.gitignore', 'README.md', 'cdktf.json', 'vpce-hub.yaml'];

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-init-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');

describe('vpce-hub init', () => {
  it('writes the project into an empty folder, with a package.json that installs vpce-hub and the cdktf CLI', () => {
    const result = initProject({ dir });
    expect([...result.written].sort()).toEqual(FILES);
    expect(result.packageJsonCreated).toBe(true);
    const pkg = JSON.parse(read('package.json')) as { private: boolean; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.private).toBe(true);
    expect(pkg.scripts).toEqual({ synth: 'vpce-hub synth', test: PROJECT_TEST_SCRIPT });
    expect(pkg.dependencies).toEqual({ [ROOT_PACKAGE.name]: ROOT_PACKAGE.version });
    expect(pkg.devDependencies).toEqual({ 'cdktf-cli': ROOT_PACKAGE.devDependencies['cdktf-cli'] });
    expect(read('README.md')).toContain(`vpce-hub](https://www.npmjs.com/package/vpce-hub) ${ROOT_PACKAGE.version}`);
    expect(read('README.md')).toContain('npm ci && npx cdktf synth');
    expect(JSON.parse(read('cdktf.json')).app).toBe('node node_modules/vpce-hub/dist/main.js');
  });

  it('keeps every existing file unless --force, and says which', () => {
    writeFileSync(path.join(dir, 'README.md'), '# our network\n');
    writeFileSync(path.join(dir, '.gitignore'), 'secrets/\n');
    const result = initProject({ dir });
    expect(result.kept.sort()).toEqual(['.gitignore', 'README.md']);
    expect(read('README.md')).toBe('# our network\n');
    expect(read('.gitignore')).toBe('secrets/\n');
    const forced = initProject({ dir, force: true });
    expect(forced.overwritten.sort()).toEqual(FILES);
    expect(read('README.md')).toContain('npm test');
  });

  it("only adds to an existing package.json: the user's scripts and versions stay, its indentation too", () => {
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'net', scripts: { test: 'make test' }, devDependencies: { 'cdktf-cli': '0.20.0' }, dependencies: { 'vpce-hub': '^0.2.0' } }, null, 4)}\n`);
    const result = initProject({ dir, force: true });
    expect(result.packageJsonAdded).toEqual(['scripts.synth']);
    const text = read('package.json');
    expect(text).toMatch(/^ {4}"name"/m);
    const pkg = JSON.parse(text) as { scripts: Record<string, string>; devDependencies: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts).toEqual({ test: 'make test', synth: 'vpce-hub synth' });
    expect(pkg.devDependencies['cdktf-cli']).toBe('0.20.0');
    expect(pkg.dependencies['vpce-hub']).toBe('^0.2.0');
    // Nothing left to add: package.json is not rewritten at all.
    const before = read('package.json');
    expect(initProject({ dir }).packageJsonAdded).toEqual([]);
    expect(read('package.json')).toBe(before);
  });

  it('maps dot- template names to dot files (npm leaves .gitignore out of packages)', () => {
    expect(targetPath('dot-gitignore')).toBe('.gitignore');
    expect(targetPath('dot-github/workflows/vpce-hub-pr.yml')).toBe('.github/workflows/vpce-hub-pr.yml');
    expect(targetPath('docs/dot-note/x.md')).toBe('docs/.note/x.md');
  });

  it('writes a starter config that validates without a finding, with the installed schema on its first line', () => {
    initProject({ dir });
    expect(read('vpce-hub.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/vpce-hub/vpce-hub.schema.json');
    const checked = checkConfigFile(path.join(dir, 'vpce-hub.yaml'));
    expect(checked.findings).toEqual([]);
    expect(checked.config).toBeDefined();
  });
});

describe("the project's PR workflow template", () => {
  it("is this repository's workflow rewritten for an installed package (npx tsx scripts/generate-project-workflow.ts)", () => {
    expect(readFileSync(PROJECT_WORKFLOW, 'utf8')).toBe(projectWorkflow(readFileSync(REPO_WORKFLOW, 'utf8')));
  });

  it("calls the installed package's scripts and builds nothing", () => {
    const text = readFileSync(PROJECT_WORKFLOW, 'utf8');
    expect(text).not.toContain('npm run build');
    expect(text.match(/node_modules\/vpce-hub\/dist\/scripts\/ci\/[a-z-]+\.js/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text.replace(/node_modules\/vpce-hub\/dist\/scripts\//g, '')).not.toContain('dist/scripts/');
  });

  it('refuses a form of this repository\'s scripts it does not know how to rewrite', () => {
    expect(() => projectWorkflow('      - run: ./dist/scripts/ci/new.js\n')).toThrow(/teach scripts\/project-workflow.ts/);
    expect(() => projectWorkflow('      - run: npm run build && npx vpce-hub synth\n')).toThrow(/npm run build/);
  });
});
