/**
 * The Terraform tier: runs the real CLI (init, validate, offline plan) on a synthesized stack.
 *
 * The offline technique itself lives in src/review/offline-plan.ts, shared with
 * `vpce-hub review --offline`; this harness adds the test policy on top: the provider comes from the
 * mirror named by VPCE_HUB_PROVIDER_MIRROR, else from a complete offline mirror of the pinned version
 * found on this machine (scripts/find-provider-mirror.js), else from Terraform's own config (the registry).
 */
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
