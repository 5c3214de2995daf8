/**
 * Adopting attached VPCs on an organization's transit gateway (issue 16, section 1): an adopted
 * attachment's association is created with replace_existing_association, which takes the VPC out of
 * the route table it is associated with now. review names that and blocks until acknowledged; a new
 * attachment's association is an ordinary create.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatReviewMarkdown } from '../../src/review/format-markdown';
import { runReview } from '../../src/review/run-review';
import { PROJECT_ROOT } from '../support/synth';

const TEXT = readFileSync(path.join(PROJECT_ROOT, 'examples/organization-transit-gateway/vpce-hub.yaml'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tgw-adopt-'));
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), TEXT);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const review = (allowDestroy: string[] = []) => runReview({ configPath: 'vpce-hub.yaml', cwd: dir, allowDestroy });

describe('an adopted attachment is re-associated', () => {
  it('gates each adopted association as a re-association, with what the VPC loses and how to check first', () => {
    const r = review();
    const gated = r.gate.changes.map((g) => `${g.stack}/${g.address} ${g.action}`).sort();
    expect(gated).toEqual([
      'payments/aws_ec2_transit_gateway_route_table_association.spoke_payments-prod reassociate',
      'shared-services/aws_ec2_transit_gateway_route_table_association.hub_endpoints reassociate',
    ]);
    const hub = r.gate.changes.find((g) => g.stack === 'shared-services');
    expect(hub?.consequence).toMatch(/leaves the route table it is associated with now/);
    expect(hub?.consequence).toContain('describe-transit-gateway-attachments');
    expect(r.exitCode).toBe(1);
    expect(formatReviewMarkdown(r)).toMatch(/\| ⛔ blocking \| `payments` \| `aws_ec2_transit_gateway_route_table_association.spoke_payments-prod` \| re-associate \|/);
  });

  it('passes once both are acknowledged, and never gates the new spoke', () => {
    const r = review(['aws_ec2_transit_gateway_route_table_association.*']);
    expect(r.gate.changes.every((g) => g.acknowledged)).toBe(true);
    expect(r.gate.changes.some((g) => g.address.includes('analytics'))).toBe(false);
    expect(r.gate.unmatched).toEqual([]);
  });

  it('says in the adoption notes what is imported and which propagations stay', () => {
    const note = review().adoption.find((n) => n.includes('adopted transit gateway attachments'));
    expect(note).toContain('hub endpoints (tgw-attach-0ddddddddddddddd1), spoke payments-prod (tgw-attach-0eeeeeeeeeeeeeee1)');
    expect(note).toContain("except into the gateway's default propagation table");
  });
});

describe("a created gateway's amazonSideAsn changed later", () => {
  it('is gated as replacing the transit gateway, with what every spoke loses', () => {
    const hybrid = readFileSync(path.join(PROJECT_ROOT, 'examples/hybrid/vpce-hub.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), hybrid.replace('amazonSideAsn: 64600', 'amazonSideAsn: 64601'));
    const r = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: hybrid, label: 'base' } });
    const gateway = r.gate.changes.find((g) => g.address === 'aws_ec2_transit_gateway.hub_main');
    expect(gateway).toMatchObject({ stack: 'network', action: 'replace', attributes: ['amazon_side_asn'] });
    expect(gateway?.consequence).toMatch(/every spoke and on-premises client loses every hub endpoint/);
    expect(r.exitCode).toBe(1);
  });
});
