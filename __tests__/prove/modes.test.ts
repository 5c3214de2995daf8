/**
 * Breaks specific to the other shapes the examples cover: Route 53 Profiles (route53-profile),
 * published endpoint names (endpoint-url), inter-region peering and Terraform Cloud remote state
 * (cross-region-cloud), and an existing hub VPC whose subnets and route tables are ids from the config
 * (existing-hub-vpc).
 */
import type { ReachabilityProof } from '../../src/analysis/prove';
import { dotted, ids, outputs } from '../../src/planning/naming';
import { bodyOf, brokenCells, cell, removeResource } from './break';
import { example } from './example';

const rowOf = (proof: ReachabilityProof, spoke: string) => proof.cells.filter((c) => c.spoke === spoke).map((c) => `${c.spoke} -> ${c.service}`);
/** The spokes' cells of one service (the hub VPC's row reaches its zones inline, not through the profile). */
const spokeRows = (proof: ReachabilityProof) => new Set(proof.spokes.filter((s) => s.kind === undefined).map((s) => s.name));
const columnOf = (proof: ReachabilityProof, service: string) =>
  proof.cells
    .filter((c) => c.service === service && spokeRows(proof).has(c.spoke))
    .map((c) => `${c.spoke} -> ${c.service}`)
    .sort();

