/**
 * The reachability proof: for every (spoke, service of its hub) the config asks for, follow the
 * synthesized JSON link by link, the way a call travels, and report the first link that is missing.
 * DNS -> spoke route -> peering -> return route -> security group -> AZ spread. Pure: no I/O.
 */
import { resolveService, type ResolvedService } from '../../catalogue/catalogue';
import { missingCompanions } from '../../catalogue/companions';
import type { VpceHubConfig } from '../../config/schema';
import { buildPlan } from '../../planning/build-plan';
import type { HubPlan } from '../../planning/plan';
import { resolveHubService, serviceName } from '../../planning/services';
import type { SynthTree } from '../tree';
import { proofContext, type ProofContext } from './context';
import { checkDns } from './dns';
import { hubEndpoint } from './endpoint';
import { checkFilter } from './filter';
import { checkPath } from './path';
import { onPremisesContexts, proveOnPremisesCell } from './on-premises';
import { checkResilience } from './resilience';
import type { BrokenLink, ProofCell, ReachabilityProof } from './result';

export function proveReachability(tree: SynthTree, config: VpceHubConfig): ReachabilityProof {
  const plan = buildPlan(config);
  const servicesOf = new Map(plan.hubs.map((h) => [h.name, hubServices(config, h)]));
  const cells: ProofCell[] = [];
  for (const spoke of plan.spokes) {
    const hub = plan.hubs.find((h) => h.name === spoke.hub) as HubPlan;
    const ctx = proofContext(tree, plan, hub, spoke);
    for (const [name, service] of servicesOf.get(hub.name) ?? []) {
      const broken = 'link' in ctx ? ctx : proveCell(ctx, name, service);
      cells.push({ spoke: spoke.name, hub: hub.name, service: name, reachable: broken === undefined, ...(broken ? { broken } : {}) });
    }
  }
  // On-premises clients of transit-gateway hubs: one row per range (issue 10).
  const onPremRows: Array<{ name: string; hub: string }> = [];
  for (const hub of plan.hubs.filter((h) => h.onPremises)) {
    for (const { row, ctx } of onPremisesContexts(tree, plan, hub)) {
      onPremRows.push({ name: row, hub: hub.name });
      for (const [name, service] of servicesOf.get(hub.name) ?? []) {
        const broken = 'link' in ctx ? ctx : proveOnPremisesCell(ctx, name, service);
        cells.push({ spoke: row, hub: hub.name, service: name, reachable: broken === undefined, ...(broken ? { broken } : {}) });
      }
    }
  }
  const reachable = cells.filter((c) => c.reachable).length;
  return {
    ok: reachable === cells.length,
    summary: { cells: cells.length, reachable, broken: cells.length - reachable },
    spokes: [...plan.spokes.map((s) => ({ name: s.name, hub: s.hub })), ...onPremRows],
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

function proveCell(ctx: ProofContext, name: string, service: ResolvedService | undefined): BrokenLink | undefined {
  if (!service) return { link: 'endpoint', message: `service ${name} is not offered in ${ctx.hub.region} (catalogue)` };
  const endpoint = hubEndpoint(ctx, service.serviceName);
  if ('link' in endpoint) return endpoint;
  return checkDns(ctx, endpoint, service) ?? checkPath(ctx, endpoint) ?? checkFilter(ctx, endpoint) ?? checkResilience(endpoint) ?? checkCompanions(ctx, name);
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
