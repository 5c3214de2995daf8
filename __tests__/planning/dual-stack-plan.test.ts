/** The network plan of a dual-stack hub (issue 20), as plain records: what the emitters turn into IPv6. */
import { config, EXISTING_HUB, hub, planOf, spoke } from './configs';

const ipv6Spoke = (name: string, n: number) => spoke(name, 'payments', n, { vpc: { id: `vpc-${n.toString(16).padStart(17, '0')}`, cidr: `10.${n}.0.0/16`, ipv6Cidrs: [`2600:1f18:abcd:${(0x3400 + n * 0x100).toString(16)}::/56`], routeTableIds: [`rtb-${n.toString(16).padStart(17, '0')}`] } });

describe('the plan of a dual-stack hub', () => {
  it('carves each created subnet a /64 by its AZ position, and leaves an IPv4 hub without any IPv6 field', () => {
    const dual = planOf(config([hub({ ipAddressType: 'dualstack', vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1b', 'us-east-1a', 'us-east-1c'] } })], []));
    expect(dual.hubs[0].ipv6).toEqual({});
    expect(dual.hubs[0].subnets.map((s) => [s.az, s.ipv6Index])).toEqual([['us-east-1b', 0], ['us-east-1a', 1], ['us-east-1c', 2]]);
    const ipv4 = planOf(config([hub()], [ipv6Spoke('payments-prod', 1)]));
    expect(JSON.stringify(ipv4)).not.toMatch(/ipv6|dualStack|aaaa/i);
  });

  it("takes an existing VPC's IPv6 block and its subnets' blocks from the config", () => {
    const subnets = EXISTING_HUB.subnets.map((s, i) => ({ ...s, ipv6Cidr: `2600:1f18:1111:220${i}::/64` }));
    const p = planOf(config([hub({ ipAddressType: 'dualstack', vpc: { ...EXISTING_HUB, ipv6Cidr: '2600:1f18:1111:2200::/56', subnets } })], []));
    expect(p.hubs[0].ipv6).toEqual({ cidr: '2600:1f18:1111:2200::/56' });
    expect(p.hubs[0].subnets.map((s) => s.ipv6Cidr)).toEqual(['2600:1f18:1111:2200::/64', '2600:1f18:1111:2201::/64']);
  });

  it('makes dual-stack only the endpoints (and AAAA only the zones) of services that accept IPv6', () => {
    const p = planOf(config([hub({ ipAddressType: 'dualstack', services: ['sts', 'sqs', 'athena'] })], []));
    expect(p.hubs[0].endpoints.map((e) => [e.service, e.dualStack ?? false])).toEqual([['athena', true], ['sqs', false], ['sts', true]]);
    expect(p.hubs[0].zones.map((z) => [z.zoneName, z.aaaa ?? false])).toEqual([
      ['athena.us-east-1.amazonaws.com', true],
      ['athena.us-east-1.api.aws', true],
      ['sqs.us-east-1.amazonaws.com', false],
      ['sts.us-east-1.amazonaws.com', true],
    ]);
  });

  it('gives IPv6 rules and routes to spokes that list IPv6 blocks only, and the hub VPC its own IPv6 rule in group 1', () => {
    const p = planOf(config([hub({ ipAddressType: 'dualstack' })], [ipv6Spoke('payments-prod', 1), spoke('analytics-prod', 'analytics', 2)]));
    expect(p.spokes.map((s) => [s.name, s.ipv6Cidrs])).toEqual([['analytics-prod', undefined], ['payments-prod', ['2600:1f18:abcd:3500::/56']]]);
    expect(p.hubs[0].securityGroups[0].rules).toEqual([
      { from: 'hub-vpc', cidr: '10.0.0.0/22' },
      { from: 'hub-vpc-ipv6' },
      { from: 'spoke', spoke: 'analytics-prod', cidr: '10.2.0.0/16' },
      { from: 'spoke', spoke: 'payments-prod', cidr: '10.1.0.0/16' },
      { from: 'spoke', spoke: 'payments-prod', cidr: '2600:1f18:abcd:3500::/56' },
    ]);
  });
});
