/**
 * Dual-stack hubs (issue 20), on the synthesized JSON: one block per bullet of the issue. The shipped
 * examples/dual-stack config holds a created dual-stack hub with peering and private hosted zones
 * (`main`) and an existing dual-stack VPC with a transit gateway, a Route 53 Profile and an inbound
 * resolver (`edge`); smaller configs cover the other DNS modes and the IPv4-only guarantees.
 */
import { parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { quotaUsage } from '../../src/planning/quotas';
import { resourcesOf, synthFile, synthText, type Synthesized } from '../support/synth';
import { allStrings, namesOf, ofType } from './json';

let synth: Synthesized;
beforeAll(() => {
  synth = synthFile('examples/dual-stack/vpce-hub.yaml');
});
afterAll(() => synth?.cleanup());

const network = () => synth.stacks.network;
const HUB_IPV6 = '${data.terraform_remote_state.remote_state_network.outputs.hub_main_ipv6_cidr}';

/** A small dual-stack config: hub `main` (created VPC) with `spokes` under it, in `dns` mode. */
const config = (opts: { dns?: string; services?: string; ipAddressType?: string; spokeIpv6?: boolean } = {}) => `
accounts:
  network: { id: "111111111111", hubSideRoleArn: "arn:aws:iam::111111111111:role/vpce-hub-pairs" }
  payments: { id: "222222222222" }
hubs:
  - name: main
    account: network
    region: us-east-1
    ${opts.ipAddressType === undefined ? 'ipAddressType: dualstack' : opts.ipAddressType === '' ? '' : `ipAddressType: ${opts.ipAddressType}`}
    dns: ${opts.dns ?? 'private-hosted-zones'}
    vpc: { cidr: 10.0.0.0/22, availabilityZones: [us-east-1a, us-east-1b] }
    services: ${opts.services ?? '[sts, sqs]'}
spokes:
  - name: payments-prod
    account: payments
    vpc:
      id: vpc-0a1b2c3d4e5f67890
      cidr: 10.1.0.0/16
      ${opts.spokeIpv6 === false ? '' : 'ipv6Cidrs: [2600:1f18:abcd:3400::/56]'}
      routeTableIds: [rtb-0a1b2c3d4e5f67890]
`;

describe('endpoints', () => {
  it('makes the endpoint of every service that accepts IPv6 dual-stack, with A and AAAA records for its names', () => {
    const endpoints = ofType(network(), 'aws_vpc_endpoint');
    for (const name of ['hub_main_sts', 'hub_main_kms', 'hub_main_athena', 'hub_edge_sts', 'hub_edge_kms']) {
      expect([name, endpoints[name].ip_address_type, endpoints[name].dns_options]).toEqual([name, 'dualstack', { dns_record_ip_type: 'dualstack' }]);
    }
  });

  it('keeps the endpoint of a service that does not accept IPv6 IPv4 (AWS would refuse dualstack at apply)', () => {
    const endpoints = ofType(network(), 'aws_vpc_endpoint');
    for (const name of ['hub_main_sqs', 'hub_main_lambda']) {
      expect(endpoints[name]).not.toHaveProperty('ip_address_type');
      expect(endpoints[name]).not.toHaveProperty('dns_options');
    }
  });

  it("follows the config's ipAddressTypes, the escape hatch for a service AWS opened to IPv6 after the catalogue's data", () => {
    const s = synthText(config({ services: '[sts, { name: sqs, ipAddressTypes: [ipv4, ipv6] }]' }));
    try {
      expect(ofType(s.stacks.network, 'aws_vpc_endpoint').hub_main_sqs).toMatchObject({ ip_address_type: 'dualstack', dns_options: { dns_record_ip_type: 'dualstack' } });
    } finally {
      s.cleanup();
    }
  });

  it('keeps dns_options of s3 in endpoint-url mode and adds the record type to it', () => {
    const s = synthText(config({ dns: 'endpoint-url', services: '[s3]' }));
    try {
      expect(ofType(s.stacks.network, 'aws_vpc_endpoint').hub_main_s3).toMatchObject({
        private_dns_enabled: true,
        ip_address_type: 'dualstack',
        dns_options: { dns_record_ip_type: 'dualstack', private_dns_only_for_inbound_resolver_endpoint: false },
      });
    } finally {
      s.cleanup();
    }
  });
});

describe('hub VPC', () => {
  it('gives a VPC it creates an Amazon-provided IPv6 block and each subnet a /64 of it, by the AZ order', () => {
    expect(ofType(network(), 'aws_vpc').hub_main).toMatchObject({ assign_generated_ipv6_cidr_block: true, cidr_block: '10.0.0.0/22' });
    const subnets = ofType(network(), 'aws_subnet');
    expect(Object.values(subnets).map((s) => [s.availability_zone_id, s.cidr_block, s.ipv6_cidr_block])).toEqual([
      ['use1-az1', '10.0.0.0/24', '${cidrsubnet(aws_vpc.hub_main.ipv6_cidr_block, 8, 0)}'],
      ['use1-az2', '10.0.1.0/24', '${cidrsubnet(aws_vpc.hub_main.ipv6_cidr_block, 8, 1)}'],
    ]);
    expect(network().output?.hub_main_ipv6_cidr?.value).toBe('${aws_vpc.hub_main.ipv6_cidr_block}');
  });

  it('uses the blocks an existing VPC has: nothing created, its block published for the spokes', () => {
    expect(namesOf(network(), 'aws_vpc')).toEqual(['hub_main']);
    expect(network().output?.hub_edge_ipv6_cidr?.value).toBe('2a05:d018:1111:2200::/56');
  });
});

describe('DNS', () => {
  const records = () => ofType(network(), 'aws_route53_record');

  it('puts an alias AAAA record beside every alias A record of a dual-stack endpoint, to the same target', () => {
    const all = records();
    const aaaa = Object.entries(all).filter(([, r]) => r.type === 'AAAA');
    expect(aaaa.map(([n]) => n).sort()).toEqual(
      [
        'hub_edge_kms_eu-west-1_amazonaws_com_apex_aaaa',
        'hub_edge_sts_eu-west-1_amazonaws_com_apex_aaaa',
        'hub_main_athena_us-east-1_amazonaws_com_apex_aaaa',
        'hub_main_athena_us-east-1_api_aws_apex_aaaa',
        'hub_main_kms_us-east-1_amazonaws_com_apex_aaaa',
        'hub_main_sts_us-east-1_amazonaws_com_apex_aaaa',
      ].sort(),
    );
    for (const [name, record] of aaaa) {
      const twin = all[name.replace(/_aaaa$/, '')];
      expect(twin.type).toBe('A');
      expect({ name: record.name, zone_id: record.zone_id, alias: record.alias }).toEqual({ name: twin.name, zone_id: twin.zone_id, alias: twin.alias });
    }
  });

  it('gives IPv4-only services A records only, the api.aws zone of one included (lambda)', () => {
    const all = records();
    expect(all['hub_main_lambda_us-east-1_api_aws_apex'].type).toBe('A');
    expect(all).not.toHaveProperty('hub_main_lambda_us-east-1_api_aws_apex_aaaa');
    expect(all).not.toHaveProperty('hub_main_sqs_us-east-1_amazonaws_com_apex_aaaa');
  });

  it("creates a zone for each dual-stack <service>.<region>.api.aws name AWS's data lists for the service, and no other", () => {
    const zones = Object.values(ofType(network(), 'aws_route53_zone')).map((z) => z.name);
    expect(zones.filter((z) => String(z).endsWith('.api.aws')).sort()).toEqual(['athena.us-east-1.api.aws', 'lambda.us-east-1.api.aws']);
  });

  it('carries the AAAA records through the Route 53 Profile (route53-profile mode attaches the same zones)', () => {
    const attached = Object.values(ofType(network(), 'aws_route53profiles_resource_association')).map((a) => a.resource_arn);
    expect(attached.sort()).toEqual(['${aws_route53_zone.hub_edge_kms_eu-west-1_amazonaws_com.arn}', '${aws_route53_zone.hub_edge_sts_eu-west-1_amazonaws_com.arn}']);
  });

  it('adds AAAA twins of both the apex and the * record of a wildcard zone (s3)', () => {
    const s = synthText(config({ services: '[s3]' }));
    try {
      const aaaa = Object.entries(ofType(s.stacks.network, 'aws_route53_record')).filter(([, r]) => r.type === 'AAAA').map(([, r]) => r.name);
      expect(aaaa.sort()).toEqual(['*.s3-accesspoint.us-east-1.amazonaws.com', '*.s3-control.us-east-1.amazonaws.com', '*.s3.us-east-1.amazonaws.com', 's3-accesspoint.us-east-1.amazonaws.com', 's3-control.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com']);
    } finally {
      s.cleanup();
    }
  });
});

describe('routes', () => {
  const spokeRoutes = (stack: string) => ofType(synth.stacks[stack], 'aws_route');

  it('routes each IPv6 spoke to the hub IPv6 block and back, over its peering', () => {
    const routes = spokeRoutes('payments');
    expect(routes['spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main_ipv6']).toMatchObject({
      destination_ipv6_cidr_block: HUB_IPV6,
      vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_payments-prod.id}',
      route_table_id: 'rtb-0a1b2c3d4e5f67890',
    });
    expect(routes['hub_main_endpoints_to_payments-prod_2600-1f18-abcd-3400--_56']).toMatchObject({
      destination_ipv6_cidr_block: '2600:1f18:abcd:3400::/56',
      vpc_peering_connection_id: '${aws_vpc_peering_connection.hub_main_to_payments-prod.id}',
      route_table_id: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_route_table_endpoints}',
      provider: 'aws.hub_network_us_east_1',
    });
    // A route table of a spoke with two tables: one IPv6 route each.
    expect(Object.keys(spokeRoutes('analytics')).filter((n) => n.endsWith('_to_hub_main_ipv6')).sort()).toEqual([
      'spoke_analytics-prod_rtb-0c1d2e3f4a5b67890_to_hub_main_ipv6',
      'spoke_analytics-prod_rtb-0d1e2f3a4b5c67890_to_hub_main_ipv6',
    ]);
  });

  it('gives a spoke without ipv6Cidrs no IPv6 route or rule in a dual-stack hub', () => {
    const legacy = Object.entries(synth.stacks.analytics.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).filter((n) => n.includes('legacy-batch')).map((n) => `${type}.${n}`));
    expect(legacy.length).toBeGreaterThan(0);
    const bodies = resourcesOf(synth.stacks.analytics);
    for (const address of legacy) expect(allStrings(bodies.get(address)).filter((s) => /ipv6|:[0-9a-f]*:/.test(s))).toEqual([]);
  });

  it('routes IPv6 over the transit gateway, with IPv6 support on the hub and the IPv6 spoke attachments', () => {
    expect(ofType(network(), 'aws_ec2_transit_gateway_vpc_attachment').hub_edge.ipv6_support).toBe('enable');
    const payments = synth.stacks.payments;
    expect(ofType(payments, 'aws_ec2_transit_gateway_vpc_attachment')['spoke_payments-eu'].ipv6_support).toBe('enable');
    const routes = ofType(payments, 'aws_route');
    expect(routes['spoke_payments-eu_rtb-0a2b3c4d5e6f78901_to_hub_edge_ipv6']).toMatchObject({
      destination_ipv6_cidr_block: '2a05:d018:1111:2200::/56',
      transit_gateway_id: '${data.terraform_remote_state.remote_state_network.outputs.hub_edge_transit_gateway_id}',
      // Like the IPv4 routes (VH-TGW-004): after the attachment's association and its propagation.
      depends_on: ['aws_ec2_transit_gateway_route_table_association.spoke_payments-eu', 'aws_ec2_transit_gateway_route_table_propagation.spoke_payments-eu_to_hub'],
    });
    expect(routes['hub_edge_rtb-0f1e2d3c4b5a69788_to_payments-eu_2a05-d018-2222-3300--_56']).toMatchObject({
      destination_ipv6_cidr_block: '2a05:d018:2222:3300::/56',
      provider: 'aws.hub_network_eu_west_1',
      depends_on: ['aws_ec2_transit_gateway_route_table_association.spoke_payments-eu', 'aws_ec2_transit_gateway_route_table_propagation.spoke_payments-eu_to_hub'],
    });
  });

  it('leaves the attachment of an IPv4-only spoke of a dual-stack transit-gateway hub without IPv6 support', () => {
    const s = synthText(`${config({ spokeIpv6: false })}`.replace('services: [sts, sqs]', 'services: [sts, sqs]\n    connectivity: transit-gateway\n    transitGateway: {}').replace('routeTableIds: [rtb-0a1b2c3d4e5f67890]', 'routeTableIds: [rtb-0a1b2c3d4e5f67890]\n      attachmentSubnetIds: [subnet-0a1b2c3d4e5f67890, subnet-0b1c2d3e4f5a67890]').replace('hubs:', 'organizationId: o-a1b2c3d4e5\norganizationArn: arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5\nramSharing: { shareWith: organization, organizationSharing: enabled }\nhubs:'));
    try {
      expect(ofType(s.stacks.network, 'aws_ec2_transit_gateway_vpc_attachment').hub_main.ipv6_support).toBe('enable');
      expect(ofType(s.stacks.payments, 'aws_ec2_transit_gateway_vpc_attachment')['spoke_payments-prod']).not.toHaveProperty('ipv6_support');
    } finally {
      s.cleanup();
    }
  });
});

