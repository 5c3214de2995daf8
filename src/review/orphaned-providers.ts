/**
 * Provider configurations a stack loses while its base still had resources under them: when the
 * last spoke of an account in one region goes, the stack keeps its other regions but no longer
 * configures that region's provider, and Terraform cannot destroy resources whose provider
 * configuration is gone ("Provider configuration not present"). Like a stack that disappears, this
 * must be destroyed first, while the config still names the region.
 */
import type { SynthTree } from '../analysis/tree';

export interface OrphanedProvider {
  stack: string;
  /** `aws.eu_west_3`. */
  providerKey: string;
  /** The base's literal region of that provider, when known. */
  region?: string;
  /** Base resources of the stack under that provider. */
  resources: number;
}

export function orphanedProviders(base: SynthTree | undefined, current: SynthTree): OrphanedProvider[] {
  if (!base) return [];
  const out: OrphanedProvider[] = [];
  for (const [name, before] of base.stacks) {
    const after = current.stacks.get(name);
    // A stack that disappears as a whole is gated as such (gate.ts).
    if (!after) continue;
    const kept = new Set(after.providers.map((p) => p.key));
    const counts = new Map<string, number>();
    for (const r of before.resources) if (!kept.has(r.providerKey)) counts.set(r.providerKey, (counts.get(r.providerKey) ?? 0) + 1);
    for (const [providerKey, resources] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const region = before.providers.find((p) => p.key === providerKey)?.region;
      out.push({ stack: name, providerKey, ...(region ? { region } : {}), resources });
    }
  }
  return out;
}
