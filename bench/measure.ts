/**
 * Runs one command as a child process and measures the whole process: wall time from spawn to exit
 * (node start-up, module loading and writing the output included) and peak resident set size.
 *
 * Peak memory comes from `bench/max-rss.js`, preloaded through NODE_OPTIONS into every Node process
 * the command starts; it reports `process.resourceUsage().maxRSS` at exit. That works wherever Node
 * does (no dependency on GNU time) and measures exactly the processes of the command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Command {
  /** argv[0] is the executable. */
  argv: string[];
  /** Added to the parent's environment. */
  env: Record<string, string>;
}

export interface Measurement {
  wallMs: number;
  /** Peak RSS of the largest Node process of the command, in MiB. */
  peakRssMiB: number;
  /** CPU time (user + system) of all the command's Node processes together, in ms. */
  cpuMs: number;
  /** How many Node processes reported (1 for every command the runner measures). */
  nodeProcesses: number;
}

/** The project root: the nearest ancestor with a package.json (works from bench/ and from dist/bench/). */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

const RSS_HOOK = path.join(projectRoot(), 'bench', 'max-rss.js');

/** `A=1 B=2 cmd args`, as one would type it in the project root. */
export function formatCommand(cmd: Command): string {
  const quote = (s: string) => (/^[\w./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [...Object.entries(cmd.env).map(([k, v]) => `${k}=${quote(v)}`), ...cmd.argv.map(quote)].join(' ');
}

export function measure(cmd: Command, cwd: string): Measurement {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  try {
    const env = {
      ...process.env,
      ...cmd.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require "${RSS_HOOK}"`].filter(Boolean).join(' '),
      VPCE_HUB_BENCH_RSS_FILE: rssFile,
    };
    const started = process.hrtime.bigint();
    const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${formatCommand(cmd)} exited ${r.status}:\n${r.stderr}`.slice(0, 4000));
    const lines = existsSync(rssFile)
      ? readFileSync(rssFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split(' ').map(Number))
      : [];
    const kib = lines.map((f) => f[1]);
    const cpuUs = lines.map((f) => f[2]);
    if (kib.length === 0 || [...kib, ...cpuUs].some((k) => !Number.isFinite(k))) throw new Error(`${formatCommand(cmd)}: no peak RSS and CPU time reported (is it a Node process?)`);
    return { wallMs, peakRssMiB: Math.max(...kib) / 1024, cpuMs: cpuUs.reduce((a, b) => a + b, 0) / 1000, nodeProcesses: kib.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
