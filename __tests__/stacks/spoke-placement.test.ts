/**
 * Where each half of a peering and of a zone association goes, by how a spoke relates to its hub:
 * same account and region, same account in another region, another account in another region. Both
 * halves of every pair live in the spoke account's spokes stack (issue 9): `network-spokes` for spokes
 * in the hub's own account, never the hub stack `network`.
 */
import { config, hub, load, spoke } from '../planning/configs';
import { synthConfig, type Synthesized } from '../support/synth';
import { namesOf, ofType } from './json';

let synth: Synthesized;
beforeAll(() => {
  synth = synthConfig(
    load(
      config(
        [hub({ services: ['sqs', 'ecr.dkr'] })],
        [
          spoke('tooling', 'network', 1),
          spoke('tooling-west', 'network', 2, { region: 'us-west-2' }),
          spoke('paris', 'payments', 3, { region: 'eu-west-3' }),
        ],
      ),
    ),
  );
});
afterAll(() => synth?.cleanup());

const network = () => synth.stacks['network-spokes'];
const RS = (output: string) => `\${data.terraform_remote_state.remote_state_network.outputs.${output}}`;
const ZONES = ['dkr_ecr_us-east-1_amazonaws_com', 'sqs_us-east-1_amazonaws_com'];
const VPC = (n: number) => `vpc-${n.toString(16).padStart(17, '0')}`;
const RTB = (n: number) => `rtb-${n.toString(16).padStart(17, '0')}`;

it('puts same-account spokes in network-spokes, the other spoke in its account stack, and no pair in the hub stack', () => {
  expect(Object.keys(synth.stacks).sort()).toEqual(['analytics', 'network', 'network-spokes', 'payments']);
  expect(namesOf(network(), 'aws_vpc_peering_connection')).toEqual(['hub_main_to_tooling', 'hub_main_to_tooling-west']);
  expect(namesOf(synth.stacks.payments, 'aws_vpc_peering_connection')).toEqual(['hub_main_to_paris']);
  expect(namesOf(synth.stacks.network, 'aws_vpc_peering_connection')).toEqual([]);
  expect((synth.stacks.network.provider?.aws ?? []).map((p) => p.alias)).toEqual(['us_east_1']);
});

it('gives network-spokes a provider for the hub region and each region its spokes are in, all pinned to its account, and no hub-side provider', () => {
  expect((network().provider?.aws ?? []).map((p) => [p.alias, p.region, p.allowed_account_ids])).toEqual([
    ['us_east_1', 'us-east-1', ['111111111111']],
    ['us_west_2', 'us-west-2', ['111111111111']],
  ]);
});

describe('same account, same region (tooling)', () => {
  it('auto-accepts the peering on the request and has no accepter', () => {
    const request = ofType(network(), 'aws_vpc_peering_connection').hub_main_to_tooling;
    expect(request).toMatchObject({ auto_accept: true, peer_owner_id: '111111111111', peer_vpc_id: VPC(1) });
    expect(request).not.toHaveProperty('peer_region');
    expect(namesOf(network(), 'aws_vpc_peering_connection_accepter')).not.toContain('spoke_tooling');
  });

  it('needs no zone authorization, and associates directly with the zone resources', () => {
    expect(namesOf(network(), 'aws_route53_vpc_association_authorization').filter((n) => n.endsWith('_for_tooling'))).toEqual([]);
    const assocs = ofType(network(), 'aws_route53_zone_association');
    for (const z of ZONES) {
      expect(assocs[`spoke_tooling_${z}`]).toEqual({ provider: 'aws.us_east_1', vpc_id: VPC(1), vpc_region: 'us-east-1', zone_id: RS(`hub_main_zone_${z}`) });
    }
  });

  it('routes to the hub directly over the request, with nothing to wait for', () => {
    expect(ofType(network(), 'aws_route')[`spoke_tooling_${RTB(1)}_to_hub_main`]).toEqual({
      provider: 'aws.us_east_1',
      route_table_id: RTB(1),
      destination_cidr_block: '10.0.0.0/22',
      vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_tooling.id}',
    });
  });
});

