/**
 * What every vpce-hub stack has, hub stack or spokes stack: its own state in the configured backend
 * (one state per stack, constructs/backend.ts) and the oldest Terraform it works with, in the JSON and
 * in the HCL handoff. Settings every stack must carry go here, once.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend } from '../constructs/backend';
import type { NetworkPlan, StackPlan } from '../planning/plan';
import { withBareReferencesHcl } from './hcl-references';
import { withRequiredVersionHcl } from './hcl-terraform-block';
import { movedHcl, type StateMove } from './state-moves';

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

  /** `moved` blocks of hub and spoke renames (state-moves.ts): Terraform moves state instead of recreating. */
  private readonly stateMoves: StateMove[] = [];

  addStateMoves(moves: readonly StateMove[]): void {
    this.stateMoves.push(...moves);
  }

  override toTerraform(): Record<string, unknown> {
    const out = super.toTerraform() as Record<string, unknown>;
    if (this.stateMoves.length === 0) return out;
    return { ...out, moved: [...((out.moved as StateMove[] | undefined) ?? []), ...this.stateMoves.map((m) => ({ from: m.from, to: m.to }))] };
  }

  /**
   * `cdktf synth --hcl`: cdktf mangles required_version in the terraform block (hcl-terraform-block.ts),
   * quotes references Terraform wants bare (hcl-references.ts), and drops `check` overrides, which are
   * appended here (vpc-dns-check.ts), as are the moved blocks.
   */
  override toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const out = super.toHclTerraform() as { hcl: string; metadata: Record<string, unknown> };
    const hcl = withBareReferencesHcl(withRequiredVersionHcl(out.hcl, REQUIRED_TERRAFORM));
    const appended = [...this.checksHcl, ...(this.stateMoves.length > 0 ? [movedHcl(this.stateMoves)] : [])];
    return { ...out, hcl: appended.length === 0 ? hcl : [hcl.trimEnd(), ...appended].join('\n\n') + '\n' };
  }
}
