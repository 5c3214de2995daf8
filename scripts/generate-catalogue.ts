/**
 * Regenerates the committed service catalogue: `npx tsx scripts/generate-catalogue.ts [dataDir]`.
 * dataDir defaults to data/endpoint-services (vendored in the repository, see its SOURCE.md).
 * All logic lives in catalogue-builder.ts so the tests can check the committed file is current.
 */
import fs from 'fs';
import path from 'path';
import { DEFAULT_DATA_DIR, OUTPUT_PATH, buildCatalogue, serializeCatalogue } from './catalogue-builder';

function main(argv: string[]): void {
  const dataDir = argv[0] ? path.resolve(argv[0]) : DEFAULT_DATA_DIR;
  const catalogue = buildCatalogue(dataDir);
  fs.writeFileSync(OUTPUT_PATH, serializeCatalogue(catalogue));
  const count = Object.keys(catalogue.services).length;
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT_PATH)}: ${count} services, ${catalogue.regions.length} regions\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`generate-catalogue: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
