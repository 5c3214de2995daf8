/**
 * What every vpce-hub stack has, hub stack or spokes stack: its own state in the configured backend
 * (one state per stack, constructs/backend.ts) and the oldest Terraform it works with, in the JSON and
 * in the HCL handoff. Settings every stack must carry go here, once.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend } from '../constructs/backend';
import type { NetworkPlan, StackPlan } from '../planning/plan';
import { withRequiredVersionHcl } from './hcl-terraform-block';

/** The oldest Terraform every stack works with (S3 `use_lockfile` arrived in 1.10.0). */
export const REQUIRED_TERRAFORM = '>= 1.10.0';

export abstract class VpceHubStack extends TerraformStack {
  /** The HCL of this stack's check blocks (vpc-dns-check.ts), for `synth --hcl`. */
  protected readonly checksHcl: string[] = [];

  constructor(
    scope: Construct,
    protected readonly plan: NetworkPlan,
    readonly stackPlan: StackPlan,
  ) {
    super(scope, stackPlan.name);
    // S3-native state locking (`use_lockfile`, constructs/backend.ts) needs Terraform 1.10; older
    // versions would reject the backend block or, worse, run without a lock. Every stack states it, so
    // one Terraform version works for all of them.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
    configureBackend(this, plan.backend, stackPlan.name);
  }

  /**
   * `cdktf synth --hcl`: cdktf mangles required_version in the terraform block (hcl-terraform-block.ts)
   * and drops `check` overrides, which are appended here (vpc-dns-check.ts).
   */
  override toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const out = super.toHclTerraform() as { hcl: string; metadata: Record<string, unknown> };
    const hcl = withRequiredVersionHcl(out.hcl, REQUIRED_TERRAFORM);
    return { ...out, hcl: this.checksHcl.length === 0 ? hcl : [hcl, ...this.checksHcl].join('\n\n') + '\n' };
  }
}
