/**
 * The hub-side role's policy (`vpce-hub iam-policy`) must fit IAM's size limits, or attaching it fails
 * long after the config was accepted. iam-policy spreads it over several managed policies of at most
 * 6,144 characters each when one cannot hold it (planning/hub-side-policy-size.ts); this says how many
 * (HubSidePolicySplit), and warns when even with the lists scoped per spoke account they are more than
 * the 10 a role takes by default (HubSidePolicyTooLarge).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
import { hubSideAccounts } from '../planning/hub-side-policy';
import { DEFAULT_POLICY_LIMITS, fittedHubSidePolicy, formatCount, type PolicyLimits } from '../planning/hub-side-policy-size';
import type { NetworkPlan } from '../planning/plan';
import type { Finding } from './findings';
import type { PlanValidationContext } from './validate';

export function validateHubSidePolicySize({ plan }: PlanValidationContext): Finding[] {
  return hubSidePolicySizeFindings(plan);
}

/** The findings for IAM's limits (IAM_POLICY_LIMITS; smaller ones in tests). */
export function hubSidePolicySizeFindings(plan: NetworkPlan, limits: PolicyLimits = DEFAULT_POLICY_LIMITS): Finding[] {
  const { characters: limit, perRole, perRoleMax } = limits;
  const findings: Finding[] = [];
  for (const key of hubSideAccounts(plan)) {
    const fitted = fittedHubSidePolicy(plan, key, limits);
    const n = fitted.documents.length;
    if (n === 1) continue;
    const command = `vpce-hub iam-policy --account ${key}`;
    if (fitted.fits === 'default-quota') {
      findings.push({
        severity: 'warning',
        code: 'HubSidePolicySplit',
        path: `accounts.${key}`,
        value: n,
        message: `the hub-side role's policy (${command}) is over IAM's ${formatCount(limit)}-character managed policy limit: it is split into ${n} managed policies (${fitted.characters.map(formatCount).join(', ')} characters)${fitted.scoping === 'account' ? ', with the spoke VPCs scoped per spoke account and region' : ''}`,
        fix: `attach all ${n} to the role (${command} --part 1 to --part ${n}); a role takes ${perRole} managed policies by default`,
      });
      continue;
    }
    findings.push({
      severity: 'warning',
      code: 'HubSidePolicyTooLarge',
      path: `accounts.${key}`,
      value: n,
      message: `the hub-side role's policy (${command}) needs ${n} managed policies of at most ${formatCount(limit)} characters even with the spoke VPCs scoped per spoke account and region (${fitted.perVpcDocuments} per VPC): more than the ${perRole} a role takes by default`,
      fix:
        fitted.fits === 'raised-quota'
          ? `raise the role's quota of managed policies (at most ${perRoleMax}), or move spokes of some accounts to a hub in another account`
          : `move spokes of some accounts to a hub in another account: a role takes at most ${perRoleMax} managed policies`,
    });
  }
  return findings;
}