describe('security group rules and the inbound resolver', () => {
  it('admits HTTPS from each spoke IPv6 block (cidr_ipv6) and from the hub VPC block', () => {
    expect(ofType(synth.stacks.payments, 'aws_vpc_security_group_ingress_rule')['hub_main_https_from_payments-prod_2600-1f18-abcd-3400--_56']).toMatchObject({
      cidr_ipv6: '2600:1f18:abcd:3400::/56',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      description: 'HTTPS from spoke payments-prod (2600:1f18:abcd:3400::/56)',
    });
    const hubRules = ofType(network(), 'aws_vpc_security_group_ingress_rule');
    expect(hubRules.hub_main_https_from_hub_vpc_ipv6).toMatchObject({ cidr_ipv6: '${aws_vpc.hub_main.ipv6_cidr_block}', security_group_id: '${aws_security_group.hub_main_endpoints.id}' });
    expect(hubRules.hub_edge_https_from_hub_vpc_ipv6).toMatchObject({ cidr_ipv6: '2a05:d018:1111:2200::/56' });
    // Never ::/0: every IPv6 rule names a block of the config (or the hub VPC's own).
    expect(allStrings(synth.stacks).filter((s) => s === '::/0')).toEqual([]);
  });

  it('makes the inbound resolver of a dual-stack hub dual-stack and publishes its IPv6 addresses', () => {
    expect(ofType(network(), 'aws_route53_resolver_endpoint').hub_edge_inbound_resolver).toMatchObject({ resolver_endpoint_type: 'DUALSTACK', direction: 'INBOUND' });
    expect(network().output?.hub_edge_inbound_resolver_ipv6s?.value).toBe('${[for a in aws_route53_resolver_endpoint.hub_edge_inbound_resolver.ip_address : a.ipv6]}');
  });
});

