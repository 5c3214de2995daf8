/**
 * `vpce-hub iam-policy`: the least-privilege IAM policy of the hub-side role in each hub account
 * (planning/hub-side-policy.ts), as JSON to attach to that role. Exit 0, or 2 on an invalid config or
 * an account that no spokes stack reaches.
 */
import type { Command } from 'commander';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import { buildPlan } from '../../planning/build-plan';
import { hubSideAccounts, hubSidePolicy, type PolicyDocument } from '../../planning/hub-side-policy';
import type { Register } from '../index';

export interface IamPolicyResult {
  /** By hub account key: the policy of its hub-side role. */
  policies: Record<string, PolicyDocument>;
}

export function runIamPolicy(configPath?: string, account?: string): IamPolicyResult {
  const plan = buildPlan(loadConfigFile(resolveConfigPath(configPath)).config);
  const accounts = account ? [account] : [...plan.hubs.map((h) => h.account.key), ...hubSideAccounts(plan)];
  return { policies: Object.fromEntries([...new Set(accounts)].sort().map((key) => [key, hubSidePolicy(plan, key)])) };
}

export const registerIamPolicy: Register = (program: Command, setExit) => {
  program
    .command('iam-policy')
    .description("print the least-privilege IAM policy of each hub account's hub-side role (what spokes stacks do there); exit 0, 2 on bad input")
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-a, --account <key>', 'only this hub account; prints the bare policy document')
    .action((opts: { config?: string; account?: string }) => {
      try {
        const result = runIamPolicy(opts.config, opts.account);
        const out = opts.account ? result.policies[opts.account] : result.policies;
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } catch (e) {
        if (e instanceof ConfigError) process.stderr.write(`${formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file)}\n`);
        else process.stderr.write(`vpce-hub iam-policy: ${(e as Error).message}\n`);
        setExit(2);
      }
    });
};
