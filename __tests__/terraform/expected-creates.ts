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
const sum = <T>(items: T[], f: (t: T) => number): number => items.reduce((acc, t) => acc + f(t), 0);

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
  // Shared ingress rules: the hub VPC's own CIDRs and the client ranges (spoke rules are in the spokes stacks).
  add(counts, 'aws_vpc_security_group_ingress_rule', 1 + hub.secondaryCidrs.length + hub.clientCidrs.length);
  add(counts, 'aws_vpc_endpoint', hub.endpoints.length);
  // Zones exist in both zone modes; records: an apex per zone, plus `*` for wildcard zones.
  add(counts, 'aws_route53_zone', hub.zones.length);
  add(counts, 'aws_route53_record', hub.zones.length + hub.zones.filter((z) => z.wildcard).length);
  if (hub.profile) {
    add(counts, 'aws_route53profiles_profile', 1);
    add(counts, 'aws_route53profiles_resource_association', hub.zones.length);
    if (hub.profile.share) {
      add(counts, 'aws_ram_resource_share', 1);
      add(counts, 'aws_ram_resource_association', 1);
      add(counts, 'aws_ram_principal_association', hub.profile.share.sharedPrincipals.length);
    }
  }
}

/** A spokes stack: both halves of each pair of the spoke. */
function pairCreates(counts: Counts, hub: HubPlan, spoke: SpokePlan): void {
  add(counts, 'aws_vpc_peering_connection', 1);
  add(counts, 'aws_vpc_peering_connection_accepter', spoke.autoAccept ? 0 : 1);
  // Return routes in every hub route table, one per spoke CIDR; one route to the hub per spoke route table.
  add(counts, 'aws_route', hub.routeTables.length * spoke.cidrs.length + spoke.routeTableIds.length);
  add(counts, 'aws_vpc_security_group_ingress_rule', spoke.cidrs.length);
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
  add(counts, 'aws_ram_principal_association', stack.profileSharePrincipalOf.length);
  add(counts, 'aws_ram_resource_share_accepter', stack.acceptsProfileShareOf.length);
  return counts;
}
