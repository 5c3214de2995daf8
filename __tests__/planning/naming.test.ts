import fc from 'fast-check';
import { NAME_PATTERN } from '../../src/config/schema';
import { cidrKey, dotted, ids, outputs, stackNames, tagName } from '../../src/planning/naming';

describe('address-safe keys', () => {
  it.each<[string, string]>([
    ['sqs', 'sqs'],
    ['ecr.api', 'ecr_api'],
    ['sqs.us-east-1.amazonaws.com', 'sqs_us-east-1_amazonaws_com'],
    ['eks-auth.eu-west-1.api.aws', 'eks-auth_eu-west-1_api_aws'],
  ])('dotted(%s) = %s', (input, key) => {
    expect(dotted(input)).toBe(key);
  });

  it.each<[string, string]>([
    ['10.1.0.0/16', '10-1-0-0_16'],
    ['100.64.0.0/20', '100-64-0-0_20'],
    ['10.11.0.0/24', '10-11-0-0_24'],
    ['10.1.10.0/24', '10-1-10-0_24'],
  ])('cidrKey(%s) = %s', (cidr, key) => {
    expect(cidrKey(cidr)).toBe(key);
  });
});

describe('Terraform logical ids come from names only (the same inputs always give the same id)', () => {
  it.each<[string, string, string]>([
    ['hub VPC', ids.hubVpc('main'), 'hub_main'],
    ['hub default SG', ids.hubDefaultSg('main'), 'hub_main_default'],
    ['hub subnet', ids.hubSubnet('main', 'us-east-1a'), 'hub_main_endpoints_us-east-1a'],
    ['hub subnet by AZ id', ids.hubSubnet('main', 'use1-az4'), 'hub_main_endpoints_use1-az4'],
    ['hub endpoint', ids.hubEndpoint('main', dotted('ecr.api')), 'hub_main_ecr_api'],
    ['hub zone', ids.hubZone('main', dotted('sqs.us-east-1.amazonaws.com')), 'hub_main_sqs_us-east-1_amazonaws_com'],
    ['apex record', ids.hubRecord('main', 'dkr_ecr_us-east-1_amazonaws_com', 'apex'), 'hub_main_dkr_ecr_us-east-1_amazonaws_com_apex'],
    ['wildcard record', ids.hubRecord('main', 'dkr_ecr_us-east-1_amazonaws_com', 'wildcard'), 'hub_main_dkr_ecr_us-east-1_amazonaws_com_wildcard'],
    ['authorization', ids.hubAuthorization('main', 'sqs_us-east-1_amazonaws_com', 'payments-prod'), 'hub_main_sqs_us-east-1_amazonaws_com_for_payments-prod'],
    ['peering', ids.hubPeering('main', 'payments-prod'), 'hub_main_to_payments-prod'],
    ['hub route', ids.hubRoute('main', 'endpoints', 'payments-prod', '10.1.0.0/16'), 'hub_main_endpoints_to_payments-prod_10-1-0-0_16'],
    ['hub route, existing table', ids.hubRoute('main', 'rtb-0abc', 'lake', '10.4.0.0/16'), 'hub_main_rtb-0abc_to_lake_10-4-0-0_16'],
    ['ingress rule', ids.hubIngressRule('main', 'analytics-prod', '100.64.0.0/20'), 'hub_main_https_from_analytics-prod_100-64-0-0_20'],
    ['spoke accepter', ids.spokeAccepter('payments-prod'), 'spoke_payments-prod'],
    ['spoke route', ids.spokeRoute('payments-prod', 'rtb-0a1b', 'main'), 'spoke_payments-prod_rtb-0a1b_to_hub_main'],
    ['spoke association', ids.spokeAssociation('payments-prod', 'sqs_us-east-1_amazonaws_com'), 'spoke_payments-prod_sqs_us-east-1_amazonaws_com'],
    ['provider', ids.provider('us-east-1'), 'aws_us_east_1'],
    ['provider alias', ids.providerAlias('eu-central-1'), 'eu_central_1'],
    ['remote state', ids.remoteState('network'), 'remote_state_network'],
    ['hub-side provider', ids.hubSideProvider('network', 'us-east-1'), 'aws_hub_network_us_east_1'],
    ['hub-side provider alias', ids.hubSideProviderAlias('network', 'eu-west-1'), 'hub_network_eu_west_1'],
    ['hub stack', stackNames.hub('network'), 'network'],
    ['spokes stack of a hub account', stackNames.spokes('network', true), 'network-spokes'],
    ['spokes stack of another account', stackNames.spokes('payments', false), 'payments'],
  ])('%s: %s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['VPC id', outputs.vpcId('main'), 'hub_main_vpc_id'],
    ['CIDR', outputs.cidr('main'), 'hub_main_cidr'],
    ['route table id', outputs.routeTableId('main', 'endpoints'), 'hub_main_route_table_endpoints'],
    ['security group id', outputs.securityGroupId('main', 2), 'hub_main_security_group_2'],
    ['zone id', outputs.zoneId('main', 'sqs_us-east-1_amazonaws_com'), 'hub_main_zone_sqs_us-east-1_amazonaws_com'],
    ['endpoint DNS', outputs.endpointDns('main', 'ecr_api'), 'hub_main_endpoint_ecr_api_dns'],
  ])('output %s: %s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('builds Name tags from the project and parts', () => {
    expect(tagName('acme', 'main', 'endpoints')).toBe('acme-main-endpoints');
  });
});

