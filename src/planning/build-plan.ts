/** Config -> network plan. Pure: no cdktf, no I/O. Assumes a config that passed validation. */
import { renameSteps } from './renames';
import { hasGatewayEndpoint } from '../catalogue/gateway-services';
import type { ResolvedService } from '../catalogue/catalogue';
import { AZ_ID_PATTERN, hubOfSpoke, spokeRegion } from '../config/resolve';
import type { HubConfig, VpceHubConfig } from '../config/schema';
import { cidrOf, defaultSubnetPrefix, nthSubnet } from './cidr';
import { endpointPolicyDocument } from './endpoint-policy';
import { spreadIngressRules } from './endpoint-security-groups';
import { dotted } from './naming';
import { effectiveQuotas } from './quotas';
import type { AccountPlan, BackendPlan, EndpointPlan, HubAccessPlan, HubPlan, NetworkPlan, SpokePlan, StackPlan, TransitGatewayPlan, ZonePlan } from './plan';
import { planRamJoins, planRamShare } from './ram-sharing';
import { stackNames } from './naming';
import { ownTags } from './tags';
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
        awsName: s.formerNames[0] ?? s.name,
        ...(s.adopt?.peeringConnectionId ? { adoptPeeringConnectionId: s.adopt.peeringConnectionId } : {}),
        ...(s.adopt?.transitGatewayAttachmentId ? { adoptTransitGatewayAttachmentId: s.adopt.transitGatewayAttachmentId } : {}),
        account: account(s.account),
        region,
        hub: hub.name,
        vpcId: s.vpc.id,
        cidrs: [s.vpc.cidr, ...s.vpc.secondaryCidrs],
        // A spoke without ipv6Cidrs stays IPv4-only in a dual-stack hub; an IPv4 hub ignores them (warned).
        ...(hub.ipAddressType === 'dualstack' && (s.vpc.ipv6Cidrs ?? []).length > 0 ? { ipv6Cidrs: [...(s.vpc.ipv6Cidrs ?? [])] } : {}),
        routeTableIds: [...s.vpc.routeTableIds],
        crossAccount,
        crossRegion,
        autoAccept: !crossAccount && !crossRegion,
        attachmentSubnets: (s.vpc.attachmentSubnetIds ?? []).map((a) => (typeof a === 'string' ? { id: a } : { id: a.id, availabilityZone: a.availabilityZone })),
        tags: ownTags(config.tags, hub.tags, s.tags),
      };
    })
    .sort(byName);

  const hubs = config.hubs.map((h) => planHub(h, config, account(h.account), spokes)).sort(byName);
  return {
    project: config.project,
    tags: { ...config.tags },
    ...(config.organizationId ? { organizationId: config.organizationId } : {}),
    ...(config.organizationArn ? { organizationArn: config.organizationArn } : {}),
    backend: planBackend(config),
    hubs,
    spokes,
    stacks: planStacks(config, hubs, spokes, account),
    ...(hasRenames(config) ? { renames: renameSteps(config, buildPlan) } : {}),
  };
}

