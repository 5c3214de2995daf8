/**
 * Real Terraform on a synthesized stack without cloud access: `init`, `validate` and
 * `plan -refresh=false` against an empty local state (what a first deploy would create).
 *
 * The technique (engineering.md section 1): an `*_override.tf.json` next to `cdk.tf.json` swaps the
 * backend for a local one, gives every aws provider dummy credentials and an empty role ARN (which
 * disables the STS call), and points every `terraform_remote_state` at a local state file that stands
 * in for the other stack's outputs. `vpce-hub review --offline` and the test suite's Terraform tier
 * share it. The provider comes from a filesystem mirror when one is named (VPCE_HUB_PROVIDER_MIRROR
 * for the CLI), else from Terraform's own configuration (the registry).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlanJson } from './plan-json';

export const OVERRIDE_FILE = 'zz_vpce_hub_test_override.tf.json';

export interface TerraformJson {
  terraform?: Record<string, unknown>;
  provider?: { aws?: Array<Record<string, unknown>> };
  data?: Record<string, Record<string, Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  /** Import blocks of adopted resources (removed before an offline plan: withoutImportBlocks). */
  import?: Array<{ to: string; id: string; provider?: string }>;
  moved?: Array<{ from: string; to: string }>;
}

export interface TerraformOptions {
  /** A filesystem mirror folder (it holds registry.terraform.io/...); undefined: Terraform's own config. */
  mirror?: string;
  /**
   * TF_PLUGIN_CACHE_DIR: one provider install shared by every stack's init. Terraform's cache is not
   * safe for concurrent writers ("Provider Plugin Cache", Terraform CLI configuration docs), so the
   * first init runs alone and fills it.
   */
  pluginCacheDir?: string;
}

export function terraformAvailable(): boolean {
  return spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
}

export function terraformVersion(): string {
  return execFileSync('terraform', ['version'], { encoding: 'utf8' }).split('\n')[0];
}

/** One CLI config file per mirror, written once per process. */
const cliConfigs = new Map<string, string>();

/** Environment for terraform: a CLI config for the mirror when one is given, no telemetry, no prompts. */
export function terraformEnv(opts: TerraformOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const mirror = opts.mirror;
  if (mirror) {
    if (!existsSync(mirror)) throw new Error(`the provider mirror ${mirror} does not exist`);
    let file = cliConfigs.get(mirror);
    if (!file) {
      file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tfrc-')), 'terraformrc');
      writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
      cliConfigs.set(mirror, file);
    }
    env.TF_CLI_CONFIG_FILE = file;
  }
  if (opts.pluginCacheDir) env.TF_PLUGIN_CACHE_DIR = opts.pluginCacheDir;
  return env;
}

/** Terraform's stdout, or an error with its output (trimmed) when it failed. */
function terraformResult(cwd: string, args: string[], r: TerraformExit): string {
  if (r.error) throw new Error(`terraform ${args.join(' ')} could not start: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed in ${path.basename(cwd)} (exit ${r.status}):\n${r.stderr}\n${r.stdout}`.slice(0, 8000));
  }
  return r.stdout;
}

