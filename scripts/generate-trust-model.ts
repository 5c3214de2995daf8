/**
 * Rewrites the list of what remains in the README's "Trust model of the hub-side role" (between the
 * blast-radius markers) from the blast-radius probes (src/planning/hub-side-blast-radius.ts):
 * `npx tsx scripts/generate-trust-model.ts`. A test fails while the README and the probes differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withBlastRadiusCatalogue } from '../src/planning/hub-side-blast-radius';

const README = path.join(__dirname, '..', 'README.md');
writeFileSync(README, withBlastRadiusCatalogue(readFileSync(README, 'utf8')));
process.stdout.write('wrote README.md (Trust model of the hub-side role)\n');
