/**
 * A synthesized Terraform tree (`cdktf.out`: manifest.json + one `stacks/<name>/cdk.tf.json` per
 * stack) as a typed, read-only model, and the navigation analyses need: resources by type and address,
 * providers, backend, remote states, outputs, and resolution of an expression to what it denotes
 * (`${aws_vpc.hub_main.id}` -> that VPC; `${data.terraform_remote_state.remote_state_network.outputs.X}`
 * -> the network stack's output X -> the resource that output names).
 *
 * Independent of cdktf: only the documented Terraform JSON syntax and the manifest's stack list are
 * read; cdktf's `//` metadata is dropped. Which stack a remote state reads is decided the way Terraform
 * decides it, by the state location (same local file, same S3 bucket and key, same cloud workspace),
 * not by naming conventions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseExpression, referencesIn, type PathPart, type Reference } from './expression';
import { blocks, isArray, isObject, obj, stableJson, str, strList, toFrozenJson, type Json, type JsonObject } from './json-value';

export interface TfResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `type.name`, as Terraform addresses it inside its stack. */
  readonly address: string;
  /** The resource body without `//` metadata. */
  readonly body: JsonObject;
  /** `aws.us_east_1`, or `aws` for the type's default (unaliased) provider configuration. */
  readonly providerKey: string;
}

export interface TfDataSource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `data.type.name`. */
  readonly address: string;
  readonly body: JsonObject;
}

export interface TfProvider {
  readonly stack: string;
  /** Provider type, e.g. `aws`. */
  readonly type: string;
  readonly alias?: string;
  /** How resources name it: `aws.us_east_1`, or `aws` without alias. */
  readonly key: string;
  /** `provider.aws.us_east_1` (used as the resource column of findings about providers). */
  readonly address: string;
  readonly body: JsonObject;
  /** Literal `region`, when given as plain text. */
  readonly region?: string;
  /** Undefined when the attribute is absent. */
  readonly allowedAccountIds?: readonly string[];
  /** `role_arn` of every `assume_role` block. */
  readonly assumeRoleArns: readonly string[];
}

export interface TfBackend {
  readonly stack: string;
  /** `local`, `s3`, `remote`, ...; `cloud` for a `terraform { cloud {} }` block. */
  readonly kind: string;
  readonly config: JsonObject;
  /** `terraform.backend.s3` or `terraform.cloud`. */
  readonly address: string;
}

export interface TfRemoteState {
  readonly stack: string;
  readonly name: string;
  readonly address: string;
  /** The backend it reads (`local`, `s3`, `remote`, ...). */
  readonly backend: string;
  readonly config: JsonObject;
}

export interface TfOutput {
  readonly stack: string;
  readonly name: string;
  readonly value: Json;
  readonly description?: string;
  readonly sensitive: boolean;
}

export interface TfStack {
  readonly name: string;
  /** Relative to the tree folder (`stacks/<name>`): where Terraform runs, and what local paths are relative to. */
  readonly workingDirectory: string;
  /** Stacks this one depends on, as the manifest lists them. */
  readonly dependencies: readonly string[];
  /** In a stable order: by type, then name. */
  readonly resources: readonly TfResource[];
  /** The same resources by `type.name`, and by type. */
  readonly resourcesByAddress: ReadonlyMap<string, TfResource>;
  readonly resourcesByType: ReadonlyMap<string, readonly TfResource[]>;
  readonly dataSources: readonly TfDataSource[];
  readonly providers: readonly TfProvider[];
  /** Undefined when the stack declares none (Terraform then uses a local state file). */
  readonly backend?: TfBackend;
  readonly remoteStates: ReadonlyMap<string, TfRemoteState>;
  readonly outputs: ReadonlyMap<string, TfOutput>;
  /** The whole stack document without `//` metadata. */
  readonly json: JsonObject;
}

export interface SynthTree {
  /** The folder it was loaded from, when loaded from disk. */
  readonly dir?: string;
  /** By name, in manifest order. */
  readonly stacks: ReadonlyMap<string, TfStack>;
}

