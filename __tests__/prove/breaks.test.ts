/**
 * Each test breaks exactly one link in a copy of the shipped example's synthesized JSON and expects
 * the proof to name it, in the cells it reaches and no others. The example: hub `main` (stack
 * network, 10.0.0.0/22, us-east-1a/b), spokes payments-prod (10.1.0.0/16, two route tables) and
 * analytics-prod (10.2.0.0/16 + 100.64.0.0/20), both in other accounts; services ecr.api, ecr.dkr, s3
 * (wildcard zone), sqs, ssm, sts.
 */
import path from 'node:path';
import { proveReachability, type ReachabilityProof } from '../../src/analysis/prove';
import { loadConfigFile } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { dotted, ids } from '../../src/planning/naming';
import { PROJECT_ROOT, synthFile } from '../support/synth';
import { bodyOf, broken, brokenCells, cell, removeResource, treeOf, type SynthesizedApp } from './break';

const SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'sqs', 'ssm', 'sts'];
const row = (spoke: string) => SERVICES.map((s) => `${spoke} -> ${s}`);
/** Every client of the hub that calls `service`: the two spokes and the hub VPC itself (sorted as brokenCells sorts). */
const column = (service: string) => [`analytics-prod -> ${service}`, `main (hub VPC) -> ${service}`, `payments-prod -> ${service}`];
const res = (type: string, id: string) => `${type}.${id}`;
const zoneKey = (zone: string) => dotted(zone);

let app: SynthesizedApp;
let config: VpceHubConfig;
let cleanup: () => void;
beforeAll(() => {
  const synth = synthFile('vpce-hub.yaml');
  app = { stacks: synth.stacks };
  config = loadConfigFile(path.join(PROJECT_ROOT, 'vpce-hub.yaml')).config;
  cleanup = synth.cleanup;
});
afterAll(() => cleanup());

const prove = (edit: (copy: SynthesizedApp) => void): ReachabilityProof => proveReachability(treeOf(broken(app, edit)), config);

it('proves the unbroken example reachable (the baseline every break below departs from)', () => {
  expect(brokenCells(proveReachability(treeOf(app), config))).toEqual([]);
});

