/**
 * The HCL handoff: users hand `cdktf synth --hcl` output to Terraform Cloud, so every stack of every
 * shipped config must also be valid as HCL. cdktf's HCL renderer differs from its JSON one (it wrote a
 * JSON policy with embedded references unescaped, and the terraform block's required_version as
 * `0 = "required_version"`), so the JSON tier (offline-plan.test.ts) does not cover it.
 *
 * One `terraform init -backend=false` (the provider comes from the run's plugin cache, linked, not
 * copied) and one `validate` per stack, stacks concurrently; the backends of these configs cannot be
 * reached offline, and validate needs none.
 */
import { REQUIRED_TERRAFORM } from '../../src/stacks/vpce-hub-stack';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { synthHclFile, type SynthesizedHcl } from '../support/synth';
import { startedJob, validateWithoutBackendAsync, type OfflineResult } from '../support/terraform';

const synths = new Map<string, SynthesizedHcl>();
const validated = new Map<string, Promise<OfflineResult['validate']>>();
// Every stack of every config is started here, sharing the pool of Terraform processes.
beforeAll(() => {
  for (const file of SHIPPED_CONFIGS) {
    const synth = synthHclFile(file);
    synths.set(file, synth);
    for (const { name } of synth.plan.stacks) {
      validated.set(`${file} ${name}`, startedJob(validateWithoutBackendAsync(synth.stacksDir, name)));
    }
  }
});
afterAll(async () => {
  await Promise.allSettled(validated.values());
  for (const synth of synths.values()) synth.cleanup();
});

describe.each(SHIPPED_CONFIGS)('%s as HCL', (file) => {
  it('writes every stack of the plan', () => {
    const synth = synths.get(file) as SynthesizedHcl;
    expect(Object.keys(synth.stacks).sort()).toEqual(synth.plan.stacks.map((s) => s.name).sort());
  });

  it('passes terraform init and validate, stack by stack, and states the Terraform version it needs', async () => {
    const synth = synths.get(file) as SynthesizedHcl;
    for (const stack of synth.plan.stacks) {
      expect(synth.stacks[stack.name]).toContain(`required_version = "${REQUIRED_TERRAFORM}"`);
      expect({ stack: stack.name, ...(await validated.get(`${file} ${stack.name}`)) }).toMatchObject({ stack: stack.name, valid: true, error_count: 0 });
    }
  });
});
