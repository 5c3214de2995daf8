/**
 * Removing an account's last spoke, as the README's "Remove a spoke" says: apply the account's (now
 * empty) stack, which destroys both halves of the pair. Terraform needs the provider each resource in
 * the state was created with to destroy it, so the emptied stack must keep the account's own provider
 * (the spoke halves) as well as the one into the hub's account (the hub halves). Run for real: the
 * stack's state holds one resource of each half, and an offline plan must destroy both; with the own
 * provider gone it stops at "Provider configuration not present".
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import { parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT, synthConfig } from '../support/synth';
import { offlinePlan } from '../support/terraform';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');

/** The shipped example without payments-prod, the payments account's only spoke. */
function withoutPayments(): string {
  const doc = parseDocument(SHIPPED);
  doc.deleteIn(['spokes', 0]);
  return doc.toString();
}

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
const resource = (type: string, name: string, provider: string, id: string) => ({
  mode: 'managed',
  type,
  name,
  provider: `${AWS}.${provider}`,
  instances: [{ schema_version: 0, attributes: { id } }],
});

it("an account's emptied stack plans the destruction of both halves of its last spoke's pair", () => {
  const config = parseConfigText(withoutPayments()).config;
  const synth = synthConfig(config);
  try {
    // What the payments stack's state holds after the spoke was deployed: the accepter (spoke half, the
    // account's own provider) and the peering request (hub half, the provider into the hub's account).
    const state = {
      version: 4,
      terraform_version: '1.11.0',
      serial: 7,
      lineage: 'payments-lineage',
      outputs: {},
      resources: [
        resource('aws_vpc_peering_connection_accepter', 'spoke_payments-prod', 'us_east_1', 'pcx-0123456789abcdef0'),
        resource('aws_vpc_peering_connection', 'hub_main_to_payments-prod', 'hub_network_us_east_1', 'pcx-0123456789abcdef0'),
      ],
    };
    // The offline override points the stack's backend at this file (src/review/offline-plan.ts).
    writeFileSync(path.join(synth.stacksDir, 'payments', 'offline-test.tfstate'), JSON.stringify(state));
    const { plan } = offlinePlan(synth.stacksDir, 'payments');
    const deletes = (plan.resource_changes ?? []).filter((rc) => rc.change.actions.includes('delete')).map((rc) => rc.address);
    expect(deletes.sort()).toEqual(['aws_vpc_peering_connection.hub_main_to_payments-prod', 'aws_vpc_peering_connection_accepter.spoke_payments-prod']);
  } finally {
    synth.cleanup();
  }
}, 120_000);
