/**
 * Writes vpce-hub.schema.json at the repository root from the zod schema: `npm run schema`.
 * Run it after any change to src/config/schema.ts; a test fails while the committed file is stale.
 */
import fs from 'fs';
import path from 'path';
import { JSON_SCHEMA_FILE, serializeConfigJsonSchema } from '../src/config/json-schema';

const target = path.resolve(__dirname, '..', JSON_SCHEMA_FILE);
fs.writeFileSync(target, serializeConfigJsonSchema());
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
