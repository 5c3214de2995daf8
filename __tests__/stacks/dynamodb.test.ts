/**
 * DynamoDB through the hub (issue 11): its interface endpoint is in the catalogue (supplement), with the
 * regional and the account-based private DNS names, and works in every DNS mode: the config validates,
 * the synthesized stacks hold the endpoint (and, in the zone modes, the zones), and the reachability
 * proof finds every spoke -> dynamodb cell reachable.
 */
import { proveReachability } from '../../src/analysis/prove';
import { buildTree } from '../../src/analysis/tree';
import { DNS_MODES, type DnsMode } from '../../src/config/schema';
import { parseConfigText } from '../../src/config/load';
import { config, hub, spoke } from '../planning/configs';
import { toYaml } from '../support/arbitraries';
import { synthConfig, type Synthesized } from '../support/synth';
import { ofType } from './json';

const ORGANIZATION = { organizationId: 'o-a1b2c3d4e5', organizationArn: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5', ramSharing: { shareWith: 'organization' as const, organizationSharing: 'enabled' as const } };

describe.each(DNS_MODES)('dynamodb in %s mode', (dns: DnsMode) => {
  const text = toYaml(
    config([hub({ dns, services: ['dynamodb', 'sqs'] })], [spoke('payments-prod', 'payments', 1), spoke('analytics-prod', 'analytics', 2)], dns === 'route53-profile' ? ORGANIZATION : {}),
  );
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthConfig(parseConfigText(text).config);
  });
  afterAll(() => synth?.cleanup());

  it('validates without an error', () => {
    expect(parseConfigText(text).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('creates the interface endpoint com.amazonaws.<region>.dynamodb in the hub', () => {
    const endpoints = Object.values(ofType(synth.stacks.network, 'aws_vpc_endpoint')) as Array<Record<string, unknown>>;
    expect(endpoints.filter((e) => e.service_name === 'com.amazonaws.us-east-1.dynamodb').map((e) => e.vpc_endpoint_type)).toEqual(['Interface']);
  });

  it(dns === 'endpoint-url' ? 'creates no zone for it (spokes use the endpoint name)' : 'creates the zones dynamodb.<region> and (wildcard) ddb.<region>', () => {
    const zones = Object.values(ofType(synth.stacks.network, 'aws_route53_zone') ?? {}).map((z) => (z as { name: string }).name);
    if (dns === 'endpoint-url') expect(zones).toEqual([]);
    else expect(zones).toEqual(expect.arrayContaining(['dynamodb.us-east-1.amazonaws.com', 'ddb.us-east-1.amazonaws.com']));
  });

  it('is reachable from every spoke (reachability proof)', () => {
    const proof = proveReachability(buildTree(synth.stacks), parseConfigText(text).config);
    const cells = proof.cells.filter((c) => c.service === 'dynamodb');
    expect(cells.map((c) => [c.spoke, c.reachable, c.broken?.message])).toEqual([
      ['analytics-prod', true, undefined],
      ['payments-prod', true, undefined],
      // The hub VPC's own workloads are clients too (issue 8, section 3).
      ['main (hub VPC)', true, undefined],
    ]);
  });
});
