/**
 * The HCL handoff: users hand `cdktf synth --hcl` output to Terraform Cloud, so every stack of every
 * shipped config must also be valid as HCL. cdktf's HCL renderer differs from its JSON one (it wrote a
 * JSON policy with embedded references unescaped, and the terraform block's required_version as
 * `0 = "required_version"`, and references in quotes that Terraform warns about), so the JSON tier
 * (offline-plan.test.ts) does not cover it.
 *
 * One `terraform init -backend=false` (the provider comes from the same mirror, linked, not copied)
 * and one `validate` per stack; the backends of these configs cannot be reached offline, and validate
 * needs none.
 */
import { REQUIRED_TERRAFORM } from '../../src/stacks/vpce-hub-stack';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { synthHclFile, type SynthesizedHcl } from '../support/synth';
import { validateWithoutBackend } from '../support/terraform';

describe.each(SHIPPED_CONFIGS)('%s as HCL', (file) => {
  let synth: SynthesizedHcl;
  beforeAll(() => {
    synth = synthHclFile(file);
  });
  afterAll(() => synth?.cleanup());

  it('writes every stack of the plan', () => {
    expect(Object.keys(synth.stacks).sort()).toEqual(synth.plan.stacks.map((s) => s.name).sort());
  });

  it('passes terraform init and validate without a warning, stack by stack, and states the Terraform version it needs', () => {
    for (const stack of synth.plan.stacks) {
      expect(synth.stacks[stack.name]).toContain(`required_version = "${REQUIRED_TERRAFORM}"`);
      const validate = validateWithoutBackend(synth.stacksDir, stack.name);
      // cdktf quotes provider and depends_on references: "Quoted references are deprecated", one per reference (hcl-references.ts).
      const warnings = (validate.diagnostics as Array<{ severity: string; summary: string }>).filter((d) => d.severity === 'warning').map((d) => d.summary);
      expect({ stack: stack.name, valid: validate.valid, errors: validate.error_count, warnings }).toEqual({ stack: stack.name, valid: true, errors: 0, warnings: [] });
    }
  });
});
