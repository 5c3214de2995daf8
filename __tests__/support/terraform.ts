/**
 * The Terraform tier: runs the real CLI (init, validate, offline plan) on a synthesized stack.
 *
 * Offline planning (engineering.md section 1): a test-only `*_override.tf.json` swaps the backend for
 * a local one, gives every aws provider dummy credentials and an empty role ARN (which disables the
 * STS call), and points every `terraform_remote_state` at a local state file that stands in for the
 * hub stack's outputs. The provider comes from the mirror named by VPCE_HUB_PROVIDER_MIRROR when set
 * (a filesystem mirror folder holding registry.terraform.io/...), else from Terraform's own config.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const OVERRIDE_FILE = 'zz_vpce_hub_test_override.tf.json';

export interface TerraformJson {
  terraform?: Record<string, unknown>;
  provider?: { aws?: Array<Record<string, unknown>> };
  data?: Record<string, Record<string, Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
}

export interface PlanJson {
  resource_changes?: Array<{ address: string; type: string; name: string; change: { actions: string[]; after?: Record<string, unknown> } }>;
  planned_values?: { outputs?: Record<string, unknown> };
}

export function terraformAvailable(): boolean {
  return spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
}

let cliConfig: string | undefined;
let discovered: string | null | undefined;
/** VPCE_HUB_PROVIDER_MIRROR, else an offline mirror found on this machine, else none (use the registry). */
function providerMirror(): string | undefined {
  if (process.env.VPCE_HUB_PROVIDER_MIRROR) return process.env.VPCE_HUB_PROVIDER_MIRROR;
  if (discovered === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { findProviderMirror } = require('../../scripts/find-provider-mirror.js') as { findProviderMirror: () => string | undefined };
    discovered = findProviderMirror() ?? null;
  }
  return discovered ?? undefined;
}
/** Environment for terraform: a CLI config for the mirror when one is given, no telemetry. */
function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const mirror = providerMirror();
  if (mirror) {
    if (!existsSync(mirror)) throw new Error(`VPCE_HUB_PROVIDER_MIRROR=${mirror} does not exist`);
    if (!cliConfig) {
      cliConfig = path.join(mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tfrc-')), 'terraformrc');
      writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    }
    env.TF_CLI_CONFIG_FILE = cliConfig;
  }
  return env;
}

function run(cwd: string, args: string[]): string {
  const r = spawnSync('terraform', args, { cwd, env: terraformEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed in ${path.basename(cwd)} (exit ${r.status}):\n${r.stderr}\n${r.stdout}`.slice(0, 8000));
  }
  return r.stdout;
}

export function readStackJson(stacksDir: string, stack: string): TerraformJson {
  return JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as TerraformJson;
}

/** A plausible stand-in for each output of a stack (only their string-ness matters at plan time). */
export function fakeOutputs(stackJson: TerraformJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(stackJson.output ?? {})) {
    if (name.includes('_peering_')) out[name] = 'pcx-0123456789abcdef0';
    else if (name.includes('_zone_')) out[name] = 'Z0123456789ABCDEFGHIJ';
    else if (name.endsWith('_vpc_id')) out[name] = 'vpc-0123456789abcdef0';
    else if (name.endsWith('_cidr')) out[name] = '10.255.0.0/16';
    else if (name.endsWith('_share_arn')) out[name] = 'arn:aws:ram:us-east-1:111111111111:resource-share/0f0e0d0c-0b0a-0908-0706-050403020100';
    else if (name.endsWith('_profile_id')) out[name] = 'rp-0123456789abcdef';
    else out[name] = `fake-${name}`;
  }
  return out;
}

function writeFakeState(file: string, values: Record<string, string>): void {
  const outputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, type: 'string' }]));
  writeFileSync(file, JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'vpce-hub-test', outputs, resources: [] }, null, 2));
}

/** Writes the override file; remote states resolve to fake states made from the target stacks' outputs. */
export function writeOfflineOverride(stacksDir: string, stack: string): void {
  const dir = path.join(stacksDir, stack);
  const json = readStackJson(stacksDir, stack);
  const providers = (json.provider?.aws ?? []).map((p) => ({
    alias: p.alias,
    access_key: 'offline-test',
    secret_key: 'offline-test',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: 'true',
    // Offline the provider cannot learn the account id, so the pin cannot be checked; unit tests assert it.
    allowed_account_ids: null,
    // An empty role ARN disables the STS call that assume_role would make.
    assume_role: [{ role_arn: '' }],
  }));
  const remote = json.data?.terraform_remote_state ?? {};
  const remoteOverrides: Record<string, unknown> = {};
  for (const id of Object.keys(remote)) {
    const target = id.replace(/^remote_state_/, '');
    const stateFile = path.join(dir, `fake-${target}.tfstate`);
    writeFakeState(stateFile, fakeOutputs(readStackJson(stacksDir, target)));
    remoteOverrides[id] = { backend: 'local', config: { path: stateFile } };
  }
  const override: Record<string, unknown> = {
    terraform: { backend: { local: { path: 'offline-test.tfstate' } } },
    provider: { aws: providers },
  };
  if (Object.keys(remoteOverrides).length > 0) override.data = { terraform_remote_state: remoteOverrides };
  writeFileSync(path.join(dir, OVERRIDE_FILE), JSON.stringify(override, null, 2));
}

export interface OfflineResult {
  validate: { valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[] };
  plan: PlanJson;
}

/** init + validate + plan -refresh=false + show -json, offline. Throws with Terraform's output on failure. */
export function offlinePlan(stacksDir: string, stack: string): OfflineResult {
  const dir = path.join(stacksDir, stack);
  writeOfflineOverride(stacksDir, stack);
  run(dir, ['init', '-input=false', '-no-color']);
  const validate = JSON.parse(run(dir, ['validate', '-json', '-no-color'])) as OfflineResult['validate'];
  run(dir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin']);
  const plan = JSON.parse(run(dir, ['show', '-json', 'plan.bin'])) as PlanJson;
  return { validate, plan };
}

/** `terraform init -backend=false` + validate, for stacks whose backend cannot be reached (cloud). */
export function validateWithoutBackend(stacksDir: string, stack: string): OfflineResult['validate'] {
  const dir = path.join(stacksDir, stack);
  run(dir, ['init', '-backend=false', '-input=false', '-no-color']);
  return JSON.parse(run(dir, ['validate', '-json', '-no-color'])) as OfflineResult['validate'];
}

export function countByType(plan: PlanJson, action = 'create'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rc of plan.resource_changes ?? []) {
    if (rc.change.actions.includes(action)) counts[rc.type] = (counts[rc.type] ?? 0) + 1;
  }
  return counts;
}

export function terraformVersion(): string {
  return execFileSync('terraform', ['version'], { encoding: 'utf8' }).split('\n')[0];
}
