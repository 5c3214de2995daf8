/** Synthesizes a config input and keeps what the properties compare, then removes the output folder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseConfigText } from '../../src/config/load';
import { toYaml, type VpceHubConfigInput } from '../support/arbitraries';
import { resourcesOf, synthConfig } from '../support/synth';

export interface StackSnapshot {
  /** `type.name` -> body. */
  resources: Map<string, Record<string, unknown>>;
  outputs: Map<string, unknown>;
  /** The cdk.tf.json text as written. */
  text: string;
}

export interface Snapshot {
  stacks: Map<string, StackSnapshot>;
  manifest: string;
}

export function snapshot(input: VpceHubConfigInput): Snapshot {
  const synth = synthConfig(parseConfigText(toYaml(input)).config);
  try {
    const stacks = new Map<string, StackSnapshot>();
    for (const [name, json] of Object.entries(synth.stacks)) {
      stacks.set(name, {
        resources: resourcesOf(json),
        outputs: new Map(Object.entries(json.output ?? {})),
        text: readFileSync(path.join(synth.stacksDir, name, 'cdk.tf.json'), 'utf8'),
      });
    }
    return { stacks, manifest: readFileSync(path.join(synth.outdir, 'manifest.json'), 'utf8') };
  } finally {
    synth.cleanup();
  }
}

/** Does a Terraform address (`type.logical_id`) or output name belong to `spoke`? Names have no `_`, so a whole `_`-token. */
export const mentions = (addressOrOutput: string, spoke: string): boolean => addressOrOutput.replace(/^[a-z0-9_]+\./, '').split('_').includes(spoke);

/** Per-account halves: the first spoke of an account brings them, the last one takes them (its account's RAM principal and acceptance). */
const ACCOUNT_LEVEL = ['aws_ram_principal_association', 'aws_ram_resource_share_accepter'];

/**
 * Everything in `without` must be in `with` unchanged; everything only in `with` must belong to
 * `spoke` (or be a per-account half in the spoke's own pair stack `pairStack`). Returns the
 * violations (empty when additive), for readable failures.
 */
export function nonAdditiveChanges(without: Snapshot, withSpoke: Snapshot, spoke: string, pairStack?: string): string[] {
  const violations: string[] = [];
  const empty: StackSnapshot = { resources: new Map(), outputs: new Map(), text: '' };
  const names = new Set([...without.stacks.keys(), ...withSpoke.stacks.keys()]);
  for (const stack of names) {
    const a = without.stacks.get(stack) ?? empty;
    const b = withSpoke.stacks.get(stack) ?? empty;
    for (const [kind, small, big] of [
      ['resource', a.resources, b.resources],
      ['output', a.outputs, b.outputs],
    ] as const) {
      for (const [key, body] of small as Map<string, unknown>) {
        if (!big.has(key)) violations.push(`${stack}: ${kind} ${key} disappeared`);
        else if (!isDeepStrictEqual(big.get(key), body)) violations.push(`${stack}: ${kind} ${key} changed`);
      }
      for (const key of big.keys()) {
        const accountLevel = stack === pairStack && ACCOUNT_LEVEL.includes(key.split('.')[0]);
        if (!small.has(key) && !mentions(key, spoke) && !accountLevel) violations.push(`${stack}: ${kind} ${key} appeared but does not belong to spoke ${spoke}`);
      }
    }
  }
  return violations;
}

export function resourcesMentioning(s: Snapshot, spoke: string): string[] {
  return [...s.stacks.values()].flatMap((st) => [...st.resources.keys()].filter((k) => mentions(k, spoke)));
}
