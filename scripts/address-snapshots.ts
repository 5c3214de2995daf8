/**
 * Resource addresses per stack of every shipped config, as a release synthesizes them: the snapshot a
 * test holds later versions to (__tests__/release/address-stability.test.ts), so an upgrade never
 * destroys and recreates a resource because its address changed. One file per config in
 * __tests__/fixtures/addresses/; regenerate at a release with `npx tsx scripts/generate-address-snapshots.ts`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../src/config/load';
import { buildPlan } from '../src/planning/build-plan';
import { buildApp } from '../src/stacks/app';

export const ROOT = path.resolve(__dirname, '..');
export const SNAPSHOT_DIR = path.join(ROOT, '__tests__', 'fixtures', 'addresses');

export interface AddressSnapshot {
  /** The config, relative to the repository root. */
  config: string;
  /** The package version that synthesized it. */
  release: string;
  /** Stack name -> every resource address (`type.name`), sorted. */
  stacks: Record<string, string[]>;
}

export interface Synthesized {
  stacks: Record<string, string[]>;
  /** Stack name -> its moved blocks (`from` -> `to`). */
  moved: Record<string, Array<{ from: string; to: string }>>;
}

/** `vpce-hub.yaml` -> `shipped.json`, `examples/hybrid/vpce-hub.yaml` -> `hybrid.json`. */
export const snapshotFile = (config: string): string => path.join(SNAPSHOT_DIR, `${config === 'vpce-hub.yaml' ? 'shipped' : path.basename(path.dirname(config))}.json`);

/** The shipped configs: vpce-hub.yaml and every examples/<name>/vpce-hub.yaml. */
export function shippedConfigs(): string[] {
  const examples = readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.posix.join('examples', d.name, 'vpce-hub.yaml'))
    .sort();
  return ['vpce-hub.yaml', ...examples];
}

/** Synthesizes `config` as `vpce-hub synth` does (a full app.synth() into a temporary folder) and reads the addresses back. */
export function synthesizedAddresses(config: string): Synthesized {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-addresses-'));
  try {
    buildApp(buildPlan(loadConfigFile(path.join(ROOT, config)).config), outdir).synth();
    const stacks: Synthesized['stacks'] = {};
    const moved: Synthesized['moved'] = {};
    for (const stack of readdirSync(path.join(outdir, 'stacks')).sort()) {
      const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>>; moved?: Array<{ from: string; to: string }> };
      stacks[stack] = Object.entries(json.resource ?? {})
        .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
        .sort();
      moved[stack] = json.moved ?? [];
    }
    return { stacks, moved };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function addressSnapshot(config: string, release: string): AddressSnapshot {
  return { config, release, stacks: synthesizedAddresses(config).stacks };
}

/** A snapshot address the current synthesis no longer has, and no moved block carries forward. */
export interface LostAddress {
  stack: string;
  address: string;
  /** The stack itself is gone (its whole state would be orphaned). */
  stackGone: boolean;
}

export function lostAddresses(snapshot: AddressSnapshot, current: Synthesized): LostAddress[] {
  const lost: LostAddress[] = [];
  for (const [stack, addresses] of Object.entries(snapshot.stacks)) {
    const now = current.stacks[stack];
    if (now === undefined) {
      lost.push(...addresses.map((address) => ({ stack, address, stackGone: true })));
      continue;
    }
    const present = new Set(now);
    const movedTo = new Map((current.moved[stack] ?? []).map((m) => [m.from, m.to]));
    for (const address of addresses) {
      if (present.has(address)) continue;
      const to = movedTo.get(address);
      if (to !== undefined && present.has(to)) continue;
      lost.push({ stack, address, stackGone: false });
    }
  }
  return lost;
}

/** The failure message: what would happen, and the two ways forward. */
export function lostAddressesMessage(snapshot: AddressSnapshot, lost: readonly LostAddress[]): string {
  const gone = [...new Set(lost.filter((l) => l.stackGone).map((l) => l.stack))];
  const moved = lost.filter((l) => !l.stackGone);
  return [
    `${snapshot.config}: ${lost.length} resource address(es) that release ${snapshot.release} synthesized are gone (__tests__/fixtures/addresses/${path.basename(snapshotFile(snapshot.config))}).`,
    'A user upgrading from that release would have Terraform destroy them and create their replacements.',
    ...(gone.length > 0 ? [`Stacks gone (their state would be orphaned): ${gone.join(', ')}.`] : []),
    ...moved.slice(0, 20).map((l) => `  ${l.stack}/${l.address}`),
    ...(moved.length > 20 ? [`  ... and ${moved.length - 20} more`] : []),
    'If the address must change: emit a moved block from the old address to the new one in that stack (as',
    'src/stacks/state-moves.ts does for renames), and this test accepts it; if no moved block can express it,',
    'add a migration note to CHANGELOG.md saying what users must do, and regenerate the snapshots at the release',
    '(npx tsx scripts/generate-address-snapshots.ts). Never regenerate them just to make this test pass.',
  ].join('\n');
}