/** Runs terraform in `cwd`; throws with Terraform's output (trimmed) when it fails. */
export function runTerraform(cwd: string, args: string[], opts: TerraformOptions = {}): string {
  const r = spawnSync('terraform', args, { cwd, env: terraformEnv(opts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return terraformResult(cwd, args, r);
}

export interface TerraformExit {
  error?: Error;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Starts terraform without blocking the event loop (several stacks can run at once); never rejects. */
export function spawnTerraform(cwd: string, args: string[], opts: TerraformOptions = {}): Promise<TerraformExit> {
  return new Promise((resolve) => {
    const child = spawn('terraform', args, { cwd, env: terraformEnv(opts) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const exit = (status: number | null, error?: Error) => resolve({ error, status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    child.on('error', (error) => exit(null, error));
    child.on('close', (status) => exit(status));
  });
}

/** runTerraform without blocking the event loop. */
export async function runTerraformAsync(cwd: string, args: string[], opts: TerraformOptions = {}): Promise<string> {
  return terraformResult(cwd, args, await spawnTerraform(cwd, args, opts));
}

/**
 * A procedure of terraform commands written once and run either way: it yields each command's
 * arguments and receives its stdout (runSteps: one after the other; runStepsAsync: without blocking).
 */
export type TerraformSteps<T> = Generator<string[], T, string>;

export function runSteps<T>(cwd: string, steps: TerraformSteps<T>, opts: TerraformOptions = {}): T {
  let next = steps.next();
  while (!next.done) next = steps.next(runTerraform(cwd, next.value, opts));
  return next.value;
}

export async function runStepsAsync<T>(cwd: string, steps: TerraformSteps<T>, opts: TerraformOptions = {}): Promise<T> {
  let next = steps.next();
  while (!next.done) next = steps.next(await runTerraformAsync(cwd, next.value, opts));
  return next.value;
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
    // A dual-stack hub's IPv6 block (destination_ipv6_cidr_block is checked as IPv6 at plan time).
    else if (name.endsWith('_ipv6_cidr')) out[name] = '2600:1f18:ffff:ff00::/56';
    else if (name.endsWith('_cidr')) out[name] = '10.255.0.0/16';
    else if (name.endsWith('_share_arn')) out[name] = 'arn:aws:ram:us-east-1:111111111111:resource-share/0f0e0d0c-0b0a-0908-0706-050403020100';
    else if (name.endsWith('_profile_id')) out[name] = 'rp-0123456789abcdef';
    else out[name] = `fake-${name}`;
  }
  return out;
}

function writeFakeState(file: string, values: Record<string, string>): void {
  const outputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, type: 'string' }]));
  writeFileSync(file, `${JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'vpce-hub-offline', outputs, resources: [] }, null, 2)}\n`);
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
  writeFileSync(path.join(dir, OVERRIDE_FILE), `${JSON.stringify(override, null, 2)}\n`);
}

export interface ValidateJson {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: unknown[];
}

export interface OfflineResult {
  validate: ValidateJson;
  plan: PlanJson;
}

/**
 * init (unless `init` is false: initOffline ran it) + validate + plan -refresh=false + show -json,
 * offline. `validate: 'with-imports'` runs the
 * separate validate only for a stack with import blocks (the plan cannot see them): `terraform plan`
 * validates the configuration itself, so elsewhere it would only load the provider once more.
 */
export function* offlinePlanSteps(stacksDir: string, stack: string, validate: 'always' | 'with-imports' = 'always', init = true): TerraformSteps<Partial<OfflineResult> & Pick<OfflineResult, 'plan'>> {
  const dir = path.join(stacksDir, stack);
  if (init) {
    writeOfflineOverride(stacksDir, stack);
    yield ['init', '-input=false', '-no-color'];
  }
  const validateFirst = validate === 'always' || readStackJson(stacksDir, stack).import !== undefined;
  const validated = validateFirst ? (JSON.parse(yield ['validate', '-json', '-no-color']) as ValidateJson) : undefined;
  withoutImportBlocks(dir);
  yield ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'];
  const plan = JSON.parse(yield ['show', '-json', 'plan.bin']) as PlanJson;
  return validated ? { validate: validated, plan } : { plan };
}

/** init + validate + plan -refresh=false + show -json, offline. Throws with Terraform's output on failure. */
export function offlinePlan(stacksDir: string, stack: string, opts: TerraformOptions = {}): OfflineResult {
  const { validate, plan } = runSteps(path.join(stacksDir, stack), offlinePlanSteps(stacksDir, stack), opts);
  if (!validate) throw new Error('offlinePlanSteps skipped validate');
  return { validate, plan };
}

/**
 * An import block makes plan read the object from AWS ("Cannot import non-existent remote object"
 * without access), and override files cannot remove blocks: once validate has checked them, the
 * stack's own file loses its `import` list, and the offline plan shows adopted resources as creates
 * (what the config builds). The real plan (`vpce-hub review --plan`) shows them as imports.
 */
export function withoutImportBlocks(dir: string): boolean {
  const file = path.join(dir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (json.import === undefined) return false;
  delete json.import;
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return true;
}

/** offlinePlan without blocking; `init: false` when the stack was initialized already (initOffline). */
export async function offlinePlanAsync(stacksDir: string, stack: string, opts: TerraformOptions = {}, init = true): Promise<OfflineResult> {
  const { validate, plan } = await runStepsAsync(path.join(stacksDir, stack), offlinePlanSteps(stacksDir, stack, 'always', init), opts);
  if (!validate) throw new Error('offlinePlanSteps skipped validate');
  return { validate, plan };
}

/** The override file and `terraform init` of one stack. */
export async function initOffline(stacksDir: string, stack: string, opts: TerraformOptions = {}): Promise<void> {
  writeOfflineOverride(stacksDir, stack);
  await runTerraformAsync(path.join(stacksDir, stack), ['init', '-input=false', '-no-color'], opts);
}

/** `terraform init -backend=false` + validate, for stacks whose backend cannot be reached (cloud). */
export function* validateWithoutBackendSteps(): TerraformSteps<ValidateJson> {
  yield ['init', '-backend=false', '-input=false', '-no-color'];
  return JSON.parse(yield ['validate', '-json', '-no-color']) as ValidateJson;
}

export function validateWithoutBackend(stacksDir: string, stack: string, opts: TerraformOptions = {}): ValidateJson {
  return runSteps(path.join(stacksDir, stack), validateWithoutBackendSteps(), opts);
}