export class TreeLoadError extends Error {
  constructor(
    readonly reason: 'missing' | 'empty' | 'invalid' | 'hcl',
    message: string,
  ) {
    super(message);
    this.name = 'TreeLoadError';
  }
}

// ---- building ----

/** What the manifest says about a stack, besides its document. */
export interface StackMeta {
  dependencies?: readonly string[];
  workingDirectory?: string;
}

/**
 * Builds the model from parsed stack documents (stack name -> parsed cdk.tf.json); `loadTree` reads
 * them from disk, tests pass them directly.
 */
export function buildTree(documents: Record<string, unknown>, meta: { dir?: string; stacks?: Record<string, StackMeta> } = {}): SynthTree {
  const out = new Map<string, TfStack>();
  for (const [name, json] of Object.entries(documents)) out.set(name, buildStack(name, json, meta.stacks?.[name] ?? {}));
  return { ...(meta.dir !== undefined ? { dir: meta.dir } : {}), stacks: out };
}

function buildStack(name: string, document: unknown, meta: StackMeta): TfStack {
  const frozen = toFrozenJson(document);
  if (!isObject(frozen)) throw new TreeLoadError('invalid', `stack ${name}: the Terraform JSON is not an object`);
  const json = frozen;
  const resources: TfResource[] = [];
  for (const [type, byName] of entries(obj(json, 'resource'))) {
    for (const [rname, body] of entries(isObject(byName) ? byName : undefined)) {
      if (!isObject(body)) continue;
      resources.push({ stack: name, type, name: rname, address: `${type}.${rname}`, body, providerKey: str(body, 'provider') ?? type.split('_')[0] });
    }
  }
  resources.sort((a, b) => compare(a.address, b.address));
  const resourcesByType = new Map<string, TfResource[]>();
  for (const r of resources) resourcesByType.set(r.type, [...(resourcesByType.get(r.type) ?? []), r]);
  const dataSources: TfDataSource[] = [];
  for (const [type, byName] of entries(obj(json, 'data'))) {
    for (const [dname, body] of entries(isObject(byName) ? byName : undefined)) {
      if (isObject(body)) dataSources.push({ stack: name, type, name: dname, address: `data.${type}.${dname}`, body });
    }
  }
  const remoteStates = new Map<string, TfRemoteState>();
  for (const d of dataSources) {
    if (d.type !== 'terraform_remote_state') continue;
    remoteStates.set(d.name, { stack: name, name: d.name, address: d.address, backend: str(d.body, 'backend') ?? '', config: obj(d.body, 'config') ?? {} });
  }
  const outputs = new Map<string, TfOutput>();
  for (const [oname, body] of entries(obj(json, 'output'))) {
    if (!isObject(body)) continue;
    const description = str(body, 'description');
    outputs.set(oname, { stack: name, name: oname, value: body.value ?? null, ...(description !== undefined ? { description } : {}), sensitive: body.sensitive === true });
  }
  return {
    name,
    workingDirectory: meta.workingDirectory ?? `stacks/${name}`,
    dependencies: [...(meta.dependencies ?? [])],
    resources,
    resourcesByAddress: new Map(resources.map((r) => [r.address, r])),
    resourcesByType,
    dataSources,
    providers: providersOf(name, json),
    ...backendOf(name, json),
    remoteStates,
    outputs,
    json,
  };
}

function providersOf(stack: string, json: JsonObject): TfProvider[] {
  const out: TfProvider[] = [];
  for (const [type, configs] of entries(obj(json, 'provider'))) {
    const list = isArray(configs) ? configs.filter(isObject) : isObject(configs) ? [configs] : [];
    for (const body of list) {
      const alias = str(body, 'alias');
      const key = alias ? `${type}.${alias}` : type;
      const region = str(body, 'region');
      out.push({
        stack,
        type,
        ...(alias ? { alias } : {}),
        key,
        address: `provider.${key}`,
        body,
        ...(region !== undefined && !region.includes('${') ? { region } : {}),
        ...(body.allowed_account_ids !== undefined ? { allowedAccountIds: strList(body, 'allowed_account_ids') } : {}),
        assumeRoleArns: blocks(body, 'assume_role').map((b) => str(b, 'role_arn') ?? ''),
      });
    }
  }
  return out;
}

