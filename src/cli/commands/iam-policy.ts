/**
 * `vpce-hub iam-policy`: the least-privilege IAM policy of the hub-side role in each hub account
 * (planning/hub-side-policy.ts), as JSON to attach to that role. Exit 0, or 2 on an invalid config or
 * an account that no spokes stack reaches. Stdout stays pure JSON; when a policy had to be scoped per
 * spoke account to fit IAM's size limit, or does not fit, stderr says so (planning/hub-side-policy-size.ts).
 */
import type { Command } from 'commander';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import { buildPlan } from '../../planning/build-plan';
import { hubSideAccounts, type AccepterScoping, type PolicyDocument } from '../../planning/hub-side-policy';
import { fittedHubSidePolicy, hubSidePolicyNote } from '../../planning/hub-side-policy-size';
import type { Register } from '../index';

export interface IamPolicyResult {
  /** By hub account key: the policy of its hub-side role. */
  policies: Record<string, PolicyDocument>;
  /** By hub account key: how ec2:AccepterVpc names the spoke VPCs (per VPC unless that does not fit). */
  scoping: Record<string, AccepterScoping>;
  /** One line per account whose policy was scoped per spoke account or does not fit IAM's limits. */
  notes: string[];
}

export function runIamPolicy(configPath?: string, account?: string): IamPolicyResult {
  const plan = buildPlan(loadConfigFile(resolveConfigPath(configPath)).config);
  const accounts = account ? [account] : [...plan.hubs.map((h) => h.account.key), ...hubSideAccounts(plan)];
  const fitted = [...new Set(accounts)].sort().map((key) => [key, fittedHubSidePolicy(plan, key)] as const);
  return {
    policies: Object.fromEntries(fitted.map(([key, p]) => [key, p.document])),
    scoping: Object.fromEntries(fitted.map(([key, p]) => [key, p.scoping])),
    notes: fitted.flatMap(([key, p]) => hubSidePolicyNote(key, p) ?? []),
  };
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
        for (const note of result.notes) process.stderr.write(`vpce-hub iam-policy: ${note}\n`);
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } catch (e) {
        if (e instanceof ConfigError) process.stderr.write(`${formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file)}\n`);
        else process.stderr.write(`vpce-hub iam-policy: ${(e as Error).message}\n`);
        setExit(2);
      }
    });
};
