/**
 * `vpce-hub init`: lays out a user's project from the package's templates (templates/project: files,
 * not strings in code). A template path segment `dot-x` becomes `.x`, because npm leaves `.gitignore`
 * files out of packages. `{{version}}` becomes this package's version.
 *
 * Never overwrites a file unless `force` is set: an existing file is kept and reported. package.json
 * is the one file merged rather than written: only the keys the project needs and lacks are added
 * (the test and synth scripts, vpce-hub itself, and cdktf-cli for `npx cdktf synth`), never a value the
 * user has.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageJson, packageRoot } from './package-info';

export interface InitOptions {
  /** The project folder (created when missing). */
  dir: string;
  /** Overwrite existing files (package.json is merged either way). */
  force?: boolean;
}

export interface InitResult {
  /** Project-relative paths, `/`-separated. */
  written: string[];
  /** Existing files left as they were (no `force`). */
  kept: string[];
  overwritten: string[];
  /** `scripts.test`, `devDependencies.cdktf-cli`, ...: what was added to package.json. */
  packageJsonAdded: string[];
  /** package.json did not exist and was created. */
  packageJsonCreated: boolean;
}

export const TEMPLATE_DIR = 'templates/project';

/** What `npm test` runs in a user's project: every offline check, in the order a PR needs them. */
export const PROJECT_TEST_SCRIPT = 'vpce-hub validate && vpce-hub synth && vpce-hub check && vpce-hub prove';

function templateFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...templateFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** `dot-github/workflows/x.yml` -> `.github/workflows/x.yml`. */
export const targetPath = (templatePath: string): string =>
  templatePath
    .split('/')
    .map((seg) => (seg.startsWith('dot-') ? `.${seg.slice(4)}` : seg))
    .join('/');

export function initProject(opts: InitOptions): InitResult {
  const pkg = packageJson();
  const templates = path.join(packageRoot(), TEMPLATE_DIR);
  const result: InitResult = { written: [], kept: [], overwritten: [], packageJsonAdded: [], packageJsonCreated: false };
  mkdirSync(opts.dir, { recursive: true });
  for (const rel of templateFiles(templates)) {
    const target = targetPath(rel);
    const file = path.join(opts.dir, ...target.split('/'));
    const exists = existsSync(file);
    if (exists && !opts.force) {
      result.kept.push(target);
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, readFileSync(path.join(templates, ...rel.split('/')), 'utf8').replace(/\{\{version\}\}/g, pkg.version));
    (exists ? result.overwritten : result.written).push(target);
  }
  mergePackageJson(opts.dir, result);
  return result;
}

interface UserPackageJson {
  name?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

function mergePackageJson(dir: string, result: InitResult): void {
  const pkg = packageJson();
  const file = path.join(dir, 'package.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const user: UserPackageJson = text !== undefined ? (JSON.parse(text) as UserPackageJson) : { name: npmName(path.basename(path.resolve(dir))), version: '0.0.0', private: true };
  result.packageJsonCreated = text === undefined;
  const has = (name: string) => user.dependencies?.[name] !== undefined || user.devDependencies?.[name] !== undefined;
  const add = (section: 'scripts' | 'dependencies' | 'devDependencies', key: string, value: string) => {
    const entries = (user[section] ??= {});
    if (entries[key] !== undefined) return;
    entries[key] = value;
    result.packageJsonAdded.push(`${section}.${key}`);
  };
  add('scripts', 'synth', 'vpce-hub synth');
  add('scripts', 'test', PROJECT_TEST_SCRIPT);
  // Run through `npx vpce-hub@x init` without installing it first: the project depends on that version.
  if (!has(pkg.name)) add('dependencies', pkg.name, pkg.version);
  // `npx cdktf synth` needs the cdktf CLI in the project; vpce-hub itself never does (`vpce-hub synth`),
  // so it is the project's choice, pinned to the version vpce-hub is tested with.
  const cli = pkg.devDependencies?.['cdktf-cli'];
  if (cli !== undefined && !has('cdktf-cli')) add('devDependencies', 'cdktf-cli', cli);
  if (result.packageJsonAdded.length === 0) return;
  const indent = text !== undefined ? (/^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ') : '  ';
  writeFileSync(file, `${JSON.stringify(user, null, indent)}\n`);
}

/** A folder name as an npm package name: lower case, URL-safe characters only. */
function npmName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name === '' ? 'vpce-hub-project' : name;
}