describe('IPv4-only configs and the change to dual-stack', () => {
  it('synthesizes an IPv4 hub byte-identically whether or not its spokes list IPv6 blocks, and with ipAddressType: ipv4 written out', () => {
    const texts = [config({ ipAddressType: '', spokeIpv6: false }), config({ ipAddressType: '' }), config({ ipAddressType: 'ipv4' })].map((text) => {
      const s = synthText(text);
      try {
        return JSON.stringify(s.stacks);
      } finally {
        s.cleanup();
      }
    });
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
    expect(allStrings(JSON.parse(texts[0])).filter((s) => /ipv6|AAAA|dualstack/i.test(s))).toEqual([]);
  });

  it('keeps every address of the IPv4 hub when it turns dual-stack: IPv6 only adds resources', () => {
    const [before, after] = [config({ ipAddressType: '' }), config()].map((text) => {
      const s = synthText(text);
      try {
        return Object.fromEntries(Object.entries(s.stacks).map(([name, json]) => [name, resourcesOf(json)]));
      } finally {
        s.cleanup();
      }
    });
    for (const [stack, resources] of Object.entries(before)) {
      for (const address of resources.keys()) expect(after[stack].has(address) ? address : `${stack}: ${address} disappeared`).toBe(address);
    }
    const added = Object.entries(after).flatMap(([stack, resources]) => [...resources.keys()].filter((a) => !before[stack].has(a)).map((a) => `${stack}: ${a}`));
    expect(added.sort()).toEqual([
      'network: aws_route53_record.hub_main_sts_us-east-1_amazonaws_com_apex_aaaa',
      'network: aws_vpc_security_group_ingress_rule.hub_main_https_from_hub_vpc_ipv6',
      'payments: aws_route.hub_main_endpoints_to_payments-prod_2600-1f18-abcd-3400--_56',
      'payments: aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main_ipv6',
      'payments: aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_2600-1f18-abcd-3400--_56',
    ]);
  });
});

