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
import path from 'node:path';
import { loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import type { NetworkPlan } from '../../src/planning/plan';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { PROJECT_ROOT, resourcesOf, synthFile, type Synthesized } from '../support/synth';
import { countByType, offlinePlan, terraformAvailable, validateWithoutBackend } from '../support/terraform';
import { expectedCreates } from './expected-creates';

const CONFIGS = SHIPPED_CONFIGS;

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

it('finds the shipped config and at least the four original examples, and the transit gateway ones', () => {
  expect(CONFIGS).toEqual(
    expect.arrayContaining([
      'vpce-hub.yaml',
      'examples/hybrid/vpce-hub.yaml',
      'examples/transit-gateway/vpce-hub.yaml',
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

    // The flow-log role's trust policy, as Terraform evaluates the jsonencode: scoped to this account.
    for (const rc of (tfPlan.resource_changes ?? []).filter((r) => r.type === 'aws_iam_role')) {
      const after = rc.change.after as { assume_role_policy?: string } | null;
      const statement = JSON.parse(after?.assume_role_policy ?? '{}').Statement?.[0];
      expect(statement?.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
      expect(statement?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': stackPlan.account.id });
      expect(statement?.Condition?.ArnLike?.['aws:SourceArn']).toMatch(new RegExp(`^arn:aws[a-z-]*:ec2:[a-z0-9-]+:${stackPlan.account.id}:vpc-flow-log/\\*$`));
    }
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
