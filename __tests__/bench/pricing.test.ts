import {
  associationWaitSeconds,
  callModel,
  callsByStack,
  createCalls,
  minimumSeconds,
  minimumSeconds2025,
  refreshCalls,
} from '../../bench/api-calls';
import { diffResources, resourceSet } from '../../bench/resource-set';
import type { TerraformJson } from '../support/terraform';

describe('Route 53 request model', () => {
  it('counts create and read-back requests for the per-spoke Route 53 resources', () => {
    expect(createCalls('aws_route53_vpc_association_authorization')).toBe(2);
    expect(createCalls('aws_route53_zone_association')).toBe(3);
    expect(refreshCalls('aws_route53_zone_association')).toBe(1);
  });

  it('charges nothing to the Route 53 limit for other APIs: Profiles, RAM, EC2', () => {
    expect(createCalls('aws_route53profiles_association')).toBe(0);
    expect(createCalls('aws_route53profiles_association', 'route53profiles')).toBe(3);
    expect(createCalls('aws_ram_principal_association')).toBe(0);
    expect(createCalls('aws_vpc_peering_connection')).toBe(0);
    expect(callModel('aws_route').api).toBe('ec2');
  });

  it('adds up requests per stack, skipping stacks without any', () => {
    const calls = callsByStack(
      [
        { stack: 'network', type: 'aws_route53_vpc_association_authorization' },
        { stack: 'network', type: 'aws_route' },
        { stack: 'team-01', type: 'aws_route53_zone_association' },
        { stack: 'team-02', type: 'aws_route' },
      ],
      (t) => createCalls(t),
    );
    expect([...calls]).toEqual([['network', 2], ['team-01', 3]]);
  });

  it('runs stacks one after the other, each at its account rate of 10 requests/s, AssociateVPCWithHostedZone at 5/s', () => {
    expect(minimumSeconds(new Map([['network', 100], ['team-01', 150]]))).toBe(25);
    // team-01: 150 requests at 10/s = 15 s, but 100 of them associations at 5/s = 20 s.
    expect(minimumSeconds(new Map([['network', 100], ['team-01', 150]]), new Map([['team-01', 100]]))).toBe(30);
  });

  it('lets the token buckets absorb their burst, then flow at the slower of the account and AssociateVPCWithHostedZone rates', () => {
    expect(minimumSeconds2025(new Map([['team-01', 40]]), new Map([['team-01', 10]]))).toBe(0);
    // 150 requests, 50 of them associations: account (150 - 50) / 10 = 10 s; associations (50 - 20) / 5 = 6 s.
    expect(minimumSeconds2025(new Map([['team-01', 150]]), new Map([['team-01', 50]]))).toBe(10);
    // 90 requests, 80 associations: account 4 s; associations (80 - 20) / 5 = 12 s.
    expect(minimumSeconds2025(new Map([['team-01', 90]]), new Map([['team-01', 80]]))).toBe(12);
  });

  it('waits 30 s per wave of 10 zone associations before the first GetChange poll', () => {
    expect([0, 1, 10, 11, 62].map(associationWaitSeconds)).toEqual([0, 30, 30, 60, 210]);
  });
});

describe('resource set difference', () => {
  const stacks = (bodies: Record<string, Record<string, unknown>>, synthesis: string): Record<string, TerraformJson> => ({
    network: { resource: { aws_route: Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, { ...v, '//': { metadata: { path: `network/${k}`, synthesis } } }])) } },
  });

  it('finds added, removed and changed resources by address and body, ignoring cdktf metadata', () => {
    const before = resourceSet(stacks({ a: { cidr: '10.1.0.0/16' }, b: { cidr: '10.2.0.0/16' }, c: { cidr: '10.3.0.0/16' } }, 'first'));
    const after = resourceSet(stacks({ a: { cidr: '10.1.0.0/16' }, b: { cidr: '10.9.0.0/16' }, d: { cidr: '10.4.0.0/16' } }, 'second'));
    const diff = diffResources(before, after);
    expect(diff.added.map((r) => r.name)).toEqual(['d']);
    expect(diff.removed.map((r) => r.name)).toEqual(['c']);
    expect(diff.changed.map((r) => r.name)).toEqual(['b']);
  });
});
