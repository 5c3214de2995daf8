/**
 * The cdktf app: `cdktf synth` (cdktf.json runs the compiled form of this file) and `npm run synth`.
 * Loads and validates the config first; an invalid config, or an output folder that is not one synth
 * may replace (src/cli/output-folder-guard.ts), exits non-zero before anything is written, so an
 * earlier cdktf.out/ stays as it was, and the cdktf CLI deletes nothing either (it removes the folders
 * of stacks that are gone only after the app succeeded).
 */
import { cdktfCliOutput } from './src/cli/cdktf-cli-output';
import { synthesize } from './src/cli/synthesize';

const underCdktfCli = process.env.CDKTF_OUTDIR !== undefined;
process.exitCode = synthesize({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', underCdktfCli, ...(underCdktfCli ? cdktfCliOutput() : {}) });
