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

it('synthesizes a hub stack, the hub account\'s (empty) spokes stack and one stack per spoke account', () => {
  expect(Object.keys(synth.stacks).sort()).toEqual(['analytics', 'network', 'network-spokes', 'payments']);
  expect(synth.stacks['network-spokes'].resource ?? {}).toEqual({});
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

const RS = (output: string) => `\${data.terraform_remote_state.remote_state_network.outputs.${output}}`;
const HUB_SIDE = 'aws.hub_network_us_east_1';

describe('the hub stack holds only what the hub shares', () => {
  it('has no pair resources: no peering, routes, spoke rules, authorizations, associations or accepters', () => {
    for (const type of ['aws_vpc_peering_connection', 'aws_vpc_peering_connection_accepter', 'aws_route', 'aws_route53_vpc_association_authorization', 'aws_route53_zone_association']) {
      expect(namesOf(network(), type)).toEqual([]);
    }
    // Its only ingress rule is the hub VPC's own (its workloads resolve the services to the endpoints): shared, not a pair half.
    expect(namesOf(network(), 'aws_vpc_security_group_ingress_rule')).toEqual(['hub_main_https_from_hub_vpc_10-0-0-0_22']);
    expect(allStrings(network()).filter((v) => /payments-prod|analytics-prod|10\.1\.0\.0|10\.2\.0\.0/.test(v))).toEqual([]);
  });

  it('outputs the ids spokes stacks need: VPC, CIDR, route table, security group, zones', () => {
    expect(Object.keys(network().output ?? {}).sort()).toEqual(
      expect.arrayContaining(['hub_main_vpc_id', 'hub_main_cidr', 'hub_main_route_table_endpoints', 'hub_main_security_group_1', ...ZONE_KEYS.map((z) => `hub_main_zone_${z}`)]),
    );
    expect(network().output?.hub_main_route_table_endpoints.value).toBe('${aws_route_table.hub_main_endpoints.id}');
    expect(network().output?.hub_main_security_group_1.value).toBe('${aws_security_group.hub_main_endpoints.id}');
  });
});

describe('cross-account zone association: both halves in the spoke account\'s stack', () => {
  it.each(Object.entries(SPOKES))('authorizes %s for each zone through the hub-side provider, in the spoke region', (spoke, s) => {
    const auths = ofType(synth.stacks[s.stack], 'aws_route53_vpc_association_authorization');
    expect(Object.keys(auths).sort()).toEqual(ZONE_KEYS.map((z) => `hub_main_${z}_for_${spoke}`).sort());
    for (const z of ZONE_KEYS) {
      expect(auths[`hub_main_${z}_for_${spoke}`]).toEqual({ provider: HUB_SIDE, vpc_id: s.vpcId, vpc_region: 'us-east-1', zone_id: RS(`hub_main_zone_${z}`) });
    }
  });

  it.each(Object.entries(SPOKES))('associates %s with every zone through its own provider, after the authorization', (spoke, s) => {
    const assocs = ofType(synth.stacks[s.stack], 'aws_route53_zone_association');
    expect(Object.keys(assocs).sort()).toEqual(ZONE_KEYS.map((z) => `spoke_${spoke}_${z}`).sort());
    for (const z of ZONE_KEYS) {
      expect(assocs[`spoke_${spoke}_${z}`]).toEqual({
        provider: 'aws.us_east_1',
        vpc_id: s.vpcId,
        vpc_region: 'us-east-1',
        zone_id: RS(`hub_main_zone_${z}`),
        depends_on: [`aws_route53_vpc_association_authorization.hub_main_${z}_for_${spoke}`],
      });
    }
  });
});

describe('peering and routes: both halves in the spoke account\'s stack', () => {
  it.each(Object.entries(SPOKES))('requests the peering of %s through the hub-side provider, to the spoke owner, without auto_accept', (spoke, s) => {
    const peerings = ofType(synth.stacks[s.stack], 'aws_vpc_peering_connection');
    expect(Object.keys(peerings)).toEqual([`hub_main_to_${spoke}`]);
    const p = peerings[`hub_main_to_${spoke}`];
    expect(p).toMatchObject({ provider: HUB_SIDE, vpc_id: RS('hub_main_vpc_id'), peer_vpc_id: s.vpcId, peer_owner_id: s.stack === 'payments' ? '222222222222' : '333333333333' });
    expect(p).not.toHaveProperty('auto_accept');
    expect(p).not.toHaveProperty('peer_region');
  });

  it.each(Object.entries(SPOKES))('accepts the peering of %s through its own provider, referring to the request directly', (spoke, s) => {
    expect(ofType(synth.stacks[s.stack], 'aws_vpc_peering_connection_accepter')).toEqual({
      [`spoke_${spoke}`]: expect.objectContaining({ auto_accept: true, provider: 'aws.us_east_1', vpc_peering_connection_id: `\${aws_vpc_peering_connection.hub_main_to_${spoke}.id}` }),
    });
  });

  it.each(Object.entries(SPOKES))('routes the hub CIDR from every listed route table of %s, and every %s CIDR back from the hub route table, after the accepter', (spoke, s) => {
    const routes = ofType(synth.stacks[s.stack], 'aws_route');
    const toHub = s.routeTables.map((rtb) => `spoke_${spoke}_${rtb}_to_hub_main`);
    const back = s.cidrs.map((cidr) => `hub_main_endpoints_to_${spoke}_${cidr.replace(/\./g, '-').replace('/', '_')}`);
    expect(Object.keys(routes).sort()).toEqual([...toHub, ...back].sort());
    const after = { vpc_peering_connection_id: `\${aws_vpc_peering_connection.hub_main_to_${spoke}.id}`, depends_on: [`aws_vpc_peering_connection_accepter.spoke_${spoke}`] };
    s.routeTables.forEach((rtb, i) => expect(routes[toHub[i]]).toEqual({ provider: 'aws.us_east_1', route_table_id: rtb, destination_cidr_block: HUB_CIDR, ...after }));
    s.cidrs.forEach((cidr, i) => expect(routes[back[i]]).toEqual({ provider: HUB_SIDE, route_table_id: RS('hub_main_route_table_endpoints'), destination_cidr_block: cidr, ...after }));
  });

  it('never routes a default route over peering', () => {
    for (const stack of Object.values(synth.stacks)) {
      for (const r of Object.values(ofType(stack, 'aws_route'))) expect(r.destination_cidr_block).not.toMatch(/^0\.0\.0\.0\/0$/);
    }
  });
});

describe('endpoint security group', () => {
  it.each(Object.entries(SPOKES))('allows HTTPS from each CIDR of %s with one described rule per CIDR, in its stack, through the hub-side provider', (_spoke, s) => {
    const rules = ofType(synth.stacks[s.stack], 'aws_vpc_security_group_ingress_rule');
    expect(Object.values(rules).map((r) => r.cidr_ipv4).sort()).toEqual([...s.cidrs].sort());
    for (const r of Object.values(rules)) {
      expect(r).toMatchObject({ provider: HUB_SIDE, ip_protocol: 'tcp', from_port: 443, to_port: 443, security_group_id: RS('hub_main_security_group_1') });
      expect(r.description).toEqual(expect.stringContaining(r.cidr_ipv4 as string));
    }
  });

  it('describes the group and keeps rules out of it (standalone rules only, never mixed)', () => {
    const [sg] = Object.values(ofType(network(), 'aws_security_group'));
    expect(sg.description).toEqual(expect.any(String));
    expect(sg).not.toHaveProperty('ingress');
    expect(sg).not.toHaveProperty('egress');
    expect(namesOf(network(), 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });
});

describe('state, providers and stack order', () => {
  it.each(['network', 'network-spokes', 'payments', 'analytics'])('keeps %s state in its own local file, by a relative path', (stack) => {
    expect(synth.stacks[stack].terraform?.backend).toEqual({ local: { path: `../../../.terraform-state/${stack}.tfstate` } });
  });

  it.each([
    ['network', '111111111111'],
    ['network-spokes', '111111111111'],
    ['payments', '222222222222'],
    ['analytics', '333333333333'],
  ])('pins the own provider of %s to account %s and assumes the account role', (stack, id) => {
    const providers = synth.stacks[stack].provider?.aws ?? [];
    expect(providers[0]).toMatchObject({
      alias: 'us_east_1',
      region: 'us-east-1',
      allowed_account_ids: [id],
      assume_role: [{ role_arn: `arn:aws:iam::${id}:role/terraform` }],
    });
  });

  it.each(['payments', 'analytics'])('gives %s a second provider pinned to the hub account, assuming its hub-side role (default: the account role)', (stack) => {
    const providers = synth.stacks[stack].provider?.aws ?? [];
    expect(providers).toHaveLength(2);
    expect(providers[1]).toMatchObject({
      alias: 'hub_network_us_east_1',
      region: 'us-east-1',
      allowed_account_ids: ['111111111111'],
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/terraform', session_name: `acme-${stack}` }],
    });
  });

  it('gives every resource an explicit provider (all providers have aliases)', () => {
    for (const stack of Object.values(synth.stacks)) {
      for (const byName of Object.values(stack.resource ?? {})) for (const r of Object.values(byName)) expect(['aws.us_east_1', HUB_SIDE]).toContain(r.provider);
    }
  });

  it('records in manifest.json that both spoke stacks depend on the network stack', () => {
    const manifest = JSON.parse(readFileSync(path.join(synth.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect(Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]))).toEqual({
      network: [],
      'network-spokes': [],
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
