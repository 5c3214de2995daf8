/**
 * One partition for the whole config (partitions.ts): every hub, spoke and backend region in the
 * partition of the first hub, every ARN naming that partition; and an account's roleArn in that
 * account. The provider of each stack is pinned to the account id (allowed_account_ids): a role of
 * another account would act there, and the plan would stop on the pin, or worse, the id is the typo.
 */
import type { Finding } from './findings';
import { formatPath } from './paths';
import { accountOfArn, partitionOfArn, partitionOfRegion } from './partitions';
import type { ValidationContext } from './validate';

export function validatePartitions({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const first = config.hubs[0];
  if (!first) return findings;
  const home = partitionOfRegion(first.region);
  const homeWhere = `${formatPath(['hubs', 0], raw)}.region`;
  const region = (value: string, path: string) => {
    const p = partitionOfRegion(value);
    if (p !== home) {
      findings.push({ severity: 'error', code: 'MixedPartitions', path, value, message: `is in partition ${p}, but ${homeWhere} (${first.region}) is in ${home}: peering, zone associations and roles do not cross partitions`, fix: `keep every region in ${home}; a network in ${p} needs a config of its own` });
    }
  };
  const arn = (value: string | undefined, path: string) => {
    if (value === undefined) return;
    const p = partitionOfArn(value);
    if (p !== undefined && p !== home) {
      findings.push({ severity: 'error', code: 'ArnPartitionMismatch', path, value, message: `names partition ${p}, but the config's regions are in ${home}`, fix: `write arn:${home}:...` });
    }
  };
  config.hubs.forEach((h, i) => {
    const at = formatPath(['hubs', i], raw);
    if (i > 0) region(h.region, `${at}.region`);
    arn(h.vpc.flowLogs?.destinationArn, `${at}.vpc.flowLogs.destinationArn`);
    if (typeof h.endpointPolicy === 'object' && 'principals' in h.endpointPolicy) {
      h.endpointPolicy.principals.forEach((p, j) => arn(p, `${at}.endpointPolicy.principals.${j}`));
    }
  });
  config.spokes.forEach((s, i) => {
    if (s.region !== undefined) region(s.region, `${formatPath(['spokes', i], raw)}.region`);
  });
  if (config.backend.s3) {
    region(config.backend.s3.region, 'backend.s3.region');
    arn(config.backend.s3.roleArn, 'backend.s3.roleArn');
  }
  arn(config.organizationArn, 'organizationArn');
  for (const [key, account] of Object.entries(config.accounts)) {
    const path = `accounts.${key}.roleArn`;
    arn(account.roleArn, path);
    const owner = account.roleArn ? accountOfArn(account.roleArn) : undefined;
    if (owner !== undefined && owner !== account.id) {
      findings.push({
        severity: 'error',
        code: 'RoleAccountMismatch',
        path,
        value: account.roleArn,
        message: `is a role in account ${owner}, but accounts.${key}.id is ${account.id}: the stack's provider would act in ${owner} while pinned to ${account.id}`,
        fix: `use the role in account ${account.id} (arn:${home}:iam::${account.id}:role/...), or correct the id`,
      });
    }
  }
  return findings;
}
