/**
 * One AWS provider per region a stack uses, all pinned to the stack's account with
 * `allowed_account_ids`: a wrong credential fails the plan instead of changing another account.
 * Every provider has an alias (none is the default), so adding a region never re-targets resources.
 *
 * A spokes stack also has one provider per (hub account, region) it pairs with, pinned to that hub
 * account and assuming the hub-side role there (hubSideRoleArn, else roleArn): the hub halves of its
 * pairs act in the hub account, the layout of the provider docs' cross-account examples
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#assume_role-configuration-block).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { awsNames, ids } from '../planning/naming';
import type { AccountPlan, NetworkPlan, StackPlan } from '../planning/plan';
import { defaultTags } from '../planning/tags';

export type ProviderFor = (region: string) => AwsProvider;
export type HubSideProviderFor = (account: string, region: string) => AwsProvider;

type Tagging = Pick<NetworkPlan, 'project' | 'tags'>;

function pinnedProvider(scope: Construct, id: string, alias: string, region: string, account: AccountPlan, plan: Tagging, stack: string): AwsProvider {
  return new AwsProvider(scope, id, {
    alias,
    region,
    allowedAccountIds: [account.id],
    ...(account.roleArn ? { assumeRole: [{ roleArn: account.roleArn, sessionName: awsNames.providerSession(plan.project, stack) }] } : {}),
    // The config's top-level tags and ours (planning/tags.ts), on every resource of the provider.
    defaultTags: [{ tags: defaultTags(plan.project, stack, plan.tags) }],
  });
}

export function awsProviders(scope: Construct, stack: StackPlan, plan: Tagging): ProviderFor {
  const providers = new Map<string, AwsProvider>();
  for (const region of stack.regions) providers.set(region, pinnedProvider(scope, ids.provider(region), ids.providerAlias(region), region, stack.account, plan, stack.name));
  return (region: string) => {
    const p = providers.get(region);
    if (!p) throw new Error(`stack ${stack.name} has no provider for ${region} (planning bug)`);
    return p;
  };
}

export function hubSideProviders(scope: Construct, stack: StackPlan, plan: Tagging): HubSideProviderFor {
  const providers = new Map<string, AwsProvider>();
  for (const { account, region } of stack.hubAccess) {
    providers.set(`${account.key}/${region}`, pinnedProvider(scope, ids.hubSideProvider(account.key, region), ids.hubSideProviderAlias(account.key, region), region, account, plan, stack.name));
  }
  return (account: string, region: string) => {
    const p = providers.get(`${account}/${region}`);
    if (!p) throw new Error(`stack ${stack.name} has no hub-side provider for ${account} in ${region} (planning bug)`);
    return p;
  };
}
