/**
 * VH-TGW-001..003 (issue 10): a transit gateway hub keeps spokes apart, a transit gateway we create
 * never associates or propagates by default, and the inbound resolver admits DNS only from the
 * declared on-premises ranges.
 */
import { cidrWithin, isAnywhere } from '../cidr-match';
import { ruleWhere, securityGroupRules } from '../security-group-rules';
import { associations, isHubAttachment, label, propagations, staticRoutes, transitGatewayRoutes } from '../transit-gateway';
import { identityOf, resolveExpression, resourcesOfType } from '../tree';
import { resolverGroupIdentities } from './endpoint-groups';
import { defineRule, type Violation } from './rule';

export const tgwNoSpokeToSpoke = defineRule(
  {
    id: 'VH-TGW-001',
    severity: 'error',
    summary: 'No transit gateway route table gives a spoke attachment a route to another spoke',
    explanation:
      'Segmentation is the point of a transit gateway hub: spokes reach the endpoints, never each other. A spoke ' +
      "attachment's route table (the one it is associated with) may learn only hub attachments (those of a VPC holding " +
      'interface endpoints), by propagation or static route. Another attachment there opens a path between two spokes ' +
      '(or to whatever that attachment is) that the hub design never meant to open.',
  },
  (tree) => {
    const out: Violation[] = [];
    const learned = [...propagations(tree), ...staticRoutes(tree)];
    for (const assoc of associations(tree)) {
      const spoke = assoc.attachment;
      if (!spoke || assoc.table === undefined || isHubAttachment(tree, spoke)) continue;
      for (const l of learned.filter((x) => x.table === assoc.table && x.attachment !== undefined)) {
        const other = l.attachment as NonNullable<typeof l.attachment>;
        if (isHubAttachment(tree, other) || (other.stack === spoke.stack && other.address === spoke.address)) continue;
        out.push({
          stack: l.holder.stack,
          resource: l.holder.address,
          message: `puts ${label(other)} into the route table that spoke attachment ${label(spoke)} is associated with (${assoc.holder.address}): the two can reach each other`,
        });
      }
    }
    return out;
  },
);

export const tgwNoDefaultRouting = defineRule(
  {
    id: 'VH-TGW-002',
    severity: 'error',
    summary: 'A created transit gateway turns default route table association and propagation off',
    explanation:
      'Both default to enable: every new attachment would then be associated with, and propagate into, one default route ' +
      'table, so every spoke would reach every other spoke the moment it attaches. The hub design associates and ' +
      'propagates explicitly, into two route tables.',
  },
  (tree) =>
    resourcesOfType(tree, 'aws_ec2_transit_gateway').flatMap((t) =>
      (['default_route_table_association', 'default_route_table_propagation'] as const)
        .filter((k) => t.body[k] !== 'disable')
        .map((k) => ({ stack: t.stack, resource: t.address, message: `${k} is ${t.body[k] === undefined ? 'not set (AWS default: enable)' : JSON.stringify(t.body[k])}; set it to "disable"` })),
    ),
);

export const resolverOpenToDeclared = defineRule(
  {
    id: 'VH-TGW-003',
    severity: 'error',
    summary: 'An inbound resolver security group admits DNS (TCP and UDP 53) only, and only from the declared on-premises ranges',
    explanation:
      'A Route 53 Resolver inbound endpoint answers every name the hub VPC resolves, private zones included. Open wider than ' +
      'the on-premises ranges (or to anywhere) it is a resolver for networks that should not see those names. Without ' +
      '--config, ranges are not checked against the config; anywhere and ports other than 53 still are. A hub whose config ' +
      'chooses resolverSecurityGroup: untracked (AWS\'s recommended, connection-untracked rules) may admit 53 from anywhere.',
  },
  (tree, facts) => {
    const groups = resolverGroupIdentities(tree);
    const out: Violation[] = [];
    for (const r of securityGroupRules(tree)) {
      if (!r.group || !groups.has(`${r.group.stack}/${r.group.address}`) || r.direction !== 'ingress') continue;
      const where = { stack: r.holder.stack, resource: r.holder.address };
      if (!((r.protocol === 'tcp' || r.protocol === 'udp') && r.fromPort === 53 && r.toPort === 53)) {
        out.push({ ...where, message: `${ruleWhere(r)} allows ${r.protocol ?? '(no protocol)'} ${r.fromPort ?? '?'}-${r.toPort ?? '?'}; an inbound resolver needs tcp and udp 53 only` });
      }
      // The config's untracked form (onPremises.resolverSecurityGroup: untracked) admits 53 from anywhere on purpose.
      const untracked = facts?.untrackedResolverGroups.has(`${r.group.stack}/${r.group.address}`) === true;
      for (const cidr of r.cidrs) {
        if (isAnywhere(cidr)) {
          if (!untracked) out.push({ ...where, message: `${ruleWhere(r)} admits ${cidr}: the resolver would answer anyone who can reach it (unless the config chooses onPremises.resolverSecurityGroup: untracked)` });
        } else if (facts && !facts.onPremisesCidrs.some((d) => cidrWithin(cidr, d))) out.push({ ...where, message: `${ruleWhere(r)} admits ${cidr}, which is not within any onPremises range of the config` });
      }
      for (const peer of r.otherPeers) out.push({ ...where, message: `${ruleWhere(r)} admits ${peer}; only declared on-premises ranges may query the resolver` });
    }
    return out;
  },
);

export const tgwRouteWaitsForPath = defineRule(
  {
    id: 'VH-TGW-004',
    severity: 'error',
    summary: 'A route over a transit gateway waits for the association and propagation of an attachment in its stack',
    explanation:
      "A VPC route to a transit gateway carries traffic only once the attachment is accepted, associated with its route table " +
      '(where its packets are routed) and propagated into the other side\'s (how answers find it). Created or moved (ReplaceRoute) ' +
      'earlier, it sends into a blackhole: during a move from peering, a spoke would lose the hub until the owner\'s halves are ' +
      'applied. Terraform orders only what the graph says: each such route must depend (depends_on) on the association and the ' +
      'propagation of an attachment of the same gateway in its stack.',
  },
  (tree) => {
    const out: Violation[] = [];
    const assoc = associations(tree);
    const props = propagations(tree);
    for (const r of transitGatewayRoutes(tree)) {
      const route = r.holder;
      const attachments = resourcesOfType(tree, 'aws_ec2_transit_gateway_vpc_attachment').filter(
        (a) => a.stack === route.stack && r.transitGateway !== undefined && identityOf(resolveExpression(tree, a.stack, a.body.transit_gateway_id)) === r.transitGateway,
      );
      // The gateway's attachments live in another stack (nothing here to wait for): VH-TGW-001 and prove cover the path.
      if (attachments.length === 0) continue;
      const deps = new Set(Array.isArray(route.body.depends_on) ? route.body.depends_on.map(String) : []);
      const waitsFor = (links: typeof assoc, a: (typeof attachments)[number]) => links.some((l) => l.attachment?.stack === a.stack && l.attachment.address === a.address && l.holder.stack === route.stack && deps.has(l.holder.address));
      if (!attachments.some((a) => waitsFor(assoc, a) && waitsFor(props, a))) {
        out.push({ stack: route.stack, resource: route.address, message: `routes ${r.destination ?? '(a destination)'} to the transit gateway without depends_on on the association and propagation of its attachment (${attachments.map((a) => a.address).join(', ')}): Terraform may create or move it before the path exists` });
      }
    }
    return out;
  },
);
