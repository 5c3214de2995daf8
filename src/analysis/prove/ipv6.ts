/**
 * The IPv6 path of a cell (issue 20): in a dual-stack hub, a spoke that lists IPv6 blocks (and the hub
 * VPC's own workloads) must reach every dual-stack endpoint over IPv6 as well, link by link:
 * the endpoint is dual-stack with AAAA records for its names (dns_record_ip_type) in subnets that have
 * IPv6 blocks -> every name has an AAAA answer aliasing that endpoint -> each spoke route table sends the
 * endpoint subnets' IPv6 range to the spoke's peering or transit gateway (with IPv6 support on both
 * attachments) -> the endpoint subnets' route tables send every spoke IPv6 block back the same way -> a
 * security group of the endpoint admits TCP 443 from each of them. Checked after the IPv4 path passed,
 * so a broken cell names the first missing link of either family.
 */
import { routesOverGateway } from '../../planning/peering-migration';
import { AAAA_RECORD_TYPES } from '../zones';
import type { ResolvedService } from '../../catalogue/catalogue';
import { contains6, parseIpv6Cidr } from '../../planning/cidr6';
import { blocks, type Json } from '../json-value';
import { resolveExpression, resolveReferencesIn, type Resolution, type TfResource } from '../tree';
import { field, hubSideResources, type ProofContext } from './context';
import { checkDns } from './dns';
import type { HubEndpoint } from './endpoint';
import { endpointRouteTables } from './path';
import { checkPeering } from './peering';
import type { BrokenLink } from './result';
import { ipv6RoutesOf, tableLabel, type Ipv6RouteEntry } from './route-table';
import { checkTransitGateway, hubGateway } from './transit-gateway';
import { describe, literal, resourcesIn, sameValue } from './values';


/** Whether the cell must also be proven over IPv6: the plan makes the service's endpoint dual-stack, and the client has IPv6. */
export function needsIpv6(ctx: ProofContext, serviceName: string): boolean {
  if (!ctx.hub.ipv6 || !ctx.hub.endpoints.some((e) => e.service === serviceName && e.dualStack)) return false;
  if (ctx.client === 'hub-vpc') return true;
  return ctx.client === undefined && (ctx.spoke.ipv6Cidrs ?? []).length > 0;
}

export function checkIpv6(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService): BrokenLink | undefined {
  const block = hubBlock(ctx);
  if ('link' in block) return block;
  const ip = checkEndpoint(ctx, endpoint, block);
  if (ip) return ip;
  // Endpoint-url spokes call the endpoint's regional name, which has AAAA records once the endpoint does (above).
  const dns = ctx.hub.dns === 'endpoint-url' && ctx.client === undefined ? undefined : checkDns(ctx, endpoint, service, 'ipv6');
  if (dns) return dns;
  if (ctx.client === undefined) {
    const path = checkPath(ctx, endpoint, block);
    if (path) return path;
  }
  return checkFilter(ctx, endpoint, block);
}

/** The hub VPC's IPv6 block as the JSON has it: the config's text for an existing VPC, the created VPC's attribute. */
type HubBlock = { text: string } | { value: Resolution };

function hubBlock(ctx: ProofContext): HubBlock | BrokenLink {
  if (ctx.hub.ipv6?.cidr !== undefined) return { text: ctx.hub.ipv6.cidr };
  if (ctx.hubVpc.kind !== 'resource') return { link: 'endpoint', message: `hub ${ctx.hub.name}'s VPC ${describe(ctx.hubVpc)} is not a VPC of the stack, and the config gives no IPv6 block` };
  const vpc = ctx.hubVpc.resource;
  if (vpc.body.assign_generated_ipv6_cidr_block !== true && vpc.body.ipv6_cidr_block === undefined && vpc.body.ipv6_ipam_pool_id === undefined) {
    return { link: 'endpoint', message: `${vpc.address} has no IPv6 block (assign_generated_ipv6_cidr_block is not set): hub ${ctx.hub.name} is dual-stack` };
  }
  return { value: { kind: 'resource', resource: vpc, attribute: ['ipv6_cidr_block'], hops: [] } };
}

