#!/usr/bin/env node
// The cdktf app (cdktf.json "app") and `npm run synth`: compile the app only if its sources changed
// (scripts/app-build.js), then run dist/main.js in this same process (one Node start-up, no npm or
// shell in between). A failed compile exits 1 without synthesizing: never a stale dist/.
const { ensureAppBuilt } = require('./app-build');

if (ensureAppBuilt()) require('../dist/main.js');
else process.exitCode = 1;
