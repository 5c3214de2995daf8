/**
 * The user's synth path compiles only when it must (scripts/app-build.js, issue 11): nothing to do when
 * only the YAML changed, a rebuild when main.ts or src/ changed, and a type error stops the run
 * instead of leaving the old dist/ to be run. Checked on a small throwaway project with the real tsc.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync, existsSync, readFileSync, utimesSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './synth';

interface BuildOptions {
  root?: string;
  log?: (line: string) => void;
  force?: boolean;
  clean?: boolean;
  compilerOutput?: 'inherit' | ((text: string) => void);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appBuild = require('../../scripts/app-build.js') as {
  ensureAppBuilt: (o?: BuildOptions) => boolean;
  staleness: (root?: string) => { fresh: boolean; why?: string };
  fingerprint: (root?: string) => string;
};

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
/** What tsc printed in the last build (captured: the type errors below are expected, not shown). */
let compiler = '';
/** Runs the build and returns the lines it logged (one per compile). */
const build = (): { ok: boolean; logged: string[] } => {
  const logged: string[] = [];
  compiler = '';
  const ok = appBuild.ensureAppBuilt({ root, log: (l) => logged.push(l), compilerOutput: (text) => (compiler += text) });
  return { ok, logged };
};

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vpce-app-build-'));
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist', rootDir: '.', types: [] }, include: ['main.ts', 'src/**/*.ts'] }));
  write('tsconfig.app.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo-app' } }));
  write('main.ts', "import { answer } from './src/cli/index';\nexport const value: number = answer;\n");
  write('src/cli/index.ts', 'export const answer = 1;\n');
  write('config.yaml', 'a: 1\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scripts/app-build.js', () => {
  it('compiles a project that was never built, then does nothing while the sources stay the same', () => {
    expect(build()).toEqual({ ok: true, logged: [expect.stringContaining('dist/ has no compiled app')] });
    expect(readFileSync(path.join(root, 'dist/src/cli/index.js'), 'utf8')).toContain('answer = 1');
    expect(build()).toEqual({ ok: true, logged: [] });
  });

  it('does not compile when only the YAML config changed', () => {
    write('config.yaml', 'a: 2\n');
    expect(appBuild.staleness(root)).toEqual({ fresh: true });
    expect(build().logged).toEqual([]);
  });

  it('recompiles after an edit in src/, so the new code runs', () => {
    write('src/cli/index.ts', 'export const answer = 2;\n');
    expect(appBuild.staleness(root)).toMatchObject({ fresh: false, why: expect.stringContaining('changed') });
    expect(build()).toEqual({ ok: true, logged: [expect.stringContaining('changed since the last build')] });
    expect(readFileSync(path.join(root, 'dist/src/cli/index.js'), 'utf8')).toContain('answer = 2');
  });

  it('sees a touched file even when its content is the same (a checkout), and a new file in src/', () => {
    const file = path.join(root, 'src/cli/index.ts');
    const later = new Date(statSync(file).mtimeMs + 5000);
    utimesSync(file, later, later);
    expect(appBuild.staleness(root).fresh).toBe(false);
    expect(build().ok).toBe(true);
    write('src/extra.ts', 'export const extra = 3;\n');
    expect(appBuild.staleness(root).fresh).toBe(false);
    expect(build().ok).toBe(true);
    expect(existsSync(path.join(root, 'dist/src/extra.js'))).toBe(true);
  });

  it('fails on a type error and stays failed until it is fixed: never the old dist/', () => {
    write('src/cli/index.ts', "export const answer: number = 'three';\n");
    expect(build().ok).toBe(false);
    expect(compiler).toMatch(/src\/cli\/index\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(appBuild.staleness(root).fresh).toBe(false);
    expect(build().ok).toBe(false);
    write('src/cli/index.ts', 'export const answer = 4;\n');
    expect(build().ok).toBe(true);
    expect(readFileSync(path.join(root, 'dist/src/cli/index.js'), 'utf8')).toContain('answer = 4');
  });

  it('--clean (npm pack\'s prepack) drops the output of a source that no longer exists, so it is never packed', () => {
    write('src/gone.ts', 'export const gone = 5;\n');
    expect(build().ok).toBe(true);
    expect(existsSync(path.join(root, 'dist/src/gone.js'))).toBe(true);
    rmSync(path.join(root, 'src/gone.ts'));
    expect(build().ok).toBe(true);
    expect(existsSync(path.join(root, 'dist/src/gone.js'))).toBe(true); // an incremental build leaves it
    expect(appBuild.ensureAppBuilt({ root, log: () => undefined, clean: true })).toBe(true);
    expect(existsSync(path.join(root, 'dist/src/gone.js'))).toBe(false);
    expect(existsSync(path.join(root, 'dist/src/cli/index.js'))).toBe(true);
  });

  it('in an installed package (dist/ without sources or tsconfig.app.json) runs what was packed, and never compiles', () => {
    const installed = mkdtempSync(path.join(os.tmpdir(), 'vpce-app-installed-'));
    try {
      const logged: string[] = [];
      expect(appBuild.ensureAppBuilt({ root: installed, log: (l) => logged.push(l) })).toBe(false);
      expect(logged).toEqual([expect.stringContaining('the installed package lacks')]);
      mkdirSync(path.join(installed, 'dist/src/cli'), { recursive: true });
      writeFileSync(path.join(installed, 'dist/main.js'), '');
      writeFileSync(path.join(installed, 'dist/src/cli/index.js'), '');
      logged.length = 0;
      expect(appBuild.ensureAppBuilt({ root: installed, log: (l) => logged.push(l) })).toBe(true);
      expect(logged).toEqual([]);
    } finally {
      rmSync(installed, { recursive: true, force: true });
    }
  });

  it('rebuilds from scratch when dist/ lost the compiled app, even though tsc kept its incremental state', () => {
    rmSync(path.join(root, 'dist/main.js'));
    expect(build()).toEqual({ ok: true, logged: [expect.stringContaining('dist/ has no compiled app')] });
    expect(existsSync(path.join(root, 'dist/main.js'))).toBe(true);
  });
});