function backendOf(stack: string, json: JsonObject): { backend?: TfBackend } {
  const terraform = obj(json, 'terraform');
  if (!terraform) return {};
  const cloud = obj(terraform, 'cloud');
  if (cloud) return { backend: { stack, kind: 'cloud', config: cloud, address: 'terraform.cloud' } };
  const [first] = entries(obj(terraform, 'backend'));
  if (!first) return {};
  const [kind, config] = first;
  return { backend: { stack, kind, config: isObject(config) ? config : {}, address: `terraform.backend.${kind}` } };
}

// ---- loading ----

/** A stack's file in each form cdktf writes: Terraform JSON, or HCL (`synth --hcl`). */
const JSON_FORM = 'cdk.tf.json';
const HCL_FORM = 'cdk.tf';

/**
 * Reads `<dir>/manifest.json` and every stack it lists. Throws `TreeLoadError` with a message a user
 * can act on: missing folder or manifest, no stacks, unreadable JSON. `synth` is the command that
 * writes the folder, as the caller was given its flags (synth-record.ts `synthCommand`).
 */
export function loadTree(dir: string, synth = '`vpce-hub synth`'): SynthTree {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TreeLoadError('missing', `${dir} does not exist: run ${synth} first, or pass --dir <synth output folder>`);
  }
  if (!existsSync(manifestFile)) {
    throw new TreeLoadError('missing', `${dir} has no manifest.json: it is not a synth output folder (run ${synth})`);
  }
  const manifest = readJson(manifestFile);
  const listed = isObject(manifest) ? obj(manifest, 'stacks') : undefined;
  if (!listed || Object.keys(listed).length === 0) {
    throw new TreeLoadError('empty', `${manifestFile} lists no stacks: nothing to check (run ${synth})`);
  }
  const documents: Record<string, Json> = {};
  const metas: Record<string, StackMeta> = {};
  for (const [key, entry] of Object.entries(listed)) {
    const e = isObject(entry) ? entry : {};
    const name = str(e, 'name') ?? key;
    const workingDirectory = str(e, 'workingDirectory') ?? `stacks/${name}`;
    const file = path.join(dir, str(e, 'synthesizedStackPath') ?? path.join(workingDirectory, JSON_FORM));
    // The analysis reads Terraform JSON; cdktf's HCL renderer is a separate code path (and a separate
    // set of bugs: src/stacks/hcl-*.ts), so reading the HCL would need a parser of its own.
    if (path.basename(file) !== JSON_FORM) {
      throw new TreeLoadError(
        'hcl',
        `${dir} holds the HCL form of its stacks (${file}, from \`cdktf synth --hcl\` or \`vpce-hub synth --hcl\`), and only the JSON form can be read: run ${synth} without --hcl to write the JSON form there, or point at a JSON synth output of the same config`,
      );
    }
    if (!existsSync(file)) throw new TreeLoadError('invalid', `stack ${name}: ${file} is missing (re-run ${synth})`);
    const hcl = path.join(path.dirname(file), HCL_FORM);
    if (existsSync(hcl)) {
      throw new TreeLoadError('invalid', `stack ${name}: ${path.dirname(file)} holds both ${JSON_FORM} and ${HCL_FORM}, and Terraform reads both (every block twice: "Duplicate resource" errors): re-run ${synth}, which writes one form per folder`);
    }
    documents[name] = readJson(file);
    metas[name] = { dependencies: strList(e, 'dependencies'), workingDirectory };
  }
  return buildTree(documents, { dir, stacks: metas });
}

