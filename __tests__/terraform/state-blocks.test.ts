/**
 * Terraform's own check of the state blocks synth writes (moved blocks of renames; import blocks of
 * adopted resources): the JSON stack through init, validate and an offline plan, the HCL handoff
 * through init and validate. An offline plan starts from an empty state: a moved block whose source
 * is not in the state is a no-op there, which is what Terraform does on a first deploy too.
 */
import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT, synthConfig, synthHclConfig } from '../support/synth';
import { offlinePlan, validateWithoutBackend } from '../support/terraform';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
const doc = parseDocument(SHIPPED);
doc.setIn(['hubs', 0, 'name'], 'central');
doc.setIn(['hubs', 0, 'formerNames'], doc.createNode(['main']));
doc.setIn(['spokes', 0, 'name'], 'payments-production');
doc.setIn(['spokes', 0, 'formerNames'], doc.createNode(['payments-prod']));
const RENAMED = parseConfigText(doc.toString()).config;

describe('moved blocks of a hub and a spoke renamed', () => {
  it('pass init, validate and an offline plan as JSON', () => {
    const synth = synthConfig(RENAMED);
    try {
      for (const stack of ['network', 'payments']) {
        const { validate, plan } = offlinePlan(synth.stacksDir, stack);
        expect({ stack, valid: validate.valid, errors: validate.error_count }).toEqual({ stack, valid: true, errors: 0 });
        expect(plan.resource_changes?.length).toBeGreaterThan(0);
      }
    } finally {
      synth.cleanup();
    }
  }, 120_000);

  it('pass init and validate as HCL', () => {
    const synth = synthHclConfig(RENAMED);
    try {
      for (const stack of ['network', 'payments']) {
        expect(synth.stacks[stack]).toContain('moved {');
        expect({ stack, ...validateWithoutBackend(synth.stacksDir, stack) }).toMatchObject({ stack, valid: true, error_count: 0 });
      }
    } finally {
      synth.cleanup();
    }
  }, 120_000);
});
