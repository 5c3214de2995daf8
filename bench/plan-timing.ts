/**
 * Offline `terraform plan` of one synthesized stack: once through the test harness's `offlinePlan`
 * (init + validate + plan + show -json, which also proves the stack is valid), then `terraform plan`
 * alone again in the initialized folder, the figure a user waits for on every change.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { countByType, offlinePlan } from '../__tests__/support/terraform';
import { median } from './measure';

export const PLAN_ARGS = ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'];

export interface PlanTiming {
  stack: string;
  /** Folder of the stack, relative to the project root. */
  stackDir: string;
  resources: number;
  /** Resources the plan creates (all of them: the offline state is empty). */
  planned: number;
  valid: boolean;
  offlinePlanMs: number;
  planMs: number[];
  medianPlanMs: number;
  command: string;
}

export function timePlan(root: string, stacksDir: string, stack: string, resources: number, runs: number): PlanTiming {
  const absStacks = path.join(root, stacksDir);
  const started = Date.now();
  const result = offlinePlan(absStacks, stack);
  const offlinePlanMs = Date.now() - started;
  const planMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('terraform', PLAN_ARGS, {
      cwd: path.join(absStacks, stack),
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    planMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`terraform plan failed in ${stack}:\n${r.stderr}`.slice(0, 4000));
  }
  const planned = Object.values(countByType(result.plan)).reduce((a, b) => a + b, 0);
  return {
    stack,
    stackDir: path.posix.join(stacksDir, stack),
    resources,
    planned,
    valid: result.validate.valid,
    offlinePlanMs,
    planMs,
    medianPlanMs: median(planMs),
    command: `(cd ${path.posix.join(stacksDir, stack)} && terraform ${PLAN_ARGS.join(' ')})`,
  };
}
