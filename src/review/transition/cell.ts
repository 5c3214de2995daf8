/**
 * Is one client/service pair reachable in a state tree of an apply? The end-state proof's own links
 * (src/analysis/prove), judged against the base config's and the current config's specification
 * both, link by link: in the middle of a change the DNS answer may already come the new way while the
 * packets still go the old one. A link holds when it holds by either specification:
 * - the endpoint: any endpoint of the service in the hub VPC (while one is replaced
 *   create-before-destroy there are two); DNS, security group and AZs are then judged for that one;
 * - DNS and the security group: as the end-state proof checks them, by either specification;
 * - the path, per direction: every spoke route table sends the endpoint subnets to a working carrier,
 *   and every endpoint route table sends the spoke back to a working carrier, where a carrier is a
 *   peering the base or current specification accepts, or a transit gateway path it accepts. The two
 *   directions may use different carriers for a while (a route table is switched at a time, as AWS
 *   describes moving from peering to a transit gateway: "Best practices and considerations to migrate
 *   from VPC Peering to AWS Transit Gateway", AWS Networking blog). VPC routing decides each packet at
 *   each hop by the route table of where it is ("Route tables", Amazon VPC User Guide), and the
 *   endpoint's security group is stateful ("Security group rules", Amazon VPC User Guide: responses to
 *   allowed inbound traffic are allowed out regardless of rules), so a reply that leaves by another
 *   carrier than the request came in is still answered.
 */
import type { ResolvedService } from '../../catalogue/catalogue';
import type { VpceHubConfig } from '../../config/schema';
import type { NetworkPlan } from '../../planning/plan';
import type { Resolution, SynthTree } from '../../analysis/tree';
import { checkDns } from '../../analysis/prove/dns';
import { hubEndpoints, type HubEndpoint } from '../../analysis/prove/endpoint';
import { checkFilter } from '../../analysis/prove/filter';
import { endpointRouteTables } from '../../analysis/prove/path';
import { checkPeering } from '../../analysis/prove/peering';
import { checkCompanions, hubServices, proofRows, proveRowCell, rowContext, type ProofRow } from '../../analysis/prove/prove';
import { checkResilience } from '../../analysis/prove/resilience';
import type { BrokenLink } from '../../analysis/prove/result';
import { routeFor, routesOf, tableLabel, type RouteEntry } from '../../analysis/prove/route-table';
import { checkTransitGateway } from '../../analysis/prove/transit-gateway';
import { literal } from '../../analysis/prove/values';
import { keepsPeering } from '../../planning/peering-migration';
import type { ProofContext } from '../../analysis/prove/context';

/** A config and its plan: what one side of the change asks the network to do. */
export interface Specification {
  config: VpceHubConfig;
  plan: NetworkPlan;
}

/** One pair as both specifications know it (one or two alternatives). */
export interface CellSpec {
  row: string;
  hub: string;
  service: string;
  kind?: ProofRow['client'];
  alternatives: Array<{ row: ProofRow; service: ResolvedService | undefined; plan: NetworkPlan }>;
}

/** The pairs of every specification, by `row -> service`; a pair only one side has gets one alternative. */
export function cellSpecs(specs: readonly Specification[]): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const spec of specs) {
    const services = new Map(spec.plan.hubs.map((h) => [h.name, hubServices(spec.config, h)]));
    for (const row of proofRows(spec.plan)) {
      for (const [name, service] of services.get(row.hub.name) ?? []) {
        const key = `${row.name} -> ${name}`;
        const cell = out.get(key) ?? { row: row.name, hub: row.hub.name, service: name, ...(row.client ? { kind: row.client } : {}), alternatives: [] };
        cell.alternatives.push({ row, service, plan: spec.plan });
        out.set(key, cell);
      }
    }
  }
  return out;
}

/** The first broken link of the pair in `tree` (by the current specification's wording), or undefined when reachable. */
export function brokenInState(tree: SynthTree, cell: CellSpec): BrokenLink | undefined {
  // The current specification first: its wording is the state the apply is heading for.
  const sides: Array<{ ctx: ProofContext; service: ResolvedService | undefined }> = [];
  let first: BrokenLink | undefined;
  for (const alt of [...cell.alternatives].reverse()) {
    const ctx = rowContext(tree, alt.plan, alt.row);
    if ('link' in ctx) first ??= ctx;
    else sides.push({ ctx, service: alt.service });
  }
  if (sides.length === 0) return first;
  // On-premises clients come through the transit gateway and the inbound resolver: the proof's own cell.
  if (cell.kind === 'on-premises') return anyOf(sides, (s) => proveRowCell(s.ctx, cell.service, s.service));
  const known = sides.find((s) => s.service !== undefined)?.service;
  if (!known) return { link: 'endpoint', message: `service ${cell.service} is not offered in hub ${cell.hub}'s region (catalogue)` };
  const contexts = sides.map((s) => s.ctx);
  const endpoints = uniqueEndpoints(contexts.map((ctx) => hubEndpoints(ctx, known.serviceName)));
  if (!Array.isArray(endpoints)) return endpoints;
  let broken: BrokenLink | undefined;
  for (const endpoint of endpoints) {
    const b =
      // As the end-state proof: a client range's DNS is outside these stacks, and only spokes have a path of their own.
      (cell.kind === 'client-range' ? undefined : anyOf(sides, (s) => checkDns(s.ctx, endpoint, s.service ?? known))) ??
      (cell.kind === undefined ? hybridPath(contexts, endpoint) : undefined) ??
      anyOf(contexts, (ctx) => checkFilter(ctx, endpoint)) ??
      checkResilience(endpoint) ??
      anyOf(contexts, (ctx) => checkCompanions(ctx, cell.service));
    if (!b) return undefined;
    broken ??= b;
  }
  return broken;
}

