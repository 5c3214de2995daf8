/**
 * The shipped vpce-hub.yaml (the blog's scenario), fully synthesized: hub `main` in account `network`
 * (us-east-1, 2 AZs, sqs sts ssm ecr.api ecr.dkr s3, private hosted zones), spokes payments-prod
 * (account payments, 2 route tables) and analytics-prod (account analytics, with a secondary CIDR).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, synthFile, type Synthesized } from '../support/synth';
import { allStrings, namesOf, ofType, remoteOutputRefs } from './json';

let synth: Synthesized;
beforeAll(() => {
  synth = synthFile('vpce-hub.yaml');
});
afterAll(() => synth?.cleanup());

const HUB_CIDR = '10.0.0.0/22';
const ZONES = [
  'api.ecr.us-east-1.amazonaws.com',
  'dkr.ecr.us-east-1.amazonaws.com',
  's3-accesspoint.us-east-1.amazonaws.com',
  's3-control.us-east-1.amazonaws.com',
  's3.us-east-1.amazonaws.com',
  'sqs.us-east-1.amazonaws.com', 'ssm.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com'];
const ZONE_KEYS = ZONES.map((z) => z.replace(/\./g, '_'));
const SPOKES = {
  'payments-prod': { stack: 'payments', vpcId: 'vpc-0a1b2c3d4e5f67890', cidrs: ['10.1.0.0/16'], routeTables: ['rtb-0a1b2c3d4e5f67890', 'rtb-0b1c2d3e4f5a67890'] },
  'analytics-prod': { stack: 'analytics', vpcId: 'vpc-0c1d2e3f4a5b67890', cidrs: ['10.2.0.0/16', '100.64.0.0/20'], routeTables: ['rtb-0c1d2e3f4a5b67890'] },
} as const;
const network = () => synth.stacks.network;

it('synthesizes one stack per account', () => {
  expect(Object.keys(synth.stacks).sort()).toEqual(['analytics', 'network', 'payments']);
});

describe('hub endpoints', () => {
  it('creates one interface endpoint per service, private DNS explicitly off, in both AZ subnets', () => {
    const endpoints = ofType(network(), 'aws_vpc_endpoint');
    expect(Object.keys(endpoints).sort()).toEqual(['hub_main_ecr_api', 'hub_main_ecr_dkr', 'hub_main_s3', 'hub_main_sqs', 'hub_main_ssm', 'hub_main_sts']);
    for (const ep of Object.values(endpoints)) {
      expect(ep).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: false,
        vpc_id: '${aws_vpc.hub_main.id}',
        subnet_ids: ['${aws_subnet.hub_main_endpoints_us-east-1a.id}', '${aws_subnet.hub_main_endpoints_us-east-1b.id}'],
        security_group_ids: ['${aws_security_group.hub_main_endpoints.id}'],
      });
    }
    expect(endpoints.hub_main_ecr_api.service_name).toBe('com.amazonaws.us-east-1.ecr.api');
  });

  it('carves the two endpoint subnets from the hub CIDR, without public IPs', () => {
    expect(Object.values(ofType(network(), 'aws_subnet')).map((s) => [s.availability_zone, s.cidr_block, s.map_public_ip_on_launch])).toEqual([
      ['us-east-1a', '10.0.0.0/24', false],
      ['us-east-1b', '10.0.1.0/24', false],
    ]);
  });

  it('attaches the organization policy to every endpoint', () => {
    for (const ep of Object.values(ofType(network(), 'aws_vpc_endpoint'))) {
      expect(JSON.parse(ep.policy as string).Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    }
  });
});

describe('hub zones and records', () => {
  it('creates one private hosted zone per service DNS name, named exactly like it', () => {
    expect(Object.values(ofType(network(), 'aws_route53_zone')).map((z) => z.name).sort()).toEqual(ZONES);
  });

  it('creates each zone with the hub VPC inline and ignores later changes to its VPC list', () => {
    for (const zone of Object.values(ofType(network(), 'aws_route53_zone'))) {
      expect(zone.vpc).toEqual([{ vpc_id: '${aws_vpc.hub_main.id}', vpc_region: 'us-east-1' }]);
      expect(zone.lifecycle).toEqual({ ignore_changes: ['vpc'] });
    }
  });

  it('creates an apex A record per zone, and a `*` record too for the wildcard zones (dkr.ecr and the three of s3)', () => {
    const records = ofType(network(), 'aws_route53_record');
    expect(Object.values(records).map((r) => r.name).sort()).toEqual([
      '*.dkr.ecr.us-east-1.amazonaws.com',
      '*.s3-accesspoint.us-east-1.amazonaws.com',
      '*.s3-control.us-east-1.amazonaws.com',
      '*.s3.us-east-1.amazonaws.com',
      'api.ecr.us-east-1.amazonaws.com',
      'dkr.ecr.us-east-1.amazonaws.com',
      's3-accesspoint.us-east-1.amazonaws.com',
      's3-control.us-east-1.amazonaws.com',
      's3.us-east-1.amazonaws.com',
      'sqs.us-east-1.amazonaws.com',
      'ssm.us-east-1.amazonaws.com',
      'sts.us-east-1.amazonaws.com',
    ]);
    expect(records['hub_main_dkr_ecr_us-east-1_amazonaws_com_wildcard'].zone_id).toBe('${aws_route53_zone.hub_main_dkr_ecr_us-east-1_amazonaws_com.zone_id}');
    for (const r of Object.values(records)) expect(r.type).toBe('A');
  });

  it.each([
    ['sqs_us-east-1_amazonaws_com_apex', 'hub_main_sqs'],
    ['api_ecr_us-east-1_amazonaws_com_apex', 'hub_main_ecr_api'],
    ['dkr_ecr_us-east-1_amazonaws_com_apex', 'hub_main_ecr_dkr'],
    ['dkr_ecr_us-east-1_amazonaws_com_wildcard', 'hub_main_ecr_dkr'],
  ])('aliases record %s to the first (regional) DNS entry of endpoint %s', (record, endpoint) => {
    const alias = ofType(network(), 'aws_route53_record')[`hub_main_${record}`].alias as Record<string, unknown>;
    expect(alias.name).toContain(`aws_vpc_endpoint.${endpoint}.dns_entry[0].dns_name`);
    expect(alias.zone_id).toBe(`\${aws_vpc_endpoint.${endpoint}.dns_entry[0].hosted_zone_id}`);
  });

  it('aliases every record to the endpoint of the service that owns its zone', () => {
    const zoneService = new Map(synth.plan.hubs[0].zones.map((z) => [z.key, z.service.replace(/\./g, '_')]));
    for (const [name, r] of Object.entries(ofType(network(), 'aws_route53_record'))) {
      const zoneKey = name.replace(/^hub_main_/, '').replace(/_(apex|wildcard)$/, '');
      expect((r.alias as Record<string, unknown>).zone_id).toBe(`\${aws_vpc_endpoint.hub_main_${zoneService.get(zoneKey)}.dns_entry[0].hosted_zone_id}`);
    }
  });
});

describe('cross-account zone association', () => {
  it('authorizes, in the hub stack, each cross-account spoke VPC for each zone, in the spoke region', () => {
    const auths = ofType(network(), 'aws_route53_vpc_association_authorization');
    const expected = Object.keys(SPOKES).flatMap((spoke) => ZONE_KEYS.map((z) => `hub_main_${z}_for_${spoke}`));
    expect(Object.keys(auths).sort()).toEqual(expected.sort());
    for (const [spoke, s] of Object.entries(SPOKES)) {
      for (const z of ZONE_KEYS) {
        expect(auths[`hub_main_${z}_for_${spoke}`]).toMatchObject({ vpc_id: s.vpcId, vpc_region: 'us-east-1', zone_id: `\${aws_route53_zone.hub_main_${z}.zone_id}` });
      }
    }
  });

  it.each(Object.entries(SPOKES))('associates %s with every zone from its own stack, zone ids from the hub stack outputs', (spoke, s) => {
    const assocs = ofType(synth.stacks[s.stack], 'aws_route53_zone_association');
    expect(Object.keys(assocs).sort()).toEqual(ZONE_KEYS.map((z) => `spoke_${spoke}_${z}`).sort());
    for (const z of ZONE_KEYS) {
      expect(assocs[`spoke_${spoke}_${z}`]).toEqual({
        provider: 'aws.us_east_1',
        vpc_id: s.vpcId,
        vpc_region: 'us-east-1',
        zone_id: `\${data.terraform_remote_state.remote_state_network.outputs.hub_main_zone_${z}}`,
      });
    }
  });

  it('puts no zone associations in the hub stack and no authorizations in spoke stacks', () => {
    expect(namesOf(network(), 'aws_route53_zone_association')).toEqual([]);
    expect(namesOf(synth.stacks.payments, 'aws_route53_vpc_association_authorization')).toEqual([]);
    expect(namesOf(synth.stacks.analytics, 'aws_route53_vpc_association_authorization')).toEqual([]);
  });
});

describe('peering and routes', () => {
  it('requests one peering per spoke from the hub, to the spoke owner, without auto_accept', () => {
    const peerings = ofType(network(), 'aws_vpc_peering_connection');
    expect(Object.keys(peerings).sort()).toEqual(['hub_main_to_analytics-prod', 'hub_main_to_payments-prod']);
    expect(peerings['hub_main_to_payments-prod']).toMatchObject({ vpc_id: '${aws_vpc.hub_main.id}', peer_vpc_id: SPOKES['payments-prod'].vpcId, peer_owner_id: '222222222222' });
    for (const p of Object.values(peerings)) {
      expect(p).not.toHaveProperty('auto_accept');
      expect(p).not.toHaveProperty('peer_region');
    }
  });

  it.each(Object.entries(SPOKES))('accepts the peering of %s in its own stack', (spoke, s) => {
    expect(ofType(synth.stacks[s.stack], 'aws_vpc_peering_connection_accepter')).toEqual({
      [`spoke_${spoke}`]: expect.objectContaining({
        auto_accept: true,
        provider: 'aws.us_east_1',
        vpc_peering_connection_id: `\${data.terraform_remote_state.remote_state_network.outputs.hub_main_peering_${spoke}}`,
      }),
    });
  });

  it.each(Object.entries(SPOKES))('routes the hub CIDR from every listed route table of %s, after the accepter', (spoke, s) => {
    const routes = ofType(synth.stacks[s.stack], 'aws_route');
    expect(Object.keys(routes).sort()).toEqual(s.routeTables.map((rtb) => `spoke_${spoke}_${rtb}_to_hub_main`).sort());
    for (const rtb of s.routeTables) {
      expect(routes[`spoke_${spoke}_${rtb}_to_hub_main`]).toEqual({
        provider: 'aws.us_east_1',
        route_table_id: rtb,
        destination_cidr_block: HUB_CIDR,
        vpc_peering_connection_id: `\${data.terraform_remote_state.remote_state_network.outputs.hub_main_peering_${spoke}}`,
        depends_on: [`aws_vpc_peering_connection_accepter.spoke_${spoke}`],
      });
    }
  });

  it('routes every spoke CIDR, secondary ones included, back from the hub route table over its peering', () => {
    const routes = ofType(network(), 'aws_route');
    const expected = Object.entries(SPOKES).flatMap(([spoke, s]) =>
      s.cidrs.map((cidr) => [`hub_main_endpoints_to_${spoke}_${cidr.replace(/\./g, '-').replace('/', '_')}`, cidr, `\${aws_vpc_peering_connection.hub_main_to_${spoke}.id}`]),
    );
    expect(Object.entries(routes).map(([name, r]) => [name, r.destination_cidr_block, r.vpc_peering_connection_id]).sort()).toEqual(expected.sort());
    for (const r of Object.values(routes)) expect(r.route_table_id).toBe('${aws_route_table.hub_main_endpoints.id}');
  });

  it('never routes a default route over peering', () => {
    for (const stack of Object.values(synth.stacks)) {
      for (const r of Object.values(ofType(stack, 'aws_route'))) expect(r.destination_cidr_block).not.toMatch(/^0\.0\.0\.0\/0$/);
    }
  });
});

describe('endpoint security group', () => {
  it("allows HTTPS from each spoke CIDR and from the hub VPC's own CIDR, one described rule each, and nothing else", () => {
    const rules = ofType(network(), 'aws_vpc_security_group_ingress_rule');
    const cidrs = [...Object.values(SPOKES).flatMap((s) => s.cidrs), HUB_CIDR];
    expect(Object.values(rules).map((r) => r.cidr_ipv4).sort()).toEqual([...cidrs].sort());
    // The zones are created with the hub VPC inline: its own workloads resolve the services to the endpoints.
    expect(rules['hub_main_https_from_hub_vpc_10-0-0-0_22']).toMatchObject({ cidr_ipv4: HUB_CIDR, description: 'HTTPS from the VPC of hub main (10.0.0.0/22)' });
    for (const r of Object.values(rules)) {
      expect(r).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443, security_group_id: '${aws_security_group.hub_main_endpoints.id}' });
      expect(r.description).toEqual(expect.stringContaining(r.cidr_ipv4 as string));
    }
    expect(namesOf(network(), 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });

  it('describes the group and keeps rules out of it (standalone rules only, never mixed)', () => {
    const [sg] = Object.values(ofType(network(), 'aws_security_group'));
    expect(sg.description).toEqual(expect.any(String));
    expect(sg).not.toHaveProperty('ingress');
    expect(sg).not.toHaveProperty('egress');
  });
});

describe('state, providers and stack order', () => {
  it.each(['network', 'payments', 'analytics'])('keeps %s state in its own local file, by a relative path', (stack) => {
    expect(synth.stacks[stack].terraform?.backend).toEqual({ local: { path: `../../../.terraform-state/${stack}.tfstate` } });
  });

  it.each([
    ['network', '111111111111'],
    ['payments', '222222222222'],
    ['analytics', '333333333333'],
  ])('pins every provider of %s to account %s and assumes the account role', (stack, id) => {
    const providers = synth.stacks[stack].provider?.aws ?? [];
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      alias: 'us_east_1',
      region: 'us-east-1',
      allowed_account_ids: [id],
      assume_role: [{ role_arn: `arn:aws:iam::${id}:role/terraform` }],
    });
  });

  it('gives every resource an explicit provider (all providers have aliases)', () => {
    for (const stack of Object.values(synth.stacks)) {
      for (const byName of Object.values(stack.resource ?? {})) for (const r of Object.values(byName)) expect(r.provider).toBe('aws.us_east_1');
    }
  });

  it('records in manifest.json that both spoke stacks depend on the network stack', () => {
    const manifest = JSON.parse(readFileSync(path.join(synth.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect(Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]))).toEqual({
      network: [],
      payments: ['network'],
      analytics: ['network'],
    });
  });

  it('reads, in spoke stacks, only outputs that the hub stack defines', () => {
    for (const stack of ['payments', 'analytics']) {
      const refs = remoteOutputRefs(synth.stacks[stack]);
      expect(refs.length).toBeGreaterThan(0);
      for (const [remote, output] of refs) {
        expect(remote).toBe('remote_state_network');
        expect(Object.keys(network().output ?? {})).toContain(output);
      }
    }
  });

  it('writes no absolute or machine-specific path into any synthesized file', () => {
    const files = [...Object.keys(synth.stacks).map((s) => path.join(synth.stacksDir, s, 'cdk.tf.json')), path.join(synth.outdir, 'manifest.json')];
    const machine = [PROJECT_ROOT, synth.outdir, os.tmpdir(), os.homedir()];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of machine) expect(text).not.toContain(m);
      for (const s of allStrings(JSON.parse(text))) expect(s).not.toMatch(/^(\/(home|tmp|root|Users|var|work|private)\/|[A-Za-z]:\\)/);
    }
  });
});
