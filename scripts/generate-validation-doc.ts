/**
 * Regenerates docs/validation.md from the validator, finding-code and quota registries:
 * `npx tsx scripts/generate-validation-doc.ts`. The rendering lives in validation-doc.ts so a test can
 * check that the committed file is current.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_PATH, renderValidationDoc } from './validation-doc';

writeFileSync(OUTPUT_PATH, renderValidationDoc());
process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT_PATH)}\n`);
