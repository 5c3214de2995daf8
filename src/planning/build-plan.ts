/** Config -> network plan. Pure: no cdktf, no I/O. Assumes a config that passed validation. */
import { hasGatewayEndpoint } from '../catalogue/gateway-services';
import type { ResolvedService } from '../catalogue/catalogue';
import { AZ_ID_PATTERN, hubOfSpoke, spokeRegion } from '../config/resolve';
import type { HubConfig, VpceHubConfig } from '../config/schema';
import { cidrOf, defaultSubnetPrefix, nthSubnet } from './cidr';
import { endpointPolicyDocument } from './endpoint-policy';
import { spreadIngressRules } from './endpoint-security-groups';
import { dotted } from './naming';
import { effectiveQuotas } from './quotas';
import type { AccountPlan, BackendPlan, EndpointPlan, HubPlan, NetworkPlan, ProfilePlan, SpokePlan, StackPlan, ZonePlan } from './plan';
import { resolveHubService, serviceName } from './services';

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function buildPlan(config: VpceHubConfig): NetworkPlan {
  const account = (key: string): AccountPlan => {
    const a = config.accounts[key];
    if (a === undefined) throw new Error(`unknown account ${key} (validation should have caught this)`);
    return { key, id: a.id, ...(a.roleArn ? { roleArn: a.roleArn } : {}) };
  };

  const spokes: SpokePlan[] = config.spokes
    .map((s) => {
      const hub = hubOfSpoke(config, s);
      const region = spokeRegion(config, s);
      if (!hub || !region) throw new Error(`spoke ${s.name} has no hub (validation should have caught this)`);
      const crossAccount = hub.account !== s.account;
      const crossRegion = hub.region !== region;
      return {
        name: s.name,
        account: account(s.account),
        region,
        hub: hub.name,
        vpcId: s.vpc.id,
        cidrs: [s.vpc.cidr, ...s.vpc.secondaryCidrs],
        routeTableIds: [...s.vpc.routeTableIds],
        crossAccount,
        crossRegion,
        autoAccept: !crossAccount && !crossRegion,
      };
    })
    .sort(byName);

  const hubs = config.hubs.map((h) => planHub(h, config, account(h.account), spokes)).sort(byName);
  return {
    project: config.project,
    ...(config.organizationId ? { organizationId: config.organizationId } : {}),
    ...(config.organizationArn ? { organizationArn: config.organizationArn } : {}),
    backend: planBackend(config),
    hubs,
    spokes,
    stacks: planStacks(config, hubs, spokes, account),
  };
}

