/** Network plan -> cdktf App with one AccountStack per account, dependencies in cdktf's manifest. */
import { App } from 'cdktf';
import type { NetworkPlan } from '../planning/plan';
import { AccountStack } from './account-stack';

export function buildApp(plan: NetworkPlan, outdir?: string): App {
  // skipValidation stays off: cdktf's own checks (e.g. cross-stack cycles) run at synth.
  const app = new App({ ...(outdir ? { outdir } : {}), stackTraces: false });
  const stacks = new Map<string, AccountStack>();
  for (const stackPlan of plan.stacks) stacks.set(stackPlan.name, new AccountStack(app, plan, stackPlan));
  // Visible in manifest.json, so `cdktf deploy '*'` applies hub accounts before the spokes that read them.
  for (const stackPlan of plan.stacks) {
    for (const dep of stackPlan.dependsOn) stacks.get(stackPlan.name)?.addDependency(stacks.get(dep) as AccountStack);
  }
  return app;
}
