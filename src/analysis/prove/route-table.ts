/**
 * The routes of one route table in one stack (standalone aws_route resources and inline routes of an
 * aws_route_table), and the route VPC routing picks for a destination: the longest prefix that
 * covers the whole destination range.
 */
import { contains, parseCidr } from '../../planning/cidr';
import { resourceAccount } from '../accounts';
import { blocks, type JsonObject } from '../json-value';
import { resolveExpression, type Resolution, type SynthTree } from '../tree';
import { describe, resourceOf, resourcesIn, sameValue } from './values';

export interface RouteEntry {
  /** Address of the aws_route, or `<table address> inline route`. */
  label: string;
  destination: string;
  /** Set when the route targets a peering connection. */
  peering?: Resolution;
  /** Set when the route targets a transit gateway. */
  transitGateway?: Resolution;
  /** What the route points at, for messages (`gateway_id igw-...`). */
  target: string;
  /** The account a standalone route is created in (its provider's pin); undefined for inline routes or unpinned providers. */
  account?: string;
}

const OTHER_TARGETS = ['gateway_id', 'nat_gateway_id', 'transit_gateway_id', 'network_interface_id', 'vpc_endpoint_id', 'egress_only_gateway_id', 'carrier_gateway_id', 'local_gateway_id', 'core_network_arn'];

/** The IPv4 routes of a table (IPv6 ones: `ipv6RoutesOf`). */
export function routesOf(tree: SynthTree, stack: string, table: Resolution): RouteEntry[] {
  return familyRoutes(tree, stack, table, 'destination_cidr_block', 'cidr_block');
}

/** An IPv6 route: its destination may be a reference (a created hub VPC's Amazon-provided block). */
export interface Ipv6RouteEntry extends RouteEntry {
  destinationValue: Resolution;
}

/** The IPv6 routes of a table (`destination_ipv6_cidr_block`, inline `ipv6_cidr_block`), for dual-stack hubs (issue 20). */
export function ipv6RoutesOf(tree: SynthTree, stack: string, table: Resolution): Ipv6RouteEntry[] {
  return familyRoutes(tree, stack, table, 'destination_ipv6_cidr_block', 'ipv6_cidr_block') as Ipv6RouteEntry[];
}

function familyRoutes(tree: SynthTree, stack: string, table: Resolution, destinationKey: string, inlineKey: string): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const ipv6 = destinationKey === 'destination_ipv6_cidr_block';
  for (const r of resourcesIn(tree, stack, 'aws_route')) {
    if (r.body[destinationKey] === undefined || !sameValue(resolveExpression(tree, stack, r.body.route_table_id), table)) continue;
    const account = resourceAccount(tree, r);
    entries.push({ ...entryOf(tree, stack, r.address, r.body, destinationKey), ...(ipv6 ? { destinationValue: resolveExpression(tree, stack, r.body[destinationKey]) } : {}), ...(account ? { account } : {}) });
  }
  const inline = resourceOf(table, 'aws_route_table');
  if (inline) {
    for (const block of blocks(inline.body, 'route')) {
      if (block[inlineKey] === undefined) continue;
      entries.push({ ...entryOf(tree, inline.stack, `${inline.address} inline route`, block, inlineKey), ...(ipv6 ? { destinationValue: resolveExpression(tree, inline.stack, block[inlineKey]) } : {}) });
    }
  }
  return entries;
}

function entryOf(tree: SynthTree, stack: string, label: string, body: JsonObject, destinationKey: string): RouteEntry {
  const destination = String(body[destinationKey] ?? '');
  if (body.vpc_peering_connection_id !== undefined && body.vpc_peering_connection_id !== '') {
    const peering = resolveExpression(tree, stack, body.vpc_peering_connection_id);
    return { label, destination, peering, target: `peering ${describe(peering)}` };
  }
  if (body.transit_gateway_id !== undefined && body.transit_gateway_id !== '') {
    const transitGateway = resolveExpression(tree, stack, body.transit_gateway_id);
    return { label, destination, transitGateway, target: `transit_gateway_id ${describe(transitGateway)}` };
  }
  const other = OTHER_TARGETS.find((k) => body[k] !== undefined && body[k] !== '');
  return { label, destination, target: other ? `${other} ${describe(resolveExpression(tree, stack, body[other]))}` : 'nothing' };
}

/** Longest-prefix match over routes whose destination covers all of `cidr`; undefined when none does. */
export function routeFor(routes: RouteEntry[], cidr: string): RouteEntry | undefined {
  const wanted = parseCidr(cidr);
  if (!wanted.ok) return undefined;
  let best: { route: RouteEntry; prefix: number } | undefined;
  for (const route of routes) {
    const dest = parseCidr(route.destination);
    if (!dest.ok || !contains(dest.cidr, wanted.cidr)) continue;
    if (!best || dest.cidr.prefix > best.prefix) best = { route, prefix: dest.cidr.prefix };
  }
  return best?.route;
}

export const tableLabel = (table: Resolution): string => `route table ${describe(table)}`;