describe('injectivity: different things never share an address', () => {
  it.each<[string, string, string]>([
    // `-` in names stays `-`, `_` joins parts: a spoke that is a prefix of another stays distinct.
    ['spoke a vs a-b', ids.hubPeering('main', 'a'), ids.hubPeering('main', 'a-b')],
    ['ingress rules of spokes a and a-b', ids.hubIngressRule('main', 'a', '10.1.0.0/16'), ids.hubIngressRule('main', 'a-b', '10.1.0.0/16')],
    // Octets keep their boundaries: 10.1.10.0 and 10.11.0.0 would collide if dots were simply dropped.
    ['CIDRs 10.1.10.0/24 vs 10.11.0.0/24', ids.hubRoute('main', 'endpoints', 'a', '10.1.10.0/24'), ids.hubRoute('main', 'endpoints', 'a', '10.11.0.0/24')],
    ['same range, other prefix', ids.hubIngressRule('main', 'a', '10.1.0.0/16'), ids.hubIngressRule('main', 'a', '10.1.0.0/24')],
    ['hub names main vs main-2', ids.hubZone('main', 'sqs_x'), ids.hubZone('main-2', 'sqs_x')],
    ['apex vs wildcard record', ids.hubRecord('main', 'dkr_ecr_x', 'apex'), ids.hubRecord('main', 'dkr_ecr_x', 'wildcard')],
    ['services ecr.api vs ecr-api', ids.hubEndpoint('main', dotted('ecr.api')), ids.hubEndpoint('main', dotted('ecr-api'))],
    ['hub route vs spoke route', ids.hubRoute('main', 'rtb-1', 'a', '10.0.0.0/22'), ids.spokeRoute('a', 'rtb-1', 'main')],
    ['two route tables of one spoke', ids.spokeRoute('a', 'rtb-1', 'main'), ids.spokeRoute('a', 'rtb-2', 'main')],
  ])('%s', (_what, a, b) => {
    expect(a).not.toBe(b);
  });

  // Config names cannot contain `_` (schema), so `_` is an unambiguous separator: distinct inputs,
  // distinct ids. Checked on generated names that match the schema's pattern.
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,6}$/).filter((s) => NAME_PATTERN.test(s));
  const cidr = fc.tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 16, max: 28 })).map(([a, b, p]) => `10.${a}.${b}.0/${p}`);
  const zoneKey = fc.constantFrom('sqs.us-east-1.amazonaws.com', 'dkr.ecr.us-east-1.amazonaws.com', 'api.ecr.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com').map(dotted);

  it('hubIngressRule is injective over (hub, spoke, cidr)', () => {
    fc.assert(
      fc.property(fc.tuple(name, name, cidr), fc.tuple(name, name, cidr), (x, y) => {
        fc.pre(x.join('|') !== y.join('|'));
        expect(ids.hubIngressRule(...x)).not.toBe(ids.hubIngressRule(...y));
      }),
      { numRuns: 300 },
    );
  });

  it('hubAuthorization and spokeAssociation are injective over (hub, zone, spoke)', () => {
    fc.assert(
      fc.property(fc.tuple(name, zoneKey, name), fc.tuple(name, zoneKey, name), (x, y) => {
        fc.pre(x.join('|') !== y.join('|'));
        expect(ids.hubAuthorization(...x)).not.toBe(ids.hubAuthorization(...y));
        if (x[1] !== y[1] || x[2] !== y[2]) expect(ids.spokeAssociation(x[2], x[1])).not.toBe(ids.spokeAssociation(y[2], y[1]));
      }),
      { numRuns: 300 },
    );
  });

  it('hubRoute is injective over (hub, route table, spoke, cidr)', () => {
    const table = fc.oneof(fc.constant('endpoints'), fc.nat(0xfff).map((n) => `rtb-${n.toString(16)}`));
    fc.assert(
      fc.property(fc.tuple(name, table, name, cidr), fc.tuple(name, table, name, cidr), (x, y) => {
        fc.pre(x.join('|') !== y.join('|'));
        expect(ids.hubRoute(...x)).not.toBe(ids.hubRoute(...y));
      }),
      { numRuns: 300 },
    );
  });
});
