// Preloaded into every benchmarked Node process (NODE_OPTIONS=--require): at exit, appends the
// process's peak resident set size (ru_maxrss, KiB) to the file named by VPCE_HUB_BENCH_RSS_FILE.
// One line per Node process, so a command that spawns children reports each of them.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.VPCE_HUB_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
  });
}