function planHub(h: HubConfig, config: VpceHubConfig, account: AccountPlan, spokes: SpokePlan[]): HubPlan {
  const services = h.services.map((entry) => {
    const svc = resolveHubService(entry, h.region);
    if (!svc) throw new Error(`service ${serviceName(entry)} unresolved (validation should have caught this)`);
    return svc;
  });
  const endpoints: EndpointPlan[] = services
    .map((svc) => ({ svc, policy: svc.endpointPolicySupported ? endpointPolicyDocument(h.endpointPolicy, svc.name, h.region, config.organizationId) : undefined }))
    .map(({ svc, policy }) => ({
      service: svc.name,
      key: dotted(svc.name),
      serviceName: svc.serviceName,
      // PHZ mode: the hub's zones answer instead, and the API default is true (provider issue 37694).
      // endpoint-url mode: private DNS serves clients inside the hub; impossible without a DNS name.
      privateDnsEnabled: h.dns === 'endpoint-url' && svc.zones.length > 0,
      // The hub VPC has no gateway endpoint: its own clients must resolve to the interface endpoint too
      // (gateway-services.ts), else CreateVpcEndpoint refuses private DNS for s3 and dynamodb.
      ...(h.dns === 'endpoint-url' && svc.zones.length > 0 && hasGatewayEndpoint(svc.name) ? { privateDnsOnlyForInboundResolverEndpoint: false as const } : {}),
      // Per service: each gets its template (policy/templates.ts); none where the service takes no policy.
      ...(policy !== undefined ? { policy } : {}),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  // Both zone modes create the same zones; they differ only in how spoke VPCs get associated.
  const zones = h.dns === 'endpoint-url' ? [] : services.flatMap(zonesOf).sort((a, b) => (a.key < b.key ? -1 : 1));
  const ownSpokes = spokes.filter((s) => s.hub === h.name);
  const vpc = h.vpc;
  const secondaryCidrs = vpc.id !== undefined ? [...(vpc.secondaryCidrs ?? [])] : [];
  const clientCidrs = [...(h.clientCidrs ?? [])];
  const securityGroups = spreadIngressRules({
    rules: ownSpokes.flatMap((s) => s.cidrs.map((cidr) => ({ from: 'spoke' as const, spoke: s.name, cidr }))),
    // Every hub VPC resolves the service names to its endpoints: in the zone modes the zones are
    // created with the hub VPC inline, in endpoint-url mode the endpoints' private DNS answers there.
    // So its own workloads are clients in every mode, and so are the configured extra ranges.
    fixed: [...[vpc.cidr, ...secondaryCidrs].map((cidr) => ({ from: 'hub-vpc' as const, cidr })), ...clientCidrs.map((cidr) => ({ from: 'client-range' as const, cidr }))],
    rulesPerGroup: effectiveQuotas(config.quotas).inboundRulesPerSecurityGroup,
    pinned: h.endpointSecurityGroups,
  });

  const base = {
    name: h.name,
    account,
    region: h.region,
    dns: h.dns,
    cidr: vpc.cidr,
    secondaryCidrs,
    clientCidrs,
    endpoints,
    securityGroups,
    zones,
    ...(h.dns === 'route53-profile' ? { profile: planProfile(config, ownSpokes) } : {}),
    spokes: ownSpokes.map((s) => s.name),
  };
  if (vpc.id !== undefined) {
    return {
      ...base,
      existingVpcId: vpc.id,
      subnets: (vpc.subnets ?? []).map((s) => ({ az: s.availabilityZone, azIsId: AZ_ID_PATTERN.test(s.availabilityZone), id: s.id })),
      routeTables: (vpc.routeTableIds ?? []).map((id) => ({ key: id, id })),
    };
  }
  const parent = cidrOf(vpc.cidr);
  const prefix = vpc.subnetPrefixLength ?? defaultSubnetPrefix(parent);
  const flow = vpc.flowLogs ?? { enabled: true, retentionDays: 365 };
  return {
    ...base,
    subnets: (vpc.availabilityZones ?? []).map((az, i) => ({ az, azIsId: AZ_ID_PATTERN.test(az), cidr: nthSubnet(parent, prefix, i).text })),
    routeTables: [{ key: 'endpoints' }],
    ...(flow.enabled ? { flowLogs: { retentionDays: flow.retentionDays, ...(flow.destinationArn ? { destinationArn: flow.destinationArn } : {}) } } : {}),
  };
}

function planProfile(config: VpceHubConfig, spokes: SpokePlan[]): ProfilePlan {
  const accounts = new Map(spokes.filter((s) => s.crossAccount).map((s) => [s.account.key, s.account]));
  return {
    shareWith: config.organizationArn ? 'organization' : 'accounts',
    ...(config.organizationArn ? { organizationArn: config.organizationArn } : {}),
    accounts: [...accounts.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

function zonesOf(svc: ResolvedService): ZonePlan[] {
  return svc.zones.map((z) => ({ key: dotted(z.zoneName), zoneName: z.zoneName, wildcard: z.wildcard, service: svc.name }));
}

function planBackend(config: VpceHubConfig): BackendPlan {
  const b = config.backend;
  if (b.s3) return { kind: 's3', bucket: b.s3.bucket, region: b.s3.region, keyPrefix: b.s3.keyPrefix, ...(b.s3.roleArn ? { roleArn: b.s3.roleArn } : {}) };
  if (b.cloud) return { kind: 'cloud', ...b.cloud };
  return { kind: 'local', dir: b.local?.dir ?? '.terraform-state' };
}

function planStacks(config: VpceHubConfig, hubs: HubPlan[], spokes: SpokePlan[], account: (key: string) => AccountPlan): StackPlan[] {
  // Every account keeps its stack, even with nothing left in it: a stack that disappears from the
  // output is never run again, so what its state holds would stay in AWS (issue 8, section 10). Empty,
  // its next apply destroys what an earlier config put there.
  const keys = Object.keys(config.accounts).sort();
  // Destroying needs the provider configuration each resource was created with (the same alias), so an
  // empty stack keeps a provider for every region of the config: the regions its hubs or spokes used.
  const everyRegion = [...new Set([...hubs.map((h) => h.region), ...spokes.map((s) => s.region)])].sort();
  const stacks = keys.map((key): StackPlan => {
    const ownHubs = hubs.filter((h) => h.account.key === key);
    const ownSpokes = spokes.filter((s) => s.account.key === key);
    const hubOf = (s: SpokePlan) => hubs.find((h) => h.name === s.hub) as HubPlan;
    // A hub stack needs its hubs' regions and, for same-account spokes, their regions (accepter,
    // routes); a spoke's Route 53 and EC2 calls run in the spoke's region.
    const used = [...ownHubs.map((h) => h.region), ...ownSpokes.map((s) => s.region)];
    const regions = new Set(used.length > 0 ? used : everyRegion);
    const dependsOn = new Set(ownSpokes.map((s) => hubOf(s).account.key).filter((k) => k !== key));
    // Without organization sharing, each spoke account accepts the RAM invitation once per hub.
    const accepts = new Set(ownSpokes.filter((s) => s.crossAccount && hubOf(s).profile?.shareWith === 'accounts').map((s) => s.hub));
    return {
      name: key,
      account: account(key),
      hubs: ownHubs.map((h) => h.name),
      spokes: ownSpokes.map((s) => s.name),
      regions: [...regions].sort(),
      dependsOn: [...dependsOn].sort(),
      acceptsProfileShareOf: [...accepts].sort(),
    };
  });
  // Deploy order: hub-owning stacks first, each group by name; `cdktf deploy '*'` also follows dependsOn.
  return stacks.sort((a, b) => Number(b.hubs.length > 0) - Number(a.hubs.length > 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
