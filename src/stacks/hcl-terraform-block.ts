/**
 * cdktf 0.21's HCL renderer (`cdktf synth --hcl`) writes every attribute of the `terraform` block other
 * than required_providers, backend and cloud as a list index: `required_version = ">= 1.10.0"` comes
 * out as `0 = "required_version"`, which Terraform rejects (render.js renderTerraform passes the
 * attribute names, not their values, to renderSimpleAttributes). This puts the real attribute back.
 * It fails loudly rather than guess when cdktf's output changes shape.
 */
export function withRequiredVersionHcl(hcl: string, requiredVersion: string): string {
  const mangled = '  0 = "required_version"';
  const fixed = `required_version = ${JSON.stringify(requiredVersion)}`;
  if (hcl.includes(mangled)) return hcl.replace(mangled, fixed);
  if (/^\s*required_version\s*=/m.test(hcl)) return hcl;
  throw new Error('cdktf rendered the terraform block without required_version; update src/stacks/hcl-terraform-block.ts for this cdktf version');
}
