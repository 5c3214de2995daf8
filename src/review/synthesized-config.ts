/**
 * A config synthesized into a private temp folder (never the user's cdktf.out), read back as the
 * typed tree (analysis/tree.ts) that the checks and the reachability proof both read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTree, type SynthTree } from '../analysis/tree';
import type { VpceHubConfig } from '../config/schema';
import { buildPlan } from '../planning/build-plan';
import type { NetworkPlan } from '../planning/plan';
import { buildApp } from '../stacks/app';

export interface SynthesizedConfig {
  config: VpceHubConfig;
  plan: NetworkPlan;
  /** The synth output folder (manifest.json, stacks/<name>/cdk.tf.json). */
  outdir: string;
  stacksDir: string;
  tree: SynthTree;
  cleanup: () => void;
}

export function synthesizeToTemp(config: VpceHubConfig, prefix = 'vpce-hub-review-'): SynthesizedConfig {
  const outdir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const plan = buildPlan(config);
    buildApp(plan, outdir).synth();
    return {
      config,
      plan,
      outdir,
      stacksDir: path.join(outdir, 'stacks'),
      tree: loadTree(outdir),
      cleanup: () => rmSync(outdir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(outdir, { recursive: true, force: true });
    throw e;
  }
}
