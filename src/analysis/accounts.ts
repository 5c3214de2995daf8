/**
 * Which AWS account and region a stack or resource acts in. The tree says it through provider
 * configurations (`allowed_account_ids`, `region`); the config, when given, says which account each
 * stack is meant for (the stack is named by its account key).
 */
import type { ConfigFacts } from './config-facts';
import { providerOf, type SynthTree, type TfProvider, type TfResource } from './tree';

/**
 * A spokes stack's provider that acts in a hub account for the hub-side halves of its pairs (issue 9).
 * Recognized by its alias (planning/naming.ts ids.hubSideProviderAlias), the one convention the tree
 * alone cannot do without: the stack's own account is what its other providers agree on.
 */
export const isHubSideProvider = (p: TfProvider): boolean => p.alias?.startsWith('hub_') ?? false;

/**
 * The account a stack is meant for: the config's, else the one account every pinned AWS provider of
 * the stack agrees on. Undefined when that cannot be known (no pins, or pins that disagree).
 */
export function stackAccount(tree: SynthTree, stack: string, facts?: ConfigFacts): string | undefined {
  const configured = facts?.accountIds.get(stack);
  if (configured) return configured;
  const pinned = new Set<string>();
  for (const p of tree.stacks.get(stack)?.providers ?? []) {
    if (p.type !== 'aws' || p.allowedAccountIds === undefined || isHubSideProvider(p)) continue;
    if (p.allowedAccountIds.length !== 1) return undefined;
    pinned.add(p.allowedAccountIds[0]);
  }
  return pinned.size === 1 ? [...pinned][0] : undefined;
}

/** The account a resource is created in: its provider's single pinned account, else its stack's. */
export function resourceAccount(tree: SynthTree, res: TfResource, facts?: ConfigFacts): string | undefined {
  const ids = providerOf(tree, res)?.allowedAccountIds;
  if (ids && ids.length === 1) return ids[0];
  return stackAccount(tree, res.stack, facts);
}

/** The region a resource is created in: its provider's literal region. */
export function resourceRegion(tree: SynthTree, res: TfResource): string | undefined {
  return providerOf(tree, res)?.region;
}
