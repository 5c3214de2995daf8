/**
 * The reachability proof: for every (spoke, service of its hub) the config asks for, follow the
 * synthesized JSON link by link, the way a call travels, and report the first link that is missing.
 * DNS -> spoke route -> peering -> return route -> security group -> AZ spread. Pure: no I/O.
 */
import { resolveService, type ResolvedService } from '../../catalogue/catalogue';
import { missingCompanions } from '../../catalogue/companions';
import type { VpceHubConfig } from '../../config/schema';
import { buildPlan } from '../../planning/build-plan';
import type { HubPlan, NetworkPlan, SpokePlan } from '../../planning/plan';
import { resolveHubService, serviceName } from '../../planning/services';
import type { SynthTree } from '../tree';
import { proofContext, type ProofContext } from './context';
import { clientRow } from './client-row';
import { checkDns } from './dns';
import { hubEndpoint } from './endpoint';
import { checkFilter } from './filter';
import { checkIpv6, needsIpv6 } from './ipv6';
import { checkPath } from './path';
import { proveOnPremisesCell } from './on-premises';
import { checkResilience } from './resilience';
import { clientRangeRow, hubVpcRow, onPremisesRow, type BrokenLink, type ClientKind, type ProofCell, type ReachabilityProof } from './result';

/** One row of the matrix: a spoke, or a client of a hub that is not one (its kind says which). */
export interface ProofRow {
  name: string;
  hub: HubPlan;
  /** The spoke, or a spoke-shaped record of the client (client-row.ts). */
  spoke: SpokePlan;
  client?: ClientKind;
}

/**
 * The rows the config asks the proof for, in matrix order: the spokes; per hub its own VPC and each
 * client range (the hub VPC's own workloads and the extra ranges call the endpoints too); then the
 * on-premises ranges of transit-gateway hubs (issue 10).
 */
export function proofRows(plan: NetworkPlan): ProofRow[] {
  const rows: ProofRow[] = plan.spokes.map((spoke) => ({ name: spoke.name, hub: plan.hubs.find((h) => h.name === spoke.hub) as HubPlan, spoke }));
  for (const hub of plan.hubs) {
    // The hub VPC (its CIDRs; the endpoints' own VPC) and each client range (no VPC of ours at all).
    const vpcId = hub.existingVpcId ?? `the VPC of hub ${hub.name}`;
    rows.push({ name: hubVpcRow(hub.name), hub, spoke: clientRow(hub, hubVpcRow(hub.name), [hub.cidr, ...hub.secondaryCidrs], vpcId), client: 'hub-vpc' });
    for (const cidr of hub.clientCidrs) rows.push({ name: clientRangeRow(hub.name, cidr), hub, spoke: clientRow(hub, clientRangeRow(hub.name, cidr), [cidr], vpcId), client: 'client-range' });
  }
  for (const hub of plan.hubs.filter((h) => h.onPremises)) {
    for (const cidr of hub.onPremises?.cidrs ?? []) rows.push({ name: onPremisesRow(hub.name, cidr), hub, spoke: clientRow(hub, onPremisesRow(hub.name, cidr), [cidr], 'on-premises'), client: 'on-premises' });
  }
  return rows;
}

/** The proof context of a row in a tree, or the broken link that makes each of its cells unreachable. */
export function rowContext(tree: SynthTree, plan: NetworkPlan, row: ProofRow): ProofContext | BrokenLink {
  const found = proofContext(tree, plan, row.hub, row.spoke);
  return 'link' in found || row.client === undefined ? found : { ...found, client: row.client };
}

/** One cell of a row whose context is known: the first broken link, or undefined when reachable. */
export function proveRowCell(ctx: ProofContext, name: string, service: ResolvedService | undefined): BrokenLink | undefined {
  return ctx.client === 'on-premises' ? (proveOnPremisesCell(ctx, name, service) ?? checkCompanions(ctx, name)) : proveCell(ctx, name, service);
}

