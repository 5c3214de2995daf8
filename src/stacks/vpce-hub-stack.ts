/**
 * What every vpce-hub stack has, hub stack or spokes stack: its own state in the configured backend
 * (one state per stack, constructs/backend.ts), the Terraform version it needs, and the `check` blocks
 * on VPCs it does not own. Settings every stack must carry go here, once.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend } from '../constructs/backend';
import { vpcDnsCheck, type VpcDnsCheck } from '../constructs/vpc-dns-check';
import type { NetworkPlan, StackPlan } from '../planning/plan';
import { withRequiredVersionHcl } from './hcl-terraform-block';

/** The oldest Terraform every stack works with (S3 `use_lockfile` arrived in 1.10.0). */
export const REQUIRED_TERRAFORM = '>= 1.10.0';

export abstract class VpceHubStack extends TerraformStack {
  /** The HCL of this stack's check blocks (vpc-dns-check.ts), for `synth --hcl`. */
  private readonly checksHcl: string[] = [];

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

  /** A `check` block on a VPC we do not own (vpc-dns-check.ts), kept for the HCL form too. */
  protected addVpcDnsCheck(check: VpcDnsCheck, provider: AwsProvider): void {
    this.checksHcl.push(vpcDnsCheck(this, check, provider));
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
