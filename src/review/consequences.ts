/**
 * What replacing or destroying each resource type vpce-hub emits means for the spokes, in words a
 * reviewer can weigh (domain.md section 7). The destructive-change gate guards every one of them (a
 * test holds this table to the ForceNew table, which lists every type emitted): one entry per type.
 */
import { str, type JsonObject } from '../analysis/json-value';
import type { ResourceChange } from './changes';

type Destructive = 'replace' | 'delete';

interface GatedType {
  /** What it is, for headings: "private hosted zone". */
  noun: string;
  consequence: (action: Destructive, body: JsonObject) => string;
}

const val = (body: JsonObject, key: string, fallback: string): string => {
  const v = str(body, key);
  // A `${...}` reference is no use to a reader; say what it stands for instead.
  return v !== undefined && !v.includes('${') ? v : fallback;
};

const PUBLIC_FALLBACK = 'clients fall back to the public endpoint and bypass the endpoint policy';

export const GATED_TYPES: Readonly<Record<string, GatedType>> = {
  aws_route53_zone: {
    noun: 'private hosted zone',
    consequence: (a, b) =>
      a === 'replace'
        ? `a DNS outage for every spoke: ${val(b, 'name', 'the zone')} stops resolving privately until the new zone exists and every spoke is associated again; ${PUBLIC_FALLBACK}; create-before-destroy is impossible for a zone (two zones of one name cannot share a VPC)`
        : `every spoke stops resolving ${val(b, 'name', 'the zone')} privately: ${PUBLIC_FALLBACK}`,
  },
  aws_route53_record: {
    noun: 'alias record',
    consequence: (a, b) =>
      a === 'replace'
        ? `${val(b, 'name', 'the name')} answers NXDOMAIN in every spoke between the delete and the create (Route 53 does not fall back to public DNS inside a zone it answers for)`
        : `${val(b, 'name', 'the name')} answers NXDOMAIN in every spoke: Route 53 does not fall back to public DNS inside a zone it answers for`,
  },
  aws_vpc_endpoint: {
    noun: 'interface endpoint',
    consequence: (a, b) =>
      a === 'replace'
        ? `minutes without ${val(b, 'service_name', 'the service')} for every spoke while the new endpoint's network interfaces come up (create-before-destroy works here: private DNS is off)`
        : `every spoke loses private access to ${val(b, 'service_name', 'the service')}`,
  },
  aws_vpc_peering_connection: {
    noun: 'VPC peering',
    consequence: (a) =>
      a === 'replace'
        ? 'the spoke loses every hub endpoint until the new peering is accepted and every route points at it; unaccepted requests expire after a week'
        : 'the spoke loses every hub endpoint: routes over the peering become blackholes',
  },
  aws_vpc_peering_connection_accepter: {
    noun: 'peering accepter',
    consequence: (a) =>
      a === 'replace'
        ? 'the peering is re-accepted; routes that depend on it are recreated and the spoke loses the hub in between'
        : "the spoke account stops managing the peering's acceptance; with the hub's request gone too, the spoke loses every hub endpoint",
  },
  aws_route53_zone_association: {
    noun: 'zone association',
    consequence: (a, b) => `VPC ${val(b, 'vpc_id', 'of the spoke')} stops resolving the zone privately${a === 'replace' ? ' until it is associated again' : ''}: ${PUBLIC_FALLBACK}`,
  },
  aws_route53_vpc_association_authorization: {
    noun: 'zone association authorization',
    consequence: (a, b) =>
      a === 'replace'
        ? `the association of VPC ${val(b, 'vpc_id', 'of the spoke')} is re-authorized; an association recreated in the same apply fails if it runs first`
        : `VPC ${val(b, 'vpc_id', 'of the spoke')} can no longer associate with the zone: an existing association keeps working, but recreating it fails`,
  },
  aws_route53profiles_association: {
    noun: 'Route 53 Profile association',
    consequence: (a, b) => `VPC ${val(b, 'resource_id', 'of the spoke')} stops resolving every hub service privately${a === 'replace' ? ' until it is associated again' : ''}: ${PUBLIC_FALLBACK}`,
  },
  aws_route53profiles_resource_association: {
    noun: 'zone in the Route 53 Profile',
    consequence: (a) => `every spoke associated with the profile stops resolving the zone privately${a === 'replace' ? ' until it is added again' : ''}: ${PUBLIC_FALLBACK}`,
  },
  aws_route53profiles_profile: {
    noun: 'Route 53 Profile',
    consequence: () => `every spoke VPC associated with it stops resolving every hub service privately: ${PUBLIC_FALLBACK}`,
  },
  aws_ram_resource_share: {
    noun: 'RAM share of the Route 53 Profile',
    consequence: () => 'spoke accounts lose access to the profile: their associations fail or go away',
  },
  aws_route: {
    noun: 'route',
    consequence: (a, b) =>
      `${val(b, 'route_table_id', 'the route table')} ${a === 'replace' ? 'briefly has' : 'has'} no route to ${val(b, b.destination_ipv6_cidr_block !== undefined ? 'destination_ipv6_cidr_block' : 'destination_cidr_block', 'the other side')} ${b.transit_gateway_id !== undefined ? 'through the transit gateway' : 'over the peering'}: calls between that side and the hub time out${a === 'replace' ? ' until the new route exists' : ''}`,
  },
  aws_vpc_security_group_ingress_rule: {
    noun: 'endpoint security group rule',
    consequence: (a, b) => `the endpoints ${a === 'replace' ? 'briefly stop' : 'stop'} accepting HTTPS from ${val(b, b.cidr_ipv6 !== undefined ? 'cidr_ipv6' : 'cidr_ipv4', 'the spoke CIDR')}: calls from that spoke time out`,
  },
  // Only the inbound Resolver endpoint's untracked form has egress rules (constructs/on-premises.ts).
  // Without them the group's rules are no longer "all traffic both ways", so AWS tracks its connections
  // again: answers still pass, but tracked flows can cap the endpoint near 1,500 queries per second per
  // address ("Resolver endpoint scaling", Route 53 Developer Guide; "Untracked connections", EC2 User Guide).
  aws_vpc_security_group_egress_rule: {
    noun: 'Resolver endpoint security group egress rule',
    consequence: (a) =>
      `the inbound Resolver endpoint's connections are tracked again${a === 'replace' ? ' until the rule is back' : ''}: answers still reach on-premises, but each endpoint address can be capped near 1,500 queries per second, and queries past that from on-premises forwarders time out`,
  },
  aws_security_group: {
    noun: 'endpoint security group',
    consequence: () => 'every rule in it goes with it: the endpoints stop accepting HTTPS from any spoke until the new group and rules are attached',
  },
  aws_ec2_transit_gateway: {
    noun: 'transit gateway',
    consequence: (a) =>
      `every attachment, route table, association and propagation on it goes with it: every spoke and on-premises client loses every hub endpoint${a === 'replace' ? ' until the new gateway is shared, every attachment is made and accepted again and its route tables are rebuilt, and every VPC route targets the new gateway id' : ''}`,
  },
  aws_ec2_transit_gateway_route_table: {
    noun: 'transit gateway route table',
    consequence: (a) => `the attachments associated with it forward nothing and the routes propagated into it are gone${a === 'replace' ? ' until the new table has its associations and propagations again' : ''}: the spokes (or the hub) behind it lose every hub endpoint`,
  },
  aws_ec2_transit_gateway_vpc_attachment: {
    noun: 'transit gateway attachment',
    consequence: (a) =>
      `the VPC leaves the transit gateway, with its association and propagations: ${a === 'replace' ? 'until the new attachment is accepted, associated and propagated, ' : ''}every route to the gateway from or to that VPC is a blackhole (for the hub's attachment: every spoke and on-premises client loses every hub endpoint); an attachment that existed before vpce-hub (adopted) takes everything else the VPC reached through the gateway along`,
  },
  // Destroying an accepter deletes the attachment itself: the provider's Delete for the accepter calls
  // DeleteTransitGatewayVpcAttachment (transitgateway_vpc_attachment_accepter.go), like the attachment's.
  aws_ec2_transit_gateway_vpc_attachment_accepter: {
    noun: 'transit gateway attachment accepter',
    consequence: (a) =>
      `${a === 'replace' ? 'replacing' : 'destroying'} the accepter deletes the attachment itself, with its association and propagations: the VPC behind it loses the hub, and everything else it reached through the gateway${a === 'replace' ? ' (the new accepter then has no attachment to accept until the spoke side attaches again)' : ''}`,
  },
  aws_ec2_transit_gateway_route_table_association: {
    noun: 'transit gateway route table association',
    consequence: (a) => `the attachment is associated with no route table${a === 'replace' ? ' until it is associated again' : ''}, so the gateway forwards nothing it sends: the VPC behind it loses every hub endpoint`,
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    noun: 'transit gateway route propagation',
    consequence: (a) => `the route table no longer learns the attachment's CIDRs${a === 'replace' ? ' until it propagates again' : ''}: traffic towards that VPC through the gateway is dropped (calls between it and the hub time out)`,
  },
  aws_ec2_tag: {
    noun: "owner-side tag of a spoke's transit gateway attachment",
    consequence: (a) =>
      a === 'replace'
        ? 'no traffic changes; between the delete and the create the attachment lacks the tag the hub-side role requires, so an association or propagation change of the same apply may be refused (AccessDenied) and need a second apply'
        : "no traffic changes, but the owner's copy of the attachment loses the tag the hub-side role's conditions require: until the attachment is gone, vpce-hub's pipeline can no longer change its association or propagation, nor delete it (AccessDenied)",
  },
  aws_route53_resolver_endpoint: {
    noun: 'Route 53 Resolver inbound endpoint',
    consequence: (a) => `on-premises DNS forwarders lose the IP addresses they forward the service names to${a === 'replace' ? ' (the new endpoint gets new addresses unless they are fixed in the config; the forwarders must be repointed)' : ''}: on-premises clients resolve the services to public endpoints`,
  },
  aws_ram_resource_association: {
    noun: 'RAM share of a hub resource',
    consequence: (a) => `the share no longer holds the Route 53 Profile or transit gateway${a === 'replace' ? ' until it is added again' : ''}: spoke accounts lose access to it, and their profile associations or attachments fail or go away`,
  },
  aws_ram_principal_association: {
    noun: 'RAM share principal',
    consequence: (a) => `the account or organization is no longer shared the hub's Route 53 Profile or transit gateway${a === 'replace' ? ' until it is shared again' : ''}: its spokes lose the profile's DNS or the gateway`,
  },
  aws_ram_resource_share_accepter: {
    noun: 'RAM share acceptance',
    consequence: () => "the spoke account leaves the hub's share: its spokes lose the Route 53 Profile's DNS or the transit gateway until it is accepted again",
  },
  aws_route_table: {
    noun: 'hub endpoint route table',
    consequence: (a) => `the endpoint subnets fall back to the VPC's main route table, which has no route back to the spokes${a === 'replace' ? ' until the new table is associated and has its routes' : ''}: every spoke's calls time out`,
  },
  aws_route_table_association: {
    noun: 'endpoint subnet route table association',
    consequence: (a) => `the endpoint subnet uses the VPC's main route table${a === 'replace' ? ' until it is associated again' : ''}, which has no route back to the spokes: calls to the endpoint interfaces in that subnet time out`,
  },
  aws_subnet: {
    noun: 'endpoint subnet',
    consequence: (a) => `every endpoint network interface in it goes with it: the endpoints lose that Availability Zone${a === 'replace' ? ' until they are moved into the new subnet' : ''}, and spoke calls answered there fail`,
  },
  aws_default_security_group: {
    noun: "hub VPC's default security group rules",
    consequence: () => "Terraform stops managing the default security group: it keeps the rules it has, but nothing keeps it empty any more (a security baseline); no spoke traffic is affected",
  },
  aws_flow_log: {
    noun: 'hub VPC flow log',
    consequence: (a) => `the hub VPC's traffic records stop${a === 'replace' ? ' until the new flow log delivers again (a gap in the audit record)' : ''}; no spoke traffic is affected`,
  },
  aws_cloudwatch_log_group: {
    noun: 'flow log group',
    consequence: (a) => `the hub VPC's flow log records kept in it are deleted${a === 'replace' ? ', and delivery pauses until the new group exists' : ''}; no spoke traffic is affected`,
  },
  aws_iam_role: {
    noun: 'flow log delivery role',
    consequence: (a) => `the flow log cannot deliver${a === 'replace' ? ' until the new role and its policy exist' : ''}: a gap in the hub VPC's traffic records; no spoke traffic is affected`,
  },
  aws_iam_role_policy: {
    noun: 'flow log delivery policy',
    consequence: (a) => `the flow log role loses its permission to write${a === 'replace' ? ' until the policy is attached again' : ''}: a gap in the hub VPC's traffic records; no spoke traffic is affected`,
  },
  aws_vpc: {
    noun: 'hub VPC',
    consequence: (a) =>
      `${a === 'replace' ? 'replacing' : 'destroying'} the hub VPC takes every endpoint, peering and route in it along: an outage of every service for every spoke${a === 'replace' ? ', and zones homed in it must move first' : ''}`,
  },
};

