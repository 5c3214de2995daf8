/**
 * Quota usage of a network plan: for every AWS quota the deployment touches, how much of it each VPC,
 * security group, route table, zone, profile and account will use (domain.md section 5). Pure, and
 * linear in the number of planned resources. `vpce-hub validate` turns rows over their limit into
 * QuotaExceeded errors and prints the headroom table; the PR review report shows the same table.
 */
import { QUOTA_DEFAULTS, RENAMED_QUOTAS, type QuotaName } from '../config/schema';
import { hubCidrs } from './hub-cidrs';
import { ruleFamily } from './ingress-family';
import { ids } from './naming';
import { keepsPeering } from './peering-migration';
import type { HubPlan, NetworkPlan } from './plan';

/**
 * Route 53 API request rates, token buckets per account (AWS, "Throttling for Amazon Route 53 API
 * requests": https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html):
 * all actions of an account together 10 requests/s sustained (burst 50), and each action its own bucket,
 * AssociateVPCWithHostedZone 5/s (burst 20). A request takes a token from both. They shape how long an
 * apply of many zone authorizations and associations takes (private-hosted-zones mode), not what is valid.
 */
export const ROUTE53_API_RATES = {
  account: { rate: 10, burst: 50 },
  associateVpcWithHostedZone: { rate: 5, burst: 20 },
} as const;

/** AWS's fixed endpoint policy size limit (not adjustable, so not a `quotas:` setting). */
export const ENDPOINT_POLICY_MAX_CHARACTERS = 20480;

export type QuotaRowName = QuotaName | 'endpointPolicyCharacters';
export type Quotas = Record<QuotaName, number>;

export interface QuotaRow {
  quota: QuotaRowName;
  /** What the count is for: `hub main`, `spoke payments-prod`, `security group hub_main_endpoints`,
   * `route table rtb-0a1b...`, `zone sqs.us-east-1.amazonaws.com (hub main)`, `account network`. */
  scope: string;
  used: number;
  limit: number;
  /** The most AWS grants on request, when there is such a ceiling. */
  hardMax?: number;
  remedy: string;
  /** The config place the usage comes from (findings point here). */
  path: string;
}

