/**
 * The hub-side role (issue 9) is assumed in the hub account by the spokes stacks' hub-side providers,
 * which are pinned to that account: a role ARN of another account would fail every plan
 * (allowed_account_ids), or worse, act elsewhere if the pin were edited away.
 */
import type { Finding } from './findings';
import type { ValidationContext } from './validate';

export function validateHubSideRole({ config }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const [key, account] of Object.entries(config.accounts)) {
    const arn = account.hubSideRoleArn;
    const inAccount = arn ? /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(arn)?.[1] : undefined;
    if (arn && inAccount !== account.id) {
      findings.push({
        severity: 'error',
        code: 'HubSideRoleAccount',
        path: `accounts.${key}.hubSideRoleArn`,
        value: arn,
        message: `is a role in account ${inAccount}, not in account ${key} (${account.id}), where the spokes stacks' hub-side providers act`,
        fix: `use a role in ${account.id}, e.g. arn:aws:iam::${account.id}:role/vpce-hub-pairs (its policy: vpce-hub iam-policy --account ${key})`,
      });
    }
  }
  return findings;
}
