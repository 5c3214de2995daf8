/** `vpce-hub synth`: the same synthesis as `cdktf synth`, without the cdktf CLI. */
import type { Command } from 'commander';
import { synthesize } from '../synthesize';
import type { Register } from '../index';

export const registerSynth: Register = (program: Command, setExit) => {
  program
    .command('synth')
    .description('validate the config, then write one Terraform JSON stack per account (nothing is written on an invalid config)')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-o, --out <dir>', 'output folder', 'cdktf.out')
    .action((opts: { config?: string; out: string }) => {
      setExit(synthesize({ configPath: opts.config, outdir: opts.out, replaceOutdir: true }));
    });
};