const hasRenames = (config: VpceHubConfig): boolean => [...config.hubs, ...config.spokes].some((x) => x.formerNames.length > 0);

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
      // AWS refuses a dual-stack endpoint for a service that does not accept IPv6: that one stays IPv4 (validate warns).
      ...(dualStack(h, svc) ? { dualStack: true as const } : {}),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  // Both zone modes create the same zones; they differ only in how spoke VPCs get associated.
  const zones = h.dns === 'endpoint-url' ? [] : services.flatMap((svc) => zonesOf(svc, dualStack(h, svc))).sort((a, b) => (a.key < b.key ? -1 : 1));
  const ownSpokes = spokes.filter((s) => s.hub === h.name);
  const vpc = h.vpc;
  const secondaryCidrs = vpc.id !== undefined ? [...(vpc.secondaryCidrs ?? [])] : [];
  const clientCidrs = [...(h.clientCidrs ?? [])];
  const dual = h.ipAddressType === 'dualstack';
  const securityGroups = spreadIngressRules({
    rules: ownSpokes.flatMap((s) => [...s.cidrs, ...(s.ipv6Cidrs ?? [])].map((cidr) => ({ from: 'spoke' as const, spoke: s.name, cidr }))),
    // Every hub VPC resolves the service names to its endpoints: in the zone modes the zones are
    // created with the hub VPC inline, in endpoint-url mode the endpoints' private DNS answers there.
    // So its own workloads are clients in every mode, and so are the configured extra ranges.
    // On-premises ranges (issue 10) are client ranges of the hub too: HTTPS in group 1, in the hub stack.
    fixed: [
      ...[vpc.cidr, ...secondaryCidrs].map((cidr) => ({ from: 'hub-vpc' as const, cidr })),
      ...[...clientCidrs, ...(h.onPremises?.cidrs ?? [])].map((cidr) => ({ from: 'client-range' as const, cidr })),
      // The hub VPC's own IPv6 workloads, like its IPv4 ones (after them: group 1's IPv4 rules keep their order).
      ...(dual ? [{ from: 'hub-vpc-ipv6' as const, ...(vpc.id !== undefined && vpc.ipv6Cidr !== undefined ? { cidr: vpc.ipv6Cidr } : {}) }] : []),
    ],
    rulesPerGroup: effectiveQuotas(config.quotas).inboundRulesPerSecurityGroup,
    pinned: h.endpointSecurityGroups,
  });

  const base = {
    name: h.name,
    awsName: h.formerNames[0] ?? h.name,
    ...(h.adopt
      ? {
          adopt: {
            ...(h.adopt.securityGroupId ? { securityGroupId: h.adopt.securityGroupId } : {}),
            endpoints: { ...h.adopt.endpoints },
            zones: { ...h.adopt.zones },
            ...(h.adopt.transitGatewayAttachmentId ? { transitGatewayAttachmentId: h.adopt.transitGatewayAttachmentId } : {}),
          },
        }
      : {}),
    account,
    region: h.region,
    dns: h.dns,
    cidr: vpc.cidr,
    secondaryCidrs,
    clientCidrs,
    ...(dual ? { ipv6: vpc.id !== undefined && vpc.ipv6Cidr !== undefined ? { cidr: vpc.ipv6Cidr } : {} } : {}),
    endpoints,
    securityGroups,
    zones,
    // The share depends on the config's sharing model only, never on which spokes exist (issue 9).
    zoneAssociations: h.dns === 'private-hosted-zones' || (h.dns === 'route53-profile' && h.keepZoneAssociations),
    ...(h.dns === 'route53-profile' ? { profile: (() => { const share = planRamShare(config); return share ? { share } : {}; })() } : {}),
    connectivity: h.connectivity,
    ...(h.connectivity === 'transit-gateway' ? { transitGateway: planTransitGateway(h, config, account) } : {}),
    ...(h.connectivity === 'transit-gateway' && h.peeringMigration !== undefined ? { peeringMigration: h.peeringMigration } : {}),
    ...(h.onPremises
      ? {
          onPremises: {
            cidrs: [...h.onPremises.cidrs],
            inboundResolver: h.onPremises.inboundResolver,
            resolverSecurityGroup: h.onPremises.resolverSecurityGroup,
            ...(h.onPremises.queriesPerSecond !== undefined ? { queriesPerSecond: h.onPremises.queriesPerSecond } : {}),
            // The names the hub VPC answers for the services: its zones, or (endpoint-url) the endpoints' private DNS names.
            forwardedZones: [...new Set(services.flatMap((svc) => zonesOf(svc, false)).map((z) => z.zoneName))].sort(),
          },
        }
      : {}),
    spokes: ownSpokes.map((s) => s.name),
    tags: ownTags(config.tags, h.tags),
  };
  if (vpc.id !== undefined) {
    return {
      ...base,
      existingVpcId: vpc.id,
      subnets: (vpc.subnets ?? []).map((s) => ({ az: s.availabilityZone, azIsId: AZ_ID_PATTERN.test(s.availabilityZone), id: s.id, ...(dual && s.ipv6Cidr !== undefined ? { ipv6Cidr: s.ipv6Cidr } : {}) })),
      routeTables: (vpc.routeTableIds ?? []).map((id) => ({ key: id, id })),
    };
  }
  const parent = cidrOf(vpc.cidr);
  const prefix = vpc.subnetPrefixLength ?? defaultSubnetPrefix(parent);
  const flow = vpc.flowLogs ?? { enabled: true, retentionDays: 365 };
  return {
    ...base,
    subnets: (vpc.availabilityZones ?? []).map((az, i) => ({ az, azIsId: AZ_ID_PATTERN.test(az), cidr: nthSubnet(parent, prefix, i).text, ...(dual ? { ipv6Index: i } : {}) })),
    routeTables: [{ key: 'endpoints' }],
    ...(flow.enabled ? { flowLogs: { retentionDays: flow.retentionDays, ...(flow.destinationArn ? { destinationArn: flow.destinationArn } : {}) } } : {}),
  };
}

