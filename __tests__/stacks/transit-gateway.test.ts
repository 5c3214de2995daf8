/**
 * Transit gateway stacks (issue 10), asserted on the synthesized JSON itself, not through a check rule:
 * spoke isolation on the gateway's route tables, the created gateway's settings, and where each half
 * of a pair lives (which account's provider creates it).
 */
import { loadConfigFile } from '../../src/config/load';
import path from 'node:path';
import { configSchema } from '../../src/config/schema';
import { PROJECT_ROOT, synthConfig, synthFile } from '../support/synth';

type Body = Record<string, unknown>;
type Doc = { resource?: Record<string, Record<string, Body>>; provider?: { aws?: Body[] } };
type Stacks = Record<string, Doc>;

/** Every resource of a type, across stacks, as `stack/type.name` -> body. */
function all(stacks: Stacks, type: string): Array<{ stack: string; name: string; body: Body }> {
  return Object.entries(stacks).flatMap(([stack, doc]) => Object.entries(doc.resource?.[type] ?? {}).map(([name, body]) => ({ stack, name, body })));
}

/** A route table id as written: a literal, or the output / resource it is read from. */
const tableKey = (v: unknown): string => String(v).replace(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.hub_(\w+?)_transit_gateway_route_table_(hub|spokes)\}$/, 'created:$1:$2').replace(/^\$\{aws_ec2_transit_gateway_route_table\.hub_(\w+?)_(hub|spokes)\.id\}$/, 'created:$1:$2');
const attachmentOf = (v: unknown): string => String(v).replace(/^\$\{aws_ec2_transit_gateway_vpc_attachment\.(.+)\.id\}$/, '$1');

/**
 * Which attachments each attachment can reach: the attachments that propagate into the table it is
 * associated with. Attachments are named by their address (hub_<hub> or spoke_<spoke>).
 */
function reachability(stacks: Stacks): Map<string, Set<string>> {
  const associated = new Map(all(stacks, 'aws_ec2_transit_gateway_route_table_association').map((a) => [attachmentOf(a.body.transit_gateway_attachment_id), tableKey(a.body.transit_gateway_route_table_id)]));
  const learned = new Map<string, Set<string>>();
  for (const p of all(stacks, 'aws_ec2_transit_gateway_route_table_propagation')) {
    const table = tableKey(p.body.transit_gateway_route_table_id);
    if (!learned.has(table)) learned.set(table, new Set());
    learned.get(table)?.add(attachmentOf(p.body.transit_gateway_attachment_id));
  }
  return new Map([...associated].map(([attachment, table]) => [attachment, learned.get(table) ?? new Set()]));
}

describe.each(['examples/transit-gateway/vpce-hub.yaml', 'examples/hybrid/vpce-hub.yaml'])('%s', (file) => {
  let stacks: Stacks;
  let cleanup = () => {};
  beforeAll(() => {
    const s = synthFile(file);
    stacks = s.stacks as unknown as Stacks;
    cleanup = s.cleanup;
  });
  afterAll(() => cleanup());

  it('isolates spokes: each spoke attachment reaches exactly the hub attachment, and the hub reaches every spoke', () => {
    const reach = reachability(stacks);
    const spokes = [...reach.keys()].filter((a) => a.startsWith('spoke_')).sort();
    expect(spokes.length).toBeGreaterThanOrEqual(2);
    for (const spoke of spokes) expect({ spoke, reaches: [...(reach.get(spoke) ?? [])] }).toEqual({ spoke, reaches: ['hub_main'] });
    expect([...(reach.get('hub_main') ?? [])].sort()).toEqual(spokes);
  });

  it('associates and propagates explicitly: no attachment leans on default route tables', () => {
    for (const a of all(stacks, 'aws_ec2_transit_gateway_vpc_attachment')) {
      // Set where the provider can (owner's account); otherwise the accepter must turn both off.
      const accepter = all(stacks, 'aws_ec2_transit_gateway_vpc_attachment_accepter').find((x) => attachmentOf(x.body.transit_gateway_attachment_id) === a.name);
      const flags = accepter?.body ?? a.body;
      if (flags.transit_gateway_default_route_table_association === undefined) continue; // auto-accepted in a gateway with defaults off
      expect({ a: a.name, assoc: flags.transit_gateway_default_route_table_association, prop: flags.transit_gateway_default_route_table_propagation }).toEqual({ a: a.name, assoc: false, prop: false });
    }
  });
});

