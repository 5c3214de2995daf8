/**
 * The configs the hub-side policy is proven on: the shipped vpce-hub.yaml, every example, every
 * accepted fixture (__tests__/fixtures/warning), and variants of the transit gateway examples that
 * exercise the owner's other halves (route tables an existing gateway gets from the hub stack through
 * the owner's role; attachments a gateway accepts by itself, tagged with aws_ec2_tag; adopted
 * attachments there) and the steps of a migration from peering.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_STEPS } from '../support/peering-migration-steps';
import { PROJECT_ROOT } from '../support/synth';

export const SHIPPED_CONFIGS: readonly string[] = [
  'vpce-hub.yaml',
  ...readdirSync(path.join(PROJECT_ROOT, 'examples'))
    .filter((d) => existsSync(path.join(PROJECT_ROOT, 'examples', d, 'vpce-hub.yaml')))
    .map((d) => `examples/${d}/vpce-hub.yaml`)
    .sort(),
];

export const FIXTURE_CONFIGS: readonly string[] = readdirSync(path.join(PROJECT_ROOT, '__tests__/fixtures/warning'))
  .map((d) => `__tests__/fixtures/warning/${d}/vpce-hub.yaml`)
  .filter((f) => existsSync(path.join(PROJECT_ROOT, f)))
  .sort();

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

/** `text` with `change` made, which must change it (a variant equal to its example proves nothing new). */
function variant(text: string, change: (text: string) => string): string {
  const out = change(text);
  if (out === text) throw new Error('the variant changes nothing: its example changed, update the variant');
  return out;
}

/** [name, config text] */
export const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['transit gateway whose two route tables the hub stack creates in the owner account', variant(read('examples/transit-gateway/vpce-hub.yaml'), (t) => t.replace(/ {6}routeTables:\n {8}hub: .*\n {8}spokes: .*\n/, ''))],
  ['created transit gateway accepting shared attachments by itself', variant(read('examples/hybrid/vpce-hub.yaml'), (t) => t.replace('    transitGateway:\n', '    transitGateway:\n      autoAcceptSharedAttachments: true\n'))],
  // Adopted attachments on an auto-accepting gateway whose defaults are off: imported accepters beside
  // the aws_ec2_tag of the new attachment (issue 16).
  [
    'organization gateway accepting shared attachments by itself, with adopted attachments',
    variant(read('examples/organization-transit-gateway/vpce-hub.yaml'), (t) => t.replace('      defaultRouteTableIds: [tgw-rtb-0aaaaaaaaaaaaaaaa]\n', '      autoAcceptSharedAttachments: true\n      defaultRouteTableIds: []\n')),
  ],
  // A peering hub moving to its transit gateway (issue 16): the spokes stacks keep their peerings
  // through the hub-side role in steps 1 and 2.
  ['peering -> transit gateway, step 1 (attach)', MIGRATION_STEPS.attach],
  ['peering -> transit gateway, step 2 (move-routes)', MIGRATION_STEPS.moveRoutes],
];
