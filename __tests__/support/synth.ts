/** Test helper: config text or file -> full `app.synth()` into a temp dir (cross-stack wiring and cdktf validations included). */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { buildPlan } from '../../src/planning/build-plan';
import type { NetworkPlan } from '../../src/planning/plan';
import { buildApp } from '../../src/stacks/app';
import { writeSynthRecord } from '../../src/analysis/synth-record';
import type { TerraformJson } from './terraform';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface Synthesized {
  outdir: string;
  stacksDir: string;
  plan: NetworkPlan;
  /** Stack name -> parsed cdk.tf.json. */
  stacks: Record<string, TerraformJson>;
  cleanup: () => void;
}

/** Like `vpce-hub synth`, including the record of what the output was made from (`configFile` names it). */
export function synthConfig(config: VpceHubConfig, configFile = '<config>'): Synthesized {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-synth-'));
  const plan = buildPlan(config);
  buildApp(plan, outdir).synth();
  writeSynthRecord(outdir, config, configFile);
  const stacksDir = path.join(outdir, 'stacks');
  const stacks: Record<string, TerraformJson> = {};
  for (const name of readdirSync(stacksDir)) {
    stacks[name] = JSON.parse(readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  }
  return { outdir, stacksDir, plan, stacks, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The HCL form (`cdktf synth --hcl`): stack name -> cdk.tf text. */
export interface SynthesizedHcl {
  stacksDir: string;
  plan: NetworkPlan;
  stacks: Record<string, string>;
  cleanup: () => void;
}

export function synthHclConfig(config: VpceHubConfig): SynthesizedHcl {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-synth-hcl-'));
  const plan = buildPlan(config);
  buildApp(plan, outdir, { hcl: true }).synth();
  const stacksDir = path.join(outdir, 'stacks');
  const stacks: Record<string, string> = {};
  for (const name of readdirSync(stacksDir)) stacks[name] = readFileSync(path.join(stacksDir, name, 'cdk.tf'), 'utf8');
  return { stacksDir, plan, stacks, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

export const synthHclFile = (file: string): SynthesizedHcl => synthHclConfig(loadConfigFile(path.resolve(PROJECT_ROOT, file)).config);

export const synthText = (yamlText: string): Synthesized => synthConfig(parseConfigText(yamlText).config);
export const synthFile = (file: string): Synthesized => synthConfig(loadConfigFile(path.resolve(PROJECT_ROOT, file)).config, path.resolve(PROJECT_ROOT, file));

/** `type.name` -> resource body without cdktf's `//` metadata. */
export function resourcesOf(stack: TerraformJson): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { ['//']: _meta, ...rest } = body;
      out.set(`${type}.${name}`, rest);
    }
  }
  return out;
}