function readJson(file: string): Json {
  try {
    return toFrozenJson(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new TreeLoadError('invalid', `${file} is not valid JSON: ${(e as Error).message}`);
  }
}

// ---- lookup ----

export function stackOf(tree: SynthTree, name: string): TfStack | undefined {
  return tree.stacks.get(name);
}

export function findResource(tree: SynthTree, stack: string, type: string, name: string): TfResource | undefined {
  return tree.stacks.get(stack)?.resourcesByAddress.get(`${type}.${name}`);
}

/** Every resource of a type, in every stack (stacks in tree order, then by name). */
export function resourcesOfType(tree: SynthTree, type: string): TfResource[] {
  return [...tree.stacks.values()].flatMap((s) => s.resourcesByType.get(type) ?? []);
}

/** The provider configuration a resource runs with; undefined when the stack does not configure it. */
export function providerOf(tree: SynthTree, res: TfResource): TfProvider | undefined {
  return tree.stacks.get(res.stack)?.providers.find((p) => p.key === res.providerKey);
}

// ---- state locations ----

/** Which stack's state a remote state reads: the one stack whose backend is at the same location. */
export function remoteStateTarget(tree: SynthTree, rs: TfRemoteState): TfStack | undefined {
  // Every resolution through an output asks this again, and the tree never changes: the answers are
  // kept per tree (path normalization was most of prove's time at 125 spokes). Per tree, not per
  // remote state: a stack object may sit in several trees (review's intermediate states).
  let index = locationIndexes.get(tree);
  if (!index) {
    const byLocation = new Map<string, TfStack[]>();
    for (const s of tree.stacks.values()) {
      if (!s.backend) continue;
      const loc = stateLocationOf(s);
      if (loc !== undefined) byLocation.set(loc, [...(byLocation.get(loc) ?? []), s]);
    }
    locationIndexes.set(tree, (index = { byLocation, targets: new Map() }));
  }
  if (index.targets.has(rs)) return index.targets.get(rs);
  const from = tree.stacks.get(rs.stack);
  const wanted = from ? stateLocation(rs.backend, rs.config, from.workingDirectory) : undefined;
  const hits = wanted === undefined ? [] : (index.byLocation.get(wanted) ?? []).filter((s) => s.name !== rs.stack);
  const target = hits.length === 1 ? hits[0] : undefined;
  index.targets.set(rs, target);
  return target;
}

const locationIndexes = new WeakMap<SynthTree, { byLocation: Map<string, TfStack[]>; targets: Map<TfRemoteState, TfStack | undefined> }>();

/**
 * A canonical string for where a stack keeps its state; two stacks with the same location share one
 * state. A stack without a backend keeps `terraform.tfstate` in its working directory.
 */
export function stateLocationOf(stack: TfStack): string | undefined {
  if (!stack.backend) return `local:${path.posix.join(stack.workingDirectory, 'terraform.tfstate')}`;
  return stateLocation(stack.backend.kind, stack.backend.config, stack.workingDirectory);
}

/** The state a remote state reads, as its own config names it (a local path relative to the reading stack), for messages. */
function describeStateRead(rs: TfRemoteState): string {
  return stateLocation(rs.backend, rs.config, '.') ?? 'an unknown state';
}

function stateLocation(kind: string, config: JsonObject, workingDirectory: string): string | undefined {
  switch (kind) {
    case 'local': {
      const p = str(config, 'path') ?? 'terraform.tfstate';
      return `local:${path.posix.isAbsolute(p) ? path.posix.normalize(p) : path.posix.join(workingDirectory, p)}`;
    }
    case 's3': {
      const bucket = str(config, 'bucket');
      const key = str(config, 'key');
      return bucket && key ? `s3:${bucket}/${key}` : undefined;
    }
    // A `cloud` block and the `remote` backend (and remote-state reader) address the same workspaces.
    case 'cloud':
    case 'remote': {
      const workspaces = obj(config, 'workspaces');
      const organization = str(config, 'organization');
      const workspace = workspaces ? str(workspaces, 'name') : undefined;
      if (!organization || !workspace) return undefined;
      return `tfc:${str(config, 'hostname') ?? 'app.terraform.io'}/${organization}/${workspace}`;
    }
    default:
      return `${kind}:${stableJson(config)}`;
  }
}

// ---- resolution ----

/** One step across stacks: a remote-state output read, replaced by the output's value in its stack. */
export interface RemoteHop {
  readonly fromStack: string;
  readonly remoteState: string;
  readonly toStack: string;
  readonly output: string;
}

/** What an expression denotes, after following remote-state outputs to the stack that defines them. */
export type Resolution =
  | { readonly kind: 'resource'; readonly resource: TfResource; readonly attribute: readonly PathPart[]; readonly hops: readonly RemoteHop[] }
  | { readonly kind: 'data'; readonly dataSource: TfDataSource; readonly attribute: readonly PathPart[]; readonly hops: readonly RemoteHop[] }
  /** Plain text (or a non-string JSON value) in `stack`. */
  | { readonly kind: 'literal'; readonly stack: string; readonly value: Json; readonly hops: readonly RemoteHop[] }
  | { readonly kind: 'unresolved'; readonly stack: string; readonly reason: string; readonly hops: readonly RemoteHop[] };

const MAX_HOPS = 8;

/** Resolves an attribute value of a resource in `stack`. Templates that mix text and references are unresolved. */
export function resolveExpression(tree: SynthTree, stack: string, value: Json | undefined, hops: readonly RemoteHop[] = []): Resolution {
  if (value === undefined) return { kind: 'unresolved', stack, reason: 'absent', hops };
  if (typeof value !== 'string') return { kind: 'literal', stack, value, hops };
  if (hops.length > 0) return resolveText(tree, stack, value, hops);
  // Rules resolve the same few expressions (zone ids, VPC ids) many times; the tree never changes.
  let memo = memos.get(tree);
  if (!memo) memos.set(tree, (memo = new Map()));
  const key = `${stack}\u0000${value}`;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = resolveText(tree, stack, value, hops)));
  return hit;
}