describe('path', () => {
  it('names the spoke route table that has no route to the hub', () => {
    const proof = prove((a) => removeResource(a, 'payments', res('aws_route', ids.spokeRoute('payments-prod', 'rtb-0b1c2d3e4f5a67890', 'main'))));
    expect(brokenCells(proof)).toEqual(row('payments-prod'));
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({ link: 'route', message: 'route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22' });
  });

  it('names the hub route table that has no route back to a secondary spoke CIDR', () => {
    const proof = prove((a) => removeResource(a, 'analytics', res('aws_route', ids.hubRoute('main', 'endpoints', 'analytics-prod', '100.64.0.0/20'))));
    expect(brokenCells(proof)).toEqual(row('analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'ecr.api').broken).toEqual({ link: 'return-route', message: 'route table aws_route_table.hub_main_endpoints has no route back to 100.64.0.0/20' });
  });

  it('finds a spoke route that points at a peering which is never accepted (accepter removed)', () => {
    const proof = prove((a) => removeResource(a, 'payments', res('aws_vpc_peering_connection_accepter', ids.spokeAccepter('payments-prod'))));
    expect(brokenCells(proof)).toEqual(row('payments-prod'));
    expect(cell(proof, 'payments-prod', 'sts').broken).toEqual({
      link: 'peering',
      message: 'aws_vpc_peering_connection.hub_main_to_payments-prod is never accepted: no aws_vpc_peering_connection_accepter in stack payments accepts it',
    });
  });

  it('does not take auto_accept on a cross-account request as acceptance', () => {
    const proof = prove((a) => {
      removeResource(a, 'payments', res('aws_vpc_peering_connection_accepter', ids.spokeAccepter('payments-prod')));
      bodyOf(a, 'payments', res('aws_vpc_peering_connection', ids.hubPeering('main', 'payments-prod'))).auto_accept = true;
    });
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toMatch(/never accepted: .*\(auto_accept on the request only works within one account and region\)$/);
  });

  it('rejects a hub return route over another peering', () => {
    const proof = prove((a) => {
      const route = bodyOf(a, 'payments', res('aws_route', ids.hubRoute('main', 'endpoints', 'payments-prod', '10.1.0.0/16')));
      route.vpc_peering_connection_id = 'pcx-0123456789abcdef0';
    });
    expect(brokenCells(proof)).toEqual(row('payments-prod'));
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toBe(
      'route table aws_route_table.hub_main_endpoints sends 10.1.0.0/16 to peering pcx-0123456789abcdef0 (aws_route.hub_main_endpoints_to_payments-prod_10-1-0-0_16), not back over aws_vpc_peering_connection.hub_main_to_payments-prod',
    );
  });

  it('does not count a return route created in the spoke account instead of the hub account', () => {
    const proof = prove((a) => {
      bodyOf(a, 'payments', res('aws_route', ids.hubRoute('main', 'endpoints', 'payments-prod', '10.1.0.0/16'))).provider = 'aws.us_east_1';
    });
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({ link: 'return-route', message: 'route table aws_route_table.hub_main_endpoints has no route back to 10.1.0.0/16' });
  });

  it('rejects a peering request made in the spoke account', () => {
    const proof = prove((a) => {
      bodyOf(a, 'payments', res('aws_vpc_peering_connection', ids.hubPeering('main', 'payments-prod'))).provider = 'aws.us_east_1';
    });
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toBe(
      'aws_vpc_peering_connection.hub_main_to_payments-prod is requested in account 222222222222, but the requester VPC of hub main is in account 111111111111',
    );
  });

  it('rejects a peering request that names the wrong owner account for the spoke VPC', () => {
    const proof = prove((a) => {
      bodyOf(a, 'analytics', res('aws_vpc_peering_connection', ids.hubPeering('main', 'analytics-prod'))).peer_owner_id = '222222222222';
    });
    expect(brokenCells(proof)).toEqual(row('analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'sqs').broken).toEqual({
      link: 'peering',
      message: 'aws_vpc_peering_connection.hub_main_to_analytics-prod looks for vpc-0c1d2e3f4a5b67890 in account 222222222222, but spoke analytics-prod is in account 333333333333',
    });
  });

  it('rejects a spoke route over a peering that joins another VPC', () => {
    const proof = prove((a) => {
      bodyOf(a, 'payments', res('aws_vpc_peering_connection', ids.hubPeering('main', 'payments-prod'))).peer_vpc_id = 'vpc-0ffffffffffffffff';
    });
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toBe(
      "aws_vpc_peering_connection.hub_main_to_payments-prod joins aws_vpc.hub_main and vpc-0ffffffffffffffff, not spoke payments-prod's VPC vpc-0a1b2c3d4e5f67890 and hub main's VPC aws_vpc.hub_main",
    );
  });
});

describe('filter', () => {
  it('names the spoke CIDR the endpoint security group does not admit', () => {
    const proof = prove((a) => removeResource(a, 'analytics', res('aws_vpc_security_group_ingress_rule', ids.hubIngressRule('main', 'analytics-prod', '100.64.0.0/20'))));
    expect(brokenCells(proof)).toEqual(row('analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'ssm').broken).toEqual({ link: 'security-group', message: 'security group aws_security_group.hub_main_endpoints does not allow TCP 443 from 100.64.0.0/20' });
  });

  it("names the hub VPC's own CIDR when its rule is gone: its workloads resolve the services to the endpoints too", () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_vpc_security_group_ingress_rule', ids.hubOwnIngressRule('main', '10.0.0.0/22'))));
    expect(brokenCells(proof)).toEqual(row('main (hub VPC)'));
    expect(cell(proof, 'main (hub VPC)', 'sqs').broken).toEqual({ link: 'security-group', message: 'security group aws_security_group.hub_main_endpoints does not allow TCP 443 from 10.0.0.0/22' });
  });

  it('does not count a rule for another port', () => {
    const proof = prove((a) => {
      const rule = bodyOf(a, 'payments', res('aws_vpc_security_group_ingress_rule', ids.hubIngressRule('main', 'payments-prod', '10.1.0.0/16')));
      rule.from_port = 80;
      rule.to_port = 80;
    });
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toBe('security group aws_security_group.hub_main_endpoints does not allow TCP 443 from 10.1.0.0/16');
  });
});

describe('dns', () => {
  const sqsZone = zoneKey('sqs.us-east-1.amazonaws.com');
  const dkrZone = zoneKey('dkr.ecr.us-east-1.amazonaws.com');

  it('names the zone a spoke VPC is not associated with', () => {
    const proof = prove((a) => removeResource(a, 'payments', res('aws_route53_zone_association', ids.spokeAssociation('payments-prod', sqsZone))));
    expect(brokenCells(proof)).toEqual(['payments-prod -> sqs']);
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
      link: 'dns',
      message:
        'VPC vpc-0a1b2c3d4e5f67890 is not associated with zone sqs.us-east-1.amazonaws.com (aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com): stack payments has no aws_route53_zone_association or Route 53 Profile association for it',
    });
  });

  it('requires the hub account to authorize a cross-account association', () => {
    const proof = prove((a) => removeResource(a, 'payments', res('aws_route53_vpc_association_authorization', ids.hubAuthorization('main', sqsZone, 'payments-prod'))));
    expect(brokenCells(proof)).toEqual(['payments-prod -> sqs']);
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
      link: 'dns',
      message:
        'aws_route53_zone_association.spoke_payments-prod_sqs_us-east-1_amazonaws_com is not authorized: neither stack payments (as account 111111111111) nor network has an aws_route53_vpc_association_authorization for zone sqs.us-east-1.amazonaws.com and vpc-0a1b2c3d4e5f67890 (us-east-1)',
    });
  });

  it('does not count an authorization made in the spoke account instead of the zone\'s', () => {
    const proof = prove((a) => {
      bodyOf(a, 'payments', res('aws_route53_vpc_association_authorization', ids.hubAuthorization('main', sqsZone, 'payments-prod'))).provider = 'aws.us_east_1';
    });
    expect(brokenCells(proof)).toEqual(['payments-prod -> sqs']);
  });

  it('rejects a record that aliases another service\'s endpoint', () => {
    const proof = prove((a) => {
      const record = bodyOf(a, 'network', res('aws_route53_record', ids.hubRecord('main', sqsZone, 'apex')));
      record.alias = {
        evaluate_target_health: true,
        name: '${replace(aws_vpc_endpoint.hub_main_sts.dns_entry[0].dns_name, "*", "\\\\052")}',
        zone_id: '${aws_vpc_endpoint.hub_main_sts.dns_entry[0].hosted_zone_id}',
      };
    });
    expect(brokenCells(proof)).toEqual(column('sqs'));
    expect(cell(proof, 'analytics-prod', 'sqs').broken).toEqual({
      link: 'dns',
      message:
        'record aws_route53_record.hub_main_sqs_us-east-1_amazonaws_com_apex (sqs.us-east-1.amazonaws.com) aliases the endpoint of com.amazonaws.us-east-1.sts (aws_vpc_endpoint.hub_main_sts), not com.amazonaws.us-east-1.sqs',
    });
  });

  it('needs the * record of a wildcard name: without it every registry host is NXDOMAIN', () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_route53_record', ids.hubRecord('main', dkrZone, 'wildcard'))));
    expect(brokenCells(proof)).toEqual(column('ecr.dkr'));
    expect(cell(proof, 'payments-prod', 'ecr.dkr').broken).toEqual({
      link: 'dns',
      message: 'zone dkr.ecr.us-east-1.amazonaws.com (aws_route53_zone.hub_main_dkr_ecr_us-east-1_amazonaws_com) has no * record: x.dkr.ecr.us-east-1.amazonaws.com is NXDOMAIN',
    });
  });

  it('marks ECR image pulls broken when the hub has no S3 endpoint for the layers (companion)', () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 's3'))));
    expect(brokenCells(proof)).toEqual([...column('ecr.dkr'), ...column('s3')].sort());
    expect(cell(proof, 'payments-prod', 'ecr.dkr').broken).toMatchObject({ link: 'companion', message: expect.stringMatching(/^ecr\.dkr also needs s3 in hub main, which has no s3 endpoint: image layers/) });
  });

  it('needs the apex record', () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_route53_record', ids.hubRecord('main', sqsZone, 'apex'))));
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toBe('zone sqs.us-east-1.amazonaws.com (aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com) has no A record at its apex');
  });

  it('reports a missing zone', () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_route53_zone', ids.hubZone('main', sqsZone))));
    expect(cell(proof, 'payments-prod', 'sqs').broken?.link).toBe('dns');
    expect(brokenCells(proof)).toEqual(column('sqs'));
  });

  it('follows a spoke association only to the zone its remote-state output names', () => {
    const proof = prove((a) => {
      const assoc = bodyOf(a, 'payments', res('aws_route53_zone_association', ids.spokeAssociation('payments-prod', sqsZone)));
      assoc.zone_id = '${data.terraform_remote_state.remote_state_network.outputs.hub_main_zone_sts_us-east-1_amazonaws_com}';
    });
    expect(brokenCells(proof)).toEqual(['payments-prod -> sqs']);
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toMatch(/^VPC vpc-0a1b2c3d4e5f67890 is not associated with zone sqs\.us-east-1\.amazonaws\.com/);
  });

  it('breaks every cell of a spoke whose remote state reads a state no stack writes', () => {
    const proof = prove((a) => {
      const source = a.stacks.payments.data?.terraform_remote_state?.remote_state_network as { config: { path: string } };
      source.config.path = '../../../.terraform-state/elsewhere.tfstate';
    });
    expect(brokenCells(proof)).toEqual(row('payments-prod'));
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toContain('reads local:../../../.terraform-state/elsewhere.tfstate, which no synthesized stack writes');
  });
});

