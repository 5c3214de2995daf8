#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (package.json "prepare"), `npm run build` rebuilds it.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('vpce-hub: the CLI is not built yet; run `npm run build` in the project first.\n');
  process.exit(1);
}
require(entry).main(process.argv).then((code) => { process.exitCode = code; });
