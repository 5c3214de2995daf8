/**
 * What every vpce-hub stack has, hub stack or spokes stack: its own state in the configured backend
 * (one state per stack, constructs/backend.ts). Settings every stack must carry go here, once.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend } from '../constructs/backend';
import type { NetworkPlan, StackPlan } from '../planning/plan';

export abstract class VpceHubStack extends TerraformStack {
  constructor(
    scope: Construct,
    protected readonly plan: NetworkPlan,
    readonly stackPlan: StackPlan,
  ) {
    super(scope, stackPlan.name);
    configureBackend(this, plan.backend, stackPlan.name);
  }
}
