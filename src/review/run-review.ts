/**
 * `vpce-hub review` without the command line: synthesize the current config (and the base) into
 * temp folders, learn the changes (real plans where given, else the tree comparison), and assemble
 * the report. Input problems (bad config, unknown ref, unreadable plan) throw `ReviewInputError`,
 * which the CLI turns into exit code 2.
 */
import { adoptionNotes } from './adoption';
import { ipv6ChangeLines } from './ipv6-changes';
import { migrationNotes } from './peering-migration';
import { accountRenames, suggestRenames } from './renames';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provePolicies } from '../analysis/policy-proof';
import { proveReachability } from '../analysis/prove';
import { loadTree, TreeLoadError, type SynthTree } from '../analysis/tree';
import { ConfigError, formatFindings } from '../config/findings';
import { loadConfigFile, parseConfigText, resolveConfigPath } from '../config/load';
import type { VpceHubConfig } from '../config/schema';
import { ids } from '../planning/naming';
import type { NetworkPlan } from '../planning/plan';
import { quotaUsage } from '../planning/quotas';
import { configAtRef, BaseConfigError } from './base-config';
import { countActions, type ResourceChange, type StackChanges } from './changes';
import { estimateCost } from './cost';
import { evaluateGate } from './gate';
import { orphanedProviders } from './orphaned-providers';
import { topologyMermaid, topologyOutline, type SpokeDelta } from './mermaid';
import { initOffline, offlinePlan, offlinePlanAsync, type TerraformOptions } from './offline-plan';
import { chooseMirror, MirrorError, mirrorNote } from './provider-mirror';
import { changesFromPlan, parsePlanJson, PlanJsonError } from './plan-json';
import { priceTable } from '../catalogue/prices';
import { reachabilityDelta } from './reachability-delta';
import { failuresOf, type BaseInfo, type ReviewReport, type TerraformCheck } from './report';
import { synthesizeToTemp, type SynthesizedConfig } from './synthesized-config';
import { diffTrees } from './tree-diff';
import { proveTransition } from './transition';

export class ReviewInputError extends Error {}

export interface ReviewOptions {
  /** Default: $VPCE_HUB_CONFIG or vpce-hub.yaml. */
  configPath?: string;
  /** A git ref; the config file at that ref is the base. */
  base?: string;
  /** A synth output folder (manifest.json + stacks/) to compare against. */
  baseDir?: string;
  /** A base config given as text (scripts and tests); `label` names it in the report. */
  baseConfig?: { text: string; label: string };
  /** `terraform show -json` files, `[stack=]file`; without `stack=`, the file name (minus .json) names the stack. */
  plans?: string[];
  /** Run real Terraform offline on every stack (init, validate, plan against an empty state). */
  offline?: boolean;
  terraform?: TerraformOptions;
  allowDestroy?: string[];
  /** Acknowledges transition outages: `hub=<name>` or `spoke=<name>` (acknowledgements.ts). */
  allowOutage?: string[];
  /** Overrides the traffic assumption of the cost estimate. */
  gbPerSpokeMonth?: number;
  /** Paths in the report are relative to this folder; default process.cwd(). */
  cwd?: string;
  /** Told what the review is doing, a line at a time (the CLI writes it to stderr). */
  progress?: (line: string) => void;
  /** Stacks planned at once under --offline (runReviewAsync); default: the machine's cores. */
  concurrency?: number;
}

export function runReview(opts: ReviewOptions): ReviewReport {
  const ctx = prepare(opts);
  try {
    const terraform: TerraformCheck[] = [];
    const stacks = opts.offline ? runOffline(ctx.stacks, ctx.current, ctx.base.kind === 'none', { ...(opts.terraform ?? {}) }, terraform) : ctx.stacks;
    return finish(ctx, stacks, terraform, opts);
  } finally {
    for (const t of ctx.temps) t.cleanup();
  }
}

