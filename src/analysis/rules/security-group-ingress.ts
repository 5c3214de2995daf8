/**
 * VH-SG-002 and VH-SG-003: endpoint security groups admit HTTPS only, and only from their clients: the
 * spoke CIDRs, the hub VPC's own CIDRs and the hub's configured client ranges.
 *
 * Which CIDRs are spoke CIDRs: the tree alone does not hold the config, but it holds the routes. A
 * client can only complete a TCP handshake with an endpoint if the hub routes its replies back, and the
 * hub routes back over peering only to spoke ranges. So an ingress CIDR must lie within a destination
 * routed over a peering connection of the group's own VPC. When the config is given, it must also lie
 * within a configured spoke CIDR (the routes might be wrong too). The group's own VPC range (its
 * aws_vpc's cidr_block, or a configured hub CIDR) needs no route: replies stay in the VPC. A client
 * range is routed by whatever the hub VPC uses besides peering (VPN, Direct Connect, Transit Gateway),
 * outside these stacks, so only the config can vouch for one. Ranges of 0.0.0.0/0 are VH-SG-004's.
 */
import { cidrWithin, isAnywhere } from '../cidr-match';
import { peeringRoutes, peeringVpcs, vpcIdentity } from '../peering';
import { ruleWhere } from '../security-group-rules';
import { gatewaysOfVpc, transitGatewayRoutes } from '../transit-gateway';
import { resolveExpression, type SynthTree, type TfResource } from '../tree';
import { endpointGroupRules } from './endpoint-groups';
import { defineRule, type Violation } from './rule';

export const sgHttpsOnly = defineRule(
  {
    id: 'VH-SG-002',
    severity: 'error',
    summary: 'Endpoint security groups allow ingress on TCP 443 only',
    explanation:
      'Interface endpoints of AWS services answer HTTPS on port 443; any other protocol or port opened to the spokes is ' +
      'attack surface with no use. A rule with all protocols (-1) or a port range also opens 443 but much more besides.',
  },
  (tree) =>
    endpointGroupRules(tree)
      .filter((r) => r.direction === 'ingress')
      .filter((r) => !(r.protocol === 'tcp' && r.fromPort === 443 && r.toPort === 443))
      .map((r) => ({
        stack: r.holder.stack,
        resource: r.holder.address,
        message: `${ruleWhere(r)} allows ${r.protocol ?? '(no protocol)'} ${r.fromPort ?? '?'}-${r.toPort ?? '?'}; only tcp 443-443 is needed`,
      })),
);

export const sgSpokeSources = defineRule(
  {
    id: 'VH-SG-003',
    severity: 'error',
    summary: 'Endpoint ingress only from spokes or on-premises routed back (peering, transit gateway), the hub VPC, or client ranges',
    explanation:
      'The endpoints are shared with the spokes, the workloads of the hub VPC itself (the zones and private DNS answer there ' +
      'too) and the client ranges a hub lists in clientCidrs, not with every network that can reach the hub. Any other ingress ' +
      'CIDR that the hub does not route back over a peering connection, or (connectivity: transit-gateway) to a transit ' +
      'gateway the group\'s VPC is attached to, is either dead or reachable through some other path that nobody declared; with ' +
      '--config it must also be a spoke or onPremises range. Security-group and prefix-list sources are refused for the same reason: ' +
      'what they admit is not visible in the tree. Without --config, a range routed back over peering or inside the group\'s ' +
      'own VPC is trusted, and a client range cannot be told from an undeclared one: pass the config.',
  },
  (tree, facts) => {
    const routes = peeringRoutes(tree);
    const tgwRoutes = transitGatewayRoutes(tree);
    const out: Violation[] = [];
    const routedFor = (group: TfResource | undefined, stack: string): string[] => {
      const vpc = group ? vpcIdentity(tree, group) : undefined;
      return routes
        .filter((r) => {
          if (!group) return r.holder.stack === stack;
          if (!r.peering || vpc === undefined) return false;
          const sides = peeringVpcs(tree, r.peering);
          return sides.requester === vpc || sides.accepter === vpc;
        })
        .flatMap((r) => (r.destination ? [r.destination] : []))
        .concat(routedToGateway(group));
    };
    // Routes to a transit gateway the group's VPC is attached to (connectivity: transit-gateway).
    const routedToGateway = (group: TfResource | undefined): string[] => {
      const vpc = group ? vpcIdentity(tree, group) : undefined;
      if (vpc === undefined) return [];
      const gateways = gatewaysOfVpc(tree, vpc);
      return tgwRoutes.filter((r) => r.transitGateway !== undefined && gateways.has(r.transitGateway)).flatMap((r) => (r.destination ? [r.destination] : []));
    };
    for (const rule of endpointGroupRules(tree).filter((r) => r.direction === 'ingress')) {
      const where = { stack: rule.holder.stack, resource: rule.holder.address };
      const routed = routedFor(rule.group, rule.holder.stack);
      const ownVpc = [...ownVpcCidrs(tree, rule.group), ...(facts?.hubCidrs ?? [])];
      for (const cidr of rule.cidrs.filter((c) => !isAnywhere(c))) {
        if (ownVpc.some((v) => cidrWithin(cidr, v)) || isOwnIpv6Block(tree, rule.group, rule.holder, cidr)) continue;
        if (facts?.clientCidrs.some((c) => cidrWithin(cidr, c))) continue;
        if (!routed.some((d) => cidrWithin(cidr, d))) {
          const hint = facts ? '' : ' (a client range of the config? run check with --config)';
          out.push({ ...where, message: `${ruleWhere(rule)} admits ${cidr}, which the hub does not route over any peering connection or transit gateway of this VPC and which is not the VPC's own range${hint}` });
        } else if (facts && ![...facts.spokeCidrs, ...facts.onPremisesCidrs].some((s) => cidrWithin(cidr, s))) {
          out.push({ ...where, message: `${ruleWhere(rule)} admits ${cidr}, which is not within any spoke or on-premises CIDR of the config` });
        }
      }
      for (const peer of rule.otherPeers) {
        out.push({ ...where, message: `${ruleWhere(rule)} admits ${peer}; only spoke CIDRs may reach the endpoints` });
      }
    }
    return out;
  },
);

/** A dual-stack VPC the tree creates: its Amazon-provided IPv6 block, known at apply, written as a reference to it. */
function isOwnIpv6Block(tree: SynthTree, group: TfResource | undefined, holder: TfResource, cidr: string): boolean {
  if (!group || !cidr.includes('${')) return false;
  const vpc = resolveExpression(tree, group.stack, group.body.vpc_id);
  const block = resolveExpression(tree, holder.stack, cidr);
  return vpc.kind === 'resource' && block.kind === 'resource' && block.resource === vpc.resource && block.attribute.join('.') === 'ipv6_cidr_block';
}

/** The CIDR blocks of the group's VPC when the tree creates it (an existing VPC's range is the config's). */
function ownVpcCidrs(tree: SynthTree, group: TfResource | undefined): string[] {
  if (!group) return [];
  const vpc = resolveExpression(tree, group.stack, group.body.vpc_id);
  if (vpc.kind !== 'resource' || vpc.resource.type !== 'aws_vpc') return [];
  const cidr = vpc.resource.body.cidr_block;
  return typeof cidr === 'string' && !cidr.includes('${') ? [cidr] : [];
}