/** The role other stacks assume in an account for the halves they create there (hubSideRoleArn, else roleArn). */
function accessAccount(config: VpceHubConfig, key: string, id: string): AccountPlan {
  const a = config.accounts[key];
  const roleArn = a?.hubSideRoleArn ?? a?.roleArn;
  return { key, id, ...(roleArn ? { roleArn } : {}) };
}

function planTransitGateway(h: HubConfig, config: VpceHubConfig, hubAccount: AccountPlan): TransitGatewayPlan {
  const tgw = h.transitGateway;
  if (!tgw) throw new Error(`hub ${h.name} has connectivity transit-gateway without transitGateway (validation should have caught this)`);
  const ownerKey = tgw.account ?? hubAccount.key;
  const owner = config.accounts[ownerKey];
  if (!owner) throw new Error(`unknown account ${ownerKey} (validation should have caught this)`);
  // Like the profile's share, it depends on the sharing model only, never on which spokes exist (issue 9).
  const share = tgw.id === undefined ? planRamShare(config) : undefined;
  return {
    ...(tgw.id !== undefined ? { existingId: tgw.id } : {}),
    owner: accessAccount(config, ownerKey, owner.id),
    ...(tgw.routeTables ? { routeTables: { ...tgw.routeTables } } : {}),
    autoAcceptSharedAttachments: tgw.autoAcceptSharedAttachments,
    ...(tgw.defaultRouteTableIds !== undefined ? { defaultRouteTableIds: [...new Set(tgw.defaultRouteTableIds)].sort() } : {}),
    ...(share ? { share } : {}),
    ...(tgw.id === undefined && tgw.amazonSideAsn !== undefined ? { amazonSideAsn: tgw.amazonSideAsn } : {}),
    ...(tgw.hubAttachmentSubnets
      ? { hubAttachmentSubnets: tgw.hubAttachmentSubnets.map((e) => ({ az: e.availabilityZone, azIsId: AZ_ID_PATTERN.test(e.availabilityZone), ...(e.id !== undefined ? { id: e.id } : { cidr: e.cidr }) })) }
      : {}),
  };
}

function zonesOf(svc: ResolvedService, aaaa: boolean): ZonePlan[] {
  return svc.zones.map((z) => ({ key: dotted(z.zoneName), zoneName: z.zoneName, wildcard: z.wildcard, service: svc.name, ...(aaaa ? { aaaa: true as const } : {}) }));
}

/** A dual-stack hub's endpoint for a service whose endpoint service accepts IPv6 (catalogue or config). */
const dualStack = (h: HubConfig, svc: ResolvedService): boolean => h.ipAddressType === 'dualstack' && svc.ipAddressTypes.includes('ipv6');

function planBackend(config: VpceHubConfig): BackendPlan {
  const b = config.backend;
  if (b.s3) return { kind: 's3', bucket: b.s3.bucket, region: b.s3.region, keyPrefix: b.s3.keyPrefix, ...(b.s3.roleArn ? { roleArn: b.s3.roleArn } : {}) };
  if (b.cloud) return { kind: 'cloud', ...b.cloud };
  return { kind: 'local', dir: b.local?.dir ?? '.terraform-state' };
}

/**
 * Hub stacks (one per account holding hubs) and spokes stacks (one per account under `accounts`, named
 * `<account>-spokes` beside a hub stack), so the first or last spoke of an account never makes a stack
 * appear or disappear. Pairs never live in a hub stack.
 */
