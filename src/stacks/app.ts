/** Network plan -> cdktf App with its hub stacks and spokes stacks, dependencies in cdktf's manifest. */
import { App } from 'cdktf';
import type { NetworkPlan } from '../planning/plan';
import { HubStack } from './hub-stack';
import { SpokesStack } from './spokes-stack';
import { renameMoves } from './state-moves';
import { withoutTokenStackTraces } from './token-traces';
import type { VpceHubStack } from './vpce-hub-stack';

/** Synthesizes without formatting a stack trace per token (see token-traces.ts). */
class VpceHubApp extends App {
  override synth(): void {
    withoutTokenStackTraces(() => super.synth());
  }
}

/** The plan's stacks in `app`, by name. */
function addStacks(app: App, plan: NetworkPlan): Map<string, VpceHubStack> {
  const stacks = new Map<string, VpceHubStack>();
  for (const stackPlan of plan.stacks) stacks.set(stackPlan.name, stackPlan.kind === 'hub' ? new HubStack(app, plan, stackPlan) : new SpokesStack(app, plan, stackPlan));
  return stacks;
}

export function buildApp(plan: NetworkPlan, outdir?: string): App {
  return withoutTokenStackTraces(() => {
    // skipValidation stays off: cdktf's own checks (e.g. cross-stack cycles) run at synth.
    const app = new VpceHubApp({ ...(outdir ? { outdir } : {}), stackTraces: false });
    const stacks = addStacks(app, plan);
    // Visible in manifest.json, so `cdktf deploy '*'` applies hub accounts before the spokes that read them.
    for (const stackPlan of plan.stacks) {
      for (const dep of stackPlan.dependsOn) stacks.get(stackPlan.name)?.addDependency(stacks.get(dep) as VpceHubStack);
    }
    // Renames (formerNames): moved blocks from the addresses under each former name.
    for (const [name, moves] of renameMoves(plan, addStacks)) stacks.get(name)?.addStateMoves(moves);
    return app;
  });
}
