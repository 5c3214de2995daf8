/**
 * The Terraform tier: runs the real CLI (init, validate, offline plan) on a synthesized stack.
 *
 * The offline technique itself lives in src/review/offline-plan.ts, shared with
 * `vpce-hub review --offline`; this harness adds the test policy on top: the provider comes from the
 * mirror named by VPCE_HUB_PROVIDER_MIRROR, else from a complete offline mirror of the pinned version
 * found on this machine (scripts/find-provider-mirror.js), else from Terraform's own config (the registry).
 */
import os from 'node:os';
import path from 'node:path';
import * as core from '../../src/review/offline-plan';
import type { OfflineResult } from '../../src/review/offline-plan';

export { fakeOutputs, OVERRIDE_FILE, readStackJson, terraformAvailable, terraformVersion, writeOfflineOverride } from '../../src/review/offline-plan';
export type { OfflineResult, TerraformJson } from '../../src/review/offline-plan';
export type { PlanJson } from '../../src/review/plan-json';

interface MirrorChoice {
  mirror?: string;
  source: 'VPCE_HUB_PROVIDER_MIRROR' | 'discovered' | 'none';
  skipped: Array<{ dir: string; reason: string }>;
}
let chosen: MirrorChoice | undefined;
/**
 * VPCE_HUB_PROVIDER_MIRROR (must be a complete mirror of the pinned version), else a complete mirror
 * found on this machine, else none (use the registry). Says once per test process which it took, so a
 * failing run shows where its provider came from.
 */
function providerMirror(): string | undefined {
  if (chosen === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chooseProviderMirror } = require('../../scripts/find-provider-mirror.js') as { chooseProviderMirror: () => MirrorChoice };
    chosen = chooseProviderMirror();
    for (const s of chosen.skipped) process.stderr.write(`terraform tier: skipped provider mirror ${s.dir}: ${s.reason}\n`);
    process.stderr.write(
      chosen.mirror ? `terraform tier: provider mirror ${chosen.mirror} (${chosen.source})\n` : 'terraform tier: no offline provider mirror; terraform init uses the registry\n',
    );
  }
  return chosen.mirror;
}

/** The options the CLI would get from its environment, with the test policy's mirror discovery. */
export const terraformOptions = (): core.TerraformOptions => ({ mirror: providerMirror() });

/** init + validate + plan -refresh=false + show -json, offline. Throws with Terraform's output on failure. */
export function offlinePlan(stacksDir: string, stack: string): OfflineResult {
  return core.offlinePlan(stacksDir, stack, terraformOptions());
}

/** `terraform init -backend=false` + validate, for stacks whose backend cannot be reached (cloud). */
export function validateWithoutBackend(stacksDir: string, stack: string): OfflineResult['validate'] {
  return core.validateWithoutBackend(stacksDir, stack, terraformOptions());
}

export function countByType(plan: OfflineResult['plan'], action = 'create'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rc of plan.resource_changes ?? []) {
    if (rc.change.actions.includes(action)) counts[rc.type] = (counts[rc.type] ?? 0) + 1;
  }
  return counts;
}

/** How many Terraform processes a test process runs at once: VPCE_HUB_TERRAFORM_JOBS, else one per core. */
export function terraformJobs(): number {
  const n = Number(process.env.VPCE_HUB_TERRAFORM_JOBS);
  return Number.isInteger(n) && n > 0 ? n : os.availableParallelism();
}

let running = 0;
const waiting: Array<() => void> = [];
/**
 * Runs `work` when one of terraformJobs() slots is free (one pool per test process, shared by every
 * suite's stacks): the tier's stacks run concurrently, bounded by the cores.
 */
export async function inTerraformSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finished job hands its slot to the next waiter directly, so `running` never exceeds the bound.
  if (running >= terraformJobs()) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** offlinePlan, concurrently, without the separate validate unless the stack has import blocks (plan validates). */
export function offlinePlanAsync(stacksDir: string, stack: string): Promise<Pick<OfflineResult, 'plan'> & Partial<OfflineResult>> {
  return inTerraformSlot(() => core.runStepsAsync(path.join(stacksDir, stack), core.offlinePlanSteps(stacksDir, stack, 'with-imports'), terraformOptions()));
}

/** validateWithoutBackend, concurrently. */
export function validateWithoutBackendAsync(stacksDir: string, stack: string): Promise<OfflineResult['validate']> {
  return inTerraformSlot(() => core.runStepsAsync(path.join(stacksDir, stack), core.validateWithoutBackendSteps(), terraformOptions()));
}
