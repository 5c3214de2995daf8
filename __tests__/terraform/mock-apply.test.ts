/**
 * The apply-and-destroy tier, on the HCL handoff: every stack of every shipped config (found on disk,
 * like the plan tier) and of the bench's smallest topology, in the form users hand to Terraform Cloud
 * (`cdktf synth --hcl`), is applied and destroyed by `terraform test` against mock providers
 * (support/mock-apply.ts), offline. Plan alone does not run the apply and destroy graphs: a provider
 * missing at destroy, an unknown value where Terraform needs a known one, a cycle, or a failing check
 * block shows only here. `terraform test` validates each stack first, so this is also the HCL form's
 * validity check: cdktf's HCL renderer differs from its JSON one (it wrote a JSON policy with embedded
 * references unescaped, and the terraform block's required_version as `0 = "required_version"`), so
 * the JSON tier (offline-plan.test.ts) does not cover it. The JSON form is applied by day-two.test.ts,
 * and here for a config with import blocks (examples/organization-transit-gateway adopts attachments).
 *
 * One `terraform test` process per config (one test file per stack, the provider's schema loaded
 * once), the configs concurrently (support/terraform.ts, inTerraformSlot).
 */
import path from 'node:path';
import { FULL, SMOKE } from '../../bench/run';
import { topologyYaml, type TopologyOptions } from '../../bench/topology';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { buildPlan } from '../../src/planning/build-plan';
import { REQUIRED_TERRAFORM } from '../../src/stacks/vpce-hub-stack';
import { runMockApply, writeMockApplyTests, type MockApplyResult } from '../support/mock-apply';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { PROJECT_ROOT, synthConfig, synthHclConfig, type Synthesized, type SynthesizedHcl } from '../support/synth';
import { inTerraformSlot, startedJob, terraformOptions } from '../support/terraform';

/** The bench's smallest topology: fewest spokes, then services, then accounts, of every bench plan. */
const SMALLEST: TopologyOptions = [...SMOKE.sizes, ...FULL.sizes].sort((a, b) => a.spokes - b.spokes || a.services - b.services || a.accounts - b.accounts)[0];
const BENCH = `bench topology ${SMALLEST.spokes}x${SMALLEST.accounts}x${SMALLEST.services} (${SMALLEST.dns})`;

const CONFIGS = [...SHIPPED_CONFIGS, BENCH];
const configOf = (name: string): VpceHubConfig => (name === BENCH ? parseConfigText(topologyYaml(SMALLEST)).config : loadConfigFile(path.join(PROJECT_ROOT, name)).config);

const synths = new Map<string, { json: Synthesized; hcl: SynthesizedHcl }>();
const results = new Map<string, Promise<Map<string, MockApplyResult>>>();

// Every config is started here, so they all share the pool of Terraform processes; each test awaits its own.
beforeAll(() => {
  for (const config of CONFIGS) {
    const json = synthConfig(configOf(config), config);
    const hcl = synthHclConfig(configOf(config));
    synths.set(config, { json, hcl });
    // A config that adopts (import blocks) is applied in its JSON form, its import blocks left out: a mock
    // provider cannot read what an import would (support/mock-apply.ts); the HCL form keeps them.
    const adopts = Object.values(json.stacks).some((st) => st.import !== undefined);
    const dir = writeMockApplyTests([{ name: 'apply', stacksDir: json.stacksDir, ...(adopts ? {} : { sourceDir: hcl.stacksDir }) }]);
    results.set(config, startedJob(inTerraformSlot(() => runMockApply(dir, terraformOptions()))));
  }
});
afterAll(async () => {
  await Promise.allSettled(results.values());
  for (const { json, hcl } of synths.values()) {
    json.cleanup();
    hcl.cleanup();
  }
});

describe.each(CONFIGS)('%s as HCL', (config) => {
  const names = buildPlan(configOf(config)).stacks.map((s) => s.name);

  it('writes every stack of the plan, each stating the Terraform version it needs', () => {
    const { hcl } = synths.get(config) as { hcl: SynthesizedHcl };
    expect(Object.keys(hcl.stacks).sort()).toEqual([...names].sort());
    for (const name of names) expect(hcl.stacks[name]).toContain(`required_version = "${REQUIRED_TERRAFORM}"`);
  });

  it.each(names)('stack %s validates, applies and destroys against mock providers', async (stack) => {
    expect((await results.get(config))?.get(stack)).toEqual({ stack, runs: { apply: 'pass' }, cleanup: 'pass', problems: [] });
  });
});
