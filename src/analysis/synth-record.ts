/**
 * What a synthesized folder was made from: `vpce-hub synth` writes `<outdir>/vpce-hub.synth.json`
 * with a digest of the config and of the tool, and `check`/`prove` refuse a folder whose record is
 * missing or does not match the config they were given. Without it, output older than the config
 * reads as "13 of 40 pairs broken" and the tool looks broken when the folder is merely stale.
 *
 * Why a record and not an in-memory synth in check/prove: their point is to judge the JSON that
 * Terraform will apply, the folder a user commits and deploys. Synthesizing afresh would check
 * something else than what gets deployed; the record proves the two are the same.
 *
 * The config digest is over the parsed config (defaults applied, keys sorted), not the file bytes,
 * so a comment or re-indentation does not force a synth; `suppressions` and `prices` are left out
 * because they never reach the output (check and review read them from the config itself).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VpceHubConfig } from '../config/schema';

export const RECORD_FILE = 'vpce-hub.synth.json';

/** Folders of src/ whose code decides what synth writes (the analysis, review and CLI layers do not). */
const OUTPUT_SOURCES = ['catalogue', 'config', 'constructs', 'planning', 'stacks'];

export interface SynthRecord {
  /** The config file as synth saw it, relative to the output folder (for the message only). */
  configFile: string;
  configSha256: string;
  tool: ToolFingerprint;
}

export interface ToolFingerprint {
  /** `vpce-hub@0.1.0 (cdktf 0.21.0, @cdktf/provider-aws 20.1.0)` */
  version: string;
  /** Digest of the source files that decide the output; a changed checkout changes it. */
  sourceSha256: string;
}

export function configDigest(config: VpceHubConfig): string {
  const { suppressions: _s, prices: _p, ...output } = config;
  return sha256(canonicalJson(output));
}

export function writeSynthRecord(outdir: string, config: VpceHubConfig, configFile: string): void {
  const record: SynthRecord = { configFile: path.relative(outdir, configFile) || path.basename(configFile), configSha256: configDigest(config), tool: toolFingerprint() };
  writeFileSync(path.join(outdir, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The folder `vpce-hub synth` and `cdktf synth` write when not told otherwise. */
export const DEFAULT_OUTDIR = 'cdktf.out';

/** The flags a command was given, as the user typed them, so the suggested synth can repeat them. */
export interface SynthFlags {
  /** `--config` as given; undefined when the default lookup ($VPCE_HUB_CONFIG, vpce-hub.yaml) found it. */
  config?: string;
  /** The synth output folder as given (`--dir`/`--out`); undefined or `cdktf.out` for the default. */
  out?: string;
}

/**
 * The synth command that rewrites the folder from the same config: without the `--config` a user
 * gave, `vpce-hub synth` reads vpce-hub.yaml instead (FileNotFound, or worse, another config).
 * `cdktf synth` takes the config from $VPCE_HUB_CONFIG only and writes cdktf.out, so it is offered
 * only for the default folder.
 */
export function synthCommand(flags: SynthFlags = {}): string {
  const custom = flags.out !== undefined && path.normalize(flags.out) !== DEFAULT_OUTDIR;
  const vpceHub = ['vpce-hub synth', ...(flags.config !== undefined ? [`--config ${flags.config}`] : []), ...(custom ? [`--out ${flags.out}`] : [])].join(' ');
  if (custom) return `\`${vpceHub}\``;
  return `\`${vpceHub}\` (or \`${flags.config !== undefined ? `VPCE_HUB_CONFIG=${flags.config} ` : ''}npx cdktf synth\`)`;
}

/**
 * Undefined when `outdir` was synthesized from `config` by this tool; otherwise the reason, naming
 * both files and the command that fixes it (repeating the caller's `flags`).
 */
export function staleOutputReason(outdir: string, config: VpceHubConfig, configFile: string, flags: SynthFlags = {}): string | undefined {
  const recordFile = path.join(outdir, RECORD_FILE);
  const fix = `run ${synthCommand(flags)} to write ${outdir} from ${configFile} again`;
  if (!existsSync(recordFile)) return `${recordFile} is missing, so nothing says which config ${outdir} was synthesized from (it may be older than ${configFile}): ${fix}`;
  let record: Partial<SynthRecord>;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as Partial<SynthRecord>;
  } catch (e) {
    return `${recordFile} cannot be read (${e instanceof Error ? e.message : String(e)}): ${fix}`;
  }
  if (record.configSha256 !== configDigest(config)) {
    return `${outdir} is stale: it was synthesized from a different version of ${configFile} than the one on disk (${recordFile} records another config digest): ${fix}`;
  }
  const tool = toolFingerprint();
  if (record.tool?.version !== tool.version || record.tool.sourceSha256 !== tool.sourceSha256) {
    return `${outdir} was synthesized by another build of vpce-hub (${record.tool?.version ?? 'unknown'}) than the one running now (${tool.version}), per ${recordFile}: ${fix}`;
  }
  return undefined;
}

let cachedTool: ToolFingerprint | undefined;

/** The package version, the cdktf/provider pins, and a digest of the output-deciding source files. */
export function toolFingerprint(): ToolFingerprint {
  if (cachedTool) return cachedTool;
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  // The copies actually loaded: cdktf is a peer dependency, so an installed vpce-hub runs the project's.
  const installed = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
  const version = `${pkg.name}@${pkg.version} (cdktf ${installed('cdktf')}, @cdktf/provider-aws ${installed('@cdktf/provider-aws')})`;
  // The TypeScript sources when present (a checkout, run by tsx, jest or compiled JS alike), else the compiled ones.
  const srcRoot = existsSync(path.join(root, 'src')) ? path.join(root, 'src') : path.join(root, 'dist', 'src');
  const hash = createHash('sha256');
  for (const dir of OUTPUT_SOURCES) {
    for (const file of filesUnder(path.join(srcRoot, dir))) {
      hash.update(`${path.relative(srcRoot, file).split(path.sep).join('/')}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  cachedTool = { version, sourceSha256: hash.digest('hex') };
  return cachedTool;
}

function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${__dirname}`);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|js|json)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
    });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
