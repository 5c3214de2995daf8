/** `vpce-hub synth`: the same synthesis as `cdktf synth`, without the cdktf CLI. */
import type { Command } from 'commander';
import { synthesize } from '../synthesize';
import type { Register } from '../index';

export const registerSynth: Register = (program: Command, setExit) => {
  program
    .command('synth')
    .description(
      'validate the config, then write one Terraform stack per account into the output folder, replacing an earlier synth output there; nothing is written on an invalid config, and nothing but synth\'s own files is ever deleted',
    )
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option(
      '-o, --out <dir>',
      'output folder: a new or empty folder, or an earlier synth output (never the current folder, the config\'s folder, your home folder or a git repository\'s root); files you added to it stay',
      'cdktf.out',
    )
    .option('--hcl', 'write each stack as HCL (cdk.tf, unformatted) instead of JSON (cdk.tf.json), as `cdktf synth --hcl` does; check and prove read the JSON form')
    .action((opts: { config?: string; out: string; hcl?: boolean }) => {
      setExit(synthesize({ configPath: opts.config, outdir: opts.out, ...(opts.hcl ? { hcl: true } : {}) }));
    });
};
