/**
 * The shipped example (a peering hub, two cross-account spokes) and each step of its move to a created
 * transit gateway (README, "Move a hub from peering to a transit gateway"), as config texts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT } from './synth';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');

function edit(text: string, change: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}

/** The end state: a created transit gateway shared with the spoke accounts, each spoke with attachment subnets. */
const gateway = edit(SHIPPED, (doc) => {
  doc.setIn(['ramSharing'], doc.createNode({ shareWith: 'accounts', organizationSharing: 'enabled' }));
  doc.setIn(['hubs', 0, 'connectivity'], 'transit-gateway');
  doc.setIn(['hubs', 0, 'transitGateway'], doc.createNode({}));
  doc.setIn(['spokes', 0, 'vpc', 'attachmentSubnetIds'], doc.createNode(['subnet-0a1b2c3d4e5f67890', 'subnet-0b1c2d3e4f5a67890']));
  doc.setIn(['spokes', 1, 'vpc', 'attachmentSubnetIds'], doc.createNode(['subnet-0c1d2e3f4a5b67890', 'subnet-0d1e2f3a4b5c67890']));
});

export const MIGRATION_STEPS = {
  /** Before: peering. */
  peering: SHIPPED,
  /** Step 1: the gateway path is built, routes stay on the peerings. */
  attach: edit(gateway, (doc) => doc.setIn(['hubs', 0, 'peeringMigration'], 'attach')),
  /** Step 2: routes move to the gateway, the peerings stay. */
  moveRoutes: edit(gateway, (doc) => doc.setIn(['hubs', 0, 'peeringMigration'], 'move-routes')),
  /** Step 3 (the end state): the peerings go. */
  transitGateway: gateway,
} as const;
