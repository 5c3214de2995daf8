/**
 * The hub-side role's policy (`vpce-hub iam-policy`) must fit IAM's size limits, or attaching it fails
 * long after the config was accepted. iam-policy narrows ec2:AccepterVpc per spoke account when the
 * per-VPC list does not fit (planning/hub-side-policy-size.ts); this warns only when even that form is
 * over one managed policy (6,144 characters): then it fits only as the role's inline policy, or not at all.
 */
import { hubSideAccounts } from '../planning/hub-side-policy';
import { fittedHubSidePolicy, formatCount, IAM_POLICY_LIMITS } from '../planning/hub-side-policy-size';
import type { Finding } from './findings';
import type { PlanValidationContext } from './validate';

export function validateHubSidePolicySize({ plan }: PlanValidationContext): Finding[] {
  const findings: Finding[] = [];
  for (const key of hubSideAccounts(plan)) {
    const fitted = fittedHubSidePolicy(plan, key);
    if (fitted.fits === 'managed') continue;
    findings.push({
      severity: 'warning',
      code: 'HubSidePolicyTooLarge',
      path: `accounts.${key}`,
      value: fitted.characters,
      message: `the hub-side role's policy (vpce-hub iam-policy --account ${key}) is over IAM's ${formatCount(IAM_POLICY_LIMITS.managedPolicyCharacters)}-character managed policy limit: ${formatCount(fitted.perVpcCharacters)} characters with each spoke VPC as a peering accepter, still ${formatCount(fitted.characters)} with the accepters scoped per spoke account`,
      fix:
        fitted.fits === 'inline'
          ? `attach it as the role's only inline policy (at most ${formatCount(IAM_POLICY_LIMITS.roleInlinePolicyCharacters)} characters per role), or move spokes to a hub in another account`
          : `move spokes of some accounts to a hub in another account: one role's inline policies hold at most ${formatCount(IAM_POLICY_LIMITS.roleInlinePolicyCharacters)} characters`,
    });
  }
  return findings;
}
