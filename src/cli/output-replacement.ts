/**
 * Replacing a synth output folder with a new synthesis (issue 22). The new output is synthesized into a
 * sibling folder; what is not synth's (synth-output-files.ts) is moved into it, and the two folders are
 * swapped by renames: a synth that fails or is interrupted while it synthesizes leaves the previous
 * output whole, and the swap itself is a few renames. The previous folder is then emptied by name: only
 * the files synth wrote, and the working files of stacks that are gone, are deleted. A file found there
 * that is neither is never deleted: the folder stays, and synth says so.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { RECORD_FILE } from '../analysis/synth-record';
import { OutputFolderError, type OutputFolder } from './output-folder-guard';
import { MANIFEST_FILE, STACK_WORKING_FILES, STACKS_FOLDER, SYNTH_STACK_FILES, SYNTH_TOP_LEVEL, userEntriesOfStack } from './synth-output-files';

/**
 * What happens to the folder of a stack that is no longer synthesized (its account left the config):
 * - `keep-user-files` (vpce-hub synth): synth's and Terraform's files go; the user's stay in the folder.
 * - `cdktf-cli-deletes` (the app under `cdktf synth`): the cdktf CLI deletes such folders whole after the
 *   app ran (and fails when one is gone: @cdktf/cli-core synth-stack.js), so the folder is handed over
 *   as it is, and a folder holding user files is refused before anything is written.
 */
export type GoneStackPolicy = 'keep-user-files' | 'cdktf-cli-deletes';

export interface ReplacementPlan {
  /** Paths relative to the output folder that move into the new output as they are. */
  carry: string[];
  /** Folders of stacks no longer synthesized that stay for the user's files in them (relative paths). */
  keptStackFolders: Array<{ folder: string; files: string[] }>;
}

/** Decided before anything is written; throws OutputFolderError when the policy refuses. */
export function planReplacement(folder: OutputFolder, stacks: readonly string[], policy: GoneStackPolicy): ReplacementPlan {
  const plan: ReplacementPlan = { carry: [], keptStackFolders: [] };
  if (folder.state !== 'synth-output') return plan;
  for (const name of readdirSync(folder.dir).sort()) if (!SYNTH_TOP_LEVEL.includes(name)) plan.carry.push(name);
  const stacksDir = path.join(folder.dir, STACKS_FOLDER);
  if (!existsSync(stacksDir)) return plan;
  if (!statSync(stacksDir).isDirectory()) throw new OutputFolderError(`${stacksDir} is a file, where synth keeps its stack folders: move it away; nothing was written.`);
  for (const stack of readdirSync(stacksDir).sort()) {
    const rel = path.join(STACKS_FOLDER, stack);
    const full = path.join(folder.dir, rel);
    if (!statSync(full).isDirectory()) {
      if (stacks.includes(stack)) throw new OutputFolderError(`${full} is a file, where synth writes the folder of stack ${stack}: move it away; nothing was written.`);
      plan.carry.push(rel);
      continue;
    }
    const userFiles = userEntriesOfStack(full);
    if (stacks.includes(stack)) {
      // Still synthesized: everything but the stack itself carries over (Terraform's working files too).
      for (const name of readdirSync(full).sort()) if (!SYNTH_STACK_FILES.includes(name)) plan.carry.push(path.join(rel, name));
    } else if (policy === 'keep-user-files') {
      for (const name of userFiles) plan.carry.push(path.join(rel, name));
      if (userFiles.length > 0) plan.keptStackFolders.push({ folder: rel, files: userFiles });
    } else if (userFiles.length > 0) {
      throw new OutputFolderError(
        `${full} is the folder of stack ${stack}, which the config no longer makes, and it holds files vpce-hub did not write (${userFiles.join(', ')}). The cdktf CLI deletes such a folder whole after synth, so nothing was written: move those files out of it (or delete them), or synthesize with \`vpce-hub synth --out ${folder.dir}\` (same config), which keeps them.`,
      );
    } else {
      plan.carry.push(rel);
    }
  }
  return plan;
}

/**
 * Moves `plan.carry` from `dir` into `staging`, swaps the two, and empties the previous folder by name.
 * Returns the previous folder's path when something unexpected was left in it (it is then kept).
 */
export function replaceOutput(dir: string, staging: string, plan: ReplacementPlan): string | undefined {
  for (const rel of plan.carry) {
    mkdirSync(path.dirname(path.join(staging, rel)), { recursive: true });
    renameSync(path.join(dir, rel), path.join(staging, rel));
  }
  if (!existsSync(dir)) {
    renameSync(staging, dir);
    return undefined;
  }
  const previous = `${staging}.old`;
  renameSync(dir, previous);
  renameSync(staging, dir);
  removeSynthWritten(previous);
  return existsSync(previous) ? previous : undefined;
}

/** Deletes what synth (and Terraform, in a stack folder) wrote in `root`, then each folder left empty. */
function removeSynthWritten(root: string): void {
  for (const name of [MANIFEST_FILE, RECORD_FILE]) removeEntry(path.join(root, name));
  const stacks = path.join(root, STACKS_FOLDER);
  if (existsSync(stacks) && statSync(stacks).isDirectory()) {
    for (const stack of readdirSync(stacks)) {
      const dir = path.join(stacks, stack);
      if (!statSync(dir).isDirectory()) continue;
      for (const name of [...SYNTH_STACK_FILES, ...STACK_WORKING_FILES]) removeEntry(path.join(dir, name));
      removeIfEmpty(dir);
    }
    removeIfEmpty(stacks);
  }
  removeIfEmpty(root);
}

/** `.terraform/` is a folder of provider binaries and backend settings; every other name is one file. */
function removeEntry(file: string): void {
  try {
    rmSync(file, { force: true, recursive: path.basename(file) === '.terraform' });
  } catch {
    // A folder where synth writes a file is not synth's: it stays, and so does its parent.
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty: something that is not synth's is in it, and stays.
  }
}