/** Dual-stack addresses and AAAA records on the endpoint, in subnets that all have IPv6 blocks of the hub VPC's. */
function checkEndpoint(ctx: ProofContext, endpoint: HubEndpoint, block: HubBlock): BrokenLink | undefined {
  const record = endpoint.record;
  if (record.body.ip_address_type !== 'dualstack') {
    return { link: 'endpoint', message: `endpoint ${record.address} has ip_address_type ${describe(field(ctx, record, 'ip_address_type'))}, not dualstack: its interfaces have no IPv6 address` };
  }
  const recordType = blocks(record.body, 'dns_options')[0]?.dns_record_ip_type;
  if (typeof recordType !== 'string' || !AAAA_RECORD_TYPES.includes(recordType)) {
    return { link: 'endpoint', message: `endpoint ${record.address} has dns_record_ip_type ${recordType === undefined ? '(unset: ipv4)' : String(recordType)}: its DNS names have no AAAA records for the zones' AAAA aliases to answer with` };
  }
  for (const subnet of endpoint.subnets) {
    const created = subnet.value.kind === 'resource' ? subnet.value.resource : undefined;
    const given = ctx.hub.subnets.find((s) => s.id === subnet.label)?.ipv6Cidr;
    const hasBlock = created ? created.body.ipv6_cidr_block !== undefined : given !== undefined;
    if (!hasBlock) return { link: 'endpoint', message: `endpoint subnet ${subnet.label} has no IPv6 block: a dual-stack endpoint needs IPv4 and IPv6 in every subnet` };
    // What the routes to the hub's block reach: a created subnet's /64 must be carved from the VPC's block.
    if (created && 'value' in block && !builtFromBlock(ctx, created.stack, created.body.ipv6_cidr_block, block.value)) {
      return { link: 'endpoint', message: `endpoint subnet ${subnet.label} has IPv6 block ${String(created.body.ipv6_cidr_block)}, not one of ${describeBlock(block)}, which the spokes route to` };
    }
  }
  return undefined;
}

/** Every spoke route table sends the hub's IPv6 block to this spoke's peering or transit gateway, and the replies come back the same way. */
function checkPath(ctx: ProofContext, endpoint: HubEndpoint, block: HubBlock): BrokenLink | undefined {
  let via: Resolution | undefined;
  // Over the gateway unless the hub is at step 1 of a migration from peering (routes still on the peerings).
  const overGateway = routesOverGateway(ctx.hub);
  const carriesIpv6 = overGateway ? attachmentsCarryIpv6(ctx) : undefined;
  for (const id of ctx.spoke.routeTableIds) {
    const table = literal(ctx.spokeStack, id);
    const route = bestRoute(ipv6RoutesOf(ctx.tree, ctx.spokeStack, table), (r) => coversHubBlock(ctx, r, block));
    if (!route) return { link: 'route', message: `${tableLabel(table)} has no IPv6 route to hub ${ctx.hub.name}'s IPv6 block ${describeBlock(block)}` };
    if (overGateway) {
      if (!route.transitGateway) return { link: 'route', message: `${tableLabel(table)} sends hub ${ctx.hub.name}'s IPv6 block to ${route.target} (${route.label}), not to its transit gateway` };
      const bad = checkTransitGateway(ctx, route.transitGateway, route.label) ?? carriesIpv6;
      if (bad) return bad;
      via ??= route.transitGateway;
      continue;
    }
    if (!route.peering) return { link: 'route', message: `${tableLabel(table)} sends hub ${ctx.hub.name}'s IPv6 block to ${route.target} (${route.label}), not to a peering with hub ${ctx.hub.name}` };
    const bad = checkPeering(ctx, route.peering, route.label);
    if (bad) return bad;
    via ??= route.peering;
  }
  if (!via) return { link: 'route', message: `spoke ${ctx.spoke.name} lists no route tables` };
  const tables = endpointRouteTables(ctx, endpoint);
  if (!Array.isArray(tables)) return tables;
  for (const table of tables) {
    const routes = ctx.hubSideStacks.flatMap((stack) => ipv6RoutesOf(ctx.tree, stack, table).filter((r) => r.account === undefined || r.account === ctx.hub.account.id));
    for (const cidr of ctx.spoke.ipv6Cidrs ?? []) {
      const route = bestRoute(routes, (r) => coversText(r, cidr));
      if (!route) return { link: 'return-route', message: `${tableLabel(table)} has no IPv6 route back to ${cidr}` };
      const target = route.transitGateway ?? route.peering;
      if (!target || !sameValue(target, via)) return { link: 'return-route', message: `${tableLabel(table)} sends ${cidr} to ${route.target} (${route.label}), not back through ${describe(via)}` };
    }
  }
  return undefined;
}

