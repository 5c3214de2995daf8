/** Load -> validate -> plan -> synth, with findings printed the same way as `vpce-hub validate`. */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OUTDIR, writeSynthRecord } from '../analysis/synth-record';
import { displayPath } from './display-path';
import { nextStepAfterSynth } from './next-step';
import { ConfigError, formatFinding, formatFindings } from '../config/findings';
import { loadConfigFile, resolveConfigPath } from '../config/load';
import { buildPlan } from '../planning/build-plan';
import { buildApp } from '../stacks/app';
import { checkOutputFolder, OutputFolderError, type OutputFolder } from './output-folder-guard';
import { planReplacement, replaceOutput, type ReplacementPlan } from './output-replacement';
import { STACKS_FOLDER, terraformFilesNotFromSynth } from './synth-output-files';

/** The last line of an invalid config's findings: an earlier output folder stays as it was. */
export const NOTHING_WRITTEN = 'vpce-hub: nothing was written.';

export interface SynthOptions {
  configPath?: string;
  outdir?: string;
  /**
   * The app runs under the cdktf CLI (`cdktf synth`, `cdktf deploy`: CDKTF_OUTDIR is set). The folder is
   * replaced the same way, but the CLI deletes the folders of stacks that are gone itself, after the app
   * (output-replacement.ts), and names the folder `--output`.
   */
  underCdktfCli?: boolean;
  /** Write the HCL form (`cdk.tf`) instead of the JSON form (`cdk.tf.json`); one form per folder. */
  hcl?: boolean;
  log?: (line: string) => void;
  /** Where an invalid config's findings go (default: `log`, then that nothing was written; cdktf-cli-output.ts). */
  logErrors?: (text: string) => void;
  /** Where a refused output folder is explained (default: stderr). */
  logRefusal?: (line: string) => void;
}

/**
 * Whether cdktf's switch for the HCL form is on: the cdktf CLI sets SYNTH_HCL_OUTPUT to "true" or "false"
 * for `synth [--hcl]`, and cdktf's stacks also take "1" (buildApp hands app and stacks one value).
 */
export const hclRequested = (env: NodeJS.ProcessEnv = process.env): boolean => env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1';

/** Returns the process exit code: 0 synthesized, 2 invalid config or output folder. */
export function synthesize(opts: SynthOptions): number {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const refuse = (message: string): number => {
    (opts.logRefusal ?? ((line: string) => process.stderr.write(`${line}\n`)))(`vpce-hub: ${message}`);
    return 2;
  };
  const file = resolveConfigPath(opts.configPath);
  const given = opts.outdir ?? DEFAULT_OUTDIR;
  let folder: OutputFolder;
  try {
    folder = checkOutputFolder(given, { flag: opts.underCdktfCli ? '--output' : '--out', cwd: process.cwd(), home: os.homedir(), configFile: file });
  } catch (e) {
    if (e instanceof OutputFolderError) return refuse(e.message);
    throw e;
  }
  let loaded;
  try {
    loaded = loadConfigFile(file);
  } catch (e) {
    if (e instanceof ConfigError) {
      const text = formatFindings(e.findings.filter((f) => f.severity === 'error'), displayPath(e.file));
      (opts.logErrors ?? ((t: string) => log(`${t}\n${NOTHING_WRITTEN}`)))(text);
      return 2;
    }
    throw e;
  }
  for (const w of loaded.findings) log(formatFinding(w));
  const plan = buildPlan(loaded.config);
  let replacement: ReplacementPlan;
  try {
    replacement = planReplacement(folder, plan.stacks.map((s) => s.name), opts.underCdktfCli ? 'cdktf-cli-deletes' : 'keep-user-files');
  } catch (e) {
    if (e instanceof OutputFolderError) return refuse(e.message);
    throw e;
  }
  const outdir = folder.dir;
  mkdirSync(path.dirname(outdir), { recursive: true });
  // Synthesize next to the output and swap it in at the end: a failure half-way never leaves a mix of
  // old and new stacks, nor an output without its stacks.
  const staging = mkdtempSync(`${outdir}.staging-`);
  const hcl = opts.hcl ?? hclRequested();
  try {
    buildApp(plan, staging, { hcl }).synth();
    endFilesWithNewline(staging);
    writeSynthRecord(staging, loaded.config, file);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const leftover = replaceOutput(outdir, staging, replacement);
  const shown = path.relative(process.cwd(), path.resolve(given)) || '.';
  logWhatStayed(log, outdir, shown, replacement, leftover);
  process.stdout.write(`vpce-hub: synthesized ${plan.stacks.length} stack(s)${hcl ? ' as HCL' : ''} from ${displayPath(file)} into ${shown}: ${plan.stacks.map((s) => s.name).join(', ')} (deploy in this order)\n`);
  process.stdout.write(`${nextStepAfterSynth({ config: opts.configPath, outdir: shown, firstStack: plan.stacks[0]?.name })}\n`);
  return 0;
}

/** What the user should know stayed in the output: files synth did not write, which synth never deletes. */
function logWhatStayed(log: (line: string) => void, outdir: string, shown: string, replacement: ReplacementPlan, leftover: string | undefined): void {
  for (const kept of replacement.keptStackFolders) {
    log(`vpce-hub: ${path.join(shown, kept.folder)} stays: its stack is no longer synthesized, but it holds files vpce-hub did not write (${kept.files.join(', ')}).`);
  }
  const inKeptFolder = (file: string) => replacement.keptStackFolders.some((k) => file.startsWith(`${k.folder}${path.sep}`));
  for (const file of terraformFilesNotFromSynth(outdir).filter((f) => !inKeptFolder(f))) {
    log(`vpce-hub: note: ${path.join(shown, file)} is not from synth and stays; Terraform applies it with its stack, while check, prove and review read only what synth wrote.`);
  }
  if (leftover) log(`vpce-hub: ${leftover} holds files that appeared in ${shown} during the synth; they were kept there: look through them, then delete the folder.`);
}

/**
 * cdktf writes manifest.json and every stack file without a final newline; users commit these files,
 * and diffs and POSIX tools then flag the last line. The content is unchanged by the added newline.
 */
function endFilesWithNewline(outdir: string): void {
  const files = [path.join(outdir, 'manifest.json')];
  const stacks = path.join(outdir, STACKS_FOLDER);
  if (existsSync(stacks)) for (const stack of readdirSync(stacks)) files.push(path.join(stacks, stack, 'cdk.tf.json'), path.join(stacks, stack, 'cdk.tf'));
  for (const file of files) {
    if (existsSync(file) && !readFileSync(file, 'utf8').endsWith('\n')) appendFileSync(file, '\n');
  }
}
