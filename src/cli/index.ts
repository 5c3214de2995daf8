/**
 * `vpce-hub` command line. Each subcommand lives in cli/commands/<name>.ts and registers itself here.
 * Exit codes: 0 ok (warnings allowed), 1 the command failed (a check or proof found errors),
 * 2 the input is invalid (config or arguments).
 */
import { Command, CommanderError } from 'commander';
import { registerChangedStacks } from './commands/changed-stacks';
import { registerCheck } from './commands/check';
import { registerIamPolicy } from './commands/iam-policy';
import { registerInit } from './commands/init';
import { registerMigrateConfig } from './commands/migrate-config';
import { registerProve } from './commands/prove';
import { registerReview } from './commands/review';
import { registerSynth } from './commands/synth';
import { registerValidate } from './commands/validate';
import { packageJson } from './package-info';

export type Register = (program: Command, setExit: (code: number) => void) => void;

const COMMANDS: Register[] = [registerInit, registerValidate, registerSynth, registerProve, registerCheck, registerReview, registerChangedStacks, registerIamPolicy, registerMigrateConfig];

export async function main(argv: string[]): Promise<number> {
  let exit = 0;
  const program = new Command('vpce-hub')
    .description('Centralize AWS interface VPC endpoints in a hub VPC and share them with spoke VPCs across accounts.')
    .version(packageJson().version)
    .showHelpAfterError('(run vpce-hub --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    `
The config file is vpce-hub.yaml in the current folder unless --config or VPCE_HUB_CONFIG says otherwise.

Examples:
  vpce-hub init                           lay out a new project here: vpce-hub.yaml, cdktf.json, the PR workflow
  vpce-hub validate                       check vpce-hub.yaml and print every finding and the quota headroom
  vpce-hub validate --format json         the same, machine-readable
  vpce-hub synth --out cdktf.out          write the hub stacks and one spokes stack per AWS account
  vpce-hub changed-stacks --base-dir cdktf.base.out   the stacks a change touches, to plan only those
  vpce-hub iam-policy --account network   the least-privilege policy of the hub-side role in account network`,
  );
  for (const register of COMMANDS) register(program, (code) => (exit = Math.max(exit, code)));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return exit;
}