export function proveReachability(tree: SynthTree, config: VpceHubConfig): ReachabilityProof {
  const plan = buildPlan(config);
  const servicesOf = new Map(plan.hubs.map((h) => [h.name, hubServices(config, h)]));
  const cells: ProofCell[] = [];
  const rows: ReachabilityProof['spokes'] = [];
  for (const row of proofRows(plan)) {
    rows.push({ name: row.name, hub: row.hub.name, ...(row.client ? { kind: row.client } : {}) });
    const ctx = rowContext(tree, plan, row);
    for (const [name, service] of servicesOf.get(row.hub.name) ?? []) {
      const broken = 'link' in ctx ? ctx : proveRowCell(ctx, name, service);
      const ipv6 = !('link' in ctx) && needsIpv6(ctx, name);
      cells.push({ spoke: row.name, hub: row.hub.name, service: name, reachable: broken === undefined, ...(ipv6 ? { ipv6: true as const } : {}), ...(broken ? { broken } : {}) });
    }
  }
  const reachable = cells.filter((c) => c.reachable).length;
  return {
    ok: reachable === cells.length,
    summary: { cells: cells.length, reachable, broken: cells.length - reachable },
    spokes: rows,
    services: [...new Set([...servicesOf.values()].flatMap((m) => [...m.keys()]))].sort(),
    cells,
  };
}

/** Service name -> catalogue record (or the config's escape-hatch record), sorted by name. */
export function hubServices(config: VpceHubConfig, hub: HubPlan): Map<string, ResolvedService | undefined> {
  const entries = config.hubs.find((h) => h.name === hub.name)?.services ?? [];
  const pairs = entries.map((e): [string, ResolvedService | undefined] => [serviceName(e), resolveHubService(e, hub.region)]);
  return new Map(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Spokes: every link. The hub VPC: DNS (the zones carry it inline; endpoint-url mode publishes the
 * names), the security groups and the AZs; its traffic stays in the VPC (local route). A client range:
 * the security groups and the AZs only; its DNS (a Route 53 Resolver inbound endpoint in the hub VPC)
 * and its routes (VPN, Direct Connect, Transit Gateway) are outside these stacks.
 */
export function proveCell(ctx: ProofContext, name: string, service: ResolvedService | undefined): BrokenLink | undefined {
  if (!service) return { link: 'endpoint', message: `service ${name} is not offered in ${ctx.hub.region} (catalogue)` };
  const endpoint = hubEndpoint(ctx, service.serviceName);
  if ('link' in endpoint) return endpoint;
  const dns = ctx.client === 'client-range' ? undefined : checkDns(ctx, endpoint, service);
  const path = ctx.client === undefined ? checkPath(ctx, endpoint) : undefined;
  const ipv4 = dns ?? path ?? checkFilter(ctx, endpoint) ?? checkResilience(endpoint) ?? checkCompanions(ctx, name);
  // A dual-stack endpoint and a client with IPv6: the IPv6 path too (issue 20).
  if (ipv4 || !needsIpv6(ctx, name)) return ipv4;
  const ipv6 = checkIpv6(ctx, endpoint, service);
  return ipv6 ? { ...ipv6, message: `IPv6: ${ipv6.message}` } : undefined;
}

/**
 * A service whose clients also need another service (ecr.dkr pulls layers from S3): the cell is only
 * reachable if the hub has an endpoint for each companion in the synthesized JSON
 * (src/catalogue/companions.json).
 */
export function checkCompanions(ctx: ProofContext, name: string): BrokenLink | undefined {
  for (const c of missingCompanions(name, [])) {
    const companion = resolveService(c.service, ctx.hub.region);
    const endpoint = companion ? hubEndpoint(ctx, companion.serviceName) : undefined;
    if (!endpoint || 'link' in endpoint) return { link: 'companion', message: `${name} also needs ${c.service} in hub ${ctx.hub.name}, which has no ${c.service} endpoint: ${c.why}` };
  }
  return undefined;
}