describe('same account, other region (tooling-west)', () => {
  it('requests with peer_region and without auto_accept (only same-region peering can auto-accept)', () => {
    const request = ofType(network(), 'aws_vpc_peering_connection')['hub_main_to_tooling-west'];
    expect(request).toMatchObject({ peer_region: 'us-west-2', peer_owner_id: '111111111111', provider: 'aws.us_east_1' });
    expect(request).not.toHaveProperty('auto_accept');
  });

  it('accepts in the hub stack itself, through the spoke-region provider', () => {
    expect(ofType(network(), 'aws_vpc_peering_connection_accepter')['spoke_tooling-west']).toMatchObject({
      provider: 'aws.us_west_2',
      auto_accept: true,
      vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_tooling-west.id}',
    });
  });

  it('routes in the spoke region after the accepter', () => {
    expect(ofType(network(), 'aws_route')[`spoke_tooling-west_${RTB(2)}_to_hub_main`]).toMatchObject({
      provider: 'aws.us_west_2',
      depends_on: ['aws_vpc_peering_connection_accepter.spoke_tooling-west'],
    });
  });

  it('needs no authorization; associates with vpc_region set to the spoke region', () => {
    expect(namesOf(network(), 'aws_route53_vpc_association_authorization').filter((n) => n.endsWith('_for_tooling-west'))).toEqual([]);
    for (const z of ZONES) {
      expect(ofType(network(), 'aws_route53_zone_association')[`spoke_tooling-west_${z}`]).toMatchObject({ provider: 'aws.us_west_2', vpc_id: VPC(2), vpc_region: 'us-west-2' });
    }
  });
});

describe('other account, other region (paris)', () => {
  it('requests with peer_region and the spoke owner id, through the provider in the hub account and region', () => {
    expect(ofType(synth.stacks.payments, 'aws_vpc_peering_connection').hub_main_to_paris).toMatchObject({
      provider: 'aws.hub_network_us_east_1',
      peer_region: 'eu-west-3',
      peer_owner_id: '222222222222',
      peer_vpc_id: VPC(3),
    });
  });

  it('authorizes through the hub-side provider with vpc_region set to the spoke region', () => {
    const auths = ofType(synth.stacks.payments, 'aws_route53_vpc_association_authorization');
    expect(Object.keys(auths).sort()).toEqual(ZONES.map((z) => `hub_main_${z}_for_paris`));
    for (const a of Object.values(auths)) expect(a).toMatchObject({ provider: 'aws.hub_network_us_east_1', vpc_id: VPC(3), vpc_region: 'eu-west-3' });
  });

  it('accepts, routes and associates in its own stack through its region provider', () => {
    const stack = synth.stacks.payments;
    expect((stack.provider?.aws ?? []).map((p) => [p.alias, p.region, p.allowed_account_ids])).toEqual([
      ['eu_west_3', 'eu-west-3', ['222222222222']],
      // Every hub's region too, spoke there or not (removing a spoke must leave its provider).
      ['us_east_1', 'us-east-1', ['222222222222']],
      ['hub_network_us_east_1', 'us-east-1', ['111111111111']],
    ]);
    expect(ofType(stack, 'aws_vpc_peering_connection_accepter').spoke_paris).toMatchObject({ provider: 'aws.eu_west_3', auto_accept: true });
    for (const z of ZONES) {
      expect(ofType(stack, 'aws_route53_zone_association')[`spoke_paris_${z}`]).toMatchObject({ provider: 'aws.eu_west_3', vpc_region: 'eu-west-3' });
    }
  });
});

it('opens the endpoint security group to every spoke, same-account ones included, from each spoke\'s stack', () => {
  expect(Object.values(ofType(network(), 'aws_vpc_security_group_ingress_rule')).map((r) => r.cidr_ipv4).sort()).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
  expect(Object.values(ofType(synth.stacks.payments, 'aws_vpc_security_group_ingress_rule')).map((r) => [r.cidr_ipv4, r.provider])).toEqual([['10.3.0.0/16', 'aws.hub_network_us_east_1']]);
  // The hub stack holds only the hub VPC's own rule (shared, not a pair half).
  expect(namesOf(synth.stacks.network, 'aws_vpc_security_group_ingress_rule')).toEqual(['hub_main_https_from_hub_vpc_10-0-0-0_22']);
});
