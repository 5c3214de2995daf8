/**
 * The synthesized app as the proof reads it: stack name -> parsed cdk.tf.json, plain data (no cdktf).
 * Tests build it from an in-memory synth and break copies of it; the CLI reads it from cdktf.out.
 *
 * Kept inside prove/ because the shared typed tree model (src/analysis/tree.ts) did not exist yet
 * when this was written; the proof needs little more than "resources of a type in a stack".
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export interface StackJson {
  terraform?: Record<string, unknown>;
  data?: Blocks;
  resource?: Blocks;
  output?: Record<string, { value?: unknown }>;
}

export interface SynthesizedApp {
  stacks: Record<string, StackJson>;
}

export interface ResourceRecord {
  stack: string;
  type: string;
  /** `type.name`: the Terraform address inside its stack. */
  address: string;
  body: Record<string, unknown>;
}

/** Thrown when the folder holds no synthesized app; the CLI turns it into exit code 2. */
export class SynthesizedMissingError extends Error {}

/** Reads `<outdir>/manifest.json` and every stack it lists. */
export function readSynthesized(outdir: string): SynthesizedApp {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new SynthesizedMissingError(`${manifestFile} does not exist: run vpce-hub synth first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
  const stacks: Record<string, StackJson> = {};
  for (const [name, entry] of Object.entries(manifest.stacks ?? {})) {
    const file = path.join(outdir, entry.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json'));
    if (!existsSync(file)) throw new SynthesizedMissingError(`${file} (stack ${name} in the manifest) does not exist: run vpce-hub synth again`);
    stacks[name] = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  }
  return { stacks };
}

export function resourcesOfType(app: SynthesizedApp, stack: string, type: string): ResourceRecord[] {
  const byName = app.stacks[stack]?.resource?.[type] ?? {};
  return Object.entries(byName).map(([name, body]) => ({ stack, type, address: `${type}.${name}`, body }));
}

export function resourceAt(app: SynthesizedApp, stack: string, address: string): ResourceRecord | undefined {
  const dot = address.indexOf('.');
  const type = address.slice(0, dot);
  const body = app.stacks[stack]?.resource?.[type]?.[address.slice(dot + 1)];
  return body === undefined ? undefined : { stack, type, address, body };
}

/** Nested blocks are lists in Terraform JSON (`vpc`, `ingress`, `route`), a single object sometimes (`alias`). */
export function blocksOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null);
}