/** A transit gateway carries a VPC's IPv6 only through attachments with IPv6 support (CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support). */
function attachmentsCarryIpv6(ctx: ProofContext): BrokenLink | undefined {
  const hub = hubGateway(ctx);
  if ('link' in hub) return hub;
  const spokeVpc = literal(ctx.spokeStack, ctx.spoke.vpcId);
  const spoke = resourcesIn(ctx.tree, ctx.spokeStack, 'aws_ec2_transit_gateway_vpc_attachment').find((a) => sameValue(field(ctx, a, 'vpc_id'), spokeVpc));
  for (const attachment of [hub.attachment, spoke]) {
    if (attachment && attachment.body.ipv6_support !== 'enable') {
      return { link: 'attachment', message: `${attachment.address} has no IPv6 support (ipv6_support is not enable): its VPC's IPv6 blocks never reach the transit gateway's route tables` };
    }
  }
  return undefined;
}

/** The endpoint's security groups admit TCP 443 from each spoke IPv6 block (or, for the hub VPC's row, from its own block). */
function checkFilter(ctx: ProofContext, endpoint: HubEndpoint, block: HubBlock): BrokenLink | undefined {
  const rules = endpoint.securityGroups.flatMap((sg) =>
    hubSideResources(ctx, 'aws_vpc_security_group_ingress_rule').filter((r) => sameValue(field(ctx, r, 'security_group_id'), sg) && admitsHttps(r)),
  );
  const groups = endpoint.securityGroups.map(describe).join(', ');
  if (ctx.client === 'hub-vpc') {
    if (rules.some((r) => coversHubBlock(ctx, { destinationValue: field(ctx, r, 'cidr_ipv6'), destination: stringOf(r.body.cidr_ipv6) }, block))) return undefined;
    return { link: 'security-group', message: `security groups ${groups} do not allow TCP 443 from hub ${ctx.hub.name}'s own IPv6 block ${describeBlock(block)}` };
  }
  for (const cidr of ctx.spoke.ipv6Cidrs ?? []) {
    if (!rules.some((r) => coversText({ destination: stringOf(r.body.cidr_ipv6) }, cidr))) return { link: 'security-group', message: `security groups ${groups} do not allow TCP 443 from ${cidr}` };
  }
  return undefined;
}

function admitsHttps(r: TfResource): boolean {
  const protocol = String(r.body.ip_protocol ?? '').toLowerCase();
  if (protocol === '-1') return true;
  return (protocol === 'tcp' || protocol === '6') && Number(r.body.from_port) <= 443 && 443 <= Number(r.body.to_port);
}

const stringOf = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

/** Longest literal prefix among the routes that match; a route to the hub VPC's own block attribute ranks as its /56. */
function bestRoute(routes: Ipv6RouteEntry[], matches: (r: Ipv6RouteEntry) => boolean): Ipv6RouteEntry | undefined {
  const prefix = (r: Ipv6RouteEntry) => {
    const p = parseIpv6Cidr(r.destination);
    return p.ok ? p.cidr.prefix : 56;
  };
  return routes.filter(matches).sort((a, b) => prefix(b) - prefix(a))[0];
}

/** A destination (literal or reference) covers the hub VPC's IPv6 block, where the endpoint subnets are. */
function coversHubBlock(ctx: ProofContext, route: { destination: string; destinationValue?: Resolution }, block: HubBlock): boolean {
  if ('text' in block) return coversText(route, block.text);
  if (route.destinationValue && sameValue(route.destinationValue, block.value)) return true;
  // A block known only at apply is covered by a reference to it, or by ::/0.
  return route.destination === '::/0';
}

function coversText(route: { destination: string }, cidr: string): boolean {
  const outer = parseIpv6Cidr(route.destination);
  const inner = parseIpv6Cidr(cidr);
  return outer.ok && inner.ok && contains6(outer.cidr, inner.cidr);
}

const describeBlock = (block: HubBlock): string => ('text' in block ? block.text : `${describe(block.value)}.ipv6_cidr_block (known at apply)`);

/** A value built from the VPC's own IPv6 block (cidrsubnet of it, or the block itself). */
const builtFromBlock = (ctx: ProofContext, stack: string, value: Json | undefined, block: Resolution): boolean =>
  resolveReferencesIn(ctx.tree, stack, value).some((r) => sameValue(r, block)) || sameValue(resolveExpression(ctx.tree, stack, value), block);
