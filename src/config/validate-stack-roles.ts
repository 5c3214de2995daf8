/**
 * A stack whose providers act in two or more accounts needs a role to assume in every account but its
 * own. Every provider is pinned with allowed_account_ids; two providers without assume_role share the
 * ambient credentials, which belong to one account, so the other provider fails every plan and apply
 * ("AWS account ID not allowed":
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#allowed_account_ids). The
 * foreign providers (planning/build-plan.ts `hubAccess`) assume hubSideRoleArn, else roleArn
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#assume_role-configuration-block).
 * Checked on the plan, so it covers exactly the providers the stacks will declare, used now or kept for
 * destroying what state holds.
 */
import type { Finding } from './findings';
import type { PlanValidationContext } from './validate';

export function validateStackRoles({ plan }: PlanValidationContext): Finding[] {
  // Foreign account key -> the stacks that declare a provider into it without a role to assume.
  const missing = new Map<string, Set<string>>();
  for (const stack of plan.stacks) {
    for (const access of stack.hubAccess) {
      if (access.account.key === stack.account.key || access.account.roleArn) continue;
      const stacks = missing.get(access.account.key) ?? new Set<string>();
      stacks.add(stack.name);
      missing.set(access.account.key, stacks);
    }
  }
  return [...missing.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, stacks]): Finding => {
      const id = plan.stacks.flatMap((s) => s.hubAccess).find((a) => a.account.key === key)?.account.id ?? '';
      const names = [...stacks].sort();
      return {
        severity: 'error',
        code: 'HubSideRoleMissing',
        path: `accounts.${key}.hubSideRoleArn`,
        value: names.join(', '),
        message: `is not set, nor accounts.${key}.roleArn, but stack${names.length === 1 ? '' : 's'} ${names.join(', ')} also act${names.length === 1 ? 's' : ''} in account ${key} (${id}) through a provider pinned to it: without a role to assume it uses the same ambient credentials as the stack's own provider, pinned to another account, so one of the two fails every plan ("AWS account ID not allowed")`,
        fix: `set accounts.${key}.hubSideRoleArn (the role other stacks assume in ${key}, e.g. arn:aws:iam::${id}:role/vpce-hub-pairs; its policy: vpce-hub iam-policy --account ${key}) or accounts.${key}.roleArn`,
      };
    });
}