/** `quotas:` from the config over AWS's defaults; a renamed key counts under its new name unless that is set too. */
export function effectiveQuotas(overrides: Partial<Record<QuotaName | keyof typeof RENAMED_QUOTAS, number | undefined>> = {}): Quotas {
  const out = { ...QUOTA_DEFAULTS } as Quotas;
  for (const [old, now] of Object.entries(RENAMED_QUOTAS) as Array<[keyof typeof RENAMED_QUOTAS, QuotaName]>) {
    const value = overrides[old];
    if (value !== undefined) out[now] = value;
  }
  for (const key of Object.keys(QUOTA_DEFAULTS) as QuotaName[]) {
    const value = overrides[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Hard ceilings AWS documents for the adjustable quotas we count. */
export const QUOTA_HARD_MAX: Partial<Record<QuotaRowName, number>> = {
  peeringConnectionsPerVpc: 125,
  // Rules per group x groups per network interface may not exceed 1,000.
  inboundRulesPerSecurityGroup: 1000,
  securityGroupsPerNetworkInterface: 16,
  routesPerRouteTable: 1000,
  transitGatewayAttachmentsPerVpc: 5,
  attachmentsPerTransitGateway: 5000,
  endpointPolicyCharacters: ENDPOINT_POLICY_MAX_CHARACTERS,
};

/** What each row counts, for the documentation. */
export const QUOTA_COUNTS: Record<QuotaRowName, string> = {
  peeringConnectionsPerVpc: 'peerings per hub VPC (one per spoke) and per spoke VPC (ours only)',
  interfaceEndpointsPerVpc: 'interface endpoints per hub VPC (one per service)',
  inboundRulesPerSecurityGroup: "ingress rules per endpoint security group (one per spoke CIDR, hub VPC CIDR and client range); IPv4 and IPv6 rules are counted apart, as AWS does",
  securityGroupsPerNetworkInterface: "endpoint security groups on each endpoint's network interfaces",
  routesPerRouteTable: 'routes we add per route table: one per spoke CIDR in the hub tables, one per hub CIDR (primary and secondary) in each spoke table; IPv6 routes (dual-stack hubs) are counted apart, as AWS does',
  vpcsPerHostedZone: 'VPCs per private hosted zone: the hub VPC and every spoke (private-hosted-zones mode)',
  associationAuthorizationsPerZone: 'cross-account association authorizations per zone (private-hosted-zones mode)',
  hostedZonesPerAccount: 'private hosted zones per hub account',
  vpcsPerRoute53Profile: 'spoke VPCs per Route 53 Profile (route53-profile mode)',
  endpointPolicyCharacters: 'characters of the endpoint policy as deployed (fixed limit)',
  attachmentsPerTransitGateway: "attachments per transit gateway: the hub VPC and every spoke (ours only: on an existing gateway the other teams' VPC, DX/VPN and peering attachments count too)",
  routesPerTransitGateway: "routes across all route tables of one transit gateway: every spoke CIDR (IPv6 blocks included) propagated into the hub table, the hub VPC's CIDRs (and IPv6 block) into the spokes table (ours only: on an existing gateway every other team's table and route counts too)",
  transitGatewayAttachmentsPerVpc: 'transit gateway attachments per VPC (ours: one per hub and spoke VPC)',
  transitGatewaysPerAccount: 'transit gateways we create per account and region',
  resolverEndpointsPerRegion: 'Route 53 Resolver endpoints we create per account and region (inbound resolvers for on-premises clients)',
};

export const QUOTA_REMEDY: Record<QuotaRowName, string> = {
  peeringConnectionsPerVpc:
    'request an increase of "Active VPC peering connections per VPC" (up to 125) and set quotas.peeringConnectionsPerVpc; beyond 125, split the spokes over a second hub or use Transit Gateway. A spoke VPC\'s own other peerings count too',
  interfaceEndpointsPerVpc: 'request an increase of "Interface VPC endpoints per VPC" and set quotas.interfaceEndpointsPerVpc, or move some services to a second hub',
  inboundRulesPerSecurityGroup:
    'the synth spreads the rules over several endpoint security groups: raise the hub\'s endpointSecurityGroups if it is set (changing the count moves some rules to another group), or request an increase (rules per group x groups per network interface may not exceed 1,000) and set quotas.inboundRulesPerSecurityGroup',
  securityGroupsPerNetworkInterface:
    'request an increase of "Security groups per network interface" (up to 16) or of inbound rules per group, and set quotas.*; beyond that, split the spokes over a second hub or use Transit Gateway',
  routesPerRouteTable:
    'request an increase of "Routes per route table" (up to 1,000) and set quotas.routesPerRouteTable; the table\'s other routes count too. Beyond 1,000 spoke CIDRs, split the spokes over a second hub or use Transit Gateway',
  vpcsPerHostedZone: 'use dns: route53-profile (each spoke VPC associates once with a profile of up to 1,000 VPCs), or request an increase and set quotas.vpcsPerHostedZone',
  associationAuthorizationsPerZone: 'use dns: route53-profile (no per-zone authorizations), or request an increase and set quotas.associationAuthorizationsPerZone',
  hostedZonesPerAccount: 'request an increase of "Hosted zones" and set quotas.hostedZonesPerAccount, or put a hub in another account',
  vpcsPerRoute53Profile: 'request an increase and set quotas.vpcsPerRoute53Profile, or split the spokes over a second hub (a VPC takes one profile only)',
  endpointPolicyCharacters: 'not adjustable: shorten the policy (account ids instead of many role ARNs, or endpointPolicy: organization)',
  attachmentsPerTransitGateway:
    'not adjustable (5,000 per gateway): split the spokes over a second hub with its own transit gateway. On an existing gateway the other attachments count too: set quotas.attachmentsPerTransitGateway to what is left for vpce-hub',
  routesPerTransitGateway:
    'request an increase of "Total combined routes across all route tables for a single transit gateway" and set quotas.routesPerTransitGateway, summarize spoke ranges (fewer secondary CIDRs), or split the spokes over a second hub. On an existing gateway the other teams\' routes count too: set the quota to what is left for vpce-hub',
  transitGatewayAttachmentsPerVpc: 'not adjustable: detach the VPC from another transit gateway, or use connectivity: peering for this hub',
  transitGatewaysPerAccount: 'request an increase of "Transit gateways per account" and set quotas.transitGatewaysPerAccount, or reuse one with transitGateway.id',
  resolverEndpointsPerRegion: 'request an increase of "Endpoints per AWS Region" (Route 53 Resolver) and set quotas.resolverEndpointsPerRegion, or reuse one inbound endpoint (inboundResolver on one hub per account and region)',
};

/**
 * The inbound resolver's group holds two rules per on-premises range. A customer-managed prefix list does
 * not shrink that: "When you reference a prefix list in a security group rule, the maximum number of
 * entries for the prefix lists counts as the same number of rules" (Amazon VPC quotas, prefix lists;
 * https://docs.aws.amazon.com/vpc/latest/userguide/working-with-managed-prefix-lists.html), so a TCP and a
 * UDP rule referencing a list of 31 ranges still count 62. AWS's untracked form is what fits any estate.
 */
const RESOLVER_RULES_REMEDY =
  "set onPremises.resolverSecurityGroup: untracked (AWS's recommended rules for inbound endpoints: TCP and UDP 53 from anywhere, four rules whatever the number of ranges, no connection tracking), summarize the on-premises ranges, or request an increase of inbound rules per security group and set quotas.inboundRulesPerSecurityGroup. A customer-managed prefix list does not help: a rule that references one counts as many rules as the list's maximum entries";

/** Every quota row of the plan: grouped by quota, each group in plan order (hubs, spokes by name). */
export function quotaUsage(plan: NetworkPlan, overrides: Partial<Record<QuotaName, number | undefined>> = {}): QuotaRow[] {
  const quotas = effectiveQuotas(overrides);
  const rows: QuotaRow[] = [];
  const row = (quota: QuotaRowName, scope: string, used: number, path: string, remedy = QUOTA_REMEDY[quota]) => {
    const limit = quota === 'endpointPolicyCharacters' ? ENDPOINT_POLICY_MAX_CHARACTERS : quotas[quota];
    const hardMax = QUOTA_HARD_MAX[quota];
    rows.push({ quota, scope, used, limit, ...(hardMax !== undefined ? { hardMax } : {}), remedy, path });
  };
  const hubs = new Map(plan.hubs.map((h) => [h.name, h]));
  const hubOf = (name: string) => hubs.get(name) as HubPlan;

  // Peerings per VPC, on both sides. A VPC is identified by region and id (a new hub VPC by its hub),
  // so an existing hub VPC that is also another hub's spoke counts both roles.
  const peerings = new Counter();
  const vpcKey = (region: string, id: string) => `${region}/${id}`;
  const hubVpcKey = (h: HubPlan) => (h.existingVpcId !== undefined ? vpcKey(h.region, h.existingVpcId) : `new/${h.name}`);
  // A transit-gateway hub has no peerings: the 125-peering ceiling does not apply to it, except while a
  // migration from peering keeps them (planning/peering-migration.ts).
  for (const h of plan.hubs.filter(keepsPeering)) peerings.declare(hubVpcKey(h), `hub ${h.name}`, `hubs.${h.name}`);
  for (const s of plan.spokes.filter((x) => keepsPeering(hubOf(x.hub)))) {
    peerings.declare(vpcKey(s.region, s.vpcId), `spoke ${s.name}`, `spokes.${s.name}`);
    peerings.add(hubVpcKey(hubOf(s.hub)));
    peerings.add(vpcKey(s.region, s.vpcId));
  }
  for (const c of peerings.values()) row('peeringConnectionsPerVpc', c.scope, c.used, c.path);

  for (const h of plan.hubs) row('interfaceEndpointsPerVpc', `hub ${h.name}`, h.endpoints.length, `hubs.${h.name}.services`);
  // AWS counts a group's IPv4 and IPv6 rules apart against the same quota (amazon-vpc-limits.html,
  // "Security groups"): a dual-stack hub's groups get an IPv6 row of their own.
  for (const h of plan.hubs) {
    for (const g of h.securityGroups) {
      const ipv6 = g.rules.filter((r) => ruleFamily(r) === 'ipv6').length;
      row('inboundRulesPerSecurityGroup', `security group ${ids.hubSecurityGroup(h.name, g.group)}`, g.rules.length - ipv6, `hubs.${h.name}`);
      if (h.ipv6) row('inboundRulesPerSecurityGroup', `security group ${ids.hubSecurityGroup(h.name, g.group)} (IPv6 rules)`, ipv6, `hubs.${h.name}`);
    }
  }
  for (const h of plan.hubs) row('securityGroupsPerNetworkInterface', `hub ${h.name} endpoints`, h.securityGroups.length, `hubs.${h.name}`);
  // The inbound resolver's own group (issue 16): a TCP and a UDP rule per on-premises range, or AWS's
  // untracked form's two (its egress rules count against the outbound quota, of the same size).
  // https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
  for (const h of plan.hubs.filter((x) => x.onPremises?.inboundResolver)) {
    const onPrem = h.onPremises as NonNullable<HubPlan['onPremises']>;
    row('inboundRulesPerSecurityGroup', `security group ${ids.hubInboundResolver(h.name)}`, onPrem.resolverSecurityGroup === 'untracked' ? 2 : 2 * onPrem.cidrs.length, `hubs.${h.name}.onPremises`, RESOLVER_RULES_REMEDY);
  }

  // Routes we add: in every hub endpoint route table one per spoke CIDR, in every spoke table one per hub
  // CIDR (primary and secondary: endpoint subnets given by id may be in any of them).
  const routes = new Counter();
  const spokeCidrs = new Map<string, number>();
  for (const s of plan.spokes) spokeCidrs.set(s.hub, (spokeCidrs.get(s.hub) ?? 0) + s.cidrs.length);
  for (const h of plan.hubs) {
    for (const t of h.routeTables) {
      const key = t.id ?? `new/${h.name}/${t.key}`;
      routes.declare(key, `route table ${t.id ?? ids.hubRouteTable(h.name)}`, `hubs.${h.name}`);
      // On-premises ranges get a route to the transit gateway in every hub route table too.
      routes.add(key, (spokeCidrs.get(h.name) ?? 0) + (h.onPremises?.cidrs.length ?? 0));
    }
  }
  for (const s of plan.spokes) {
    for (const id of s.routeTableIds) {
      routes.declare(id, `route table ${id}`, `spokes.${s.name}.vpc.routeTableIds`);
      routes.add(id, hubCidrs(hubOf(s.hub)).length);
    }
  }
  for (const c of routes.values()) row('routesPerRouteTable', c.scope, c.used, c.path);
  // IPv6 routes count apart from IPv4 ones against the same quota ("Routes per route table ... enforced
  // separately for IPv4 routes and IPv6 routes", amazon-vpc-limits.html): rows of their own for dual-stack
  // hubs' tables and the tables of their IPv6 spokes.
  const routes6 = new Counter();
  const spokeIpv6 = new Map<string, number>();
  for (const s of plan.spokes) spokeIpv6.set(s.hub, (spokeIpv6.get(s.hub) ?? 0) + (s.ipv6Cidrs?.length ?? 0));
  for (const h of plan.hubs.filter((x) => x.ipv6)) {
    for (const t of h.routeTables) {
      const key = t.id ?? `new/${h.name}/${t.key}`;
      routes6.declare(key, `route table ${t.id ?? ids.hubRouteTable(h.name)} (IPv6 routes)`, `hubs.${h.name}`);
      routes6.add(key, spokeIpv6.get(h.name) ?? 0);
    }
  }
  for (const s of plan.spokes.filter((x) => x.ipv6Cidrs)) {
    for (const id of s.routeTableIds) {
      routes6.declare(id, `route table ${id} (IPv6 routes)`, `spokes.${s.name}.vpc.routeTableIds`);
      routes6.add(id, 1);
    }
  }
  for (const c of routes6.values()) row('routesPerRouteTable', c.scope, c.used, c.path);

  const spokesOf = new Map(plan.hubs.map((h) => [h.name, { all: 0, crossAccount: 0 }]));
  for (const s of plan.spokes) {
    const n = spokesOf.get(s.hub);
    if (n) {
      n.all++;
      if (s.crossAccount) n.crossAccount++;
    }
  }
  // Zones: the hub VPC is inline; each spoke VPC is one more association (and, cross-account, one
  // authorization). In route53-profile mode spokes associate with the profile instead.
  for (const h of plan.hubs.filter((x) => x.zoneAssociations)) {
    for (const z of h.zones) row('vpcsPerHostedZone', `zone ${z.zoneName} (hub ${h.name})`, 1 + (spokesOf.get(h.name)?.all ?? 0), `hubs.${h.name}.dns`);
  }
  for (const h of plan.hubs.filter((x) => x.zoneAssociations)) {
    for (const z of h.zones) row('associationAuthorizationsPerZone', `zone ${z.zoneName} (hub ${h.name})`, spokesOf.get(h.name)?.crossAccount ?? 0, `hubs.${h.name}.dns`);
  }
  const zonesPerAccount = new Map<string, number>();
  for (const h of plan.hubs) zonesPerAccount.set(h.account.key, (zonesPerAccount.get(h.account.key) ?? 0) + h.zones.length);
  for (const [account, n] of [...zonesPerAccount].sort(([a], [b]) => (a < b ? -1 : 1))) row('hostedZonesPerAccount', `account ${account}`, n, `accounts.${account}`);
  for (const h of plan.hubs.filter((x) => x.profile !== undefined)) row('vpcsPerRoute53Profile', `profile of hub ${h.name}`, spokesOf.get(h.name)?.all ?? 0, `hubs.${h.name}`);

  transitGatewayRows(plan, hubOf, row);

  for (const h of plan.hubs) {
    const size = Math.max(0, ...h.endpoints.map((e) => e.policy?.length ?? 0));
    if (size > 0) row('endpointPolicyCharacters', `hub ${h.name}`, size, `hubs.${h.name}.endpointPolicy`);
  }
  return rows;
}

/** Transit gateway and Route 53 Resolver rows (issue 10). */
function transitGatewayRows(plan: NetworkPlan, hubOf: (name: string) => HubPlan, row: (quota: QuotaRowName, scope: string, used: number, path: string) => void): void {
  const tgwHubs = plan.hubs.filter((h) => h.transitGateway !== undefined);
  // Hubs that share one existing transit gateway count against it together.
  const tgwKey = (h: HubPlan) => h.transitGateway?.existingId ?? `new/${h.name}`;
  const attachments = new Counter();
  const tgwRoutes = new Counter();
  for (const h of tgwHubs) {
    const key = tgwKey(h);
    const scope = `transit gateway ${h.transitGateway?.existingId ?? `of hub ${h.name}`}`;
    attachments.declare(key, scope, `hubs.${h.name}.transitGateway`);
    attachments.add(key);
    // Routes count per gateway, across its route tables (Transit Gateway quotas, "Routing"): the hub
    // attachment propagates every CIDR of the hub VPC, secondary ones too, into the spokes table, and its
    // IPv6 block when it has ipv6_support (one quota for both families).
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html (route propagation)
    tgwRoutes.declare(key, scope, `hubs.${h.name}.transitGateway`);
    tgwRoutes.add(key, hubCidrs(h).length + (h.ipv6 ? 1 : 0));
  }
  const perVpc = new Counter();
  for (const h of tgwHubs) {
    perVpc.declare(`hub/${h.name}`, `hub ${h.name}`, `hubs.${h.name}`);
    perVpc.add(`hub/${h.name}`);
  }
  for (const s of plan.spokes) {
    const h = hubOf(s.hub);
    if (!h.transitGateway) continue;
    attachments.add(tgwKey(h));
    // Every spoke CIDR, propagated into the hub table; its IPv6 blocks too when the hub is dual-stack.
    tgwRoutes.add(tgwKey(h), s.cidrs.length + (h.ipv6 ? (s.ipv6Cidrs?.length ?? 0) : 0));
    perVpc.declare(`${s.region}/${s.vpcId}`, `spoke ${s.name}`, `spokes.${s.name}`);
    perVpc.add(`${s.region}/${s.vpcId}`);
  }
  for (const c of attachments.values()) row('attachmentsPerTransitGateway', c.scope, c.used, c.path);
  for (const c of tgwRoutes.values()) row('routesPerTransitGateway', c.scope, c.used, c.path);
  for (const c of perVpc.values()) row('transitGatewayAttachmentsPerVpc', c.scope, c.used, c.path);
  const created = new Counter();
  for (const h of tgwHubs.filter((x) => x.transitGateway?.existingId === undefined)) {
    const key = `${h.account.key}/${h.region}`;
    created.declare(key, `account ${h.account.key} in ${h.region}`, `hubs.${h.name}.transitGateway`);
    created.add(key);
  }
  for (const c of created.values()) row('transitGatewaysPerAccount', c.scope, c.used, c.path);
  const resolvers = new Counter();
  for (const h of plan.hubs.filter((x) => x.onPremises?.inboundResolver)) {
    const key = `${h.account.key}/${h.region}`;
    resolvers.declare(key, `account ${h.account.key} in ${h.region}`, `hubs.${h.name}.onPremises.inboundResolver`);
    resolvers.add(key);
  }
  for (const c of resolvers.values()) row('resolverEndpointsPerRegion', c.scope, c.used, c.path);
}

export const isExceeded = (r: QuotaRow): boolean => r.used > r.limit;

/** Usage per scope, in first-declared order. */
class Counter {
  private readonly entries = new Map<string, { scope: string; path: string; used: number }>();
  declare(key: string, scope: string, path: string): void {
    if (!this.entries.has(key)) this.entries.set(key, { scope, path, used: 0 });
  }
  add(key: string, n = 1): void {
    const e = this.entries.get(key);
    if (e) e.used += n;
  }
  values(): Array<{ scope: string; path: string; used: number }> {
    return [...this.entries.values()];
  }
}

// ---- the headroom table ----

/** Share of the limit at which a row is flagged before it is exceeded. */
const NEAR = 0.8;

export interface HeadroomTableOptions {
  /** Rows shown per quota before the rest (all below NEAR) are summarized in one line; default 3. */
  maxRowsPerQuota?: number;
}

/**
 * `used / limit`, percentage and a marker (`ok`, `near` from 80 %, `OVER`) for every row, the fullest
 * first within each quota. Rows that are near or over are always shown; the rest beyond
 * `maxRowsPerQuota` collapse into a `+N more` line, so 100 spokes do not print 100 `1 / 50` lines.
 */
export function formatHeadroomTable(rows: QuotaRow[], format: 'text' | 'markdown', options: HeadroomTableOptions = {}): string {
  const max = options.maxRowsPerQuota ?? 3;
  const ratio = (r: QuotaRow) => r.used / r.limit;
  const status = (r: QuotaRow) => (r.used > r.limit ? 'OVER' : ratio(r) >= NEAR ? 'near' : 'ok');
  const pct = (r: QuotaRow) => `${Math.round(ratio(r) * 100)}%`;
  const limitText = (r: QuotaRow) => `${r.limit}${r.hardMax !== undefined && r.hardMax !== r.limit ? ` (max ${r.hardMax})` : ''}`;

  const byQuota = new Map<QuotaRowName, QuotaRow[]>();
  for (const r of rows) {
    const list = byQuota.get(r.quota) ?? [];
    list.push(r);
    byQuota.set(r.quota, list);
  }
  const lines: string[][] = [];
  for (const [quota, list] of byQuota) {
    const sorted = [...list].sort((a, b) => ratio(b) - ratio(a));
    const shown = sorted.filter((r, i) => i < max || status(r) !== 'ok');
    const rest = sorted.slice(shown.length);
    for (const r of shown) lines.push([quota, r.scope, `${r.used} / ${limitText(r)}`, pct(r), status(r)]);
    if (rest.length > 0) {
      const top = rest[0];
      lines.push([quota, `+${rest.length} more`, `<= ${top.used} / ${limitText(top)}`, `<= ${pct(top)}`, 'ok']);
    }
  }
  const header = ['quota', 'scope', 'used / limit', 'use', 'status'];
  if (format === 'markdown') {
    const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [md(header), md(['---', '---', '---:', '---:', '---']), ...lines.map(md)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const rightAligned = new Set([2, 3]);
  const text = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [text(header), ...lines.map(text)].join('\n');
}
