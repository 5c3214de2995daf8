/**
 * On-premises clients of a transit-gateway hub (hubs.<hub>.onPremises, issue 10) as rows of the proof:
 * one row per range, a cell per service of the hub. A call from on premises resolves the service name
 * through the hub's Route 53 Resolver inbound endpoint (which answers what the hub VPC answers: its
 * zones, or the endpoints' private DNS), reaches the endpoint over the DX/VPN attachment (outside
 * vpce-hub), is admitted by the endpoint's security group, and is answered through the transit gateway
 * the hub VPC routes the range to.
 */
import type { ResolvedService } from '../../catalogue/catalogue';
import { blocks } from '../json-value';
import { securityGroupRules } from '../security-group-rules';
import { cidrWithin } from '../cidr-match';
import type { TfResource } from '../tree';
import type { ProofContext } from './context';
import { hubEndpoint, listOf, type HubEndpoint } from './endpoint';
import { checkFilter } from './filter';
import { checkReturnPath } from './path';
import { checkResilience } from './resilience';
import type { BrokenLink } from './result';
import { hubGateway } from './transit-gateway';
import { describe, field, resourcesIn, sameValue, targetOf } from './values';
import { zoneName } from './zone-association';

export function proveOnPremisesCell(ctx: ProofContext, name: string, service: ResolvedService | undefined): BrokenLink | undefined {
  if (!service) return { link: 'endpoint', message: `service ${name} is not offered in ${ctx.hub.region} (catalogue)` };
  const endpoint = hubEndpoint(ctx, service.serviceName);
  if ('link' in endpoint) return endpoint;
  const gateway = hubGateway(ctx);
  if ('link' in gateway) return gateway;
  return checkInboundDns(ctx, endpoint, service) ?? checkReturnPath(ctx, endpoint, gateway.transitGateway, true) ?? checkFilter(ctx, endpoint) ?? checkResilience(endpoint);
}

function checkInboundDns(ctx: ProofContext, endpoint: HubEndpoint, service: ResolvedService): BrokenLink | undefined {
  const broken = (message: string): BrokenLink => ({ link: 'dns', message });
  const cidr = ctx.spoke.cidrs[0];
  const resolver = resourcesIn(ctx.tree, ctx.hubStack, 'aws_route53_resolver_endpoint').find((r) => r.body.direction === 'INBOUND');
  if (!resolver) return broken(`hub ${ctx.hub.name} has no Route 53 Resolver inbound endpoint in stack ${ctx.hubStack}: on-premises DNS cannot resolve ${service.zones[0]?.zoneName ?? service.name} to the endpoint (set onPremises.inboundResolver: true)`);
  const subnets = new Set(blocks(resolver.body, 'ip_address').map((b) => describe(field(ctx, { stack: resolver.stack, body: b }, 'subnet_id'))));
  if (subnets.size < 2) return broken(`${resolver.address} has addresses in ${subnets.size} subnet(s): Resolver needs two, in two AZs`);
  const groups = listOf(resolver.body.security_group_ids).map((raw) => targetOf(field(ctx, { stack: resolver.stack, body: { g: raw } }, 'g')));
  const rules = securityGroupRules(ctx.tree).filter((r) => r.direction === 'ingress' && r.group !== undefined && groups.some((g) => g && g.stack === (r.group as TfResource).stack && g.address === (r.group as TfResource).address));
  for (const protocol of ['tcp', 'udp']) {
    const admits = rules.some((r) => (r.protocol === protocol || r.protocol === 'all') && (r.fromPort ?? 0) <= 53 && 53 <= (r.toPort ?? 65535) && r.cidrs.some((c) => cidrWithin(cidr, c)));
    if (!admits) return broken(`the security groups of ${resolver.address} do not allow ${protocol.toUpperCase()} 53 from ${cidr}`);
  }
  // What the inbound endpoint answers is what the hub VPC resolves.
  if (ctx.hub.dns === 'endpoint-url') {
    return endpoint.record.body.private_dns_enabled === true ? undefined : broken(`${endpoint.record.address} has private DNS off, so the hub VPC (and its inbound resolver) answers ${service.name}'s public name`);
  }
  const zones = resourcesIn(ctx.tree, ctx.hubStack, 'aws_route53_zone');
  for (const spec of service.zones) {
    const zone = zones.find((z) => zoneName(z) === spec.zoneName.toLowerCase());
    if (!zone) return broken(`stack ${ctx.hubStack} has no private hosted zone ${spec.zoneName}`);
    const withHub = blocks(zone.body, 'vpc').some((b) => sameValue(field(ctx, { stack: zone.stack, body: b }, 'vpc_id'), ctx.hubVpc));
    if (!withHub) return broken(`zone ${spec.zoneName} (${zone.address}) is not associated with hub ${ctx.hub.name}'s VPC, so the inbound resolver does not answer it`);
  }
  return undefined;
}
