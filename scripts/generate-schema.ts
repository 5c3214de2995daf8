/**
 * Writes vpce-hub.schema.json at the repository root from the zod schema, and docs/config-reference.md
 * from the same descriptions: `npm run schema`. Run it after any change to src/config/schema.ts; a test
 * fails while either committed file is stale.
 */
import fs from 'fs';
import path from 'path';
import { JSON_SCHEMA_FILE, serializeConfigJsonSchema } from '../src/config/json-schema';
import { CONFIG_REFERENCE_PATH, renderConfigReference } from './config-reference';

const target = path.resolve(__dirname, '..', JSON_SCHEMA_FILE);
fs.writeFileSync(target, serializeConfigJsonSchema());
fs.writeFileSync(CONFIG_REFERENCE_PATH, renderConfigReference());
process.stdout.write(`wrote ${JSON_SCHEMA_FILE} and ${path.relative(process.cwd(), CONFIG_REFERENCE_PATH)}\n`);
