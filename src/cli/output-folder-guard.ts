/**
 * Which folder synth may write its output into (issue 22). Synth replaces its output folder as a whole
 * (output-replacement.ts), so a mistyped `--out .` once took the config, the notes and `.git` with it.
 * It now writes only into a folder that is missing, empty, or a synth output, recognised by the two
 * files synth leaves there (cdktf's manifest.json and vpce-hub.synth.json); and never into the current
 * folder, the home folder, the folder of the config, a git repository's root, or a folder that
 * contains any of them, even an empty one. Decided before anything is written.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { RECORD_FILE } from '../analysis/synth-record';
import { displayPath } from './display-path';
import { MANIFEST_FILE, STACKS_FOLDER } from './synth-output-files';

export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export interface OutputFolderContext {
  /** The option that named the folder, for the fix: `--out` (vpce-hub synth) or `--output` (cdktf synth). */
  flag: string;
  cwd: string;
  /** The user's home folder (os.homedir(), which is $HOME on Linux and macOS). */
  home: string;
  /** The config file synth reads. */
  configFile: string;
}

export interface OutputFolder {
  /** The folder's real path (symbolic links resolved): where the output goes. */
  dir: string;
  state: 'missing' | 'empty' | 'synth-output';
}

/** Returns the folder and its state, or throws OutputFolderError naming the folder, why, and the fix. */
export function checkOutputFolder(outdir: string, ctx: OutputFolderContext): OutputFolder {
  const given = path.resolve(ctx.cwd, outdir);
  const dir = realPath(given);
  const refuse = (why: string): never => {
    const name = outdir === given ? given : `${outdir} (${given})`;
    throw new OutputFolderError(
      `${ctx.flag} ${name} ${why}. Synth replaces its output folder as a whole, so it writes only into a new or empty folder or an earlier synth output; nothing was written. Pass a folder of its own, e.g. ${ctx.flag} cdktf.out.`,
    );
  };
  if (existsSync(dir) && !statSync(dir).isDirectory()) refuse('is a file, not a folder');
  const protectedFolders: Array<[string, string, string]> = [
    [realPath(ctx.cwd), 'is the current folder', 'contains the current folder'],
    [realPath(ctx.home), 'is your home folder', 'contains your home folder'],
    [realPath(path.dirname(path.resolve(ctx.cwd, ctx.configFile))), `holds the config ${displayPath(ctx.configFile, ctx.cwd)}`, `contains the config ${displayPath(ctx.configFile, ctx.cwd)}`],
  ];
  for (const [folder, same, ancestor] of protectedFolders) {
    if (dir === folder) refuse(same);
    if (isInside(dir, folder)) refuse(ancestor);
  }
  if (!existsSync(dir)) return { dir, state: 'missing' };
  // `.git` is a folder in a repository's root and a file in a worktree or submodule: either way, a repository.
  if (existsSync(path.join(dir, '.git'))) refuse('is the root of a git repository (it holds .git)');
  const entries = readdirSync(dir);
  if (entries.length === 0 || isAppSkeleton(dir, entries)) return { dir, state: 'empty' };
  const hasManifest = entries.includes(MANIFEST_FILE);
  const hasRecord = entries.includes(RECORD_FILE);
  if (hasManifest && hasRecord) return { dir, state: 'synth-output' };
  if (hasManifest) {
    refuse(`has a ${MANIFEST_FILE} but no ${RECORD_FILE}, so vpce-hub did not write it (another cdktf app did, or a vpce-hub older than that file); delete it yourself if you no longer need it`);
  }
  return refuse(`is not empty and is not a synth output (it has no ${MANIFEST_FILE} and ${RECORD_FILE}, the files synth leaves in its output)`);
}

/**
 * An empty `stacks/` and nothing else: what cdktf's App leaves when it is constructed without
 * synthesizing (it creates `<outdir>/stacks` up front, node_modules/cdktf/lib/app.js and manifest.js),
 * e.g. by a test or an app that failed before synth. Nothing to lose: an empty folder.
 */
function isAppSkeleton(dir: string, entries: readonly string[]): boolean {
  if (entries.length !== 1 || entries[0] !== STACKS_FOLDER) return false;
  const stacks = path.join(dir, STACKS_FOLDER);
  return statSync(stacks).isDirectory() && readdirSync(stacks).length === 0;
}

/** True when `inner` is strictly inside `outer` (both absolute). */
export const isInside = (outer: string, inner: string): boolean => {
  const rel = path.relative(outer, inner);
  return rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel);
};

/**
 * The path with symbolic links resolved, also for a path that does not exist yet (its nearest existing
 * ancestor is resolved): `--out link-to-repo` is the repository, and a missing `--out a/b` under a
 * linked `a` is compared where it will be.
 */
function realPath(p: string): string {
  const abs = path.resolve(p);
  if (existsSync(abs)) return realpathSync.native(abs);
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
}
