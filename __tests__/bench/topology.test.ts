import { resolveService } from '../../src/catalogue/catalogue';
import { parseConfigText } from '../../src/config/load';
import { DNS_MODES, QUOTA_DEFAULTS } from '../../src/config/schema';
import { parseCidr } from '../../src/planning/cidr';
import { buildPlan } from '../../src/planning/build-plan';
import {
  BENCH_SERVICES,
  generateTopology,
  HUB_AZS,
  HUB_REGION,
  MAX_SPOKES,
  spokeCidr,
  spokeIpv6Cidr,
  topologyYaml,
  type TopologyOptions,
} from '../../bench/topology';

const SIZES: Array<Omit<TopologyOptions, 'dns'>> = [
  { spokes: 1, accounts: 1, services: 1 },
  { spokes: 10, accounts: 4, services: 10 },
  { spokes: 50, accounts: 16, services: 25 },
  { spokes: 125, accounts: 40, services: 50 },
];

describe('bench topology generator', () => {
  describe.each(DNS_MODES)('dns %s', (dns) => {
    it.each(SIZES)('writes a config the real loader accepts without findings: $spokes spokes, $accounts accounts, $services services', (size) => {
      const { config, findings } = parseConfigText(topologyYaml({ ...size, dns }));
      // Advice on choices the benchmark makes on purpose (s3 among its services, profiles on spoke VPCs it
      // invents), and what its size implies (a hub-side policy of many spoke VPCs spans managed policies).
      const deliberate = ['GatewayServiceCentralized', 'ProfileOnePerVpc', 'HubSidePolicySplit'];
      expect(findings.filter((f) => !deliberate.includes(f.code))).toEqual([]);
      expect(config.hubs).toHaveLength(1);
      expect(config.hubs[0].dns).toBe(dns);
    });
  });

  it('writes a dual-stack variant of a topology (issue 20): the hub dual-stack, each spoke a distinct canonical IPv6 /56, only the expected advice', () => {
    const { config, findings } = parseConfigText(topologyYaml({ spokes: 125, accounts: 40, services: 50, dns: 'private-hosted-zones', ipAddressType: 'dualstack' }));
    expect(config.hubs[0].ipAddressType).toBe('dualstack');
    expect(new Set(config.spokes.map((s) => s.vpc.ipv6Cidrs?.[0])).size).toBe(125);
    expect(spokeIpv6Cidr(0)).toBe('2600:1f18:4000::/56');
    expect(spokeIpv6Cidr(257)).toBe('2600:1f18:4001:100::/56');
    // Services whose endpoints stay IPv4 are named, as for any dual-stack hub; nothing else is new.
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual(['HubSidePolicySplit', 'ServiceIpv4Only']);
    const ipv4 = parseConfigText(topologyYaml({ spokes: 125, accounts: 40, services: 50, dns: 'private-hosted-zones' })).config;
    expect(config.spokes.map((s) => s.vpc.cidr)).toEqual(ipv4.spokes.map((s) => s.vpc.cidr));
  });

  it('has the requested numbers of spokes, accounts (plus the hub account) and services, a hub stack and one spokes stack per account', () => {
    const { config } = parseConfigText(topologyYaml({ spokes: 125, accounts: 40, services: 50, dns: 'private-hosted-zones' }));
    expect(config.spokes).toHaveLength(125);
    expect(Object.keys(config.accounts)).toHaveLength(41);
    expect(config.hubs[0].services).toEqual([...BENCH_SERVICES]);
    const plan = buildPlan(config);
    expect(plan.stacks).toHaveLength(42);
    expect(plan.hubs[0].spokes).toHaveLength(125);
    expect(plan.hubs[0].endpoints).toHaveLength(50);
  });

  it('spreads spokes evenly over the accounts (round-robin)', () => {
    const plan = buildPlan(parseConfigText(topologyYaml({ spokes: 125, accounts: 40, services: 1, dns: 'endpoint-url' })).config);
    const perAccount = plan.stacks.filter((s) => s.kind === 'spokes' && s.account.key !== 'network').map((s) => s.spokes.length);
    expect(perAccount).toHaveLength(40);
    expect(Math.min(...perAccount)).toBe(3);
    expect(Math.max(...perAccount)).toBe(4);
  });

  it('uses only as many accounts as there are spokes, so no account is left unused', () => {
    const config = generateTopology({ spokes: 3, accounts: 40, services: 1, dns: 'private-hosted-zones' });
    expect(Object.keys(config.accounts)).toEqual(['network', 'team-01', 'team-02', 'team-03']);
  });

  it('is prefix-stable: N + 1 spokes are the N spokes plus one, so their difference is one onboarding', () => {
    const opts = { accounts: 40, services: 10, dns: 'route53-profile' as const };
    const n = generateTopology({ ...opts, spokes: 124 });
    const n1 = generateTopology({ ...opts, spokes: 125 });
    expect(n1.spokes?.slice(0, 124)).toEqual(n.spokes);
    expect(n1.hubs).toEqual(n.hubs);
    expect(n1.spokes?.[124]?.account).toBe('team-05');
  });

  it('gives every spoke a distinct, aligned /20 in 10.0.0.0/8 outside the hub /16, up to MAX_SPOKES', () => {
    const cidrs = Array.from({ length: MAX_SPOKES }, (_, i) => spokeCidr(i));
    expect(new Set(cidrs).size).toBe(MAX_SPOKES);
    for (const text of cidrs) {
      const parsed = parseCidr(text);
      expect(parsed.ok && parsed.canonical && parsed.cidr.prefix === 20).toBe(true);
      expect(text.startsWith('10.')).toBe(true);
      expect(text.startsWith('10.0.')).toBe(false);
    }
  });

  it('lists 50 distinct services, exactly the default quota of interface endpoints per VPC, each offered in the hub AZs with private DNS', () => {
    expect(new Set(BENCH_SERVICES).size).toBe(50);
    expect(BENCH_SERVICES.length).toBe(QUOTA_DEFAULTS.interfaceEndpointsPerVpc);
    for (const name of BENCH_SERVICES) {
      const svc = resolveService(name, HUB_REGION);
      expect({ name, zones: (svc?.zones.length ?? 0) > 0, azs: HUB_AZS.every((az) => svc?.availabilityZones?.includes(az)) }).toEqual({ name, zones: true, azs: true });
    }
  });

  it('raises exactly the quotas the topology exceeds, to what it needs', () => {
    expect(generateTopology({ spokes: 10, accounts: 4, services: 50, dns: 'private-hosted-zones' }).quotas).toBeUndefined();
    expect(generateTopology({ spokes: 125, accounts: 40, services: 50, dns: 'private-hosted-zones' }).quotas).toEqual({
      peeringConnectionsPerVpc: 125,
      routesPerRouteTable: 126,
      inboundRulesPerSecurityGroup: 126,
    });
  });

  it('spreads the spokes over several hubs on request, each naming its hub, quotas per hub', () => {
    const t = generateTopology({ hubs: 3, spokes: 120, accounts: 40, services: 30, dns: 'private-hosted-zones' });
    expect(t.hubs.map((h) => [h.name, h.vpc.cidr])).toEqual([['core', '10.0.0.0/22'], ['core-2', '10.0.4.0/22'], ['core-3', '10.0.8.0/22']]);
    expect(t.spokes?.slice(0, 4).map((s) => s.hub)).toEqual(['core', 'core-2', 'core-3', 'core']);
    expect(t.quotas).toBeUndefined(); // 40 spokes per hub stay within every default
    // 120 spoke VPCs of other accounts: the hub-side policy spans managed policies (advice, not a problem).
    expect(parseConfigText(topologyYaml({ hubs: 3, spokes: 120, accounts: 40, services: 30, dns: 'private-hosted-zones' })).findings.filter((f) => f.code !== 'HubSidePolicySplit')).toEqual([]);
    expect(generateTopology({ spokes: 2, accounts: 2, services: 1, dns: 'private-hosted-zones' }).spokes?.[0]).not.toHaveProperty('hub');
  });

  it('shares a route53-profile hub with the organization by default, per account on request', () => {
    expect(generateTopology({ spokes: 2, accounts: 2, services: 1, dns: 'route53-profile' }).organizationArn).toMatch(/^arn:aws:organizations::/);
    expect(generateTopology({ spokes: 2, accounts: 2, services: 1, dns: 'route53-profile' }).ramSharing).toEqual({ shareWith: 'organization', organizationSharing: 'enabled' });
    const perAccount = topologyYaml({ spokes: 2, accounts: 2, services: 1, dns: 'route53-profile', profileSharing: 'accounts' });
    const loaded = parseConfigText(perAccount);
    expect(loaded.findings.map((f) => f.code)).toEqual(['ProfileOnePerVpc']);
    expect(loaded.config.ramSharing).toEqual({ shareWith: 'accounts', organizationSharing: 'disabled', allowExternalPrincipals: false });
  });

  it.each([
    { spokes: MAX_SPOKES + 1, accounts: 1, services: 1 },
    { spokes: 1, accounts: 0, services: 1 },
    { spokes: 1, accounts: 1, services: 0 },
    { spokes: 1, accounts: 1, services: 51 },
    { spokes: 1.5, accounts: 1, services: 1 },
  ])('rejects sizes it cannot generate: %o', (size) => {
    expect(() => generateTopology({ ...size, dns: 'endpoint-url' })).toThrow(RangeError);
  });
});
