/**
 * Where `review --offline` gets the hashicorp/aws provider from: the policy of the test suite
 * (scripts/find-provider-mirror.js, used as it is): VPCE_HUB_PROVIDER_MIRROR when set (and it must
 * hold a complete package of the pinned version), else a complete mirror found on this machine, else
 * none, and then Terraform's own configuration (the registry), which is said out loud.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface MirrorChoice {
  mirror?: string;
  source: 'VPCE_HUB_PROVIDER_MIRROR' | 'discovered' | 'none';
  skipped: Array<{ dir: string; reason: string }>;
}

export class MirrorError extends Error {}

interface Finder {
  chooseProviderMirror: (o?: { env?: NodeJS.ProcessEnv }) => MirrorChoice;
}

/** scripts/find-provider-mirror.js from the source tree or from dist/ (the script is not compiled). */
function finder(): Finder | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'scripts', 'find-provider-mirror.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (existsSync(file)) return require(file) as Finder;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The mirror to use; throws MirrorError when VPCE_HUB_PROVIDER_MIRROR names an incomplete one. */
export function chooseMirror(env: NodeJS.ProcessEnv = process.env): MirrorChoice {
  const f = finder();
  if (!f) return env.VPCE_HUB_PROVIDER_MIRROR ? { mirror: env.VPCE_HUB_PROVIDER_MIRROR, source: 'VPCE_HUB_PROVIDER_MIRROR', skipped: [] } : { source: 'none', skipped: [] };
  try {
    return f.chooseProviderMirror({ env });
  } catch (e) {
    throw new MirrorError((e as Error).message);
  }
}

/** One line for stderr: where the provider comes from, and what to set when there is no mirror. */
export function mirrorNote(choice: MirrorChoice): string {
  if (choice.mirror) return `provider hashicorp/aws from ${choice.mirror} (${choice.source === 'discovered' ? 'found on this machine' : 'VPCE_HUB_PROVIDER_MIRROR'})`;
  const skipped = choice.skipped.length > 0 ? ` (skipped: ${choice.skipped.map((s) => `${s.dir}: ${s.reason}`).join('; ')})` : '';
  return `no provider mirror: VPCE_HUB_PROVIDER_MIRROR is not set and no complete mirror of hashicorp/aws was found on this machine${skipped}; terraform init uses its own configuration (the registry). Without internet access set VPCE_HUB_PROVIDER_MIRROR=<folder that holds registry.terraform.io/hashicorp/aws/...>`;
}
