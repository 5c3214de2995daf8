/** Network plan -> cdktf App with its hub stacks and spokes stacks, dependencies in cdktf's manifest. */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
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

/** The plan's stacks in `scope`, by name. */
function addStacks(scope: Construct, plan: NetworkPlan): Map<string, VpceHubStack> {
  const stacks = new Map<string, VpceHubStack>();
  for (const stackPlan of plan.stacks) stacks.set(stackPlan.name, stackPlan.kind === 'hub' ? new HubStack(scope, plan, stackPlan) : new SpokesStack(scope, plan, stackPlan));
  return stacks;
}

/**
 * Every stack of the plan in `app` (an App or any construct scope cdktf accepts for a stack), with the
 * dependencies between them and the moved blocks of renames. Returns the stacks by name, in the
 * plan's deploy order (hub stacks first).
 */
export function addPlanStacks(app: Construct, plan: NetworkPlan): Map<string, VpceHubStack> {
  return withoutTokenStackTraces(() => {
    const stacks = addStacks(app, plan);
    // Visible in manifest.json, so `cdktf deploy '*'` applies hub accounts before the spokes that read them.
    for (const stackPlan of plan.stacks) {
      for (const dep of stackPlan.dependsOn) stacks.get(stackPlan.name)?.addDependency(stacks.get(dep) as VpceHubStack);
    }
    // Renames (formerNames): moved blocks from the addresses under each former name.
    for (const [name, moves] of renameMoves(plan, addStacks)) stacks.get(name)?.addStateMoves(moves);
    return stacks;
  });
}

export interface AppOptions {
  /** Write each stack as HCL (`cdk.tf`, as `cdktf synth --hcl` does) instead of Terraform JSON (`cdk.tf.json`). */
  hcl?: boolean;
}

export function buildApp(plan: NetworkPlan, outdir?: string, { hcl = false }: AppOptions = {}): App {
  return withHclSwitch(hcl, () => withoutTokenStackTraces(() => newApp(plan, outdir)));
}

function newApp(plan: NetworkPlan, outdir: string | undefined): App {
  // skipValidation stays off: cdktf's own checks (e.g. cross-stack cycles) run at synth.
  const app = new VpceHubApp({ ...(outdir ? { outdir } : {}), stackTraces: false });
  addPlanStacks(app, plan);
  return app;
}

/**
 * cdktf takes the form from SYNTH_HCL_OUTPUT alone once it is set, and reads it when the app and each
 * stack are constructed: the App accepts only "true", its stacks also "1" (node_modules/cdktf/lib/app.js,
 * terraform-stack.js), which with "1" wrote HCL under the JSON file name. Both get the same value here,
 * whatever the environment says; the CLI decides the form (src/cli/synthesize.ts hclRequested).
 */
function withHclSwitch<T>(hcl: boolean, build: () => T): T {
  const before = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  try {
    return build();
  } finally {
    if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = before;
  }
}
