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

const EXAMPLE = readFileSync(path.join(PROJECT_ROOT, 'examples/existing-hub-vpc/vpce-hub.yaml'), 'utf8');
const adoptDoc = parseDocument(EXAMPLE);
adoptDoc.setIn(['hubs', 0, 'adopt'], adoptDoc.createNode({ securityGroupId: 'sg-0123456789abcdef0', endpoints: { 'kinesis-streams': 'vpce-0123456789abcdef0' }, zones: { 'kinesis.us-east-2.amazonaws.com': 'Z0123456789ABCDEFGHIJ' } }));
adoptDoc.setIn(['spokes', 2, 'adopt'], adoptDoc.createNode({ peeringConnectionId: 'pcx-0123456789abcdef0' }));
const ADOPTED = parseConfigText(adoptDoc.toString()).config;

describe('import blocks of an adopted hub and spoke', () => {
  // An offline plan cannot import (Terraform reads the object from AWS): validate sees the import
  // blocks, then the harness removes them and the plan shows the adopted resources as creates.
  it('pass init and validate with the import blocks, and an offline plan without them, as JSON', () => {
    const synth = synthConfig(ADOPTED);
    try {
      for (const stack of ['network', 'data']) {
        expect(synth.stacks[stack].import?.length).toBeGreaterThan(0);
        const { validate, plan } = offlinePlan(synth.stacksDir, stack);
        expect({ stack, valid: validate.valid, errors: validate.error_count }).toEqual({ stack, valid: true, errors: 0 });
        expect(plan.resource_changes?.some((c) => c.address === (stack === 'network' ? 'aws_vpc_endpoint.hub_shared_kinesis-streams' : 'aws_vpc_peering_connection.hub_shared_to_lake'))).toBe(true);
      }
    } finally {
      synth.cleanup();
    }
  }, 120_000);

  it('pass init and validate as HCL', () => {
    const synth = synthHclConfig(ADOPTED);
    try {
      for (const stack of ['network', 'data']) {
        expect(synth.stacks[stack]).toContain('import {');
        expect({ stack, ...validateWithoutBackend(synth.stacksDir, stack) }).toMatchObject({ stack, valid: true, error_count: 0 });
      }
    } finally {
      synth.cleanup();
    }
  }, 120_000);
});
