#!/usr/bin/env node
// Runs the compiled CLI. Like `npm run synth`, it first compiles the app when main.ts or src/ changed
// since the last build (scripts/app-build.js: a few ms when nothing did), so it never runs a stale dist/.
const path = require('node:path');
const { ensureAppBuilt } = require(path.join(__dirname, '..', 'scripts', 'app-build.js'));

if (!ensureAppBuilt()) {
  process.stderr.write('vpce-hub: the CLI could not be compiled (see the errors above); fix them or run `npm run build:app`.\n');
  process.exitCode = 1;
} else {
  require(path.join(__dirname, '..', 'dist', 'src', 'cli', 'index.js'))
    .main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}