/** The consequence sentence for a gated replace or delete, undefined for anything else. */
export function consequenceOf(change: ResourceChange): string | undefined {
  if (change.action !== 'replace' && change.action !== 'delete') return undefined;
  const gated = GATED_TYPES[change.type];
  if (!gated) return undefined;
  return gated.consequence(change.action, change.before ?? change.after ?? {});
}

export const isGatedType = (type: string): boolean => GATED_TYPES[type] !== undefined;

/**
 * A route table association created with `replace_existing_association` (an adopted attachment,
 * constructs/transit-gateway.ts): its create first disassociates the attachment from whatever table it
 * is associated with now (provider PR 31452, transitgateway_route_table_association.go Create), so the
 * VPC leaves that segment: the routes it learned there (other VPCs, on-premises, egress) are gone.
 * Undefined for every other change.
 */
export function reassociationOf(change: ResourceChange): string | undefined {
  if (change.action !== 'create' || change.type !== 'aws_ec2_transit_gateway_route_table_association') return undefined;
  const body = change.after ?? {};
  if (body.replace_existing_association !== true) return undefined;
  const table = val(body, 'transit_gateway_route_table_id', "vpce-hub's route table");
  return (
    `the adopted attachment leaves the route table it is associated with now (one association per attachment) and is associated with ${table}, with no route table at all between the two API calls: ` +
    'the VPC then reaches only what that table routes (the hub), no longer what its current table gave it (other VPCs, on-premises, egress), and answers to other networks are dropped. ' +
    (change.name.startsWith('hub_')
      ? "Its propagations stay, into the gateway's default propagation table too (the hub's CIDRs there are how the default segment, on-premises for one, reaches it today; constructs/transit-gateway.ts). "
      : "Its propagations into other route tables stay (vpce-hub cannot see them), except into the gateway's default propagation table, which its accepter turns off. ") +
    'Check the current association first: aws ec2 describe-transit-gateway-attachments --transit-gateway-attachment-ids <tgw-attach-...> --query "TransitGatewayAttachments[0].Association"'
  );
}
