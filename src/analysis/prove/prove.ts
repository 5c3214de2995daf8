/**
 * The reachability proof: for every (spoke, service of its hub) the config asks for, follow the
 * synthesized JSON link by link, the way a call travels, and report the first link that is missing.
 * DNS -> spoke route -> peering -> return route -> security group -> AZ spread. Pure: no I/O.
 */
import { resolveService, type ResolvedService } from '../../catalogue/catalogue';
import { missingCompanions } from '../../catalogue/companions';
import type { VpceHubConfig } from '../../config/schema';
import { buildPlan } from '../../planning/build-plan';
import type { HubPlan, SpokePlan } from '../../planning/plan';
import { resolveHubService, serviceName } from '../../planning/services';
import type { SynthTree } from '../tree';
import { proofContext, type ProofContext } from './context';
import { clientRow } from './client-row';
import { checkDns } from './dns';
import { hubEndpoint } from './endpoint';
import { checkFilter } from './filter';
import { checkIpv6, needsIpv6 } from './ipv6';
import { checkPath } from './path';
import { onPremisesContexts, proveOnPremisesCell } from './on-premises';
import { checkResilience } from './resilience';
import { clientRangeRow, hubVpcRow, type BrokenLink, type ClientKind, type ProofCell, type ReachabilityProof } from './result';

export function proveReachability(tree: SynthTree, config: VpceHubConfig): ReachabilityProof {
  const plan = buildPlan(config);
  const servicesOf = new Map(plan.hubs.map((h) => [h.name, hubServices(config, h)]));
  const cells: ProofCell[] = [];
  const rows: ReachabilityProof['spokes'] = [];
  const prove = (hub: HubPlan, spoke: SpokePlan, client?: ClientKind) => {
    rows.push({ name: spoke.name, hub: hub.name, ...(client ? { kind: client } : {}) });
    const found = proofContext(tree, plan, hub, spoke);
    const ctx = 'link' in found || client === undefined ? found : { ...found, client };
    for (const [name, service] of servicesOf.get(hub.name) ?? []) {
      const broken = 'link' in ctx ? ctx : proveCell(ctx, name, service);
      const ipv6 = !('link' in ctx) && needsIpv6(ctx, name);
      cells.push({ spoke: spoke.name, hub: hub.name, service: name, reachable: broken === undefined, ...(ipv6 ? { ipv6: true as const } : {}), ...(broken ? { broken } : {}) });
    }
  };
  for (const spoke of plan.spokes) prove(plan.hubs.find((h) => h.name === spoke.hub) as HubPlan, spoke);
  // The hub VPC's own workloads resolve the services to the endpoints too, and the extra client
  // ranges call them through the hub's routing: each is a row of its own.
  for (const hub of plan.hubs) {
    // The hub VPC (its CIDRs; the endpoints' own VPC) and each client range (no VPC of ours at all).
    const vpcId = hub.existingVpcId ?? `the VPC of hub ${hub.name}`;
    prove(hub, clientRow(hub, hubVpcRow(hub.name), [hub.cidr, ...hub.secondaryCidrs], vpcId), 'hub-vpc');
    for (const cidr of hub.clientCidrs) prove(hub, clientRow(hub, clientRangeRow(hub.name, cidr), [cidr], vpcId), 'client-range');
  }
  // On-premises clients of transit-gateway hubs: one row per range (issue 10), proven through the
  // inbound resolver and the transit gateway, which these stacks do hold.
  for (const hub of plan.hubs.filter((h) => h.onPremises)) {
    for (const { row, ctx } of onPremisesContexts(tree, plan, hub)) {
      rows.push({ name: row, hub: hub.name, kind: 'on-premises' });
      for (const [name, service] of servicesOf.get(hub.name) ?? []) {
        const broken = 'link' in ctx ? ctx : (proveOnPremisesCell(ctx, name, service) ?? checkCompanions(ctx, name));
        cells.push({ spoke: row, hub: hub.name, service: name, reachable: broken === undefined, ...(broken ? { broken } : {}) });
      }
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
function hubServices(config: VpceHubConfig, hub: HubPlan): Map<string, ResolvedService | undefined> {
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
function proveCell(ctx: ProofContext, name: string, service: ResolvedService | undefined): BrokenLink | undefined {
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
function checkCompanions(ctx: ProofContext, name: string): BrokenLink | undefined {
  for (const c of missingCompanions(name, [])) {
    const companion = resolveService(c.service, ctx.hub.region);
    const endpoint = companion ? hubEndpoint(ctx, companion.serviceName) : undefined;
    if (!endpoint || 'link' in endpoint) return { link: 'companion', message: `${name} also needs ${c.service} in hub ${ctx.hub.name}, which has no ${c.service} endpoint: ${c.why}` };
  }
  return undefined;
}
