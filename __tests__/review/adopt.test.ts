/**
 * Adoption (issue 12 section 1): a hand-built hub's security group, endpoints and zones, and its
 * existing spokes' peerings, are imported by the first apply instead of created. What is imported,
 * with which id, what validate refuses, and how review lists it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../src/config/findings';
import { checkConfigText, parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { buildApp } from '../../src/stacks/app';
import { changesFromPlan } from '../../src/review/plan-json';
import { countsPhrase } from '../../src/review/format-shared';
import { runReview } from '../../src/review/run-review';

const EXAMPLE = readFileSync(path.join(__dirname, '../../examples/existing-hub-vpc/vpce-hub.yaml'), 'utf8');
const ZONE = 'kinesis.us-east-2.amazonaws.com';

function adopted(change?: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(EXAMPLE);
  doc.setIn(['hubs', 0, 'adopt'], doc.createNode({ securityGroupId: 'sg-0123456789abcdef0', endpoints: { 'kinesis-streams': 'vpce-0123456789abcdef0' }, zones: { [ZONE]: 'Z0123456789ABCDEFGHIJ' } }));
  doc.setIn(['spokes', 2, 'adopt'], doc.createNode({ peeringConnectionId: 'pcx-0123456789abcdef0' }));
  change?.(doc);
  return doc.toString();
}

type Json = { import?: Array<{ to: string; id: string; provider?: string }>; resource: Record<string, Record<string, Record<string, unknown>>> };
function synth(text: string): Record<string, Json> {
  const app = buildApp(buildPlan(parseConfigText(text).config));
  return Object.fromEntries(app.node.children.map((s) => [s.node.id, (s as unknown as { toTerraform(): Json }).toTerraform()]));
}

describe('import blocks', () => {
  const stacks = synth(adopted());
  const imports = (stack: string) => Object.fromEntries((stacks[stack].import ?? []).map((i) => [i.to, i.id]));

  it('hub stack: the security group, the endpoint, the zone and its records', () => {
    expect(imports('network')).toEqual({
      'aws_security_group.hub_shared_endpoints': 'sg-0123456789abcdef0',
      'aws_vpc_endpoint.hub_shared_kinesis-streams': 'vpce-0123456789abcdef0',
      'aws_route53_zone.hub_shared_kinesis_us-east-2_amazonaws_com': 'Z0123456789ABCDEFGHIJ',
      'aws_route53_record.hub_shared_kinesis_us-east-2_amazonaws_com_apex': `Z0123456789ABCDEFGHIJ_${ZONE}_A`,
    });
    // The block names the resource's own provider, and the adopted group ignores its ForceNew name.
    expect((stacks.network.import ?? []).every((i) => i.provider === 'aws.us_east_2')).toBe(true);
    expect(stacks.network.resource.aws_security_group.hub_shared_endpoints.lifecycle).toEqual({ ignore_changes: ['name', 'description'] });
  });

  it('spokes stack of the adopted spoke: peering, accepter, routes and the association of the adopted zone; never the authorization', () => {
    const data = imports('data');
    expect(data['aws_vpc_peering_connection.hub_shared_to_lake']).toBe('pcx-0123456789abcdef0');
    expect(data['aws_vpc_peering_connection_accepter.spoke_lake']).toBe('pcx-0123456789abcdef0');
    expect(data['aws_route.spoke_lake_rtb-0bbbbbbbbbbbbbbb5_to_hub_shared']).toBe('rtb-0bbbbbbbbbbbbbbb5_10.100.0.0/20');
    expect(data['aws_route.hub_shared_rtb-0bbbbbbbbbbbbbbb1_to_lake_10-103-0-0_16']).toBe('rtb-0bbbbbbbbbbbbbbb1_10.103.0.0/16');
    expect(data['aws_route53_zone_association.spoke_lake_kinesis_us-east-2_amazonaws_com']).toBe('Z0123456789ABCDEFGHIJ:vpc-0bbbbbbbbbbbbbbb4');
    expect(Object.keys(data).some((a) => a.startsWith('aws_route53_vpc_association_authorization.'))).toBe(false);
    // Zones that are not adopted, and spokes that are not, are created.
    expect(Object.keys(data).some((a) => a.includes('logs_us-east-2'))).toBe(false);
    expect(stacks.network.import?.some((i) => i.to.includes('tooling'))).toBe(false);
  });

  it('renders import blocks into the HCL handoff', () => {
    const app = buildApp(buildPlan(parseConfigText(adopted()).config));
    const network = app.node.children.find((c) => c.node.id === 'network') as unknown as { toHclTerraform(): { hcl: string } };
    expect(network.toHclTerraform().hcl).toMatch(/import \{\s+to\s+= aws_vpc_endpoint\.hub_shared_kinesis-streams\s+id\s+= "vpce-0123456789abcdef0"\s+provider = aws\.us_east_2\s+\}/);
  });
});

describe('validate', () => {
  const codes = (text: string) => {
    try {
      return checkConfigText(text, 'vpce-hub.yaml').findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.path}`);
    } catch (e) {
      if (e instanceof ConfigError) return e.findings.map((f) => `${f.code} ${f.path}`);
      throw e;
    }
  };
  it('checks id formats, that what is adopted is built, and that nothing is adopted twice', () => {
    expect(codes(adopted((d) => d.setIn(['hubs', 0, 'adopt', 'securityGroupId'], 'sg-12')))).toEqual(['InvalidFormat hubs.shared.adopt.securityGroupId']);
    expect(codes(adopted((d) => d.setIn(['hubs', 0, 'adopt', 'endpoints', 'sqs'], 'vpce-0123456789abcdef1')))).toContain('AdoptNotBuilt hubs.shared.adopt.endpoints.sqs');
    expect(codes(adopted((d) => d.setIn(['hubs', 0, 'adopt', 'zones', 'sqs.us-east-2.amazonaws.com'], 'Z0123456789ABCDEFGHIK')))).toContain('AdoptNotBuilt hubs.shared.adopt.zones.sqs.us-east-2.amazonaws.com');
    expect(codes(adopted((d) => d.setIn(['spokes', 0, 'adopt'], d.createNode({ peeringConnectionId: 'pcx-0123456789abcdef0' }))))).toContain('AdoptedTwice spokes.lake.adopt.peeringConnectionId');
    expect(codes(adopted())).toEqual([]);
  });
});

describe('review', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-adopt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists imports apart from creates (synth diff)', () => {
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), adopted());
    const r = runReview({ configPath: 'vpce-hub.yaml', cwd: dir });
    const network = r.stacks.find((s) => s.stack === 'network');
    expect(network?.changes.filter((c) => c.importId !== undefined)).toHaveLength(4);
    expect(countsPhrase(network?.changes ?? [])).toMatch(/^4 to import, \d+ to add/);
  });

  it('reads importing and previous_address from plan JSON', () => {
    const changes = changesFromPlan(
      {
        format_version: '1.2',
        resource_changes: [
          { address: 'aws_route53_zone.hub_main_sqs', type: 'aws_route53_zone', name: 'hub_main_sqs', change: { actions: ['no-op'], importing: { id: 'Z0123456789ABCDEFGHIJ' } } },
          { address: 'aws_vpc.hub_central', previous_address: 'aws_vpc.hub_main', type: 'aws_vpc', name: 'hub_central', change: { actions: ['no-op'] } },
        ],
      },
      'network',
    );
    expect(changes.map((c) => [c.address, c.action, c.importId, c.movedFrom])).toEqual([
      ['aws_route53_zone.hub_main_sqs', 'update', 'Z0123456789ABCDEFGHIJ', undefined],
      ['aws_vpc.hub_central', 'update', undefined, 'aws_vpc.hub_main'],
    ]);
    expect(countsPhrase(changes)).toBe('1 to import, 1 moved, 0 to add, 0 to change, 0 to replace, 0 to destroy');
  });
});

describe('review notes', () => {
  it('says what is created rather than imported in an adopted hub', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-adopt-notes-'));
    try {
      writeFileSync(path.join(dir, 'vpce-hub.yaml'), adopted());
      const r = runReview({ configPath: 'vpce-hub.yaml', cwd: dir });
      expect(r.adoption.join('\n')).toContain('created in the adopted security group sg-0123456789abcdef0, not imported');
      expect(r.adoption.join('\n')).toContain('zone association authorization(s) of adopted zones are created');
      expect(r.adoption.join('\n')).toContain('get a new peering, routes and associations: tooling, tooling-west');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
