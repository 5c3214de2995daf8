/**
 * Test helpers for the rule pack: synthesize a config once, copy its stacks, change the copy the way a
 * broken generator or a hand edit would, and build the analysis tree from it.
 */
import { configFacts, type ConfigFacts } from '../../../src/analysis/config-facts';
import type { Rule, RuleFinding } from '../../../src/analysis/rules';
import { buildTree, type SynthTree } from '../../../src/analysis/tree';
import { loadConfigFile } from '../../../src/config/load';
import { PROJECT_ROOT, synthConfig } from '../../support/synth';
import path from 'node:path';

export type Doc = Record<string, unknown>;
export type Stacks = Record<string, Doc>;

export interface Example {
  stacks: Stacks;
  facts: ConfigFacts;
  tree: SynthTree;
}

const cache = new Map<string, Example>();

/** Synthesizes a config file of the repository (once per test file) and keeps its stack documents. */
export function example(file: string): Example {
  const hit = cache.get(file);
  if (hit) return hit;
  const config = loadConfigFile(path.resolve(PROJECT_ROOT, file)).config;
  const s = synthConfig(config);
  s.cleanup();
  const stacks = s.stacks as unknown as Stacks;
  const ex = { stacks, facts: configFacts(config), tree: buildTree(stacks) };
  cache.set(file, ex);
  return ex;
}

export const SHIPPED = 'vpce-hub.yaml';
export const EXAMPLES = ['examples/endpoint-url/vpce-hub.yaml', 'examples/existing-hub-vpc/vpce-hub.yaml', 'examples/cross-region-cloud/vpce-hub.yaml'];

/** A changed copy of the stacks, as a tree. */
export function mutated(stacks: Stacks, change: (copy: Stacks) => void): SynthTree {
  const copy = structuredClone(stacks);
  change(copy);
  return buildTree(copy);
}

function child(parent: Doc, key: string): Doc {
  const v = parent[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Doc;
  const created: Doc = {};
  parent[key] = created;
  return created;
}

/** The mutable body of `type.name` in a stack; throws when the synthesized stack lacks it. */
export function body(stacks: Stacks, stack: string, address: string): Doc {
  const [type, name] = splitAddress(address);
  const found = child(child(stacks[stack], 'resource'), type)[name];
  if (typeof found !== 'object' || found === null) throw new Error(`${stack} has no ${address}`);
  return found as Doc;
}

export function addResource(stacks: Stacks, stack: string, address: string, value: Doc): void {
  const [type, name] = splitAddress(address);
  child(child(stacks[stack], 'resource'), type)[name] = value;
}

export function removeResource(stacks: Stacks, stack: string, address: string): void {
  const [type, name] = splitAddress(address);
  const byType = child(child(stacks[stack], 'resource'), type);
  if (!(name in byType)) throw new Error(`${stack} has no ${address}`);
  delete byType[name];
}

/** Names of the resources of a type in a stack. */
export function namesOf(stacks: Stacks, stack: string, type: string): string[] {
  return Object.keys(child(child(stacks[stack], 'resource'), type));
}

/** The stack's `terraform` block, or its first aws provider block. */
export const terraformBlock = (stacks: Stacks, stack: string): Doc => child(stacks[stack], 'terraform');
export function awsProvider(stacks: Stacks, stack: string, index = 0): Doc {
  const providers = (child(stacks[stack], 'provider').aws as Doc[] | undefined) ?? [];
  const p = providers[index];
  if (!p) throw new Error(`${stack} has no aws provider #${index}`);
  return p;
}

function splitAddress(address: string): [string, string] {
  const dot = address.indexOf('.');
  return [address.slice(0, dot), address.slice(dot + 1)];
}

/** `rule` findings as `stack/resource` strings, for compact expectations. */
export function flagged(rule: Rule, tree: SynthTree, facts?: ConfigFacts): string[] {
  return rule.check(tree, facts).map((f) => `${f.stack}/${f.resource}`);
}

export function messages(rule: Rule, tree: SynthTree, facts?: ConfigFacts): string[] {
  return rule.check(tree, facts).map((f: RuleFinding) => f.message);
}