const memos = new WeakMap<SynthTree, Map<string, Resolution>>();

function resolveText(tree: SynthTree, stack: string, value: string, hops: readonly RemoteHop[]): Resolution {
  const e = parseExpression(value);
  if (e.kind === 'literal') return { kind: 'literal', stack, value: e.value, hops };
  if (e.kind === 'reference') return resolveReference(tree, stack, e.ref, hops);
  return { kind: 'unresolved', stack, reason: `not a single reference: ${value}`, hops };
}

/**
 * Every reference an expression makes, resolved, in order of appearance: the operands of function
 * calls, operators and templates too (`${replace(aws_vpc_endpoint.x.dns_entry[0].dns_name, "*", "\\052")}`
 * -> that endpoint's DNS name). For what a value is built from, not what it equals; empty for plain text.
 */
export function resolveReferencesIn(tree: SynthTree, stack: string, value: Json | undefined): Resolution[] {
  if (typeof value !== 'string') return referencesIn(value).map((ref) => resolveReference(tree, stack, ref));
  // A proof asks for the same fields (zone_id, vpc_id) of the same resources for every cell.
  let memo = referenceMemos.get(tree);
  if (!memo) referenceMemos.set(tree, (memo = new Map()));
  const key = `${stack}\u0000${value}`;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = referencesIn(value).map((ref) => resolveReference(tree, stack, ref))));
  return [...hit];
}

const referenceMemos = new WeakMap<SynthTree, Map<string, Resolution[]>>();

