/**
 * What a stack's first `terraform plan` must create, by resource type, computed from the network plan
 * alone (the domain rules of domain.md, not the emitters' code). Comparing it with Terraform's own plan
 * catches resources that are missing, duplicated or dropped by Terraform.
 */
import type { HubPlan, NetworkPlan, SpokePlan, StackPlan } from '../../src/planning/plan';

type Counts = Record<string, number>;

const add = (counts: Counts, type: string, n: number): void => {
  if (n > 0) counts[type] = (counts[type] ?? 0) + n;
};

/** A hub stack: what the hub shares, whatever its spokes (issue 9). */
function hubCreates(counts: Counts, hub: HubPlan): void {
  if (hub.existingVpcId === undefined) {
    add(counts, 'aws_vpc', 1);
    add(counts, 'aws_default_security_group', 1);
    add(counts, 'aws_route_table', 1);
    add(counts, 'aws_subnet', hub.subnets.length);
    add(counts, 'aws_route_table_association', hub.subnets.length);
    if (hub.flowLogs) {
      add(counts, 'aws_flow_log', 1);
      const toS3 = hub.flowLogs.destinationArn?.startsWith('arn:aws:s3:') ?? false;
      // CloudWatch delivery needs a role; without a destination we also create the log group.
      if (!toS3) add(counts, 'aws_iam_role', 1);
      if (!toS3) add(counts, 'aws_iam_role_policy', 1);
      if (hub.flowLogs.destinationArn === undefined) add(counts, 'aws_cloudwatch_log_group', 1);
    }
  }
  add(counts, 'aws_security_group', hub.securityGroups.length);
  // The hub's own ingress rules (its VPC's CIDRs, client ranges): one each, in the hub stack; on-premises ranges below.
  add(counts, 'aws_vpc_security_group_ingress_rule', 1 + hub.secondaryCidrs.length + hub.clientCidrs.length);
  add(counts, 'aws_vpc_endpoint', hub.endpoints.length);
  // Zones exist in both zone modes; records: an apex per zone, plus `*` for wildcard zones.
  add(counts, 'aws_route53_zone', hub.zones.length);
  add(counts, 'aws_route53_record', hub.zones.length + hub.zones.filter((z) => z.wildcard).length);
  // Dual-stack hubs (issue 20): an AAAA twin of each alias record of a dual-stack endpoint's zone, and
  // HTTPS from the hub VPC's IPv6 block.
  const aaaa = hub.zones.filter((z) => z.aaaa);
  add(counts, 'aws_route53_record', aaaa.length + aaaa.filter((z) => z.wildcard).length);
  add(counts, 'aws_vpc_security_group_ingress_rule', hub.ipv6 ? 1 : 0);
  if (hub.profile) {
    add(counts, 'aws_route53profiles_profile', 1);
    add(counts, 'aws_route53profiles_resource_association', hub.zones.length);
    if (hub.profile.share) {
      add(counts, 'aws_ram_resource_share', 1);
      add(counts, 'aws_ram_resource_association', 1);
      add(counts, 'aws_ram_principal_association', hub.profile.share.sharedPrincipals.length);
    }
  }
  // Transit gateway (issue 10): a created one with its share, the two route tables unless given, the
  // hub attachment (accepted by the owner when another account owns the gateway and does not
  // auto-accept), its association and propagation, and a route per on-premises range per hub table.
  const tgw = hub.transitGateway;
  if (tgw) {
    if (tgw.existingId === undefined) {
      add(counts, 'aws_ec2_transit_gateway', 1);
      if (tgw.share) {
        add(counts, 'aws_ram_resource_share', 1);
        add(counts, 'aws_ram_resource_association', 1);
        add(counts, 'aws_ram_principal_association', tgw.share.sharedPrincipals.length);
      }
    }
    add(counts, 'aws_ec2_transit_gateway_route_table', tgw.routeTables ? 0 : 2);
    // The hub attachment's own subnets, carved in a created hub VPC, with their route table (issue 16).
    const carved = (tgw.hubAttachmentSubnets ?? []).filter((s) => s.cidr !== undefined).length;
    add(counts, 'aws_subnet', carved);
    add(counts, 'aws_route_table_association', carved);
    add(counts, 'aws_route_table', carved > 0 ? 1 : 0);
    add(counts, 'aws_ec2_transit_gateway_vpc_attachment', 1);
    // An adopted attachment's accepter is imported even on an auto-accepting gateway (it turns the default
    // propagation off, and writes the owner's tags); auto-accepted from another account and not adopted:
    // the owner's Project and ManagedBy tags instead (constructs/transit-gateway.ts).
    const hubAdopted = hub.adopt?.transitGatewayAttachmentId !== undefined;
    add(counts, 'aws_ec2_transit_gateway_vpc_attachment_accepter', tgw.owner.id !== hub.account.id && (!tgw.autoAcceptSharedAttachments || hubAdopted) ? 1 : 0);
    add(counts, 'aws_ec2_tag', tgw.owner.id !== hub.account.id && tgw.autoAcceptSharedAttachments && !hubAdopted ? 2 : 0);
    add(counts, 'aws_ec2_transit_gateway_route_table_association', 1);
    add(counts, 'aws_ec2_transit_gateway_route_table_propagation', 1);
  }
  const onPrem = hub.onPremises;
  if (onPrem) {
    add(counts, 'aws_route', hub.routeTables.length * onPrem.cidrs.length);
    add(counts, 'aws_vpc_security_group_ingress_rule', onPrem.cidrs.length);
    if (onPrem.inboundResolver) {
      add(counts, 'aws_security_group', 1);
      // A TCP and a UDP rule per range; AWS's untracked form: TCP and UDP 53 from anywhere, and egress for the answers (issue 16).
      const untracked = onPrem.resolverSecurityGroup === 'untracked';
      add(counts, 'aws_vpc_security_group_ingress_rule', untracked ? 2 : 2 * onPrem.cidrs.length);
      add(counts, 'aws_vpc_security_group_egress_rule', untracked ? 2 : 0);
      add(counts, 'aws_route53_resolver_endpoint', 1);
    }
  }
}

