/**
 * The packet path: every route table the config lists for the spoke sends the endpoint subnets'
 * ranges to a peering that joins this spoke and hub and is accepted, and the route table(s) of the
 * endpoint subnets send every spoke CIDR back over that same peering.
 */
import { cidrOf, overlaps } from '../../planning/cidr';
import { identityOf, type Resolution } from '../tree';
import { field, type ProofContext } from './context';
import type { HubEndpoint } from './endpoint';
import { checkPeering } from './peering';
import { checkTransitGateway, hubGateway } from './transit-gateway';
import { routesOverGateway } from '../../planning/peering-migration';
import type { BrokenLink } from './result';
import { routeFor, routesOf, tableLabel, type RouteEntry } from './route-table';
import { describe, literal, resourcesIn, sameValue, targetOf } from './values';

export function checkPath(ctx: ProofContext, endpoint: HubEndpoint): BrokenLink | undefined {
  // An existing subnet's CIDR is not in the JSON: it may be in any of the hub VPC's CIDRs, primary or
  // secondary, so each of them must be routed.
  const hubCidrs = [ctx.hub.cidr, ...ctx.hub.secondaryCidrs];
  const destinations = unique(endpoint.subnets.flatMap((s) => (s.cidr !== undefined ? [s.cidr] : hubCidrs)));
  let peering: Resolution | undefined;
  for (const id of ctx.spoke.routeTableIds) {
    const table = literal(ctx.spokeStack, id);
    const routes = routesOf(ctx.tree, ctx.spokeStack, table);
    for (const destination of destinations) {
      const route = routeFor(routes, destination);
      if (!route) return { link: 'route', message: `${tableLabel(table)} ${missingRoute(routes, destination, hubCidrs)}` };
      if (routesOverGateway(ctx.hub)) {
        if (!route.transitGateway) return { link: 'route', message: `${tableLabel(table)} sends ${destination} to ${route.target} (${route.label}), not to hub ${ctx.hub.name}'s transit gateway` };
        const bad = checkTransitGateway(ctx, route.transitGateway, route.label);
        if (bad) return bad;
        peering ??= route.transitGateway;
        continue;
      }
      if (!route.peering) return { link: 'route', message: `${tableLabel(table)} sends ${destination} to ${route.target} (${route.label}), not to a peering with hub ${ctx.hub.name}` };
      const bad = checkPeering(ctx, route.peering, route.label);
      if (bad) return bad;
      peering ??= route.peering;
    }
  }
  if (!peering) return { link: 'route', message: `spoke ${ctx.spoke.name} lists no route tables` };
  return checkReturnPath(ctx, endpoint, peering, routesOverGateway(ctx.hub)) ?? preparedGateway(ctx);
}

/**
 * Step 1 of a migration from peering (planning/peering-migration.ts): traffic still takes the peering,
 * and the transit gateway path that step 2 moves the routes to must be complete already (attached,
 * accepted, associated, propagated, segmented), so that step 2 never routes into a gateway that drops.
 */
function preparedGateway(ctx: ProofContext): BrokenLink | undefined {
  if (ctx.hub.peeringMigration !== 'attach') return undefined;
  const hub = hubGateway(ctx);
  if ('link' in hub) return { ...hub, message: `${hub.message} (the transit gateway path step 2 of the migration moves the routes to)` };
  const bad = checkTransitGateway(ctx, hub.transitGateway, `the transit gateway path prepared for step 2 of the migration`);
  return bad ? { ...bad, message: `${bad.message} (the transit gateway path step 2 of the migration moves the routes to)` } : undefined;
}

/**
 * `via` is the peering, or the transit gateway, the spoke's routes use: the return routes must use it too.
 * `overGateway`: whether they are transit gateway routes (on-premises ranges always are).
 */
export function checkReturnPath(ctx: ProofContext, endpoint: HubEndpoint, via: Resolution, overGateway = routesOverGateway(ctx.hub)): BrokenLink | undefined {
  const peering = via;
  const found = endpointRouteTables(ctx, endpoint);
  if (!Array.isArray(found)) return found;
  const tables = found;
  const seen = new Set<string>();
  for (const table of tables) {
    const key = identityOf(table) ?? describe(table);
    if (seen.has(key)) continue;
    seen.add(key);
    // Return routes are hub halves: in the spokes stack (acting in the hub's account) or the hub stack.
    const routes = ctx.hubSideStacks.flatMap((stack) => routesOf(ctx.tree, stack, table).filter((r) => r.account === undefined || r.account === ctx.hub.account.id));
    for (const cidr of ctx.spoke.cidrs) {
      const route = routeFor(routes, cidr);
      if (!route) return { link: 'return-route', message: `${tableLabel(table)} has no route back to ${cidr}` };
      if (overGateway) {
        if (!route.transitGateway || !sameValue(route.transitGateway, via)) {
          return { link: 'return-route', message: `${tableLabel(table)} sends ${cidr} to ${route.target} (${route.label}), not back through transit gateway ${describe(via)}` };
        }
        continue;
      }
      if (!route.peering || !sameValue(route.peering, peering)) {
        return { link: 'return-route', message: `${tableLabel(table)} sends ${cidr} to ${route.target} (${route.label}), not back over ${describe(peering)}` };
      }
    }
  }
  return undefined;
}

/** The route tables of the endpoint's subnets: their associations in the hub stack, or (existing subnets) the config's. */
export function endpointRouteTables(ctx: ProofContext, endpoint: HubEndpoint): Resolution[] | BrokenLink {
  const tables: Resolution[] = [];
  for (const subnet of endpoint.subnets) {
    if (!targetOf(subnet.value)) {
      // Existing subnets: the config lists their route tables.
      tables.push(...ctx.hub.routeTables.map((t) => literal(ctx.hubStack, t.id ?? t.key)));
      continue;
    }
    const associations = resourcesIn(ctx.tree, ctx.hubStack, 'aws_route_table_association').filter((a) => sameValue(field(ctx, a, 'subnet_id'), subnet.value));
    if (associations.length === 0) {
      return { link: 'return-route', message: `endpoint subnet ${subnet.label} has no aws_route_table_association, so it uses the VPC's main route table, which has no route back to ${ctx.spoke.cidrs[0]}` };
    }
    tables.push(...associations.map((a) => field(ctx, a, 'route_table_id')));
  }
  if (tables.length === 0) return { link: 'return-route', message: `hub ${ctx.hub.name} lists no route tables for its endpoint subnets` };
  return tables;
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

/** Names the hub CIDR when nothing leads towards it at all, else the part that is not covered. */
function missingRoute(routes: RouteEntry[], destination: string, hubCidrs: string[]): string {
  const hubCidr = hubCidrs.find((c) => safeOverlap(c, destination)) ?? destination;
  if (!routes.some((r) => safeOverlap(r.destination, hubCidr))) return `has no route to ${hubCidrs.includes(destination) && destination !== hubCidrs[0] ? `secondary hub CIDR ${hubCidr}` : hubCidr}`;
  return hubCidrs.includes(destination) ? `has no route covering all of ${hubCidr}, where the endpoint subnets are` : `has no route to endpoint subnet ${destination}`;
}

function safeOverlap(a: string, b: string): boolean {
  try {
    return overlaps(cidrOf(a), cidrOf(b));
  } catch {
    return false;
  }
}