export function resolveReference(tree: SynthTree, stack: string, ref: Reference, hops: readonly RemoteHop[] = []): Resolution {
  const s = tree.stacks.get(stack);
  if (!s) return { kind: 'unresolved', stack, reason: `no stack ${stack}`, hops };
  if (ref.kind === 'resource') {
    const resource = s.resourcesByAddress.get(`${ref.type}.${ref.name}`);
    return resource ? { kind: 'resource', resource, attribute: ref.path, hops } : { kind: 'unresolved', stack, reason: `${ref.type}.${ref.name} is not in stack ${stack}`, hops };
  }
  if (ref.kind === 'data' && ref.type === 'terraform_remote_state' && ref.path[0] === 'outputs' && typeof ref.path[1] === 'string') {
    const rs = s.remoteStates.get(ref.name);
    if (!rs) return { kind: 'unresolved', stack, reason: `data.terraform_remote_state.${ref.name} is not in stack ${stack}`, hops };
    const target = remoteStateTarget(tree, rs);
    if (!target) return { kind: 'unresolved', stack, reason: `${rs.address} in stack ${stack} reads ${describeStateRead(rs)}, which no synthesized stack writes`, hops };
    const output = target.outputs.get(ref.path[1]);
    if (!output) return { kind: 'unresolved', stack: target.name, reason: `stack ${target.name} has no output ${ref.path[1]}`, hops };
    const next = [...hops, { fromStack: stack, remoteState: rs.name, toStack: target.name, output: output.name }];
    if (next.length > MAX_HOPS) return { kind: 'unresolved', stack, reason: 'remote-state outputs refer to each other in a cycle', hops: next };
    const inner = resolveExpression(tree, target.name, output.value, next);
    // `outputs.x.y`: the rest of the path continues the output's own attribute path.
    const rest = ref.path.slice(2);
    if (rest.length === 0 || inner.kind === 'literal' || inner.kind === 'unresolved') return inner;
    return { ...inner, attribute: [...inner.attribute, ...rest] };
  }
  if (ref.kind === 'data') {
    const dataSource = s.dataSources.find((d) => d.type === ref.type && d.name === ref.name);
    return dataSource ? { kind: 'data', dataSource, attribute: ref.path, hops } : { kind: 'unresolved', stack, reason: `data.${ref.type}.${ref.name} is not in stack ${stack}`, hops };
  }
  return { kind: 'unresolved', stack, reason: `${ref.text} is an input, not something the tree defines`, hops };
}

/**
 * A key that is equal for two resolutions exactly when they denote the same value: the same
 * attribute of the same resource (in whichever stack it is read), or the same literal text.
 * Undefined when the value cannot be known from the tree.
 */
export function identityOf(r: Resolution): string | undefined {
  switch (r.kind) {
    case 'resource':
      return `${r.resource.stack}/${r.resource.address}${r.attribute.map((p) => `[${JSON.stringify(p)}]`).join('')}`;
    case 'data':
      return `${r.dataSource.stack}/${r.dataSource.address}${r.attribute.map((p) => `[${JSON.stringify(p)}]`).join('')}`;
    case 'literal':
      return `=${JSON.stringify(r.value)}`;
    case 'unresolved':
      return undefined;
  }
}

/** An identity for messages: `="vpc-0abc"` -> `vpc-0abc`; a resource identity stays as it is. */
export function describeIdentity(identity: string): string {
  if (!identity.startsWith('=')) return identity;
  const v: unknown = JSON.parse(identity.slice(1));
  return typeof v === 'string' ? v : identity.slice(1);
}

/** The resource an expression denotes, when it is an attribute of a resource of `type`. */
export function resolvesToResource(tree: SynthTree, stack: string, value: Json | undefined, type: string): TfResource | undefined {
  const r = resolveExpression(tree, stack, value);
  return r.kind === 'resource' && r.resource.type === type ? r.resource : undefined;
}

/** The literal text an expression denotes (after following remote-state outputs), if any. */
export function literalText(tree: SynthTree, stack: string, value: Json | undefined): string | undefined {
  const r = resolveExpression(tree, stack, value);
  return r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
}

function entries(o: JsonObject | undefined): Array<[string, Json]> {
  return o ? Object.entries(o) : [];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
