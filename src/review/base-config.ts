/**
 * The config as it was at a git ref: `git show <ref>:./<file>` run in the config's folder, so the
 * path is the same one relative to the repository wherever the repository sits. The code that
 * synthesizes it is the current one: the review shows what the change to the config does.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export class BaseConfigError extends Error {}

/** The file's text at `ref`; undefined when the file did not exist there (everything is new). */
export function configAtRef(ref: string, configFile: string): string | undefined {
  const dir = path.dirname(configFile);
  const verify = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: dir, encoding: 'utf8' });
  if (verify.error) throw new BaseConfigError(`git could not run: ${verify.error.message}`);
  if (verify.status !== 0) {
    throw new BaseConfigError(`${ref} is not a commit in the git repository of ${path.basename(configFile)} (in CI, check out with fetch-depth: 0)`);
  }
  const spec = `${ref}:./${path.basename(configFile)}`;
  const r = spawnSync('git', ['show', spec], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) return r.stdout;
  // "exists on disk, but not in <ref>" / "does not exist in <ref>": the config is new in this change.
  if (/exists on disk, but not in|does not exist in/.test(r.stderr)) return undefined;
  throw new BaseConfigError(`git show ${spec} failed: ${r.stderr.trim()}`);
}
