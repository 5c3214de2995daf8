/**
 * Once per jest run, before any test file (jest.config.js globalSetup/globalTeardown), the Terraform
 * tier's shared setup, handed to every test process through the environment:
 *
 * - The provider mirror is chosen once (scripts/find-provider-mirror.js searches the disk when
 *   VPCE_HUB_PROVIDER_MIRROR is unset) and said once, not once per test file.
 * - One plugin cache (TF_PLUGIN_CACHE_DIR) in a temporary folder, filled by one `terraform init` per
 *   provider set (every stack requires hashicorp/aws at the pinned version: one set) when the first
 *   test needs Terraform. Every later `terraform init` of the run links the cached package instead of
 *   installing it again; without a mirror that was a download of the provider per stack folder. Mirror discovery never takes a folder
 *   in the temporary directory (find-provider-mirror.js), so it never takes this cache either.
 *
 * Terraform 1.4+ uses a cached package for a folder without a dependency lock file only with
 * TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE (https://github.com/hashicorp/terraform/pull/32129,
 * https://developer.hashicorp.com/terraform/cli/config/config-file#allowing-the-provider-plugin-cache-to-break-the-dependency-lock-file):
 * the tier's folders are temporary and their lock files are never kept, so nothing is given up. A lock
 * file copied in instead would make each init hash the 700 MB provider (measured: 3.2 s instead of 1.1 s).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTerraform } from '../../src/review/offline-plan';

interface MirrorChoice {
  mirror?: string;
  source: 'VPCE_HUB_PROVIDER_MIRROR' | 'discovered' | 'none';
  skipped: Array<{ dir: string; reason: string }>;
}
/** scripts/find-provider-mirror.js, loaded when first needed (the compiled benchmark imports this module too). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const finder = () => require('../../scripts/find-provider-mirror.js') as { chooseProviderMirror: () => MirrorChoice; pinnedVersion: () => string };

/** The mirror choice as global setup made it (or the error it met), for the test processes. */
export const MIRROR_CHOICE_ENV = 'VPCE_HUB_TEST_MIRROR_CHOICE';
/** The plugin cache global setup made (and global teardown removes). */
export const PLUGIN_CACHE_ENV = 'VPCE_HUB_TEST_PLUGIN_CACHE';

export type StoredChoice = MirrorChoice | { error: string };

/** Chooses the mirror and says which, with the folders it skipped and why. */
export function chooseMirrorOnce(): StoredChoice {
  try {
    const choice = finder().chooseProviderMirror();
    for (const s of choice.skipped) process.stderr.write(`terraform tier: skipped provider mirror ${s.dir}: ${s.reason}\n`);
    process.stderr.write(choice.mirror ? `terraform tier: provider mirror ${choice.mirror} (${choice.source})\n` : 'terraform tier: no offline provider mirror; terraform init uses the registry\n');
    return choice;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A new, empty plugin cache folder in the temporary directory. */
export function makePluginCache(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tf-plugin-cache-'));
}

/** Fills `cache` with the pinned aws provider: one `terraform init` of a module that requires only it. */
function warmPluginCache(cache: string, mirror: string | undefined): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tf-warm-'));
  try {
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'aws', version: finder().pinnedVersion() } } } }));
    runTerraform(dir, ['init', '-backend=false', '-input=false', '-no-color'], { mirror });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Fills the run's plugin cache before its first use, once for all test processes: the first to get
 * here fills it (Terraform's cache is not safe for concurrent installs), the others wait for it. Lazy,
 * so a jest run without Terraform tests never pays for it. Returns quietly when there is no cache.
 */
export function ensurePluginCacheFilled(mirror: string | undefined): void {
  const cache = process.env[PLUGIN_CACHE_ENV];
  if (!cache) return;
  const filled = path.join(cache, '.vpce-hub-filled');
  if (existsSync(filled)) return;
  try {
    mkdirSync(path.join(cache, '.vpce-hub-filling'));
  } catch {
    for (let waited = 0; !existsSync(filled) && waited < 600_000; waited += 200) sleep(200);
    return;
  }
  try {
    warmPluginCache(cache, mirror);
  } catch (e) {
    // Each test's own init then meets the same problem and reports it where it matters.
    process.stderr.write(`terraform tier: filling the plugin cache failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  } finally {
    writeFileSync(filled, '');
  }
}

export default function globalSetup(): void {
  const choice = chooseMirrorOnce();
  process.env[MIRROR_CHOICE_ENV] = JSON.stringify(choice);
  // A cache of the user's own is theirs: used as it is, never removed.
  if (process.env.TF_PLUGIN_CACHE_DIR) return;
  const cache = makePluginCache();
  process.env.TF_PLUGIN_CACHE_DIR = cache;
  process.env.TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE = 'true';
  process.env[PLUGIN_CACHE_ENV] = cache;
}

export function globalTeardown(): void {
  const cache = process.env[PLUGIN_CACHE_ENV];
  if (cache) rmSync(cache, { recursive: true, force: true });
}
