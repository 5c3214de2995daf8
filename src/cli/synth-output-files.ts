/**
 * What a synth output folder holds, by who wrote it. Synth replaces only its own files; everything else
 * in the folder belongs to someone else and is never deleted by vpce-hub (issue 22):
 * - synth's own: `manifest.json` (cdktf), `vpce-hub.synth.json` (synth-record.ts), and in each
 *   `stacks/<stack>/` the stack in one of its two forms, `cdk.tf.json` or `cdk.tf` with its
 *   `metadata.json` (cdktf's stack synthesizer writes exactly these; node_modules/cdktf/lib/synthesize/synthesizer.js);
 * - Terraform's and cdktf's working files in a stack folder: `.terraform/` (providers, backend settings)
 *   and `.terraform.lock.hcl` (`terraform init`; users commit the lock, and offline machines cannot
 *   recreate it without a mirror, so one `init` lasts across synths), `plan` and `generated_resources.tf` (`cdktf plan`/`deploy`,
 *   @cdktf/cli-core models/terraform-cli.js). They stay with a stack that is still synthesized and go
 *   with one that is not;
 * - everything else is the user's: a README, an `*_override.tf` (which Terraform merges into the stack,
 *   https://developer.hashicorp.com/terraform/language/files/override), an `errored.tfstate` that
 *   Terraform wrote when it could not save state. It always stays.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RECORD_FILE } from '../analysis/synth-record';

export const MANIFEST_FILE = 'manifest.json';
export const STACKS_FOLDER = 'stacks';

/** The top-level entries of an output that synth writes. */
export const SYNTH_TOP_LEVEL: readonly string[] = [MANIFEST_FILE, RECORD_FILE, STACKS_FOLDER];

/** The files synth writes in a stack folder: one form of the stack (JSON, or HCL with its metadata). */
export const SYNTH_STACK_FILES: readonly string[] = ['cdk.tf.json', 'cdk.tf', 'metadata.json'];

/** Terraform's and cdktf's working files in a stack folder: kept with the stack, removed with it. */
export const STACK_WORKING_FILES: readonly string[] = ['.terraform', '.terraform.lock.hcl', 'plan', 'generated_resources.tf'];

/** Entries of a stack folder that are neither synth's nor Terraform's working files (names, sorted). */
export function userEntriesOfStack(stackDir: string): string[] {
  return readdirSync(stackDir)
    .filter((name) => !SYNTH_STACK_FILES.includes(name) && !STACK_WORKING_FILES.includes(name))
    .sort();
}

/** Terraform reads every `*.tf` and `*.tf.json` file of its working folder, not only the one synth wrote. */
export const isTerraformFile = (name: string): boolean => name.endsWith('.tf') || name.endsWith('.tf.json');

/**
 * The Terraform files in the stack folders of `outdir` that synth did not write (relative to `outdir`,
 * sorted): Terraform applies them with the stack, while check, prove and review read only what synth wrote.
 */
export function terraformFilesNotFromSynth(outdir: string): string[] {
  const stacks = path.join(outdir, STACKS_FOLDER);
  if (!existsSync(stacks) || !statSync(stacks).isDirectory()) return [];
  return readdirSync(stacks)
    .sort()
    .filter((stack) => statSync(path.join(stacks, stack)).isDirectory())
    .flatMap((stack) => readdirSync(path.join(stacks, stack)).filter((name) => isTerraformFile(name) && !SYNTH_STACK_FILES.includes(name)).sort().map((name) => path.join(STACKS_FOLDER, stack, name)));
}

/** One note per such file, for a command that reads only synth's files (check, prove). */
export function notesOnTerraformFilesNotFromSynth(command: string, outdir: string, shown = outdir): string {
  return terraformFilesNotFromSynth(outdir)
    .map((file) => `vpce-hub ${command}: note: ${path.join(shown, file)} is not from synth; Terraform applies it with its stack, but ${command} reads only what synth wrote.\n`)
    .join('');
}
