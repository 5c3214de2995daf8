/**
 * What a review against a base config can tell about renames:
 * - a hub or spoke that disappears while one with the same VPC appears, and whose new entry does not
 *   list the old name in formerNames: "this looks like a rename", with the formerNames line that turns
 *   its destroy-and-recreate into moved blocks (planning/renames.ts);
 * - an account key that disappears while another key has the same account id: its stack (= its
 *   state) is renamed, which moved blocks cannot do across states. The procedure copies the state
 *   with `terraform state pull` / `state push`, which work with every backend (local, s3, cloud):
 *   https://developer.hashicorp.com/terraform/cli/commands/state/pull and
 *   https://developer.hashicorp.com/terraform/cli/commands/state/push (a push into an empty state
 *   needs no -force; a lineage or serial conflict refuses, so an existing state is never overwritten).
 *   `terraform state mv -state-out` is for local state files only.
 */
import type { VpceHubConfig } from '../config/schema';
import { stackNames } from '../planning/naming';

export interface RenameSuggestion {
  kind: 'hub' | 'spoke';
  from: string;
  to: string;
  /** Why we think so. */
  evidence: string;
  /** The config line that makes it a move. */
  fix: string;
}

export interface AccountRename {
  from: string;
  to: string;
  accountId: string;
  /** Stack (= state) renames it causes, old -> new. */
  stacks: Array<{ from: string; to: string }>;
  /** Shell commands, in order. */
  commands: string[];
}

export function suggestRenames(base: VpceHubConfig, current: VpceHubConfig): RenameSuggestion[] {
  const out: RenameSuggestion[] = [];
  const find = <T extends { name: string; formerNames: string[] }>(kind: 'hub' | 'spoke', before: readonly T[], after: readonly T[], identity: (x: T) => string | undefined, what: (x: T) => string) => {
    const now = new Set(after.flatMap((x) => [x.name, ...x.formerNames]));
    const existed = new Set(before.map((x) => x.name));
    for (const old of before.filter((x) => !now.has(x.name))) {
      const id = identity(old);
      const renamed = id === undefined ? undefined : after.find((x) => !existed.has(x.name) && identity(x) === id);
      if (renamed) out.push({ kind, from: old.name, to: renamed.name, evidence: `${kind} ${old.name} is gone and ${kind} ${renamed.name} is new with the same ${what(old)}`, fix: `formerNames: [${old.name}]   # under ${kind}s: ${renamed.name}` });
    }
  };
  find('spoke', base.spokes, current.spokes, (s) => s.vpc.id, (s) => `VPC (${s.vpc.id})`);
  find('hub', base.hubs, current.hubs, (h) => h.vpc.id ?? `${base.accounts[h.account]?.id}/${h.region}/${h.vpc.cidr}`, (h) => (h.vpc.id ? `VPC (${h.vpc.id})` : `account, region and CIDR (${h.region}, ${h.vpc.cidr})`));
  return out;
}

/** The stacks an account key names: its own and, when it holds hubs, its spokes stack. */
function stacksOfKey(config: VpceHubConfig, key: string): string[] {
  const holdsHub = config.hubs.some((h) => h.account === key);
  return holdsHub ? [stackNames.hub(key), stackNames.spokes(key, true)] : [stackNames.spokes(key, false)];
}

export interface AccountRenameOptions {
  /** Where step 1 writes the base config, and the two synth folders. */
  baseConfig: string;
  baseOut: string;
  out: string;
  /** `--config` as the user gave it; undefined for the default lookup (then synth finds it the same way). */
  config?: string;
  /** Where the base config comes from: a git ref and the config's path (relative to the cwd), or a label only. */
  base: { ref: string; configPath: string } | { label: string };
}

export function accountRenames(base: VpceHubConfig, current: VpceHubConfig, opts: AccountRenameOptions): AccountRename[] {
  const out: AccountRename[] = [];
  for (const [oldKey, account] of Object.entries(base.accounts)) {
    if (current.accounts[oldKey]) continue;
    const newKey = Object.entries(current.accounts).find(([k, a]) => a.id === account.id && !base.accounts[k])?.[0];
    if (!newKey) continue;
    const before = stacksOfKey(base, oldKey);
    const after = stacksOfKey(current, newKey);
    const stacks = before.map((from, i) => ({ from, to: after[Math.min(i, after.length - 1)] })).filter((s, i, all) => all.findIndex((x) => x.to === s.to) === i);
    const commands = [
      `# 1. The old stacks, synthesized from the base config (its backend settings name the old states)`,
      // `<ref>:./<path>` is relative to the current folder (git-show(1), "<rev>:<path>").
      'ref' in opts.base ? `git show ${opts.base.ref}:./${opts.base.configPath} > ${opts.baseConfig}` : `#    write the base config (${opts.base.label}) to ${opts.baseConfig}`,
      `npx vpce-hub synth --config ${opts.baseConfig} --out ${opts.baseOut}`,
      ...stacks.flatMap((s) => [`terraform -chdir=${opts.baseOut}/stacks/${s.from} init -input=false`, `terraform -chdir=${opts.baseOut}/stacks/${s.from} state pull > ${s.from}.tfstate`]),
      `# 2. The new stacks, and each old state pushed into its new, still empty, state`,
      `npx vpce-hub synth${opts.config !== undefined ? ` --config ${opts.config}` : ''} --out ${opts.out}`,
      ...stacks.flatMap((s) => [`terraform -chdir=${opts.out}/stacks/${s.to} init -input=false`, `terraform -chdir=${opts.out}/stacks/${s.to} state push "$PWD/${s.from}.tfstate"`]),
      `# 3. Check: the plans show no destroy (apply the hub stack first, as always); then delete the old states`,
      ...stacks.map((s) => `terraform -chdir=${opts.out}/stacks/${s.to} plan`),
      `# 4. The review still lists the old stacks' resources as destroyed (nothing runs Terraform for them any more):`,
      `#    once the plans above are clean, acknowledge them in the PR description and delete the old states`,
      ...stacks.map((s) => `#    vpce-hub allow-destroy: ${s.from}/*`),
    ];
    out.push({ from: oldKey, to: newKey, accountId: account.id, stacks, commands });
  }
  return out;
}
