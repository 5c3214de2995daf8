/**
 * Renames of hubs and spokes (`formerNames`, oldest first). Every address and output name comes from
 * names (naming.ts), so a rename would destroy and recreate everything of the renamed hub or spoke;
 * instead synth emits Terraform `moved` blocks from the old addresses to the new ones
 * (https://developer.hashicorp.com/terraform/language/modules/develop/refactoring#moved-block-syntax).
 *
 * Each step (f1 -> f2, ..., fn -> current name) is described by two plans of the same config, one with
 * the entry under the step's old name and one under its new name; the stacks built from both tell
 * which addresses the step moves (stacks/state-moves.ts). Terraform follows chains of moved blocks,
 * so a state at any former name reaches the current one.
 */
import type { VpceHubConfig } from '../config/schema';
import type { NetworkPlan } from './plan';

export interface RenameStep {
  kind: 'hub' | 'spoke';
  from: string;
  to: string;
  fromPlan: NetworkPlan;
  toPlan: NetworkPlan;
}

/** Which name each renamed hub or spoke has in one world, by `hub:<current>` / `spoke:<current>`. */
type World = ReadonlyMap<string, string>;

/** The config with hubs and spokes called as `world` says (spokes that name a renamed hub follow it); no formerNames anywhere. */
export function configInWorld(config: VpceHubConfig, world: World): VpceHubConfig {
  const hubName = (n: string) => world.get(`hub:${n}`) ?? n;
  return {
    ...config,
    hubs: config.hubs.map((h) => ({ ...h, formerNames: [], name: hubName(h.name) })),
    spokes: config.spokes.map((s) => ({ ...s, formerNames: [], name: world.get(`spoke:${s.name}`) ?? s.name, ...(s.hub !== undefined ? { hub: hubName(s.hub) } : {}) })),
  };
}

/**
 * Steps in one sequence from the state where everything still has its oldest name: hubs first, then
 * spokes, each through its chain; a step's plans have the entries before it at their current names
 * and those after it at their oldest. Each step's moves start where the previous ones ended, so
 * renaming a hub and its spokes in one change still yields one chain per resource.
 */
export function renameSteps(config: VpceHubConfig, build: (c: VpceHubConfig) => NetworkPlan): RenameStep[] {
  const entries = [...config.hubs.map((h) => ({ kind: 'hub' as const, name: h.name, former: h.formerNames })), ...config.spokes.map((s) => ({ kind: 'spoke' as const, name: s.name, former: s.formerNames }))].filter((e) => e.former.length > 0);
  const world = new Map(entries.map((e) => [`${e.kind}:${e.name}`, e.former[0]]));
  const steps: RenameStep[] = [];
  for (const e of entries) {
    const chain = [...e.former, e.name];
    for (let i = 0; i + 1 < chain.length; i++) {
      const fromPlan = build(configInWorld(config, world));
      world.set(`${e.kind}:${e.name}`, chain[i + 1]);
      steps.push({ kind: e.kind, from: chain[i], to: chain[i + 1], fromPlan, toPlan: build(configInWorld(config, world)) });
    }
  }
  return steps;
}
