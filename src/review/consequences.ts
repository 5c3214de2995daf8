/**
 * Which resource types the destructive-change gate guards, and what replacing or destroying one
 * means for the spokes, in words a reviewer can weigh (domain.md section 7).
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
      `${val(b, 'route_table_id', 'the route table')} ${a === 'replace' ? 'briefly has' : 'has'} no route to ${val(b, 'destination_cidr_block', 'the other side')} ${b.transit_gateway_id !== undefined ? 'through the transit gateway' : 'over the peering'}: calls between that side and the hub time out${a === 'replace' ? ' until the new route exists' : ''}`,
  },
  // Transit gateway (issues 10 and 16). Destroying an accepter deletes the attachment itself
  // (AcceptTransitGatewayVpcAttachment's counterpart is DeleteTransitGatewayVpcAttachment, planning/hub-side-policy.ts).
  aws_ec2_transit_gateway: {
    noun: 'transit gateway',
    consequence: (a) =>
      `${a === 'replace' ? 'replacing' : 'destroying'} the transit gateway takes every attachment, route table and route of it along: every spoke and on-premises client loses the hub${a === 'replace' ? ' until the new gateway is shared, every spoke attached, accepted, associated and propagated again, and every VPC route points at the new gateway' : ''}`,
  },
  aws_ec2_transit_gateway_route_table: {
    noun: 'transit gateway route table',
    consequence: () => 'every association with it and propagation into it goes with it: the attachments associated with it forward nothing, and the other side has no route back',
  },
  aws_ec2_transit_gateway_vpc_attachment: {
    noun: 'transit gateway attachment',
    consequence: (a, b) =>
      `VPC ${val(b, 'vpc_id', 'of the spoke')} is detached from the transit gateway${a === 'replace' ? ' until the new attachment is accepted, associated and propagated' : ''}: it loses the hub, and an attachment that existed before vpce-hub (adopted) takes everything else the VPC reached through the gateway along`,
  },
  aws_ec2_transit_gateway_vpc_attachment_accepter: {
    noun: 'transit gateway attachment acceptance',
    consequence: (a) => `${a === 'replace' ? 'replacing' : 'destroying'} the accepter deletes the attachment itself: the VPC loses the hub, and everything else it reached through the gateway`,
  },
  aws_ec2_transit_gateway_route_table_association: {
    noun: 'transit gateway route table association',
    consequence: (a) => `the attachment is associated with no route table${a === 'replace' ? ' until it is associated again' : ''}: the gateway forwards nothing the VPC sends`,
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    noun: 'transit gateway route table propagation',
    consequence: (a) => `the route table no longer learns the attachment's CIDRs${a === 'replace' ? ' until it is propagated again' : ''}: the attachments associated with it have no route to that VPC`,
  },
  aws_vpc_security_group_ingress_rule: {
    noun: 'endpoint security group rule',
    consequence: (a, b) => `the endpoints ${a === 'replace' ? 'briefly stop' : 'stop'} accepting HTTPS from ${val(b, 'cidr_ipv4', 'the spoke CIDR')}: calls from that spoke time out`,
  },
  aws_security_group: {
    noun: 'endpoint security group',
    consequence: () => 'every rule in it goes with it: the endpoints stop accepting HTTPS from any spoke until the new group and rules are attached',
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
    'Its propagations into other route tables stay (vpce-hub cannot see them), except into the gateway\'s default propagation table, which its accepter turns off. ' +
    'Check the current association first: aws ec2 describe-transit-gateway-attachments --transit-gateway-attachment-ids <tgw-attach-...> --query "TransitGatewayAttachments[0].Association"'
  );
}