describe('a created transit gateway', () => {
  it('turns default association and propagation off, does not auto-accept, supports DNS, and is shared through RAM', () => {
    const s = synthFile('examples/hybrid/vpce-hub.yaml');
    try {
      const stacks = s.stacks as unknown as Stacks;
      const [tgw] = all(stacks, 'aws_ec2_transit_gateway');
      expect(tgw.body).toMatchObject({ default_route_table_association: 'disable', default_route_table_propagation: 'disable', auto_accept_shared_attachments: 'disable', dns_support: 'enable' });
      const association = all(stacks, 'aws_ram_resource_association').find((r) => r.body.resource_arn === '${aws_ec2_transit_gateway.hub_main.arn}');
      expect(association?.stack).toBe('network');
    } finally {
      s.cleanup();
    }
  });

  it('shared per account with invitations: each spoke account joins once and accepts before it attaches', () => {
    const config = loadConfigFile(path.join(PROJECT_ROOT, 'examples/hybrid/vpce-hub.yaml')).config;
    const raw = JSON.parse(JSON.stringify({ ...config, ramSharing: { shareWith: 'accounts', organizationSharing: 'disabled' } }));
    const s = synthConfig(configSchema.parse(raw));
    try {
      const stacks = s.stacks as unknown as Stacks;
      for (const account of ['payments', 'analytics']) {
        const principal = stacks[account].resource?.aws_ram_principal_association?.[`hub_main_transit_gateway_to_${account}`];
        expect(principal).toBeDefined();
        const accepter = stacks[account].resource?.aws_ram_resource_share_accepter?.hub_main_transit_gateway;
        expect(accepter).toBeDefined();
        const attachment = Object.values(stacks[account].resource?.aws_ec2_transit_gateway_vpc_attachment ?? {})[0];
        expect(attachment?.depends_on).toEqual(['aws_ram_resource_share_accepter.hub_main_transit_gateway']);
      }
    } finally {
      s.cleanup();
    }
  });
});

describe('where the halves act', () => {
  it("the owner's halves use a provider pinned to the transit gateway owner's account; the spoke's its own", () => {
    const s = synthFile('examples/transit-gateway/vpce-hub.yaml');
    try {
      const stacks = s.stacks as unknown as Stacks;
      const pinned = (stack: string, provider: unknown) => (stacks[stack].provider?.aws ?? []).find((p) => `aws.${String(p.alias)}` === provider)?.allowed_account_ids;
      const payments = stacks.payments.resource ?? {};
      expect(pinned('payments', payments.aws_ec2_transit_gateway_vpc_attachment['spoke_payments-prod'].provider)).toEqual(['222222222222']);
      for (const type of ['aws_ec2_transit_gateway_vpc_attachment_accepter', 'aws_ec2_transit_gateway_route_table_association']) {
        expect(pinned('payments', payments[type]['spoke_payments-prod'].provider)).toEqual(['111111111111']);
      }
      expect(pinned('payments', payments.aws_ec2_transit_gateway_route_table_propagation['spoke_payments-prod_to_hub'].provider)).toEqual(['111111111111']);
      // The hub's route back to the spoke acts in the hub's account (shared-services), through the hub-side provider.
      expect(pinned('payments', payments.aws_route['hub_main_endpoints_to_payments-prod_10-1-0-0_16'].provider)).toEqual(['444444444444']);
      // The hub stack holds nothing of any spoke.
      expect(JSON.stringify(stacks['shared-services'])).not.toMatch(/payments|analytics|tools/);
    } finally {
      s.cleanup();
    }
  });
});