/**
 * runReview for the command line: under --offline the stacks are planned several at once (as many as
 * the machine has cores, one provider install shared through the plugin cache), with progress.
 */
export async function runReviewAsync(opts: ReviewOptions): Promise<ReviewReport> {
  const ctx = prepare(opts);
  try {
    const terraform: TerraformCheck[] = [];
    const stacks = opts.offline ? await runOfflineConcurrently(ctx.stacks, ctx.current, ctx.base.kind === 'none', opts, terraform) : ctx.stacks;
    return finish(ctx, stacks, terraform, opts);
  } finally {
    for (const t of ctx.temps) t.cleanup();
  }
}

interface Prepared {
  cwd: string;
  file: string;
  config: VpceHubConfig;
  current: SynthesizedConfig;
  base: Base;
  stacks: StackChanges[];
  temps: SynthesizedConfig[];
}

function prepare(opts: ReviewOptions): Prepared {
  const cwd = opts.cwd ?? process.cwd();
  const progress = opts.progress ?? (() => undefined);
  if ([opts.base, opts.baseDir, opts.baseConfig].filter((b) => b !== undefined).length > 1) {
    throw new ReviewInputError('give at most one of --base and --base-dir');
  }
  const file = resolveConfigPath(opts.configPath, cwd);
  const config = loadConfig(() => loadConfigFile(file).config, 'the config');
  progress('synthesizing the config');
  const current = synthesizeToTemp(config);
  const temps: SynthesizedConfig[] = [current];
  try {
    const base = loadBase(opts, file, cwd, temps, progress);
    progress('comparing the synthesized trees');
    const order = current.plan.stacks.map((s) => s.name);
    let stacks = diffTrees(base.tree, current.tree, order);
    stacks = applyPlans(stacks, opts.plans ?? [], cwd);
    return { cwd, file, config, current, base, stacks, temps };
  } catch (e) {
    for (const t of temps) t.cleanup();
    throw e;
  }
}

function finish(ctx: Prepared, stacks: StackChanges[], terraform: TerraformCheck[], opts: ReviewOptions): ReviewReport {
  const { cwd, file, config, current, base } = ctx;
  const progress = opts.progress ?? (() => undefined);
  const renamedKeys = base.synth
    ? accountRenames(base.synth.config, config, {
        baseConfig: 'vpce-hub.base.yaml',
        baseOut: 'cdktf.base.out',
        out: 'cdktf.out',
        ...(opts.configPath !== undefined ? { config: opts.configPath } : {}),
        base: opts.base !== undefined ? { ref: opts.base, configPath: path.relative(cwd, file) || path.basename(file) } : { label: base.info.label },
      })
    : [];
  progress('proving reachability');
  const proof = proveReachability(current.tree, config);
  const baseProof = base.synth ? proveReachability(base.synth.tree, base.synth.config) : undefined;
  // Every order in which Terraform may apply the change: pairs reachable before and after must stay so.
  if (base.tree) progress('proving the transition (every order Terraform may apply the change in)');
  const transition = base.tree
    ? proveTransition({
        base: base.tree,
        current: current.tree,
        stacks,
        specs: { current: { config, plan: current.plan }, ...(base.synth ? { base: { config: base.synth.config, plan: base.synth.plan } } : {}) },
        proofs: { current: proof, ...(baseProof ? { base: baseProof } : {}) },
      })
    : undefined;
  const unroutedHubs = new Set((base.synth?.plan.hubs ?? []).filter((h) => h.peeringMigration === 'move-routes').map((h) => h.name));
  const gate = evaluateGate(
    stacks,
    opts.allowDestroy ?? [],
    orphanedProviders(base.tree, current.tree),
    renamedKeys,
    { outages: transition?.outages ?? [], allowOutage: opts.allowOutage ?? [] },
    unroutedHubs,
  );
  const prices = priceTable(config.prices, opts.gbPerSpokeMonth);
  const partial = {
    gate,
    transition: transition ? { events: transition.events, states: transition.states, pairs: transition.pairs } : undefined,
    reachability: { current: proof, ...(baseProof ? { delta: reachabilityDelta(baseProof, proof) } : {}) },
    policies: provePolicies(config),
    quotas: quotaUsage(current.plan, config.quotas),
    terraform,
  };
  const failures = failuresOf(partial);
  return {
    config: path.relative(cwd, file) || path.basename(file),
    base: base.info,
    stacks,
    ...partial,
    topology: topologyOf(current.plan, stacks),
    cost: estimateCost(current.plan, prices),
    ipv6: ipv6ChangeLines(stacks),
    adoption: adoptionNotes(current.plan),
    migration: migrationNotes(current.plan, base.synth?.plan, stacks.flatMap((s) => s.changes)),
    renames: base.synth ? suggestRenames(base.synth.config, config) : [],
    accountRenames: renamedKeys,
    ...(base.synth ? { baseCost: estimateCost(base.synth.plan, priceTable(base.synth.config.prices, opts.gbPerSpokeMonth)).total } : {}),
    failures,
    exitCode: failures.length > 0 ? 1 : 0,
  };
}

