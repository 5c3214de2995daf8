/**
 * `vpce-hub iam-policy`: the least-privilege IAM policy of the hub-side role in each hub (and transit
 * gateway owner) account (planning/hub-side-policy.ts), as JSON to attach to that role: one document
 * per account, or, when IAM's managed policy limit cannot hold it, the list of managed policies to
 * attach (planning/hub-side-policy-size.ts; `--part` prints one). `--blast-radius` prints instead what
 * a pipeline holding each role could still do to resources it does not own, and why IAM cannot narrow
 * it (planning/hub-side-blast-radius.ts). Exit 0, or 2 on an invalid config, an account no stack reaches
 * or a part that does not exist. Stdout stays pure JSON (or the report); notes go to stderr.
 */
import type { Command } from 'commander';
import { ConfigError, formatFindings } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import { buildPlan } from '../../planning/build-plan';
import { blastRadius, formatBlastRadius, type BlastRadius } from '../../planning/hub-side-blast-radius';
import { hubSideAccounts, type AccepterScoping, type PolicyDocument } from '../../planning/hub-side-policy';
import { fittedHubSidePolicy, hubSidePolicyNote } from '../../planning/hub-side-policy-size';
import type { Register } from '../index';

export interface IamPolicyResult {
  /** By account key: the managed policies of its hub-side role (usually one). */
  policies: Record<string, PolicyDocument[]>;
  /** By account key: how the spoke VPCs are named (per VPC unless that needs too many managed policies). */
  scoping: Record<string, AccepterScoping>;
  /** One line per account whose policy is split over several managed policies. */
  notes: string[];
  /** By account key: what remains (`--blast-radius`). */
  blastRadius: BlastRadius[];
}

export function runIamPolicy(configPath?: string, account?: string): IamPolicyResult {
  const plan = buildPlan(loadConfigFile(resolveConfigPath(configPath)).config);
  const accounts = account ? [account] : [...plan.hubs.map((h) => h.account.key), ...hubSideAccounts(plan)];
  const fitted = [...new Set(accounts)].sort().map((key) => [key, fittedHubSidePolicy(plan, key)] as const);
  return {
    policies: Object.fromEntries(fitted.map(([key, p]) => [key, p.documents])),
    scoping: Object.fromEntries(fitted.map(([key, p]) => [key, p.scoping])),
    notes: fitted.flatMap(([key, p]) => hubSidePolicyNote(key, p) ?? []),
    blastRadius: fitted.map(([key, p]) => blastRadius(plan, key, p.documents)),
  };
}

/** One document as itself, several as the list of managed policies to attach. */
const printable = (docs: PolicyDocument[]): PolicyDocument | PolicyDocument[] => (docs.length === 1 ? docs[0] : docs);

export const registerIamPolicy: Register = (program: Command, setExit) => {
  program
    .command('iam-policy')
    .description("print the least-privilege IAM policy of each hub account's hub-side role (what other stacks do there), or its blast radius; exit 0, 2 on bad input")
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-a, --account <key>', 'only this account; prints the bare policy document (a list when it is split over several managed policies)')
    .option('--part <n>', 'with --account: only the n-th managed policy of a split policy (1-based)')
    .option('--blast-radius', 'print what a pipeline holding each role could still do to resources it does not own, and why IAM cannot narrow it')
    .action((opts: { config?: string; account?: string; part?: string; blastRadius?: boolean }) => {
      try {
        const result = runIamPolicy(opts.config, opts.account);
        if (opts.blastRadius) {
          process.stdout.write(formatBlastRadius(result.blastRadius));
          return;
        }
        for (const note of result.notes) process.stderr.write(`vpce-hub iam-policy: ${note}\n`);
        if (opts.part !== undefined) {
          const docs = opts.account ? result.policies[opts.account] : undefined;
          const n = Number(opts.part);
          if (!docs || !Number.isInteger(n) || n < 1 || n > docs.length) throw new Error(`--part ${opts.part}: ${opts.account ? `account ${opts.account} has ${docs?.length ?? 0} managed policies (1 to ${docs?.length ?? 0})` : 'needs --account'}`);
          process.stdout.write(`${JSON.stringify(docs[n - 1], null, 2)}\n`);
          return;
        }
        const out = opts.account ? printable(result.policies[opts.account]) : Object.fromEntries(Object.entries(result.policies).map(([k, docs]) => [k, printable(docs)]));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } catch (e) {
        if (e instanceof ConfigError) process.stderr.write(`${formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file)}\n`);
        else process.stderr.write(`vpce-hub iam-policy: ${(e as Error).message}\n`);
        setExit(2);
      }
    });
};
