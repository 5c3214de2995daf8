/**
 * The apply-and-destroy tier: every stack of every shipped config (found on disk, like the plan tier)
 * and of the bench's smallest topology is applied and destroyed by `terraform test` against mock
 * providers (support/mock-apply.ts), offline. Plan alone does not run the apply and destroy graphs: a
 * provider missing at destroy, an unknown value where Terraform needs a known one, a cycle, or a failing
 * check block shows only here. One `terraform test` process per config (one test file per stack, the
 * provider's schema loaded once), the configs concurrently (support/terraform.ts, inTerraformSlot).
 */
import path from 'node:path';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { buildPlan } from '../../src/planning/build-plan';
import { topologyYaml, type TopologyOptions } from '../../bench/topology';
import { FULL, SMOKE } from '../../bench/run';
import { runMockApply, writeMockApplyTests, type MockApplyResult } from '../support/mock-apply';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { PROJECT_ROOT, synthConfig, type Synthesized } from '../support/synth';
import { inTerraformSlot, startedJob, terraformOptions } from '../support/terraform';

/** The bench's smallest topology: fewest spokes, then services, then accounts, of every bench plan. */
const SMALLEST: TopologyOptions = [...SMOKE.sizes, ...FULL.sizes].sort((a, b) => a.spokes - b.spokes || a.services - b.services || a.accounts - b.accounts)[0];
const BENCH = `bench topology ${SMALLEST.spokes}x${SMALLEST.accounts}x${SMALLEST.services} (${SMALLEST.dns})`;

const CONFIGS = [...SHIPPED_CONFIGS, BENCH];
const configOf = (name: string): VpceHubConfig => (name === BENCH ? parseConfigText(topologyYaml(SMALLEST)).config : loadConfigFile(path.join(PROJECT_ROOT, name)).config);

const synths = new Map<string, Synthesized>();
const results = new Map<string, Promise<Map<string, MockApplyResult>>>();

// Every config is started here, so they all share the pool of Terraform processes; each test awaits its own.
beforeAll(() => {
  for (const config of CONFIGS) {
    const synth = synthConfig(configOf(config), config);
    synths.set(config, synth);
    const dir = writeMockApplyTests([{ name: 'apply', stacksDir: synth.stacksDir }]);
    results.set(config, startedJob(inTerraformSlot(() => runMockApply(dir, terraformOptions()))));
  }
});
afterAll(async () => {
  await Promise.allSettled(results.values());
  for (const s of synths.values()) s.cleanup();
});

describe.each(CONFIGS)('%s', (config) => {
  const names = buildPlan(configOf(config)).stacks.map((s) => s.name);

  it.each(names)('stack %s applies and destroys against mock providers', async (stack) => {
    expect((await results.get(config))?.get(stack)).toEqual({ stack, runs: { apply: 'pass' }, cleanup: 'pass', problems: [] });
  });
});
