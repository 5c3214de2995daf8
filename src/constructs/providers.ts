/**
 * One AWS provider per region a stack uses, all pinned to the stack's account with
 * `allowed_account_ids`: a wrong credential fails the plan instead of changing another account.
 * Every provider has an alias (none is the default), so adding a region never re-targets resources.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { awsNames, ids } from '../planning/naming';
import type { StackPlan } from '../planning/plan';

export type ProviderFor = (region: string) => AwsProvider;

export function awsProviders(scope: Construct, stack: StackPlan, project: string): ProviderFor {
  const providers = new Map<string, AwsProvider>();
  for (const region of stack.regions) {
    providers.set(
      region,
      new AwsProvider(scope, ids.provider(region), {
        alias: ids.providerAlias(region),
        region,
        allowedAccountIds: [stack.account.id],
        ...(stack.account.roleArn ? { assumeRole: [{ roleArn: stack.account.roleArn, sessionName: awsNames.providerSession(project, stack.name) }] } : {}),
        defaultTags: [{ tags: { Project: project, ManagedBy: 'vpce-hub', Stack: stack.name } }],
      }),
    );
  }
  return (region: string) => {
    const p = providers.get(region);
    if (!p) throw new Error(`stack ${stack.name} has no provider for ${region} (planning bug)`);
    return p;
  };
}
