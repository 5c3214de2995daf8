/**
 * VH-PROV-001 and VH-PROV-002: every AWS provider is pinned to its stack's account, and assumes roles
 * only in that account, so a wrong credential fails the plan instead of changing another account.
 */
import { isHubSideProvider, stackAccount } from '../accounts';
import type { ConfigFacts } from '../config-facts';
import type { SynthTree } from '../tree';
import type { TfStack } from '../tree';
import { defineRule, type Violation } from './rule';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/;

const awsProviders = (s: TfStack) => s.providers.filter((p) => p.type === 'aws');

export const providersPinned = defineRule(
  {
    id: 'VH-PROV-001',
    severity: 'error',
    summary: 'Every AWS provider has allowed_account_ids set to exactly its stack\'s account',
    explanation:
      'One stack per account: applying it with another account\'s credentials would create the hub in a workload account ' +
      'or peer the wrong VPCs. allowed_account_ids makes the provider refuse. The stack\'s account is the config\'s (the ' +
      'stack is named by its account key) when --config is given, else the one account its providers agree on. ' +
      'A spokes stack\'s hub-side providers (alias hub_<account>_<region>) act in a hub account instead: each must be ' +
      'pinned to exactly one account that the config makes its hub account (without --config: the account of another stack). ' +
      'Resources that name no provider run with an implicit, unpinned default provider.',
  },
  (tree, facts) => {
    const out: Violation[] = [];
    for (const stack of tree.stacks.values()) {
      const expected = stackAccount(tree, stack.name, facts);
      const providers = awsProviders(stack);
      for (const p of providers) {
        const where = { stack: stack.name, resource: p.address };
        const ids = p.allowedAccountIds;
        if (ids === undefined || ids.length === 0) out.push({ ...where, message: 'allowed_account_ids is not set' });
        else if (isHubSideProvider(p)) {
          const allowed = hubAccountsFor(tree, stack.name, facts);
          if (ids.length !== 1 || !allowed.has(ids[0])) out.push({ ...where, message: `allowed_account_ids is [${ids.join(', ')}]; a hub-side provider must name exactly one hub account of this stack's spokes (${[...allowed].sort().join(', ') || 'none'})` });
        } else if (expected === undefined) out.push({ ...where, message: `allowed_account_ids is [${ids.join(', ')}], and the stack's providers do not agree on one account` });
        else if (ids.length !== 1 || ids[0] !== expected) out.push({ ...where, message: `allowed_account_ids is [${ids.join(', ')}]; it must be exactly [${expected}]` });
      }
      const keys = new Set(providers.map((p) => p.key));
      for (const r of stack.resources) {
        if (r.type.startsWith('aws_') && !keys.has(r.providerKey)) {
          out.push({ stack: stack.name, resource: r.address, message: `runs with provider ${r.providerKey}, which this stack does not configure: an unpinned default` });
        }
      }
    }
    return out;
  },
);

export const assumedRolesInAccount = defineRule(
  {
    id: 'VH-PROV-002',
    severity: 'error',
    summary: 'A provider\'s assume_role names a role in its stack\'s account',
    explanation:
      'The provider acts as the assumed role. A role in another account makes every resource land there, and ' +
      'allowed_account_ids only catches it at plan time; a role ARN that is not literal cannot be checked before apply.',
  },
  (tree, facts) => {
    const out: Violation[] = [];
    for (const stack of tree.stacks.values()) {
      for (const p of awsProviders(stack)) {
        const pinned = p.allowedAccountIds?.length === 1 ? p.allowedAccountIds[0] : undefined;
        // A hub-side provider assumes its role in the hub account it is pinned to (VH-PROV-001 checks that pin).
        const expected = isHubSideProvider(p) ? pinned : (stackAccount(tree, stack.name, facts) ?? pinned);
        for (const arn of p.assumeRoleArns) {
          const where = { stack: stack.name, resource: p.address };
          const account = ROLE_ARN.exec(arn)?.[1];
          if (account === undefined) out.push({ ...where, message: `assume_role role_arn ${JSON.stringify(arn)} is not a literal IAM role ARN` });
          else if (expected !== undefined && account !== expected) out.push({ ...where, message: `assume_role names a role in account ${account}, but the stack's account is ${expected}` });
        }
      }
    }
    return out;
  },
);

/** The accounts a stack's hub-side providers may act in: the config's hub accounts, else the other stacks' accounts. */
function hubAccountsFor(tree: SynthTree, stack: string, facts?: ConfigFacts): Set<string> {
  const configured = facts?.hubSideAccountIds.get(stack);
  if (configured) return new Set(configured);
  const out = new Set<string>();
  for (const other of tree.stacks.keys()) {
    const account = other === stack ? undefined : stackAccount(tree, other, facts);
    if (account) out.add(account);
  }
  return out;
}