interface Base {
  kind: BaseInfo['kind'];
  info: BaseInfo;
  tree?: SynthTree;
  /** Set when the base config is known (git ref or config text). */
  synth?: SynthesizedConfig;
}

function loadBase(opts: ReviewOptions, file: string, cwd: string, temps: SynthesizedConfig[], progress: (line: string) => void): Base {
  const fromText = (text: string, label: string, kind: 'git' | 'config'): Base => {
    const config = loadConfig(() => parseConfigText(text, label).config, `the base config (${label})`);
    progress(`synthesizing the base (${label})`);
    const synth = synthesizeToTemp(config, 'vpce-hub-review-base-');
    temps.push(synth);
    return { kind, info: { kind, label }, tree: synth.tree, synth };
  };
  if (opts.baseConfig) return fromText(opts.baseConfig.text, opts.baseConfig.label, 'config');
  if (opts.base !== undefined) {
    let text: string | undefined;
    try {
      text = configAtRef(opts.base, file);
    } catch (e) {
      if (e instanceof BaseConfigError) throw new ReviewInputError(`--base ${opts.base}: ${e.message}`);
      throw e;
    }
    const label = `git ref ${opts.base}`;
    if (text === undefined) return { kind: 'none', info: { kind: 'none', label: `${label} (the config did not exist there: everything is new)` } };
    return fromText(text, label, 'git');
  }
  if (opts.baseDir !== undefined) {
    const dir = path.resolve(cwd, opts.baseDir);
    try {
      return { kind: 'dir', info: { kind: 'dir', label: `synthesized folder ${path.relative(cwd, dir) || '.'}` }, tree: loadTree(dir) };
    } catch (e) {
      if (e instanceof TreeLoadError) throw new ReviewInputError(`--base-dir: ${e.message}`);
      throw e;
    }
  }
  return { kind: 'none', info: { kind: 'none', label: 'nothing (no --base): everything is new' } };
}

function loadConfig(load: () => VpceHubConfig, what: string): VpceHubConfig {
  try {
    return load();
  } catch (e) {
    if (e instanceof ConfigError) throw new ReviewInputError(`${what} is invalid:\n${formatFindings(e.findings.filter((f) => f.severity === 'error'), e.file)}`);
    throw e;
  }
}

