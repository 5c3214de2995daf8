// Preloaded into every benchmarked Node process (NODE_OPTIONS=--require): at exit, appends the
// process's peak resident set size (ru_maxrss, KiB) and its CPU time (user + system, microseconds) to
// the file named by VPCE_HUB_BENCH_RSS_FILE. One line per Node process, so a command that spawns
// children reports each of them. CPU time, unlike wall time, hardly grows when other work shares the cores.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.VPCE_HUB_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, `${process.pid} ${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`);
  });
}