describe('resilience', () => {
  it('rejects an endpoint whose subnets are all in one AZ', () => {
    const proof = prove((a) => {
      const endpoint = bodyOf(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 'sqs')));
      endpoint.subnet_ids = ['${aws_subnet.hub_main_endpoints_us-east-1a.id}'];
    });
    expect(brokenCells(proof)).toEqual(column('sqs'));
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
      link: 'availability-zones',
      message: 'endpoint aws_vpc_endpoint.hub_main_sqs has subnets in 1 AZ (us-east-1a) only: one AZ outage cuts every spoke off',
    });
  });
});

describe('endpoint', () => {
  it('reports a service whose endpoint is missing', () => {
    const proof = prove((a) => removeResource(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 'ssm'))));
    expect(brokenCells(proof)).toEqual(column('ssm'));
    expect(cell(proof, 'payments-prod', 'ssm').broken).toEqual({ link: 'endpoint', message: 'hub main has no endpoint for com.amazonaws.us-east-1.ssm in stack network' });
  });

  it('rejects a gateway endpoint, which cannot be used across peering', () => {
    const proof = prove((a) => {
      delete bodyOf(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 'sts'))).vpc_endpoint_type;
    });
    expect(cell(proof, 'analytics-prod', 'sts').broken?.message).toBe('endpoint aws_vpc_endpoint.hub_main_sts is a Gateway endpoint: only interface endpoints can be reached over VPC peering');
  });

  it('breaks a whole row when the spoke stack is missing', () => {
    const proof = prove((a) => delete a.stacks.analytics);
    expect(brokenCells(proof)).toEqual(row('analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'sqs').broken).toEqual({ link: 'stack', message: 'stack analytics is missing from the synthesized output (run vpce-hub synth)' });
  });
});