/** `--plan` files replace the tree comparison of their stacks. */
function applyPlans(stacks: StackChanges[], plans: string[], cwd: string): StackChanges[] {
  const known = new Set(stacks.map((s) => s.stack));
  const byStack = new Map<string, ResourceChange[]>();
  for (const spec of plans) {
    const { stack, file } = parsePlanSpec(spec, known);
    const full = path.resolve(cwd, file);
    if (!existsSync(full)) throw new ReviewInputError(`--plan ${spec}: ${file} does not exist`);
    try {
      byStack.set(stack, parsePlanJson(readFileSync(full, 'utf8'), stack));
    } catch (e) {
      if (e instanceof PlanJsonError) throw new ReviewInputError(`--plan ${spec}: ${e.message}`);
      throw e;
    }
  }
  return stacks.map((s) => {
    const changes = byStack.get(s.stack);
    return changes ? { ...s, source: 'plan', changes } : s;
  });
}

/** `network=plans/network.json`, or `plans/network.json` / `network.plan.json` (the stack from the name). */
export function parsePlanSpec(spec: string, stacks: ReadonlySet<string>): { stack: string; file: string } {
  const eq = spec.indexOf('=');
  if (eq > 0 && stacks.has(spec.slice(0, eq))) return { stack: spec.slice(0, eq), file: spec.slice(eq + 1) };
  const stack = path.basename(spec).replace(/(\.tfplan|\.plan)?\.json$/, '');
  if (!stacks.has(stack)) {
    throw new ReviewInputError(`--plan ${spec}: cannot tell which stack it is for; name the file <stack>.json or write <stack>=<file> (stacks: ${[...stacks].join(', ')})`);
  }
  return { stack, file: spec };
}

/**
 * Real Terraform on every current stack, against an empty local state. Without a base that plan is
 * exactly the change (a first deploy) and becomes the stack's change list; with a base it proves the
 * stacks init, validate and plan, while the tree comparison still says what changes.
 */
function runOffline(stacks: StackChanges[], current: SynthesizedConfig, useAsChanges: boolean, tf: TerraformOptions, checks: TerraformCheck[]): StackChanges[] {
  const planned = new Map<string, ResourceChange[]>();
  for (const stack of current.plan.stacks.map((s) => s.name)) {
    try {
      const { validate, plan } = offlinePlan(current.stacksDir, stack, tf);
      const changes = changesFromPlan(plan, stack);
      const n = countActions(changes);
      checks.push({ stack, ok: validate.valid, summary: `validate ${validate.valid ? 'ok' : `failed (${validate.error_count} errors)`}, plan against an empty state: ${n.create} to add` });
      planned.set(stack, changes);
    } catch (e) {
      checks.push({ stack, ok: false, summary: firstLines((e as Error).message, 6) });
    }
  }
  if (!useAsChanges) return stacks;
  return stacks.map((s) => {
    const changes = planned.get(s.stack);
    return changes && s.source === 'synth-diff' ? { ...s, source: 'offline-plan', changes } : s;
  });
}

/**
 * runOffline, several stacks at once: the first stack's init fills one plugin cache (Terraform's cache
 * is not safe for concurrent writers), then up to `concurrency` stacks (default: the cores,
 * os.availableParallelism) validate and plan in parallel. Without a mirror named, the test suite's
 * policy finds one (provider-mirror.ts), and says what it took.
 */
