/**
 * The Terraform tier: every shipped config (vpce-hub.yaml and each examples/<name>/vpce-hub.yaml, found
 * on disk so a new example is covered without editing this file) is synthesized, and every stack goes
 * through the real `terraform init`, `validate` and an offline `plan` (support/terraform.ts). The plan
 * must create exactly what the network plan predicts and do nothing else.
 *
 * This tier fails, never skips, without terraform on PATH. On a machine without registry access, point
 * VPCE_HUB_PROVIDER_MIRROR at a filesystem mirror of hashicorp/aws 5.100.0. Stacks run one after the
 * other (~7 s each).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import type { NetworkPlan } from '../../src/planning/plan';
import { PROJECT_ROOT, resourcesOf, synthFile, type Synthesized } from '../support/synth';
import { countByType, offlinePlan, terraformAvailable, validateWithoutBackend } from '../support/terraform';
import { expectedCreates } from './expected-creates';

const CONFIGS = [
  'vpce-hub.yaml',
  ...readdirSync(path.join(PROJECT_ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(PROJECT_ROOT, 'examples', d.name, 'vpce-hub.yaml')))
    .map((d) => path.posix.join('examples', d.name, 'vpce-hub.yaml'))
    .sort(),
];

/** The plan of a config file, or the reason it has none (reported as a failing test, not a crash). */
function planOf(file: string): NetworkPlan | Error {
  try {
    return buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

it('has terraform on PATH (this tier fails rather than skips without it)', () => {
  expect(terraformAvailable()).toBe(true);
});

it('finds the shipped config and at least the four original examples', () => {
  expect(CONFIGS).toEqual(
    expect.arrayContaining([
      'vpce-hub.yaml',
      'examples/cross-region-cloud/vpce-hub.yaml',
      'examples/endpoint-url/vpce-hub.yaml',
      'examples/existing-hub-vpc/vpce-hub.yaml',
    ]),
  );
});

describe.each(CONFIGS)('%s', (file) => {
  const plan = planOf(file);
  if (plan instanceof Error) {
    it('loads and plans', () => {
      throw plan;
    });
    return;
  }

  let synth: Synthesized;
  beforeAll(() => {
    synth = synthFile(file);
  });
  afterAll(() => synth?.cleanup());

  it.each(plan.stacks.map((s) => s.name))('stack %s: validates, and its offline plan creates exactly what the network plan predicts', (name) => {
    const stackPlan = synth.plan.stacks.find((s) => s.name === name);
    if (!stackPlan) throw new Error(`stack ${name} disappeared between planning and synthesis`);
    const expected = expectedCreates(synth.plan, stackPlan);

    // The synthesized JSON already holds exactly those resources (no count/for_each anywhere)...
    const inJson: Record<string, number> = {};
    for (const address of resourcesOf(synth.stacks[name]).keys()) {
      const type = address.split('.')[0];
      inJson[type] = (inJson[type] ?? 0) + 1;
    }
    expect(inJson).toEqual(expected);

    // ...and Terraform agrees.
    const { validate, plan: tfPlan } = offlinePlan(synth.stacksDir, name);
    expect(validate).toMatchObject({ valid: true, error_count: 0 });
    expect(countByType(tfPlan)).toEqual(expected);
    const notCreate = (tfPlan.resource_changes ?? []).filter((rc) => rc.change.actions.join(',') !== 'create').map((rc) => `${rc.address}: ${rc.change.actions.join(',')}`);
    expect(notCreate).toEqual([]);
  });
});

describe('Terraform Cloud backend', () => {
  const cloudConfigs = CONFIGS.filter((file) => {
    const plan = planOf(file);
    return !(plan instanceof Error) && plan.backend.kind === 'cloud';
  });

  it('is used by at least one shipped example', () => {
    expect(cloudConfigs.length).toBeGreaterThan(0);
  });

  // Offline, no cloud backend can be reached; validate the configuration as written (no override).
  it.each(cloudConfigs)('%s: every stack validates with its cloud block unchanged (init -backend=false)', (file) => {
    const synth = synthFile(file);
    try {
      for (const stack of synth.plan.stacks) {
        expect(synth.stacks[stack.name].terraform).toHaveProperty('cloud');
        expect(validateWithoutBackend(synth.stacksDir, stack.name)).toMatchObject({ valid: true, error_count: 0 });
      }
    } finally {
      synth.cleanup();
    }
  });
});
