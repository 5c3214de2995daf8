/**
 * The apply-and-destroy tier: `terraform test` with mock providers on a synthesized stack, offline.
 *
 * Beside the synthesized stack folders goes one test file per stack (JSON syntax, `<stack>.tftest.json`)
 * with one `mock_provider "aws"` per provider alias and one `run` (command = apply) per configuration of
 * a sequence: each run applies one synthesis's version of the stack (`module { source }`), all to one
 * `state_key`, so they apply in order to one state, and Terraform destroys what is left at the end with
 * the configuration that last applied it.
 *
 * Each run overrides every resource with what AWS returns for it in its provider's account and region
 * (support/mock-values.ts: ids of its own in AWS's formats, ARNs, owners, an endpoint's DNS entries),
 * and every `terraform_remote_state` with the outputs of the stack it reads, evaluated against the same
 * values (a spoke sees the ids its hub's mock apply made). The existing VPCs the check blocks read are
 * healthy (`mock_data` defaults).
 *
 * Mocks prove graphs, not AWS semantics: provider configuration missing at destroy, unknown values where
 * Terraform needs known ones, cycles, failing check blocks, moved blocks that do not apply. Import
 * blocks are left out: `terraform init` loads each run's stack as a module of the test, and refuses
 * them there ("Import blocks are only allowed in the root module", seen with Terraform 1.11); the plan
 * tier validates them (support/terraform.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnTerraform, withoutImportBlocks, type TerraformJson, type TerraformOptions } from '../../src/review/offline-plan';
import { dataDefaults, resourceValues, type MockTarget, type MockValues } from './mock-values';

/**
 * One configuration of a sequence: a name for its run, and a synthesized `stacks` folder in the JSON
 * form (what the test file is made from: providers, resources, outputs). `sourceDir`: the same
 * synthesis in the HCL form (`cdktf synth --hcl`), to apply that instead; the two forms come from one
 * construct tree, so they have the same addresses, providers and outputs.
 */
export interface ApplyStep {
  name: string;
  stacksDir: string;
  sourceDir?: string;
}
const sourceOf = (step: ApplyStep): string => step.sourceDir ?? step.stacksDir;

const readStack = (stacksDir: string, stack: string): TerraformJson => JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as TerraformJson;

/** Provider alias -> the account and region it acts in, from the synthesized provider blocks. */
export function mockTargets(json: TerraformJson): Map<string, MockTarget> {
  const out = new Map<string, MockTarget>();
  for (const p of json.provider?.aws ?? []) {
    const alias = p.alias as string | undefined;
    const region = p.region as string | undefined;
    const account = (p.allowed_account_ids as string[] | undefined)?.[0];
    if (!alias || !region || !account) throw new Error(`an aws provider block without alias, region or allowed_account_ids: ${JSON.stringify(p)}`);
    out.set(alias, { region, account });
  }
  return out;
}

type ResourceBody = Record<string, unknown>;

/** The alias a resource's `provider` names (`aws.eu_west_1` -> `eu_west_1`). */
function aliasOf(body: ResourceBody, where: string): string {
  const m = /^aws\.([\w-]+)$/.exec(String(body.provider ?? ''));
  if (!m) throw new Error(`${where} names no aliased aws provider (every vpce-hub resource does): ${String(body.provider)}`);
  return m[1];
}

/**
 * Per resource: what AWS would return for it (`override_resource` values). Per resource rather than
 * per type (`mock_resource` defaults): every object has ids of its own, as in AWS, so two subnets in a
 * set stay two, and an endpoint's DNS name names its service.
 */
function resourceOverrides(json: TerraformJson): Map<string, MockValues> {
  const targets = mockTargets(json);
  // A moved block's target keeps the object (and ids) of its source: follow renames back to the first name.
  const movedFrom = new Map((json.moved ?? []).map((m) => [m.to, m.from]));
  const origin = (address: string): string => {
    let at = address;
    for (let seen = 0; movedFrom.has(at) && seen < 100; seen++) at = movedFrom.get(at) as string;
    return at;
  };
  const out = new Map<string, MockValues>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const target = targets.get(aliasOf(body, `${type}.${name}`));
      if (!target) throw new Error(`${type}.${name}: no provider block for its alias`);
      const values = resourceValues(type, name, target, body, origin(`${type}.${name}`));
      if (!values) throw new Error(`${type}.${name}: support/mock-values.ts has no values for ${type}; add what AWS returns for it`);
      out.set(`${type}.${name}`, values);
    }
  }
  return out;
}

/** `${type.name.attr...}` -> [type, name, path]; anything else is not a plain reference. */
const REFERENCE = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\.[a-z][a-z0-9_]*|\[\d+\])+)\}$/;

/**
 * What an output of a stack is after a mock apply: literal values as written, references to a
 * resource's attribute from the resource's configuration or its override.
 */