async function runOfflineConcurrently(stacks: StackChanges[], current: SynthesizedConfig, useAsChanges: boolean, opts: ReviewOptions, checks: TerraformCheck[]): Promise<StackChanges[]> {
  const progress = opts.progress ?? (() => undefined);
  let mirror = opts.terraform?.mirror;
  if (mirror === undefined) {
    let choice;
    try {
      choice = chooseMirror();
    } catch (e) {
      if (e instanceof MirrorError) throw new ReviewInputError(`--offline: ${e.message}`);
      throw e;
    }
    progress(mirrorNote(choice));
    mirror = choice.mirror;
  }
  const cache = opts.terraform?.pluginCacheDir ?? process.env.TF_PLUGIN_CACHE_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-plugin-cache-'));
  const ownCache = opts.terraform?.pluginCacheDir === undefined && process.env.TF_PLUGIN_CACHE_DIR === undefined;
  const tf = { ...(opts.terraform ?? {}), ...(mirror !== undefined ? { mirror } : {}), pluginCacheDir: cache };
  const names = current.plan.stacks.map((s) => s.name);
  const width = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), names.length));
  const results = new Map<string, { changes?: ResourceChange[]; check: TerraformCheck }>();
  const started = Date.now();
  let done = 0;
  const planOne = async (stack: string, init: boolean) => {
    const t0 = Date.now();
    try {
      const { validate, plan } = await offlinePlanAsync(current.stacksDir, stack, tf, init);
      const changes = changesFromPlan(plan, stack);
      const n = countActions(changes);
      results.set(stack, { changes, check: { stack, ok: validate.valid, summary: `validate ${validate.valid ? 'ok' : `failed (${validate.error_count} errors)`}, plan against an empty state: ${n.create} to add` } });
    } catch (e) {
      results.set(stack, { check: { stack, ok: false, summary: firstLines((e as Error).message, 6) } });
    }
    done += 1;
    progress(`terraform: ${done}/${names.length} stacks planned (${stack}: ${((Date.now() - t0) / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(0)} s in all, ${width} at a time)`);
  };
  try {
    // The first init alone fills the plugin cache; every later init only links from it.
    let first = true;
    try {
      await initOffline(current.stacksDir, names[0], tf);
    } catch (e) {
      first = false;
      results.set(names[0], { check: { stack: names[0], ok: false, summary: firstLines((e as Error).message, 6) } });
      done += 1;
    }
    const queue = first ? [...names] : names.slice(1);
    const worker = async () => {
      for (let stack = queue.shift(); stack !== undefined; stack = queue.shift()) await planOne(stack, stack !== names[0]);
    };
    await Promise.all(Array.from({ length: width }, worker));
  } finally {
    if (ownCache) rmSync(cache, { recursive: true, force: true });
  }
  for (const name of names) {
    const r = results.get(name);
    // A failure without a mirror is most often the registry out of reach: name the way out.
    if (r) checks.push(r.check.ok || mirror !== undefined ? r.check : { ...r.check, summary: `${r.check.summary}\n(no provider mirror was used: on a machine without registry access set VPCE_HUB_PROVIDER_MIRROR)` });
  }
  if (!useAsChanges) return stacks;
  return stacks.map((s) => {
    const changes = results.get(s.stack)?.changes;
    return changes && s.source === 'synth-diff' ? { ...s, source: 'offline-plan', changes } : s;
  });
}

function topologyOf(plan: NetworkPlan, stacks: StackChanges[]): ReviewReport['topology'] {
  const delta = spokeDelta(plan, stacks);
  return { mermaid: topologyMermaid(plan, delta), outline: topologyOutline(plan, delta) };
}

/** Spokes added or removed, read from their peering connections (every spoke has exactly one). */
function spokeDelta(plan: NetworkPlan, stacks: StackChanges[]): SpokeDelta {
  const added = new Set<string>();
  const removed: SpokeDelta['removed'][number][] = [];
  for (const hub of plan.hubs) {
    const prefix = `aws_vpc_peering_connection.${ids.hubPeering(hub.name, '')}`;
    for (const c of stacks.flatMap((s) => s.changes)) {
      if (!c.address.startsWith(prefix)) continue;
      const spoke = c.address.slice(prefix.length);
      if (c.action === 'create' && plan.spokes.some((s) => s.name === spoke)) added.add(spoke);
      if (c.action === 'delete' && !plan.spokes.some((s) => s.name === spoke)) {
        const owner = c.before?.peer_owner_id;
        removed.push({ name: spoke, hub: hub.name, ...(typeof owner === 'string' ? { accountId: owner } : {}) });
      }
    }
  }
  return { added, removed };
}

const firstLines = (text: string, n: number): string => text.split('\n').filter((l) => l.trim() !== '').slice(0, n).join('\n');
