/**
 * Terraform's own check of the state blocks synth writes (moved blocks of renames; import blocks of
 * adopted resources): the JSON stack through init, validate and an offline plan (import blocks), the
 * HCL handoff through init and validate. The JSON moved blocks are applied in day-two.test.ts.
 */
import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT, synthConfig, synthHclConfig } from '../support/synth';
import { offlinePlanAsync, validateWithoutBackendAsync } from '../support/terraform';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
const doc = parseDocument(SHIPPED);
doc.setIn(['hubs', 0, 'name'], 'central');
doc.setIn(['hubs', 0, 'formerNames'], doc.createNode(['main']));
doc.setIn(['spokes', 0, 'name'], 'payments-production');
doc.setIn(['spokes', 0, 'formerNames'], doc.createNode(['payments-prod']));
const RENAMED = parseConfigText(doc.toString()).config;

// As JSON, the moved blocks are applied to a state that holds the old addresses (day-two.test.ts, the
// rename sequence): stronger than a plan from an empty state, where a moved block does nothing.
describe('moved blocks of a hub and a spoke renamed', () => {
  it('pass init and validate as HCL', async () => {
    const synth = synthHclConfig(RENAMED);
    try {
      const stacks = ['network', 'payments'];
      for (const stack of stacks) expect(synth.stacks[stack]).toContain('moved {');
      const validated = await Promise.all(stacks.map(async (stack) => ({ stack, ...(await validateWithoutBackendAsync(synth.stacksDir, stack)) })));
      for (const v of validated) expect(v).toMatchObject({ stack: v.stack, valid: true, error_count: 0 });
    } finally {
      synth.cleanup();
    }
  });
});

const EXAMPLE = readFileSync(path.join(PROJECT_ROOT, 'examples/existing-hub-vpc/vpce-hub.yaml'), 'utf8');
const adoptDoc = parseDocument(EXAMPLE);
adoptDoc.setIn(['hubs', 0, 'adopt'], adoptDoc.createNode({ securityGroupId: 'sg-0123456789abcdef0', endpoints: { 'kinesis-streams': 'vpce-0123456789abcdef0' }, zones: { 'kinesis.us-east-2.amazonaws.com': 'Z0123456789ABCDEFGHIJ' } }));
adoptDoc.setIn(['spokes', 2, 'adopt'], adoptDoc.createNode({ peeringConnectionId: 'pcx-0123456789abcdef0' }));
const ADOPTED = parseConfigText(adoptDoc.toString()).config;

describe('import blocks of an adopted hub and spoke', () => {
  // An offline plan cannot import (Terraform reads the object from AWS): validate sees the import
  // blocks, then the harness removes them and the plan shows the adopted resources as creates.
  it('pass init and validate with the import blocks, and an offline plan without them, as JSON', async () => {
    const synth = synthConfig(ADOPTED);
    try {
      const stacks = ['network', 'data'];
      for (const stack of stacks) expect(synth.stacks[stack].import?.length).toBeGreaterThan(0);
      const planned = await Promise.all(stacks.map(async (stack) => ({ stack, ...(await offlinePlanAsync(synth.stacksDir, stack)) })));
      for (const { stack, validate, plan } of planned) {
        expect({ stack, valid: validate?.valid, errors: validate?.error_count }).toEqual({ stack, valid: true, errors: 0 });
        expect(plan.resource_changes?.some((c) => c.address === (stack === 'network' ? 'aws_vpc_endpoint.hub_shared_kinesis-streams' : 'aws_vpc_peering_connection.hub_shared_to_lake'))).toBe(true);
      }
    } finally {
      synth.cleanup();
    }
  });

  it('pass init and validate as HCL', async () => {
    const synth = synthHclConfig(ADOPTED);
    try {
      const stacks = ['network', 'data'];
      for (const stack of stacks) expect(synth.stacks[stack]).toContain('import {');
      const validated = await Promise.all(stacks.map(async (stack) => ({ stack, ...(await validateWithoutBackendAsync(synth.stacksDir, stack)) })));
      for (const v of validated) expect(v).toMatchObject({ stack: v.stack, valid: true, error_count: 0 });
    } finally {
      synth.cleanup();
    }
  });
});