/** A spokes stack: both halves of each pair of the spoke. */
function pairCreates(counts: Counts, hub: HubPlan, spoke: SpokePlan): void {
  const tgw = hub.transitGateway;
  // A hub moving from peering to its gateway keeps each spoke's peering until the last step (issue 16);
  // the routes exist once, over the peering or the gateway.
  if (tgw && hub.peeringMigration !== undefined) {
    add(counts, 'aws_vpc_peering_connection', 1);
    add(counts, 'aws_vpc_peering_connection_accepter', spoke.autoAccept ? 0 : 1);
  }
  if (tgw) {
    // Attachment (accepted in the owner's account unless same account or auto-accept), association, propagation.
    add(counts, 'aws_ec2_transit_gateway_vpc_attachment', 1);
    const spokeAdopted = spoke.adoptTransitGatewayAttachmentId !== undefined;
    add(counts, 'aws_ec2_transit_gateway_vpc_attachment_accepter', tgw.owner.id !== spoke.account.id && (!tgw.autoAcceptSharedAttachments || spokeAdopted) ? 1 : 0);
    add(counts, 'aws_ec2_tag', tgw.owner.id !== spoke.account.id && tgw.autoAcceptSharedAttachments && !spokeAdopted ? 2 : 0);
    add(counts, 'aws_ec2_transit_gateway_route_table_association', 1);
    add(counts, 'aws_ec2_transit_gateway_route_table_propagation', 1);
  } else {
    add(counts, 'aws_vpc_peering_connection', 1);
    add(counts, 'aws_vpc_peering_connection_accepter', spoke.autoAccept ? 0 : 1);
  }
  // Return routes in every hub route table, one per spoke CIDR; in every spoke route table one route per
  // hub CIDR (an existing hub VPC's secondary CIDRs too).
  add(counts, 'aws_route', hub.routeTables.length * spoke.cidrs.length + spoke.routeTableIds.length * (1 + hub.secondaryCidrs.length));
  add(counts, 'aws_vpc_security_group_ingress_rule', spoke.cidrs.length);
  // An IPv6 spoke of a dual-stack hub: a return route per IPv6 block in every hub table, a route to the
  // hub's IPv6 block in every spoke table, an HTTPS rule per IPv6 block.
  const ipv6 = hub.ipv6 ? (spoke.ipv6Cidrs ?? []) : [];
  if (ipv6.length > 0) {
    add(counts, 'aws_route', hub.routeTables.length * ipv6.length + spoke.routeTableIds.length);
    add(counts, 'aws_vpc_security_group_ingress_rule', ipv6.length);
  }
  if (hub.dns === 'private-hosted-zones') {
    add(counts, 'aws_route53_vpc_association_authorization', spoke.crossAccount ? hub.zones.length : 0);
    add(counts, 'aws_route53_zone_association', hub.zones.length);
  }
  if (hub.dns === 'route53-profile') add(counts, 'aws_route53profiles_association', 1);
}

export function expectedCreates(plan: NetworkPlan, stack: StackPlan): Counts {
  const counts: Counts = {};
  const hubOf = (name: string): HubPlan => {
    const hub = plan.hubs.find((h) => h.name === name);
    if (!hub) throw new Error(`no hub ${name} in the plan`);
    return hub;
  };
  for (const name of stack.hubs) hubCreates(counts, hubOf(name));
  for (const name of stack.spokes) {
    const spoke = plan.spokes.find((s) => s.name === name);
    if (!spoke) throw new Error(`no spoke ${name} in the plan`);
    pairCreates(counts, hubOf(spoke.hub), spoke);
  }
  add(counts, 'aws_ram_principal_association', stack.ramJoins.length);
  add(counts, 'aws_ram_resource_share_accepter', stack.ramJoins.filter((j) => j.invitation).length);
  return counts;
}
