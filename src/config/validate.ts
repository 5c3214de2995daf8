/**
 * Meaning checks on a structurally valid config. Each validator is a small function over the whole
 * config that returns findings; this list is the registry (README's "what is validated" comes from it).
 */
import type { Finding } from './findings';
import type { VpceHubConfig } from './schema';
import { validateDns } from './validate-dns';
import { validateNames } from './validate-names';
import { validateReferences } from './validate-references';
import { validateServices } from './validate-services';
import { validateVpcs } from './validate-vpcs';

export interface ValidationContext {
  config: VpceHubConfig;
  /** The parsed YAML before defaults, for user-facing paths (named list items). */
  raw: unknown;
}

export type Validator = (ctx: ValidationContext) => Finding[];

export const VALIDATORS: ReadonlyArray<{ id: string; summary: string; run: Validator }> = [
  { id: 'names', summary: 'names are unique (case-insensitively), and hubs and spokes never share one', run: validateNames },
  { id: 'references', summary: 'every account and hub a hub or spoke names exists; each spoke resolves to one hub', run: validateReferences },
  { id: 'vpcs', summary: 'CIDRs are valid, canonical, private, /16-/28 and never overlap within a hub network; AZs and existing ids are consistent', run: validateVpcs },
  { id: 'dns', summary: 'route53-profile mode: spokes in the hub region, organizationArn consistent with organizationId', run: validateDns },
  { id: 'services', summary: 'services exist in the catalogue and the hub region, are unique, have private DNS when zones are needed, and their zones do not collide', run: validateServices },
];

export function validateConfig(config: VpceHubConfig, raw: unknown): Finding[] {
  const ctx: ValidationContext = { config, raw };
  return VALIDATORS.flatMap((v) => v.run(ctx));
}