describe('adding an IPv6 spoke (issue 9 holds for IPv6 too)', () => {
  it("adds only the new spoke's resources, in its account's stack: every other resource and the hub stack unchanged", () => {
    const extra = `
  - name: orders-prod
    account: payments
    vpc: { id: vpc-0f1e2d3c4b5a69781, cidr: 10.9.0.0/16, ipv6Cidrs: [2600:1f18:abcd:9900::/56], routeTableIds: [rtb-0f1e2d3c4b5a69781] }
`;
    const [before, after] = [config(), `${config()}${extra}`].map((text) => {
      const s = synthText(text);
      try {
        return Object.fromEntries(Object.entries(s.stacks).map(([name, json]) => [name, resourcesOf(json)]));
      } finally {
        s.cleanup();
      }
    });
    for (const [stack, resources] of Object.entries(before)) {
      for (const [address, body] of resources) expect([stack, address, after[stack].get(address)]).toEqual([stack, address, body]);
    }
    const added = Object.entries(after).flatMap(([stack, resources]) => [...resources.keys()].filter((a) => !before[stack].has(a)).map((a) => `${stack}: ${a}`));
    expect(added.every((a) => a.startsWith('payments: ') && a.includes('orders-prod'))).toBe(true);
    expect(added.filter((a) => a.includes('ipv6') || a.includes('2600-1f18-abcd-9900--_56'))).toEqual([
      'payments: aws_route.hub_main_endpoints_to_orders-prod_2600-1f18-abcd-9900--_56',
      'payments: aws_route.spoke_orders-prod_rtb-0f1e2d3c4b5a69781_to_hub_main_ipv6',
      'payments: aws_vpc_security_group_ingress_rule.hub_main_https_from_orders-prod_2600-1f18-abcd-9900--_56',
    ]);
  });
});