/** Undefined when the check passes for some context, else the first context's broken link. */
function anyOf<T>(sides: readonly T[], check: (side: T) => BrokenLink | undefined): BrokenLink | undefined {
  let first: BrokenLink | undefined;
  for (const side of sides) {
    const b = check(side);
    if (!b) return undefined;
    first ??= b;
  }
  return first;
}

function uniqueEndpoints(found: Array<HubEndpoint[] | BrokenLink>): HubEndpoint[] | BrokenLink {
  const out = new Map<string, HubEndpoint>();
  for (const f of found) if (Array.isArray(f)) for (const e of f) if (!out.has(e.record.address)) out.set(e.record.address, e);
  return out.size > 0 ? [...out.values()] : (found[0] as BrokenLink);
}

/** Both directions of the packet path, each by any working carrier (see the header). */
function hybridPath(contexts: ProofContext[], endpoint: HubEndpoint): BrokenLink | undefined {
  return anyOf(contexts, (ctx) => forward(ctx, contexts, endpoint)) ?? anyOf(contexts, (ctx) => back(ctx, contexts, endpoint));
}

/** Whether a route's target carries the pair's traffic by the specification that uses that carrier. */
function carrier(route: RouteEntry, contexts: ProofContext[]): BrokenLink | undefined {
  if (route.peering) {
    const peering = route.peering;
    // A transit gateway hub mid-migration from peering keeps its peerings (planning/peering-migration.ts).
    const peeringSpecs = contexts.filter((c) => keepsPeering(c.hub));
    if (peeringSpecs.length === 0) return { link: 'route', message: `${route.label} targets peering ${describeTarget(route)}, but the hub connects through a transit gateway` };
    return anyOf(peeringSpecs, (ctx) => checkPeering(ctx, peering, route.label));
  }
  if (route.transitGateway) {
    const gateway = route.transitGateway;
    const gatewaySpecs = contexts.filter((c) => c.hub.transitGateway);
    if (gatewaySpecs.length === 0) return { link: 'route', message: `${route.label} targets ${route.target}, but the hub connects over peering` };
    return anyOf(gatewaySpecs, (ctx) => checkTransitGateway(ctx, gateway, route.label));
  }
  return { link: 'route', message: `${route.label} sends the traffic to ${route.target}, not to the hub` };
}

const describeTarget = (route: RouteEntry): string => route.target.replace(/^peering /, '');

function forward(ctx: ProofContext, contexts: ProofContext[], endpoint: HubEndpoint): BrokenLink | undefined {
  const hubCidrs = [ctx.hub.cidr, ...ctx.hub.secondaryCidrs];
  const destinations = [...new Set(endpoint.subnets.flatMap((s) => (s.cidr !== undefined ? [s.cidr] : hubCidrs)))];
  if (ctx.spoke.routeTableIds.length === 0) return { link: 'route', message: `spoke ${ctx.spoke.name} lists no route tables` };
  for (const id of ctx.spoke.routeTableIds) {
    const table: Resolution = literal(ctx.spokeStack, id);
    const routes = routesOf(ctx.tree, ctx.spokeStack, table);
    for (const destination of destinations) {
      const route = routeFor(routes, destination);
      if (!route) return { link: 'route', message: `${tableLabel(table)} has no route to ${destination}` };
      const bad = carrier(route, contexts);
      if (bad) return bad;
    }
  }
  return undefined;
}

function back(ctx: ProofContext, contexts: ProofContext[], endpoint: HubEndpoint): BrokenLink | undefined {
  const tables = endpointRouteTables(ctx, endpoint);
  if (!Array.isArray(tables)) return tables;
  for (const table of tables) {
    // Return routes are hub halves: in the spokes stack (acting in the hub's account) or the hub stack.
    const routes = ctx.hubSideStacks.flatMap((stack) => routesOf(ctx.tree, stack, table).filter((r) => r.account === undefined || r.account === ctx.hub.account.id));
    for (const cidr of ctx.spoke.cidrs) {
      const route = routeFor(routes, cidr);
      if (!route) return { link: 'return-route', message: `${tableLabel(table)} has no route back to ${cidr}` };
      const bad = carrier(route, contexts);
      if (bad) return { ...bad, link: bad.link === 'route' ? 'return-route' : bad.link };
    }
  }
  return undefined;
}
