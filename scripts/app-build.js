#!/usr/bin/env node
// Compiles the app (main.ts, src/ and scripts/ci/, tsconfig.app.json: no tests, no benchmark) into dist/ only when its
// sources changed since the last build of it. `npm run synth`, `cdktf synth` (cdktf.json "app"), the CLI
// (bin/vpce-hub.js) and `npm ci` ("postprepare") go through here, so:
// - a user who edits only the YAML never waits for the compiler (a fingerprint check, a few ms);
// - a developer who edits src/ never runs a stale dist/ (the fingerprint changes, tsc runs, and a type
//   error stops the run instead of running the old JS).
// The fingerprint is every input's path, size and modification time, like make's; it is written only
// after tsc succeeded, and it is taken before tsc starts, so an edit made during the build is seen next time.
//
// An installed package (`npm install vpce-hub`) ships dist/ and no sources (package.json "files"): there
// is nothing to compile, and dist/ is what `npm pack` built (`prepack` runs this script with --clean, so
// a file deleted from src/ never lingers in the package). The checkout's build hook is "postprepare",
// not "prepare": `npm ci` runs both in this repository, but npm 11 lists a dependency's "prepare" as an
// install script awaiting approval (`npm install-scripts approve`) although it never runs it for a
// registry or tarball install; "postprepare" is not on that list, so users install without the warning.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TSCONFIG = 'tsconfig.app.json';
const stampFile = (root) => path.join(root, 'dist', '.app-build-stamp');
/** tsconfig.app.json's "tsBuildInfoFile". */
const buildInfoFile = (root) => path.join(root, 'dist', '.tsbuildinfo-app');
/** Files whose change can change the app's JS; src/ is walked whole (its .json is emitted too). */
const INPUT_FILES = ['main.ts', 'tsconfig.json', TSCONFIG];
/** scripts/ci: the PR workflow's helpers, shipped compiled in the package for users' workflows. */
const INPUT_DIRS = ['src', path.join('scripts', 'ci')];
/** The outputs the entry points load: cdktf's app, the CLI and the programmatic API (src/index.ts). */
const OUTPUTS = [path.join('dist', 'main.js'), path.join('dist', 'src', 'cli', 'index.js')];
/** What --clean removes before compiling: every output of tsconfig.app.json, and its incremental state. */
const APP_OUTPUTS = [path.join('dist', 'main.js'), path.join('dist', 'main.d.ts'), path.join('dist', 'src'), path.join('dist', 'scripts', 'ci')];

/** No tsconfig.app.json: an installed package (its "files" ship dist/ without the sources). */
const isInstalledPackage = (root) => !fs.existsSync(path.join(root, TSCONFIG));

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Hash of (path, size, mtime) of every input, in a stable order. */
function fingerprint(root = ROOT) {
  const files = INPUT_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir), files);
  const hash = crypto.createHash('sha256');
  for (const file of files.map((f) => path.relative(root, f)).sort()) {
    const st = fs.statSync(path.join(root, file));
    hash.update(`${file.split(path.sep).join('/')}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/**
 * Whether dist/ holds the app of the current sources: { fresh: true } or { fresh: false, why, afresh },
 * where afresh means tsc's incremental state may not match dist/ (no outputs, no stamp): drop it.
 */
function staleness(root = ROOT, current = fingerprint(root)) {
  if (OUTPUTS.some((f) => !fs.existsSync(path.join(root, f)))) return { fresh: false, why: 'dist/ has no compiled app', afresh: true };
  let stamp;
  try {
    stamp = fs.readFileSync(stampFile(root), 'utf8').trim();
  } catch {
    return { fresh: false, why: 'the app was not built by this script yet', afresh: true };
  }
  if (stamp !== current) return { fresh: false, why: 'main.ts, src/ or a tsconfig changed since the last build', afresh: false };
  return { fresh: true };
}

/**
 * Builds the app when it is stale. Returns true when dist/ holds the app of the current sources;
 * false (after tsc printed why) when the build failed. `log` gets one line when a build runs.
 */
// Under the cdktf CLI (CDKTF_OUTDIR set) stdout: the CLI labels every stderr line of the app [ERROR] (src/cli/cdktf-cli-output.ts).
const defaultLog = (line) => (process.env.CDKTF_OUTDIR ? process.stdout : process.stderr).write(`${line}\n`);

/**
 * `compilerOutput`: where tsc's own output (its type errors) goes: 'inherit' (the terminal, for users),
 * or a function that receives it (tests, which expect the errors and check them instead of printing them).
 */
function ensureAppBuilt({ root = ROOT, log = defaultLog, force = false, clean = false, compilerOutput = 'inherit' } = {}) {
  if (isInstalledPackage(root)) {
    const missing = OUTPUTS.filter((f) => !fs.existsSync(path.join(root, f)));
    if (missing.length > 0) log(`vpce-hub: the installed package lacks ${missing.join(', ')}; reinstall it (npm install vpce-hub)`);
    return missing.length === 0;
  }
  if (clean) for (const out of APP_OUTPUTS) fs.rmSync(path.join(root, out), { recursive: true, force: true });
  const current = fingerprint(root);
  const state = force || clean ? { fresh: false, why: clean ? 'a clean build' : 'forced', afresh: true } : staleness(root, current);
  if (state.fresh) return true;
  if (state.afresh) fs.rmSync(buildInfoFile(root), { force: true });
  log(`vpce-hub: compiling the app (${state.why}): tsc -p ${TSCONFIG}`);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const captured = typeof compilerOutput === 'function';
  const r = spawnSync(process.execPath, [tsc, '-p', TSCONFIG], { cwd: root, stdio: captured ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (captured) compilerOutput(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) {
    fs.rmSync(stampFile(root), { force: true });
    return false;
  }
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(stampFile(root), `${current}\n`);
  return true;
}

module.exports = { ensureAppBuilt, fingerprint, staleness };
if (require.main === module) {
  process.exitCode = ensureAppBuilt({ force: process.argv.includes('--force'), clean: process.argv.includes('--clean') }) ? 0 : 1;
}
