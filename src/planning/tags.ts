/**
 * The tags every resource carries, for organization tag policies (issue 12 section 5).
 *
 * - The config's top-level `tags` go into every provider's `default_tags`, with the three tags
 *   vpce-hub sets itself (Project, ManagedBy, Stack). A provider serves one account and region, and
 *   so the hubs and spokes of a whole stack: it cannot carry a hub's or a spoke's own tags.
 * - A hub's `tags` go on the resources of that hub (resource-level `tags`, next to its `Name`).
 * - A spoke's `tags` go on both halves of its pair, over the hub's (a peering connection, an ingress
 *   rule or an attachment exists for that spoke, whichever account it lives in).
 * The provider merges resource `tags` over `default_tags` into `tags_all`, the resource's value winning
 * for a key both hold (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#default_tags-configuration-block).
 * A resource-level tag equal to the top-level one is left out: `default_tags` already applies it.
 */
import type { HubPlan, SpokePlan } from './plan';

export type Tags = Readonly<Record<string, string>>;

/**
 * Keys vpce-hub sets itself: `Name` on each resource; `Project`, `ManagedBy` and `Stack` in
 * default_tags, where the hub-side role's policy conditions on them (planning/hub-side-policy.ts).
 */
export const RESERVED_TAG_KEYS = ['Name', 'Project', 'ManagedBy', 'Stack'] as const;

/** Tags the provider adds to every resource of a stack (constructs/providers.ts): the config's, then ours. */
export const defaultTags = (project: string, stack: string, configTags: Tags = {}): Record<string, string> => ({
  ...configTags,
  Project: project,
  ManagedBy: 'vpce-hub',
  Stack: stack,
});

/** The levels merged in order (later wins), without what the top level already applies. */
export function ownTags(top: Tags, ...levels: Tags[]): Record<string, string> {
  const merged: Record<string, string> = Object.assign({}, ...levels);
  for (const [key, value] of Object.entries(merged)) if (top[key] === value) delete merged[key];
  return merged;
}

/** The `tags` of a hub's resource: the hub's own tags and its Name. */
export const hubTags = (hub: Pick<HubPlan, 'tags'>, name: string): Record<string, string> => ({ ...hub.tags, Name: name });

/** The `tags` of a pair's resource (either half): the hub's and the spoke's own tags (the spoke's win), and its Name. */
export const pairTags = (spoke: Pick<SpokePlan, 'tags'>, name: string): Record<string, string> => ({ ...spoke.tags, Name: name });