describe('route53-profile: zones reach spokes through one shared profile', () => {
  const ex = example('examples/route53-profile/vpce-hub.yaml');
  const sqsZone = dotted('sqs.us-east-1.amazonaws.com');

  it('a spoke without its profile association resolves none of the services', () => {
    const proof = ex.prove((a) => removeResource(a, 'team-a', `aws_route53profiles_association.${ids.spokeProfileAssociation('team-a-dev')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'team-a-dev'));
    expect(cell(proof, 'team-a-dev', 'sqs').broken).toEqual({
      link: 'dns',
      message:
        'VPC vpc-0ddddddddddddddd2 is not associated with zone sqs.us-east-1.amazonaws.com (aws_route53_zone.hub_core_sqs_us-east-1_amazonaws_com): stack team-a has no aws_route53_zone_association or Route 53 Profile association for it',
    });
  });

  it('a zone missing from the profile breaks that service for every spoke', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `aws_route53profiles_resource_association.${ids.hubProfileZone('core', sqsZone)}`));
    expect(brokenCells(proof)).toEqual(columnOf(proof, 'sqs'));
    expect(cell(proof, 'team-b-prod', 'sqs').broken?.message).toBe(
      'profile aws_route53profiles_profile.hub_core (associated with vpc-0ddddddddddddddd3 by aws_route53profiles_association.spoke_team-b-prod) does not hold zone sqs.us-east-1.amazonaws.com: no aws_route53profiles_resource_association for it',
    );
  });

  it('a profile not shared through RAM serves only the spokes in its own account', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `aws_ram_principal_association.${ids.hubProfilePrincipal('core', 'organization')}`));
    expect(brokenCells(proof)).toEqual([...rowOf(proof, 'team-a-dev'), ...rowOf(proof, 'team-a-prod'), ...rowOf(proof, 'team-b-prod')].sort());
    expect(cell(proof, 'team-a-prod', 'kms').broken?.message).toBe(
      'profile aws_route53profiles_profile.hub_core is not shared with account 222222222222: no aws_ram_principal_association for it (or its organization) on a share holding the profile',
    );
  });
});

describe('route53-profile shared account by account, with invitations (multi-hub)', () => {
  const ex = example('examples/multi-hub/vpce-hub.yaml');

  it('proves the example, whose spoke account accepts the invitation', () => {
    expect(brokenCells(ex.prove(() => undefined))).toEqual([]);
  });

  it('a spoke account that never accepts its invitation resolves none of the profile hub\'s services', () => {
    const proof = ex.prove((a) => removeResource(a, 'us-apps', `aws_ram_resource_share_accepter.${ids.profileShareAccepter('use1')}`));
    const broken = brokenCells(proof);
    expect(broken.length).toBeGreaterThan(0);
    expect(proof.cells.filter((c) => c.broken).every((c) => c.broken?.link === 'dns' && /never accepts the RAM invitation to hub use1/.test(c.broken.message))).toBe(true);
  });
});

describe('endpoint-url: spokes call the endpoint DNS name the hub stack publishes', () => {
  const ex = example('examples/endpoint-url/vpce-hub.yaml');

  it('a service whose endpoint name is not an output cannot be called', () => {
    const proof = ex.prove((a) => delete a.stacks.shared.output?.[outputs.endpointDns('shared', 'sqs')]);
    expect(brokenCells(proof)).toEqual(columnOf(proof, 'sqs'));
    expect(cell(proof, 'app-a', 'sqs').broken).toEqual({
      link: 'dns',
      message: 'stack shared publishes no output with the DNS name of aws_vpc_endpoint.hub_shared_sqs, which spokes need for --endpoint-url',
    });
  });

  it("the hub VPC resolves the public names through the endpoint's own private DNS: off, its row breaks", () => {
    const proof = ex.prove((a) => {
      bodyOf(a, 'shared', `aws_vpc_endpoint.${ids.hubEndpoint('shared', 'sqs')}`).private_dns_enabled = false;
    });
    expect(brokenCells(proof)).toEqual(['shared (hub VPC) -> sqs']);
    expect(cell(proof, 'shared (hub VPC)', 'sqs').broken?.message).toBe('endpoint aws_vpc_endpoint.hub_shared_sqs has private DNS off, so the hub VPC resolves sqs.eu-west-1.amazonaws.com to the public endpoint');
  });
});

describe('cross-region-cloud: inter-region peering, Terraform Cloud remote state', () => {
  const ex = example('examples/cross-region-cloud/vpce-hub.yaml');

  it('an inter-region request without peer_region looks for the spoke VPC in the hub region', () => {
    const proof = ex.prove((a) => delete bodyOf(a, 'web', `aws_vpc_peering_connection.${ids.hubPeering('central', 'web-paris')}`).peer_region);
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'web-paris'));
    expect(cell(proof, 'web-paris', 'sqs').broken).toEqual({
      link: 'peering',
      message: 'aws_vpc_peering_connection.hub_central_to_web-paris looks for vpc-0ccccccccccccccc2 in region eu-central-1, but spoke web-paris is in eu-west-3',
    });
  });

  it('a zone association for the wrong region does not count', () => {
    const zone = dotted('sqs.eu-central-1.amazonaws.com');
    const proof = ex.prove((a) => {
      bodyOf(a, 'web', `aws_route53_zone_association.${ids.spokeAssociation('web-paris', zone)}`).vpc_region = 'eu-central-1';
    });
    expect(brokenCells(proof)).toEqual(['web-paris -> sqs']);
    expect(cell(proof, 'web-paris', 'sqs').broken?.message).toBe(
      'aws_route53_zone_association.spoke_web-paris_sqs_eu-central-1_amazonaws_com names region eu-central-1 for vpc-0ccccccccccccccc2, but spoke web-paris is in eu-west-3',
    );
  });

  it('follows the Terraform Cloud workspace a spoke stack reads, not its name', () => {
    const proof = ex.prove((a) => {
      const source = a.stacks.web.data?.terraform_remote_state?.remote_state_hub as { config: { workspaces: { name: string } } };
      source.config.workspaces.name = 'vpce-hub-web';
    });
    expect(brokenCells(proof)).toEqual([...rowOf(proof, 'web-frankfurt'), ...rowOf(proof, 'web-paris')].sort());
    expect(cell(proof, 'web-paris', 'sqs').broken?.message).toContain('reads tfc:app.terraform.io/acme-platform/vpce-hub-web, which no synthesized stack writes');
  });
});

describe('existing-hub-vpc: subnets and route tables are ids from the config', () => {
  const ex = example('examples/existing-hub-vpc/vpce-hub.yaml');

  it('checks the return route in every route table the config lists for the endpoint subnets', () => {
    const proof = ex.prove((a) => removeResource(a, 'data', `aws_route.${ids.hubRoute('shared', 'rtb-0bbbbbbbbbbbbbbb2', 'lake', '10.104.0.0/16')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'lake'));
    expect(cell(proof, 'lake', 's3').broken).toEqual({ link: 'return-route', message: 'route table rtb-0bbbbbbbbbbbbbbb2 has no route back to 10.104.0.0/16' });
  });

  it('a same-account, same-region request is accepted only with auto_accept', () => {
    const proof = ex.prove((a) => delete bodyOf(a, 'network-spokes', `aws_vpc_peering_connection.${ids.hubPeering('shared', 'tooling')}`).auto_accept);
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'tooling'));
    expect(cell(proof, 'tooling', 'logs').broken?.message).toBe('aws_vpc_peering_connection.hub_shared_to_tooling is never accepted: no aws_vpc_peering_connection_accepter in stack network-spokes accepts it');
  });

  it('every spoke route table routes every hub CIDR, the secondary ones too (endpoint subnets given by id may be in them)', () => {
    const hub = ex.config.hubs.find((h) => h.name === 'shared');
    expect(hub?.vpc.secondaryCidrs).toEqual(['100.64.16.0/22']);
    for (const [stack, spoke, table] of [['data', 'lake', 'rtb-0bbbbbbbbbbbbbbb5'], ['network-spokes', 'tooling', 'rtb-0bbbbbbbbbbbbbbb3']]) {
      // The primary route keeps its address; the secondary one is named by its CIDR.
      expect(bodyOf(ex.app, stack, `aws_route.${ids.spokeRoute(spoke, table, 'shared')}`).destination_cidr_block).toBe('10.100.0.0/20');
      expect(bodyOf(ex.app, stack, `aws_route.${ids.spokeRoute(spoke, table, 'shared', '100.64.16.0/22')}`).destination_cidr_block).toBe('100.64.16.0/22');
    }
    expect(ids.spokeRoute('lake', 'rtb-0bbbbbbbbbbbbbbb5', 'shared')).toBe('spoke_lake_rtb-0bbbbbbbbbbbbbbb5_to_hub_shared');
  });

  it('a spoke route table without a route to a secondary hub CIDR does not reach subnets of unknown range', () => {
    const proof = ex.prove((a) => removeResource(a, 'data', `aws_route.${ids.spokeRoute('lake', 'rtb-0bbbbbbbbbbbbbbb6', 'shared', '100.64.16.0/22')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'lake'));
    expect(cell(proof, 'lake', 'logs').broken).toEqual({ link: 'route', message: 'route table rtb-0bbbbbbbbbbbbbbb6 has no route to secondary hub CIDR 100.64.16.0/22' });
  });

  it('a spoke route narrower than the hub CIDR does not reach subnets of unknown range', () => {
    const proof = ex.prove((a) => {
      bodyOf(a, 'data', `aws_route.${ids.spokeRoute('lake', 'rtb-0bbbbbbbbbbbbbbb6', 'shared')}`).destination_cidr_block = '10.100.0.0/21';
    });
    expect(cell(proof, 'lake', 'logs').broken).toEqual({ link: 'route', message: 'route table rtb-0bbbbbbbbbbbbbbb6 has no route covering all of 10.100.0.0/20, where the endpoint subnets are' });
  });

  it('a spoke route to something other than the peering is named with its target', () => {
    const proof = ex.prove((a) => {
      const route = bodyOf(a, 'network-spokes', `aws_route.${ids.spokeRoute('tooling', 'rtb-0bbbbbbbbbbbbbbb3', 'shared')}`);
      delete route.vpc_peering_connection_id;
      route.transit_gateway_id = 'tgw-0123456789abcdef0';
    });
    expect(cell(proof, 'tooling', 's3').broken).toEqual({
      link: 'route',
      message: 'route table rtb-0bbbbbbbbbbbbbbb3 sends 10.100.0.0/20 to transit_gateway_id tgw-0123456789abcdef0 (aws_route.spoke_tooling_rtb-0bbbbbbbbbbbbbbb3_to_hub_shared), not to a peering with hub shared',
    });
  });
});
