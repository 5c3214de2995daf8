/**
 * What every stack states about Terraform itself, hub and spokes stacks alike: the oldest Terraform it
 * works with, in the JSON and in the HCL handoff.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { withRequiredVersionHcl } from './hcl-terraform-block';

/** The oldest Terraform every stack works with (S3 `use_lockfile` arrived in 1.10.0). */
export const REQUIRED_TERRAFORM = '>= 1.10.0';

export class VersionedStack extends TerraformStack {
  constructor(scope: Construct, name: string) {
    super(scope, name);
    // S3-native state locking (`use_lockfile`, constructs/backend.ts) needs Terraform 1.10; older
    // versions would reject the backend block or, worse, run without a lock. Every stack states it, so
    // one Terraform version works for all of them.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
  }

  /** `cdktf synth --hcl`: cdktf mangles required_version in the terraform block (hcl-terraform-block.ts). */
  override toHclTerraform(): { hcl: string; metadata: unknown } {
    const out = super.toHclTerraform() as { hcl: string; metadata: unknown };
    return { ...out, hcl: withRequiredVersionHcl(out.hcl, REQUIRED_TERRAFORM) };
  }
}
