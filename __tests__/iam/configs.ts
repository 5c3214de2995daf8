/**
 * The configs the hub-side policy is proven on: the shipped vpce-hub.yaml, every example, every
 * accepted fixture (__tests__/fixtures/warning), and variants of the transit gateway examples that
 * exercise the owner's other halves (route tables an existing gateway gets from the hub stack through
 * the owner's role; attachments a gateway accepts by itself, tagged with aws_ec2_tag).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

/** [name, config text] */
export const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['transit gateway whose two route tables the hub stack creates in the owner account', read('examples/transit-gateway/vpce-hub.yaml').replace(/ {6}routeTables:\n {8}hub: .*\n {8}spokes: .*\n/, '')],
  ['created transit gateway accepting shared attachments by itself', read('examples/hybrid/vpce-hub.yaml').replace('transitGateway: {}', 'transitGateway: { autoAcceptSharedAttachments: true }')],
];
