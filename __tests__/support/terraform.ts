/**
 * The Terraform tier: runs the real CLI (init, validate, offline plan) on a synthesized stack.
 *
 * The offline technique itself lives in src/review/offline-plan.ts, shared with
 * `vpce-hub review --offline`; this harness adds the test policy on top: the provider comes from the
 * mirror named by VPCE_HUB_PROVIDER_MIRROR, else from a complete offline mirror of the pinned version
 * found on this machine (scripts/find-provider-mirror.js), else from Terraform's own config (the registry),
 * through one plugin cache per jest run (support/terraform-setup.ts); stacks run concurrently, one
 * Terraform process per core (inTerraformSlot).
 */
import os from 'node:os';
import path from 'node:path';
import * as core from '../../src/review/offline-plan';
import { chooseMirrorOnce, ensurePluginCacheFilled, MIRROR_CHOICE_ENV, type StoredChoice } from './terraform-setup';
import type { OfflineResult } from '../../src/review/offline-plan';

export { fakeOutputs, OVERRIDE_FILE, readStackJson, terraformAvailable, terraformVersion, writeOfflineOverride } from '../../src/review/offline-plan';
export type { OfflineResult, TerraformJson } from '../../src/review/offline-plan';
export type { PlanJson } from '../../src/review/plan-json';

let chosen: StoredChoice | undefined;
/**
 * VPCE_HUB_PROVIDER_MIRROR (must be a complete mirror of the pinned version), else a complete mirror
 * found on this machine, else none (use the registry). Chosen once per jest run by global setup
 * (support/terraform-setup.ts), which says which; here only when a test runs without it.
 */
function providerMirror(): string | undefined {
  if (chosen === undefined) {
    const stored = process.env[MIRROR_CHOICE_ENV];
    chosen = stored ? (JSON.parse(stored) as StoredChoice) : chooseMirrorOnce();
  }
  if ('error' in chosen) throw new Error(chosen.error);
  return chosen.mirror;
}

/** The options the CLI would get from its environment, with the test policy's mirror discovery; the run's plugin cache filled. */
export function terraformOptions(): core.TerraformOptions {
  const mirror = providerMirror();
  ensurePluginCacheFilled(mirror);
  return { mirror };
}

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

/**
 * A job started in a beforeAll and awaited by a later test: marked as handled now, so a failure is
 * reported by the test that awaits it rather than as an unhandled rejection.
 */
export function startedJob<T>(job: Promise<T>): Promise<T> {
  job.catch(() => undefined);
  return job;
}