function planStacks(config: VpceHubConfig, hubs: HubPlan[], spokes: SpokePlan[], account: (key: string) => AccountPlan): StackPlan[] {
  const hubAccounts = [...new Set(hubs.map((h) => h.account.key))].sort();
  const hubOf = (s: SpokePlan) => hubs.find((h) => h.name === s.hub) as HubPlan;
  const hubStacks = hubAccounts.map((key): StackPlan => {
    const ownHubs = hubs.filter((h) => h.account.key === key);
    // The owner's halves of the hub's own attachment (acceptance, association, propagation, route tables)
    // act in the transit gateway owner's account when that is another one.
    const access = new Map<string, HubAccessPlan>();
    for (const h of ownHubs) {
      const owner = h.transitGateway?.owner;
      if (owner && owner.key !== key) access.set(`${owner.key}\u0000${h.region}`, { account: owner, region: h.region });
    }
    return {
      name: stackNames.hub(key),
      kind: 'hub',
      account: account(key),
      hubs: ownHubs.map((h) => h.name),
      spokes: [],
      regions: [...new Set(ownHubs.map((h) => h.region))].sort(),
      hubAccess: sortedAccess(access),
      dependsOn: [],
      ramJoins: [],
    };
  });
  // Every account keeps a spokes stack, empty or not: removing an account's last spoke must leave a stack
  // whose next apply destroys what the spoke held, never an orphaned state (issue 8 section 10).
  const spokeAccounts = [...new Set([...hubAccounts, ...Object.keys(config.accounts), ...spokes.map((s) => s.account.key)])].sort();
  const spokeStacks = spokeAccounts.map((key): StackPlan => {
    const ownSpokes = spokes.filter((s) => s.account.key === key);
    const ownHubs = hubs.filter((h) => h.account.key === key);
    // Own-account providers: every hub's region, whether or not a spoke of this account is there now, and
    // the spokes' own regions (a spoke in another region than its hub). As with the hub-side providers
    // below, Terraform needs the provider a resource was created with to destroy it: removing an account's
    // last spoke must leave the provider its spoke halves were made with (a plan would otherwise stop at
    // "Provider configuration not present"). Only a cross-region spoke's own region can still go with
    // its last spoke, which `review` blocks (review/gate.ts).
    const regions = new Set([...hubs.map((h) => h.region), ...ownSpokes.map((s) => s.region)]);
    // A provider into every other account's hubs, whether or not a spoke pairs with them now: Terraform
    // needs the provider a resource was created with to destroy it, so removing the last spoke of a hub
    // must not remove the provider (and the stack's text then never depends on which spokes exist).
    // Terraform configures only providers that something in the configuration or state uses.
    const access = new Map<string, HubAccessPlan>();
    for (const hub of hubs.filter((h) => h.account.key !== key)) {
      access.set(`${hub.account.key}\u0000${hub.region}`, { account: accessAccount(config, hub.account.key, hub.account.id), region: hub.region });
    }
    // Transit gateway pairs: the owner's halves (acceptance, association, propagation) act in the owner's
    // account; like the hubs', a provider into every other owner, spoke or not.
    for (const hub of hubs) {
      const owner = hub.transitGateway?.owner;
      if (owner && owner.key !== key) access.set(`${owner.key}\u0000${hub.region}`, { account: owner, region: hub.region });
    }
    const own = config.accounts[key];
    const ramJoins = own && config.ramSharing ? planRamJoins(config.ramSharing, own, ownSpokes.filter((x) => x.crossAccount).map(hubOf)) : [];
    return {
      name: stackNames.spokes(key, ownHubs.length > 0),
      kind: 'spokes',
      account: account(key),
      hubs: [],
      spokes: ownSpokes.map((s) => s.name),
      regions: [...regions].sort(),
      hubAccess: sortedAccess(access),
      dependsOn: [...new Set(ownSpokes.map((s) => stackNames.hub(hubOf(s).account.key)))].sort(),
      ramJoins,
    };
  });
  // Deploy order: every hub stack, then every spokes stack, each group by name.
  return [...hubStacks, ...spokeStacks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))];
}

const sortedAccess = (access: Map<string, HubAccessPlan>): HubAccessPlan[] => [...access.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
