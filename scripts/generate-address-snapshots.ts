/**
 * Writes __tests__/fixtures/addresses/<config>.json for every shipped config (scripts/address-snapshots.ts).
 * Run it when a release is made (after the version bump), never to make the address-stability test
 * pass: that test failing means an upgrade would destroy resources (see its message).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addressSnapshot, ROOT, shippedConfigs, SNAPSHOT_DIR, snapshotFile } from './address-snapshots';

const release = (require(path.join(ROOT, 'package.json')) as { version: string }).version;
mkdirSync(SNAPSHOT_DIR, { recursive: true });
for (const config of shippedConfigs()) {
  const file = snapshotFile(config);
  writeFileSync(file, `${JSON.stringify(addressSnapshot(config, release), null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