export function mockOutputValue(json: TerraformJson, output: string): unknown {
  const value = json.output?.[output]?.value;
  if (value === undefined) throw new Error(`no output ${output}`);
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const m = REFERENCE.exec(value);
  if (!m) throw new Error(`output ${output} = ${value}: not a plain attribute reference; teach mockOutputValue to evaluate it`);
  const [, type, name, pathText] = m;
  const body = json.resource?.[type]?.[name];
  if (!body) throw new Error(`output ${output} refers to ${type}.${name}, which the stack does not have`);
  const attributes: MockValues = { ...resourceOverrides(json).get(`${type}.${name}`) };
  for (const [k, v] of Object.entries(body)) if (typeof v !== 'string' || !v.includes('${')) attributes[k] = v;
  let at: unknown = attributes;
  for (const step of pathText.match(/[a-z][a-z0-9_]*|\d+/g) ?? []) at = (at as Record<string, unknown> | undefined)?.[step];
  if (at === undefined) throw new Error(`output ${output}: ${type}.${name}${pathText} has no mock value; add it to support/mock-values.ts`);
  return at;
}

/** The outputs a stack reads from each stack whose state it reads: data source id -> { output: value }. */
function remoteStateOutputs(stacksDir: string, json: TerraformJson): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const text = JSON.stringify(json);
  for (const id of Object.keys(json.data?.terraform_remote_state ?? {})) {
    const target = id.replace(/^remote_state_/, '');
    const producer = readStack(stacksDir, target);
    const read = new Set([...text.matchAll(new RegExp(`data\\.terraform_remote_state\\.${id}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]));
    out.set(id, Object.fromEntries([...read].sort().map((name) => [name, mockOutputValue(producer, name)])));
  }
  return out;
}

/** The run block of one configuration of a stack: apply it to the stack's state, with its overrides. */
function runBlock(step: ApplyStep, stack: string, testDir: string): Record<string, unknown> {
  const json = readStack(step.stacksDir, stack);
  const source = path.relative(testDir, path.join(sourceOf(step), stack)).split(path.sep).join('/');
  const run: Record<string, unknown> = { command: 'apply', state_key: stack, module: { source: source.startsWith('.') ? source : `./${source}` } };
  const overrideData = [...remoteStateOutputs(step.stacksDir, json)].map(([id, outputs]) => ({ target: `data.terraform_remote_state.${id}`, values: { outputs } }));
  const overrideResource = [...resourceOverrides(json)].map(([target, values]) => ({ target, values }));
  if (overrideData.length > 0) run.override_data = overrideData;
  if (overrideResource.length > 0) run.override_resource = overrideResource;
  return run;
}

/** The stack folders of a synthesized `stacks` folder. */
const stacksIn = (stacksDir: string): string[] => readdirSync(stacksDir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(stacksDir, d.name, 'cdk.tf.json'))).map((d) => d.name);

/** The root module `terraform test` runs from: no resources, only the provider the stacks require. */
export const MOCK_ROOT_FILE = 'vpce_hub_mock_apply.tf.json';
export const testFileOf = (stack: string): string => `${stack}.tftest.json`;

/**
 * Writes one test file per stack (of every step, or those `only` names) into the first step's `stacks`
 * folder, beside the stack folders, and returns that folder. A stack's file has one run per step that has the stack, in order, each applying
 * that step's version of the stack (`module { source }`) to the stack's state (`state_key`). The mock
 * providers are the union of the aliases of every step (an alias always names one account and region).
 * One file per stack: a failing stack does not skip the others, and one `terraform test` process
 * runs them all, loading the provider's schema once.
 */
export function writeMockApplyTests(steps: readonly ApplyStep[], only?: readonly string[]): string {
  if (steps.length === 0) throw new Error('no configuration to apply');
  const testDir = sourceOf(steps[0]);
  const stacks = [...new Set(steps.flatMap((s) => stacksIn(s.stacksDir)))].filter((s) => only === undefined || only.includes(s));
  if (stacks.length === 0) throw new Error(`none of the stacks ${JSON.stringify(only)} is in any step`);
  for (const stack of stacks) {
    const present = steps.filter((s) => existsSync(path.join(s.stacksDir, stack, 'cdk.tf.json')));
    const targets = new Map<string, MockTarget>();
    for (const step of present) {
      if (step.sourceDir === undefined) withoutImportBlocks(path.join(step.stacksDir, stack));
      else if (readStack(step.stacksDir, stack).import) throw new Error(`${stack} has import blocks, which a mock provider cannot apply and the HCL form cannot leave out: apply the JSON form`);
      for (const [alias, t] of mockTargets(readStack(step.stacksDir, stack))) {
        const before = targets.get(alias);
        if (before && (before.region !== t.region || before.account !== t.account)) throw new Error(`provider alias ${alias} of ${stack} changes account or region between steps`);
        targets.set(alias, t);
      }
    }
    const mockProviders = [...targets].map(([alias, t]) => ({
      alias,
      mock_data: Object.fromEntries(Object.entries(dataDefaults(t)).map(([type, defaults]) => [type, { defaults }])),
    }));
    const runs = Object.fromEntries(present.map((step) => [step.name, runBlock(step, stack, testDir)]));
    writeFileSync(path.join(testDir, testFileOf(stack)), `${JSON.stringify({ mock_provider: { aws: mockProviders }, run: runs }, null, 2)}\n`);
  }
  const required = readStack(steps[0].stacksDir, stacksIn(steps[0].stacksDir)[0]).terraform?.required_providers;
  writeFileSync(path.join(testDir, MOCK_ROOT_FILE), `${JSON.stringify({ terraform: { required_providers: required } }, null, 2)}\n`);
  return testDir;
}

export interface MockApplyResult {
  stack: string;
  /** Run (step) name -> pass / fail / error / skip, in order. */
  runs: Record<string, string>;
  /** The destroy of what the runs left in the stack's state. */
  cleanup: 'pass' | 'fail';
  /** Errors, and warnings other than the expected one, as `severity: summary: detail (address) [run]`. */
  problems: string[];
}

/**
 * The warning expected: each stack carries its backend block, which Terraform ignores when it loads
 * the stack as a run's module (runs keep their state in the test's memory instead). Any other warning
 * is a problem: "Quoted references are deprecated" among them, since synth writes provider,
 * depends_on and ignore_changes references bare in the HCL form (src/stacks/hcl-references.ts).
 */
const EXPECTED_WARNINGS = ['Backend configuration ignored'];

interface TestMessage {
  type: string;
  '@testfile'?: string;
  '@testrun'?: string;
  test_run?: { path: string; run: string; progress: string; status?: string };
  test_file?: { path: string; progress: string; status?: string };
  test_cleanup?: { failed_resources?: unknown[] };
  diagnostic?: { severity: string; summary: string; detail?: string; address?: string };
}

/** Reads `terraform test -json`: per stack (test file), the status of each run, its cleanup, and what went wrong. */
export function parseTestOutput(stdout: string): Map<string, MockApplyResult> {
  const results = new Map<string, MockApplyResult>();
  const tearingDown = new Set<string>();
  const global: string[] = [];
  const resultOf = (file: string): MockApplyResult => {
    const stack = file.replace(/\.tftest\.json$/, '');
    let r = results.get(stack);
    if (!r) results.set(stack, (r = { stack, runs: {}, cleanup: 'pass', problems: [] }));
    return r;
  };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line) as TestMessage;
    const file = m['@testfile'];
    if (m.type === 'test_file' && m.test_file) {
      resultOf(m.test_file.path);
      if (m.test_file.progress === 'teardown') tearingDown.add(m.test_file.path);
    }
    if (m.type === 'test_run' && m.test_run?.progress === 'complete') resultOf(m.test_run.path).runs[m.test_run.run] = m.test_run.status ?? 'unknown';
    if (m.type === 'test_cleanup' && file && (m.test_cleanup?.failed_resources?.length ?? 0) > 0) resultOf(file).cleanup = 'fail';
    if (m.type === 'diagnostic' && m.diagnostic) {
      const d = m.diagnostic;
      if (d.severity === 'warning' && EXPECTED_WARNINGS.includes(d.summary)) continue;
      const text = `${d.severity}: ${d.summary}: ${(d.detail ?? '').replace(/\s+/g, ' ').trim()}${d.address ? ` (${d.address})` : ''}${m['@testrun'] ? ` [run ${m['@testrun']}]` : ''}`;
      if (!file) global.push(text);
      else {
        const r = resultOf(file);
        r.problems.push(text);
        // An error while the file tears down is a destroy that failed.
        if (d.severity === 'error' && tearingDown.has(file)) r.cleanup = 'fail';
      }
    }
  }
  // A problem outside any file (loading the configuration) belongs to every stack.
  for (const r of results.values()) r.problems.unshift(...global);
  return results;
}

/**
 * `terraform init -backend=false` then `terraform test -json` in the folder writeMockApplyTests wrote
 * into: stack name -> result. A stack Terraform never reported on gets the reason.
 */
export async function runMockApply(testDir: string, opts: TerraformOptions): Promise<Map<string, MockApplyResult>> {
  const stacks = readdirSync(testDir).filter((f) => f.endsWith('.tftest.json')).map((f) => f.replace(/\.tftest\.json$/, ''));
  const failed = (why: string) => new Map(stacks.map((stack) => [stack, { stack, runs: {}, cleanup: 'fail' as const, problems: [why] }]));
  const init = await spawnTerraform(testDir, ['init', '-backend=false', '-input=false', '-no-color'], opts);
  if (init.status !== 0) return failed(`error: terraform init failed: ${(init.error?.message ?? init.stderr).trim()}`);
  const test = await spawnTerraform(testDir, ['test', '-json', '-no-color'], opts);
  const results = parseTestOutput(test.stdout);
  for (const stack of stacks) {
    if (!results.has(stack)) results.set(stack, { stack, runs: {}, cleanup: 'fail', problems: [`error: terraform test (exit ${test.status}) reported nothing on ${testFileOf(stack)}: ${(test.error?.message ?? test.stderr).trim()}`] });
  }
  return results;
}
