/**
 * The JSON Schema of the config file, for editors (VS Code's and JetBrains' YAML support read it through
 * the `# yaml-language-server: $schema=...` line at the top of each config). Generated from the zod schema,
 * the single source of truth, with zod 4's `z.toJSONSchema` (https://zod.dev/json-schema): the input
 * side (fields with defaults are optional), draft-07, which both editors' YAML servers support.
 *
 * It covers structure only: shapes, required fields, allowed values and formats. Cross-field rules
 * (zod refinements such as "exactly one backend") and meaning (references, CIDR overlaps, quotas) are
 * `vpce-hub validate`'s job; an editor that shows no error is not a validated config.
 */
import { z } from 'zod';
import { configSchema } from './schema';

/** At the repository root; the committed file must equal a fresh generation (`npm run schema`). */
export const JSON_SCHEMA_FILE = 'vpce-hub.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  // unrepresentable: 'throw' (the default) makes a future field that JSON Schema cannot express fail the
  // generation, instead of silently accepting anything there.
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'vpce-hub configuration (vpce-hub.yaml)',
    description:
      'Accounts, hub VPCs with centralized interface endpoints, and spoke VPCs. Structure only: run `vpce-hub validate` for references, CIDRs, quotas and the other rules. Generated from src/config/schema.ts by `npm run schema`; do not edit.',
    ...rest,
  };
}

/** The committed file's exact text. */
export function serializeConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
