/**
 * The endpoint's security groups must admit TCP 443 from every spoke CIDR: standalone
 * aws_vpc_security_group_ingress_rule / aws_security_group_rule resources, or inline ingress blocks.
 */
import { cidrOf, contains } from '../../planning/cidr';
import { blocks, type Json } from '../json-value';
import type { Resolution } from '../tree';
import { field, hubSideResources, type ProofContext } from './context';
import type { HubEndpoint } from './endpoint';
import { listOf } from './endpoint';
import type { BrokenLink } from './result';
import { describe, sameValue } from './values';

interface IngressRule {
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrs: string[];
}

export function checkFilter(ctx: ProofContext, endpoint: HubEndpoint): BrokenLink | undefined {
  if (endpoint.securityGroups.length === 0) return { link: 'security-group', message: `endpoint ${endpoint.record.address} names no security group` };
  const rules = endpoint.securityGroups.flatMap((sg) => ingressRules(ctx, sg));
  for (const cidr of ctx.spoke.cidrs) {
    if (!rules.some((r) => admitsHttps(r) && r.cidrs.some((c) => covers(c, cidr)))) {
      const groups = endpoint.securityGroups.map(describe);
      const subject = groups.length === 1 ? `security group ${groups[0]} does` : `security groups ${groups.join(', ')} do`;
      return { link: 'security-group', message: `${subject} not allow TCP 443 from ${cidr}` };
    }
  }
  return undefined;
}

function ingressRules(ctx: ProofContext, sg: Resolution): IngressRule[] {
  // Spoke rules are hub halves in the spokes stack; rules of shared clients stay in the hub stack.
  const ofGroup = (type: string) => hubSideResources(ctx, type).filter((r) => sameValue(field(ctx, r, 'security_group_id'), sg));
  const rules: IngressRule[] = [
    ...ofGroup('aws_vpc_security_group_ingress_rule').map((r) => rule(r.body.ip_protocol, r.body.from_port, r.body.to_port, [r.body.cidr_ipv4])),
    ...ofGroup('aws_security_group_rule')
      .filter((r) => r.body.type === 'ingress')
      .map((r) => rule(r.body.protocol, r.body.from_port, r.body.to_port, listOf(r.body.cidr_blocks))),
  ];
  if (sg.kind === 'resource') rules.push(...blocks(sg.resource.body, 'ingress').map((b) => rule(b.protocol, b.from_port, b.to_port, listOf(b.cidr_blocks))));
  return rules;
}

const rule = (protocol: Json | undefined, from: Json | undefined, to: Json | undefined, cidrs: readonly (Json | undefined)[]): IngressRule => ({
  protocol: String(protocol ?? '').toLowerCase(),
  fromPort: Number(from),
  toPort: Number(to),
  cidrs: cidrs.filter((c): c is string => typeof c === 'string'),
});

function admitsHttps(r: IngressRule): boolean {
  if (r.protocol === '-1' || r.protocol === 'all') return true;
  return (r.protocol === 'tcp' || r.protocol === '6') && r.fromPort <= 443 && 443 <= r.toPort;
}

function covers(outer: string, inner: string): boolean {
  try {
    return contains(cidrOf(outer), cidrOf(inner));
  } catch {
    return false;
  }
}
