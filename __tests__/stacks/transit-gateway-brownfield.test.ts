/**
 * Transit gateways as organizations really run them (issue 16), asserted on the synthesized JSON: an
 * organization's gateway, owned by a network account, with VPCs attached already. An attached VPC is
 * adopted (imported, never attached twice: AWS allows one attachment per VPC and gateway), and its
 * association replaces whatever table it has now.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT, resourcesOf, synthFile, synthText, type Synthesized } from '../support/synth';

const EXAMPLE = 'examples/organization-transit-gateway/vpce-hub.yaml';
const TEXT = readFileSync(path.join(PROJECT_ROOT, EXAMPLE), 'utf8');

function edit(change: (doc: ReturnType<typeof parseDocument>) => void, text = TEXT): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}

const importsOf = (s: Synthesized, stack: string): Record<string, { id: string; provider?: string }> =>
  Object.fromEntries((s.stacks[stack].import ?? []).map((i) => [i.to, { id: i.id, ...(i.provider ? { provider: i.provider } : {}) }]));
const body = (s: Synthesized, stack: string, address: string): Record<string, unknown> | undefined => resourcesOf(s.stacks[stack]).get(address);

describe('an organization gateway with attached VPCs (examples/organization-transit-gateway)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthFile(EXAMPLE);
  });
  afterAll(() => s.cleanup());

  it("imports the hub VPC's attachment (hub account) and its accepter (owner account) by the attachment id", () => {
    expect(importsOf(s, 'shared-services')).toEqual({
      'aws_ec2_transit_gateway_vpc_attachment.hub_endpoints': { id: 'tgw-attach-0ddddddddddddddd1', provider: 'aws.eu_central_1' },
      'aws_ec2_transit_gateway_vpc_attachment_accepter.hub_endpoints': { id: 'tgw-attach-0ddddddddddddddd1', provider: 'aws.hub_network_eu_central_1' },
    });
  });

  it("imports an adopted spoke's attachment and accepter; a spoke without adopt gets a new attachment and no import", () => {
    expect(importsOf(s, 'payments')).toEqual({
      'aws_ec2_transit_gateway_vpc_attachment.spoke_payments-prod': { id: 'tgw-attach-0eeeeeeeeeeeeeee1', provider: 'aws.eu_central_1' },
      'aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_payments-prod': { id: 'tgw-attach-0eeeeeeeeeeeeeee1', provider: 'aws.hub_network_eu_central_1' },
    });
    expect(s.stacks.analytics.import).toBeUndefined();
    expect(body(s, 'analytics', 'aws_ec2_transit_gateway_vpc_attachment.spoke_analytics-prod')).toBeDefined();
  });

  it('replaces the existing association of adopted attachments only: a new attachment has none to replace', () => {
    expect(body(s, 'shared-services', 'aws_ec2_transit_gateway_route_table_association.hub_endpoints')).toMatchObject({ replace_existing_association: true, transit_gateway_route_table_id: 'tgw-rtb-0ccccccccccccccc1' });
    expect(body(s, 'payments', 'aws_ec2_transit_gateway_route_table_association.spoke_payments-prod')).toMatchObject({ replace_existing_association: true, transit_gateway_route_table_id: 'tgw-rtb-0ccccccccccccccc2' });
    expect(body(s, 'analytics', 'aws_ec2_transit_gateway_route_table_association.spoke_analytics-prod')).not.toHaveProperty('replace_existing_association');
  });

  it("turns the adopted attachments' default association and propagation off through their accepters, and adds no propagation to a default table", () => {
    for (const [stack, name] of [['shared-services', 'hub_endpoints'], ['payments', 'spoke_payments-prod']]) {
      expect(body(s, stack, `aws_ec2_transit_gateway_vpc_attachment_accepter.${name}`)).toMatchObject({ transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    }
    const propagated = Object.values(s.stacks).flatMap((st) => Object.values(st.resource?.aws_ec2_transit_gateway_route_table_propagation ?? {}).map((p) => p.transit_gateway_route_table_id));
    expect(propagated).not.toContain('tgw-rtb-0aaaaaaaaaaaaaaaa');
  });

  it("keeps the adopted hub attachment's default propagation (how on-premises reaches the hub today), a spoke's is turned off", () => {
    expect(body(s, 'shared-services', 'aws_ec2_transit_gateway_vpc_attachment_accepter.hub_endpoints')).toMatchObject({ lifecycle: { ignore_changes: ['transit_gateway_default_route_table_propagation'] } });
    expect(body(s, 'payments', 'aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_payments-prod')).not.toHaveProperty('lifecycle');
  });

  it("leaves an adopted attachment's appliance mode and IPv6 support as they are (the provider defaults both to disable); a new one has no such rule", () => {
    for (const [stack, name] of [['shared-services', 'hub_endpoints'], ['payments', 'spoke_payments-prod']]) {
      expect(body(s, stack, `aws_ec2_transit_gateway_vpc_attachment.${name}`)).toMatchObject({ lifecycle: { ignore_changes: ['appliance_mode_support', 'ipv6_support'] } });
    }
    expect(body(s, 'analytics', 'aws_ec2_transit_gateway_vpc_attachment.spoke_analytics-prod')).not.toHaveProperty('lifecycle');
  });
});

describe('an adopted attachment on an auto-accepting gateway', () => {
  it('still gets its accepter, imported: the one API path that turns its default propagation off from the owner', () => {
    const text = edit((doc) => {
      doc.setIn(['hubs', 0, 'transitGateway', 'autoAcceptSharedAttachments'], true);
      doc.setIn(['hubs', 0, 'transitGateway', 'defaultRouteTableIds'], doc.createNode([]));
    });
    const s = synthText(text);
    try {
      expect(importsOf(s, 'payments')['aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_payments-prod']).toEqual({ id: 'tgw-attach-0eeeeeeeeeeeeeee1', provider: 'aws.hub_network_eu_central_1' });
      // A new attachment is accepted by AWS itself: an accepter's Create would accept it a second time.
      expect(body(s, 'analytics', 'aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_analytics-prod')).toBeUndefined();
    } finally {
      s.cleanup();
    }
  });
});

describe("the hub attachment's own subnets and a created gateway's ASN (issue 16, section 2)", () => {
  it('carves the subnets of a created hub VPC with a route table of local routes only, and attaches there, not in the endpoint subnets', () => {
    const s = synthFile('examples/hybrid/vpce-hub.yaml');
    try {
      const r = resourcesOf(s.stacks.network);
      expect(r.get('aws_subnet.hub_main_transit_gateway_eu-west-1a')).toMatchObject({ cidr_block: '10.0.3.224/28', availability_zone: 'eu-west-1a', map_public_ip_on_launch: false });
      expect(r.get('aws_subnet.hub_main_transit_gateway_eu-west-1b')).toMatchObject({ cidr_block: '10.0.3.240/28', availability_zone: 'eu-west-1b' });
      expect(r.get('aws_route_table.hub_main_transit_gateway')).not.toHaveProperty('route');
      expect(r.get('aws_route_table_association.hub_main_transit_gateway_eu-west-1a')).toMatchObject({ route_table_id: '${aws_route_table.hub_main_transit_gateway.id}', subnet_id: '${aws_subnet.hub_main_transit_gateway_eu-west-1a.id}' });
      expect(r.get('aws_ec2_transit_gateway_vpc_attachment.hub_main')?.subnet_ids).toEqual(['${aws_subnet.hub_main_transit_gateway_eu-west-1a.id}', '${aws_subnet.hub_main_transit_gateway_eu-west-1b.id}']);
      expect(r.get('aws_ec2_transit_gateway.hub_main')).toMatchObject({ amazon_side_asn: 64600 });
      // No route anywhere points at the attachment subnets' table: the gateway delivers into the VPC by its local route.
      expect([...r.keys()].filter((a) => a.startsWith('aws_route.') && String(r.get(a)?.route_table_id).includes('transit_gateway'))).toEqual([]);
    } finally {
      s.cleanup();
    }
  });

  it("attaches an existing hub VPC in the subnets the config names (the adopted attachment's own)", () => {
    const s = synthFile(EXAMPLE);
    try {
      expect(body(s, 'shared-services', 'aws_ec2_transit_gateway_vpc_attachment.hub_endpoints')?.subnet_ids).toEqual(['subnet-0ddddddddddddddd3', 'subnet-0ddddddddddddddd4']);
      expect(resourcesOf(s.stacks['shared-services']).has('aws_route_table.hub_endpoints_transit_gateway')).toBe(false);
    } finally {
      s.cleanup();
    }
  });
});
