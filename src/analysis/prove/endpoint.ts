/**
 * The hub's interface endpoint for one service, as the synthesized JSON has it: found by its
 * service name (not by address), in the hub VPC, with its subnets' CIDRs and AZs where the JSON
 * (new VPC) or the plan (existing VPC: only ids in the JSON) tells them.
 */
import type { Json } from '../json-value';
import { resolveExpression, type Resolution, type TfResource } from '../tree';
import type { ProofContext } from './context';
import { field } from './context';
import type { BrokenLink } from './result';
import { describe, resourcesIn, sameValue, targetOf } from './values';

export interface EndpointSubnet {
  /** The subnet's address or id, for messages. */
  label: string;
  value: Resolution;
  /** Known for subnets created in the stack; an existing subnet lies somewhere in the hub CIDR. */
  cidr?: string;
  az?: string;
}

export interface HubEndpoint {
  record: TfResource;
  subnets: EndpointSubnet[];
  securityGroups: Resolution[];
}

export function hubEndpoint(ctx: ProofContext, serviceName: string): HubEndpoint | BrokenLink {
  const records = endpointRecords(ctx, serviceName);
  return 'link' in records ? records : endpointOf(ctx, records[0]);
}

/**
 * Every usable endpoint of the service in the hub VPC: the end state has one, but while an endpoint is
 * replaced create-before-destroy the old and the new one exist side by side (the transition proof,
 * src/review/transition, tries each). When none is usable, the first one's broken link.
 */
export function hubEndpoints(ctx: ProofContext, serviceName: string): HubEndpoint[] | BrokenLink {
  const records = endpointRecords(ctx, serviceName);
  if ('link' in records) return records;
  const all = records.map((r) => endpointOf(ctx, r));
  const usable = all.filter((e): e is HubEndpoint => !('link' in e));
  return usable.length > 0 ? usable : (all[0] as BrokenLink);
}

/** The service's endpoint resources in the hub VPC (address order), or why there is none. */
function endpointRecords(ctx: ProofContext, serviceName: string): TfResource[] | BrokenLink {
  const candidates = resourcesIn(ctx.tree, ctx.hubStack, 'aws_vpc_endpoint').filter((r) => describe(field(ctx, r, 'service_name')) === serviceName);
  if (candidates.length === 0) return { link: 'endpoint', message: `hub ${ctx.hub.name} has no endpoint for ${serviceName} in stack ${ctx.hubStack}` };
  const records = candidates.filter((r) => sameValue(field(ctx, r, 'vpc_id'), ctx.hubVpc));
  if (records.length === 0) {
    return { link: 'endpoint', message: `endpoint ${candidates[0].address} is in VPC ${describe(field(ctx, candidates[0], 'vpc_id'))}, not in hub ${ctx.hub.name}'s VPC ${describe(ctx.hubVpc)}` };
  }
  return records;
}

function endpointOf(ctx: ProofContext, record: TfResource): HubEndpoint | BrokenLink {
  const broken = (message: string): BrokenLink => ({ link: 'endpoint', message });
  // The provider's default type is Gateway, and gateway endpoints do not work across peering.
  const type = record.body.vpc_endpoint_type ?? 'Gateway';
  if (type !== 'Interface') return broken(`endpoint ${record.address} is a ${String(type)} endpoint: only interface endpoints can be reached over VPC peering`);
  const subnets: EndpointSubnet[] = [];
  for (const raw of listOf(record.body.subnet_ids)) {
    const value = resolveExpression(ctx.tree, record.stack, raw);
    if (value.kind === 'unresolved') return broken(`endpoint ${record.address} has a subnet that cannot be followed ${describe(value)}`);
    subnets.push(subnetOf(ctx, value));
  }
  if (subnets.length === 0) return broken(`endpoint ${record.address} has no subnets`);
  return { record, subnets, securityGroups: listOf(record.body.security_group_ids).map((raw) => resolveExpression(ctx.tree, record.stack, raw)) };
}

function subnetOf(ctx: ProofContext, value: Resolution): EndpointSubnet {
  const target = targetOf(value);
  if (target) {
    const body = value.kind === 'resource' ? value.resource.body : {};
    const literal = (v: Json | undefined) => (typeof v === 'string' && !v.includes('${') ? v : undefined);
    return { label: target.address, value, cidr: literal(body.cidr_block), az: literal(body.availability_zone) ?? literal(body.availability_zone_id) };
  }
  const id = describe(value);
  return { label: id, value, az: ctx.hub.subnets.find((s) => s.id === id)?.az };
}

export const listOf = (v: Json | undefined): readonly Json[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