describe('quotas', () => {
  it("counts IPv6 routes and rules apart from IPv4 ones against the same quotas, as AWS does", () => {
    const plan = buildPlan(parseConfigText(config()).config);
    const rows = quotaUsage(plan).map((r) => `${r.quota} ${r.scope} ${r.used}/${r.limit}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        'inboundRulesPerSecurityGroup security group hub_main_endpoints 2/60',
        'inboundRulesPerSecurityGroup security group hub_main_endpoints (IPv6 rules) 2/60',
        'routesPerRouteTable route table hub_main_endpoints 1/50',
        'routesPerRouteTable route table hub_main_endpoints (IPv6 routes) 1/50',
        'routesPerRouteTable route table rtb-0a1b2c3d4e5f67890 1/50',
        'routesPerRouteTable route table rtb-0a1b2c3d4e5f67890 (IPv6 routes) 1/50',
      ]),
    );
  });

  it('holds IPv6 routes to the quota on their own: 3 IPv4 and 6 IPv6 routes fit a quota of 6, not of 5', () => {
    const spokes = Array.from({ length: 3 }, (_, i) => `
  - name: s${i}
    account: payments
    vpc: { id: vpc-0a1b2c3d4e5f6789${i}, cidr: 10.${i + 1}.0.0/16, ipv6Cidrs: [2600:1f18:abcd:3${i}00::/56, 2600:1f18:abce:3${i}00::/56], routeTableIds: [rtb-0a1b2c3d4e5f6789${i}] }`).join('');
    const text = config().replace(/spokes:[\s\S]*$/, `spokes:${spokes}\nquotas: { routesPerRouteTable: 6 }\n`);
    expect(() => parseConfigText(text)).not.toThrow();
    const over = (() => {
      try {
        parseConfigText(text.replace('routesPerRouteTable: 6', 'routesPerRouteTable: 5'));
        return [];
      } catch (e) {
        return (e as Error).message.split('\n').filter((l) => l.includes('QuotaExceeded'));
      }
    })();
    expect(over).toEqual([expect.stringContaining('route table hub_main_endpoints (IPv6 routes) needs 6 against quota routesPerRouteTable of 5')]);
  });
});
