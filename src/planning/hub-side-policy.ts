/**
 * The least-privilege IAM policy of the hub-side role: what a spokes stack's provider in a hub account
 * (hubSideRoleArn, else roleArn) needs for the hub halves of its pairs (issue 9), and nothing that
 * reaches the shared hub resources themselves (no create/delete of VPCs, endpoints, zones, groups).
 * `vpce-hub iam-policy` prints it; a test keeps HUB_SIDE_ACTIONS in step with every resource type the
 * spokes stacks create through that role, and checks every action against AWS's action catalogue.
 *
 * What IAM can scope (Service Authorization Reference, per service:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * .../list_amazonroute53.html, .../list_awsresourceaccessmanagerram.html):
 * - peering requests (peering hubs only) from the hub VPC as requester to a configured spoke VPC as
 *   accepter (the `vpc` resource, and `ec2:RequesterVpc` and `ec2:AccepterVpc` on the
 *   `vpc-peering-connection`);
 * - routes to the hub's route tables, rules to the hub's security groups: by id for existing route
 *   tables, else by the tags every resource the hub stack creates carries (provider default_tags
 *   `Project` and `Stack`, constructs/providers.ts): the ids exist only after the hub stack's apply;
 * - RAM principal associations to the hub's shares, by share name (`ram:ResourceShareName`);
 * - zone authorizations: Route 53 has no tag conditions, and the zone ids exist only after the apply,
 *   so `hostedzone/*` of the hub account.
 * What IAM cannot scope: a route's destination CIDR. A holder of this role can change any route in the
 * hub's route tables, other spokes' routes included; the README's trust model says who may hold it.
 */
import { partitionOfRegion } from '../config/partitions';
import { stackNames, tagName } from './naming';
import { keepsPeering } from './peering-migration';
import type { HubPlan, NetworkPlan, SpokePlan } from './plan';

/** Every action the hub halves need, by the Terraform resource type that needs it (create, read, update, delete, tags). */
export const HUB_SIDE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html and the provider's read/wait (DescribeVpcPeeringConnections).
  aws_vpc_peering_connection: ['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection', 'ec2:DescribeVpcPeeringConnections', 'ec2:CreateTags', 'ec2:DeleteTags'],
  aws_route: ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute', 'ec2:DescribeRouteTables'],
  aws_vpc_security_group_ingress_rule: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:ModifySecurityGroupRules', 'ec2:DescribeSecurityGroupRules', 'ec2:CreateTags', 'ec2:DeleteTags'],
  aws_route53_vpc_association_authorization: ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization', 'route53:ListVPCAssociationAuthorizations'],
  aws_ram_principal_association: ['ram:AssociateResourceShare', 'ram:DisassociateResourceShare', 'ram:GetResourceShareAssociations', 'ram:GetResourceShares'],
  // Transit gateway owner's halves (issue 10), in the owner's account.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html; destroying the accepter deletes the attachment.
  aws_ec2_transit_gateway_vpc_attachment_accepter: ['ec2:AcceptTransitGatewayVpcAttachment', 'ec2:DeleteTransitGatewayVpcAttachment', 'ec2:DescribeTransitGatewayVpcAttachments', 'ec2:DescribeTransitGateways', 'ec2:CreateTags', 'ec2:DeleteTags'],
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateTransitGatewayRouteTable.html
  aws_ec2_transit_gateway_route_table_association: ['ec2:AssociateTransitGatewayRouteTable', 'ec2:DisassociateTransitGatewayRouteTable', 'ec2:GetTransitGatewayRouteTableAssociations', 'ec2:DescribeTransitGatewayAttachments'],
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableTransitGatewayRouteTablePropagation.html
  aws_ec2_transit_gateway_route_table_propagation: ['ec2:EnableTransitGatewayRouteTablePropagation', 'ec2:DisableTransitGatewayRouteTablePropagation', 'ec2:GetTransitGatewayRouteTablePropagations'],
  // A hub stack creates the two route tables in an existing transit gateway of another account.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayRouteTable.html
  aws_ec2_transit_gateway_route_table: ['ec2:CreateTransitGatewayRouteTable', 'ec2:DeleteTransitGatewayRouteTable', 'ec2:DescribeTransitGatewayRouteTables', 'ec2:CreateTags', 'ec2:DeleteTags'],
};

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Hub and transit gateway owner accounts (keys) that other stacks reach through a hub-side provider. */
export const hubSideAccounts = (plan: NetworkPlan): string[] => [...new Set(plan.stacks.flatMap((s) => s.hubAccess.map((a) => a.account.key)))].sort();

/**
 * How `ec2:AccepterVpc` names the spoke VPCs a peering request may go to: each configured spoke VPC
 * (`vpc`), or every VPC of each configured spoke account and region (`account`), which is shorter when
 * the per-VPC list would not fit IAM's policy size limit (planning/hub-side-policy-size.ts chooses).
 */
export type AccepterScoping = 'vpc' | 'account';

/**
 * The policy for the hub-side role in one hub (or transit gateway owner) account: the union over its
 * hubs and transit gateways. `vpce-hub iam-policy` prints `fittedHubSidePolicy`, which picks the scoping.
 */
export function hubSidePolicy(plan: NetworkPlan, accountKey: string, scoping: AccepterScoping = 'vpc'): PolicyDocument {
  const hubs = plan.hubs.filter((h) => h.account.key === accountKey);
  const owned = plan.hubs.filter((h) => h.transitGateway?.owner.key === accountKey);
  if (hubs.length === 0 && owned.length === 0) throw new Error(`account ${accountKey} holds no hub and owns no transit gateway`);
  if (hubs.length === 0) return { Version: '2012-10-17', Statement: transitGatewayOwnerStatements(plan, owned) };
  const account = hubs[0].account.id;
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: the partition follows the region.
  const partition = partitionOfRegion(hubs[0].region);
  const arn = (service: string, region: string, resource: string) => `arn:${partition}:${service}:${region}:${account}:${resource}`;
  const hubStack = stackNames.hub(accountKey);
  const taggedByHubStack = { StringEquals: { 'aws:ResourceTag/Project': plan.project, 'aws:ResourceTag/Stack': hubStack } };
  const createdByUs = { StringEquals: { 'aws:ResourceTag/Project': plan.project, 'aws:ResourceTag/ManagedBy': 'vpce-hub' } };
  const regions = [...new Set(hubs.map((h) => h.region))].sort();
  const statements: PolicyStatement[] = [];
  const push = (s: PolicyStatement) => statements.push(s);

  const existing = hubs.filter((h) => h.existingVpcId !== undefined);
  const created = hubs.filter((h) => h.existingVpcId === undefined);
  const vpcArn = (h: HubPlan) => arn('ec2', h.region, `vpc/${h.existingVpcId}`);
  // Peering only for peering hubs: a transit gateway hub's pairs never request one. The request is
  // limited to the configured spokes' VPCs as accepters (ec2:AccepterVpc on the vpc-peering-connection
  // resource of CreateVpcPeeringConnection: https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html,
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
  // A hub moving to its transit gateway keeps (and in its last step deletes) its peerings (issue 16).
  const peering = keepsPeering;
  const peeringRegions = [...new Set(hubs.filter(peering).map((h) => h.region))].sort();
  // Per account: `vpc/*` of the spoke's account and region (ArnLike), still only configured spoke accounts.
  const spokeVpcArn = (s: SpokePlan) => `arn:${partition}:ec2:${s.region}:${s.account.id}:vpc/${scoping === 'vpc' ? s.vpcId : '*'}`;
  // Only spokes of other accounts: a same-account spoke's stack requests its peering with its own credentials.
  const acceptersOf = (of: HubPlan[]) => [...new Set(plan.spokes.filter((s) => s.crossAccount && of.some((h) => h.name === s.hub)).map(spokeVpcArn))].sort();
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN:
  // a `vpc/*` pattern goes under ArnLike, the operator for patterns (IAM matches each ARN component separately).
  const peeringCondition = (requesterOperator: 'ArnEquals' | 'ArnLike', requesters: string[], of: HubPlan[]): NonNullable<PolicyStatement['Condition']> => {
    const condition: NonNullable<PolicyStatement['Condition']> = { [requesterOperator]: { 'ec2:RequesterVpc': requesters } };
    const accepterOperator = scoping === 'vpc' ? 'ArnEquals' : 'ArnLike';
    condition[accepterOperator] = { ...condition[accepterOperator], 'ec2:AccepterVpc': acceptersOf(of) };
    return condition;
  };
  const existingPeering = existing.filter(peering);
  const createdPeering = created.filter(peering);
  // Peering: the requester VPC must be a hub VPC, the accepter a spoke VPC; the request itself is a new resource.
  if (existingPeering.length > 0 && acceptersOf(existingPeering).length > 0) {
    push({ Sid: 'PeeringFromExistingHubVpcs', Effect: 'Allow', Action: ['ec2:CreateVpcPeeringConnection'], Resource: existingPeering.map(vpcArn) });
    push({
      Sid: 'PeeringRequestsOfExistingHubVpcs',
      Effect: 'Allow',
      Action: ['ec2:CreateVpcPeeringConnection'],
      Resource: [...new Set(existingPeering.map((h) => h.region))].sort().map((r) => arn('ec2', r, 'vpc-peering-connection/*')),
      Condition: peeringCondition('ArnEquals', existingPeering.map(vpcArn), existingPeering),
    });
  }
  if (createdPeering.length > 0 && acceptersOf(createdPeering).length > 0) {
    const createdRegions = [...new Set(createdPeering.map((h) => h.region))].sort();
    push({ Sid: 'PeeringFromCreatedHubVpcs', Effect: 'Allow', Action: ['ec2:CreateVpcPeeringConnection'], Resource: createdRegions.map((r) => arn('ec2', r, 'vpc/*')), Condition: taggedByHubStack });
    push({
      Sid: 'PeeringRequestsOfCreatedHubVpcs',
      Effect: 'Allow',
      Action: ['ec2:CreateVpcPeeringConnection'],
      Resource: createdRegions.map((r) => arn('ec2', r, 'vpc-peering-connection/*')),
      Condition: peeringCondition('ArnLike', createdRegions.map((r) => arn('ec2', r, 'vpc/*')), createdPeering),
    });
  }
  const peeringConnections = peeringRegions.map((r) => arn('ec2', r, 'vpc-peering-connection/*'));
  const ruleResources = regions.map((r) => arn('ec2', r, 'security-group-rule/*'));
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html: tags at creation need CreateTags with ec2:CreateAction.
  push({
    Sid: 'TagPairsAtCreation',
    Effect: 'Allow',
    Action: ['ec2:CreateTags'],
    Resource: [...peeringConnections, ...ruleResources],
    Condition: { StringEquals: { 'ec2:CreateAction': [...(peeringRegions.length > 0 ? ['CreateVpcPeeringConnection'] : []), 'AuthorizeSecurityGroupIngress'] } },
  });
  push({
    Sid: peeringRegions.length > 0 ? 'ManageOwnPeeringsAndRuleTags' : 'ManageOwnRuleTags',
    Effect: 'Allow',
    Action: [...(peeringRegions.length > 0 ? ['ec2:DeleteVpcPeeringConnection'] : []), 'ec2:CreateTags', 'ec2:DeleteTags'],
    Resource: [...peeringConnections, ...ruleResources],
    Condition: createdByUs,
  });
  // Return routes: route tables of existing hub VPCs by id, the created ones by tag. Never scoped by destination (IAM cannot).
  const tableIds = existing.flatMap((h) => h.routeTables.map((t) => arn('ec2', h.region, `route-table/${t.id}`)));
  if (tableIds.length > 0) push({ Sid: 'ReturnRoutesInExistingHubRouteTables', Effect: 'Allow', Action: ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'], Resource: tableIds });
  if (created.length > 0) {
    push({ Sid: 'ReturnRoutesInCreatedHubRouteTables', Effect: 'Allow', Action: ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'], Resource: [...new Set(created.map((h) => h.region))].map((r) => arn('ec2', r, 'route-table/*')), Condition: taggedByHubStack });
  }
  // Spoke rules: only on the endpoint security groups the hub stack created (the rule resource itself carries the spokes stack's tags).
  push({ Sid: 'SpokeRulesOnHubSecurityGroups', Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:ModifySecurityGroupRules'], Resource: regions.map((r) => arn('ec2', r, 'security-group/*')), Condition: taggedByHubStack });
  push({ Sid: 'SpokeRuleResources', Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:ModifySecurityGroupRules'], Resource: regions.map((r) => arn('ec2', r, 'security-group-rule/*')) });
  // Reads (Describe* cannot be scoped to resources).
  push({ Sid: 'ReadPairs', Effect: 'Allow', Action: ['ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroupRules', ...(peeringRegions.length > 0 ? ['ec2:DescribeVpcPeeringConnections'] : [])], Resource: ['*'] });
  if (hubs.some((h) => h.zoneAssociations)) {
    push({
      Sid: 'ZoneAuthorizations',
      Effect: 'Allow',
      Action: ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization', 'route53:ListVPCAssociationAuthorizations'],
      Resource: [`arn:${partition}:route53:::hostedzone/*`],
    });
  }
  statements.push(...transitGatewayOwnerStatements(plan, owned));
  const shares = [
    ...hubs.filter((h) => h.profile?.share).map((h) => ({ region: h.region, name: tagName(plan.project, h.name, 'route53-profile') })),
    ...hubs.filter((h) => h.transitGateway?.share).map((h) => ({ region: h.region, name: tagName(plan.project, h.name, 'transit-gateway') })),
  ];
  if (shares.length > 0) {
    push({
      Sid: 'AccountPrincipalsOfHubShares',
      Effect: 'Allow',
      Action: ['ram:AssociateResourceShare', 'ram:DisassociateResourceShare'],
      Resource: [...new Set(shares.map((s) => arn('ram', s.region, 'resource-share/*')))],
      Condition: { StringEquals: { 'ram:ResourceShareName': shares.map((s) => s.name) } },
    });
    push({ Sid: 'ReadShares', Effect: 'Allow', Action: ['ram:GetResourceShareAssociations', 'ram:GetResourceShares'], Resource: ['*'] });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The transit gateway owner's halves (issue 10): accepting attachments, associating them with and
 * propagating them into the hub's two route tables, and (existing gateway, no route tables given)
 * creating those tables. Route tables are scoped by id when the config names them, else by the hub
 * stack's tags; attachments by their transit gateway is not expressible (the attachment ARN is the
 * resource), so they are `transit-gateway-attachment/*` of the owner's account.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
function transitGatewayOwnerStatements(plan: NetworkPlan, owned: HubPlan[]): PolicyStatement[] {
  if (owned.length === 0) return [];
  const owner = owned[0].transitGateway?.owner.id as string;
  const partition = partitionOfRegion(owned[0].region);
  const arn = (region: string, resource: string) => `arn:${partition}:ec2:${region}:${owner}:${resource}`;
  const regions = [...new Set(owned.map((h) => h.region))].sort();
  const attachments = regions.map((r) => arn(r, 'transit-gateway-attachment/*'));
  const out: PolicyStatement[] = [
    { Sid: 'AcceptHubAndSpokeAttachments', Effect: 'Allow', Action: ['ec2:AcceptTransitGatewayVpcAttachment', 'ec2:DeleteTransitGatewayVpcAttachment', 'ec2:CreateTags', 'ec2:DeleteTags'], Resource: attachments },
  ];
  // Accepting with default association and propagation off disassociates the attachment from, and disables
  // its propagation into, the gateway's default route tables (the provider's accepter update:
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment_accepter);
  // IAM has no condition key for a route table's gateway, so they are named by id
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html: transit-gateway-route-table).
  const defaults = owned.flatMap((h) => (h.transitGateway?.defaultRouteTableIds ?? []).map((id) => arn(h.region, `transit-gateway-route-table/${id}`)));
  if (defaults.length > 0) {
    out.push({ Sid: 'UndoDefaultAssociationAndPropagation', Effect: 'Allow', Action: ['ec2:DisassociateTransitGatewayRouteTable', 'ec2:DisableTransitGatewayRouteTablePropagation'], Resource: [...new Set(defaults)].sort().concat(attachments) });
  }
  // Adopted attachments (issue 16): their association is created with replace_existing_association, whose
  // Create disassociates the attachment from the table it has now (provider PR 31452), a table the config
  // does not know: Disassociate on any route table of the owner, for those attachment ids only.
  const adopted = owned.flatMap((h) => [h.adopt?.transitGatewayAttachmentId, ...plan.spokes.filter((s) => s.hub === h.name).map((s) => s.adoptTransitGatewayAttachmentId)].filter((id): id is string => id !== undefined).map((id) => arn(h.region, `transit-gateway-attachment/${id}`)));
  if (adopted.length > 0) {
    out.push({ Sid: 'ReplaceAssociationsOfAdoptedAttachments', Effect: 'Allow', Action: ['ec2:DisassociateTransitGatewayRouteTable'], Resource: [...regions.map((r) => arn(r, 'transit-gateway-route-table/*')), ...[...new Set(adopted)].sort()] });
  }
  const named = owned.flatMap((h) => (h.transitGateway?.routeTables ? [arn(h.region, `transit-gateway-route-table/${h.transitGateway.routeTables.hub}`), arn(h.region, `transit-gateway-route-table/${h.transitGateway.routeTables.spokes}`)] : []));
  const tableActions = ['ec2:AssociateTransitGatewayRouteTable', 'ec2:DisassociateTransitGatewayRouteTable', 'ec2:EnableTransitGatewayRouteTablePropagation', 'ec2:DisableTransitGatewayRouteTablePropagation'];
  if (named.length > 0) out.push({ Sid: 'AssociateAndPropagateInNamedRouteTables', Effect: 'Allow', Action: tableActions, Resource: [...named, ...attachments] });
  const tagged = owned.filter((h) => !h.transitGateway?.routeTables);
  if (tagged.length > 0) {
    const tables = [...new Set(tagged.map((h) => h.region))].map((r) => arn(r, 'transit-gateway-route-table/*'));
    const byHubStack = { StringEquals: { 'aws:ResourceTag/Project': plan.project, 'aws:ResourceTag/Stack': [...new Set(tagged.map((h) => stackNames.hub(h.account.key)))].sort() } };
    out.push({ Sid: 'AssociateAndPropagateInHubRouteTables', Effect: 'Allow', Action: tableActions, Resource: tables, Condition: byHubStack });
    out.push({ Sid: 'AssociateAndPropagateAttachments', Effect: 'Allow', Action: tableActions, Resource: attachments });
    // Route tables of an existing gateway, created by the hub stack through this role.
    const existing = tagged.filter((h) => h.transitGateway?.existingId !== undefined);
    if (existing.length > 0) {
      out.push({ Sid: 'CreateHubRouteTables', Effect: 'Allow', Action: ['ec2:CreateTransitGatewayRouteTable'], Resource: [...existing.map((h) => arn(h.region, `transit-gateway/${h.transitGateway?.existingId}`)), ...tables] });
      out.push({ Sid: 'ManageHubRouteTables', Effect: 'Allow', Action: ['ec2:DeleteTransitGatewayRouteTable', 'ec2:CreateTags', 'ec2:DeleteTags'], Resource: tables, Condition: byHubStack });
    }
  }
  out.push({
    Sid: 'ReadTransitGateway',
    Effect: 'Allow',
    Action: ['ec2:DescribeTransitGateways', 'ec2:DescribeTransitGatewayAttachments', 'ec2:DescribeTransitGatewayVpcAttachments', 'ec2:DescribeTransitGatewayRouteTables', 'ec2:GetTransitGatewayRouteTableAssociations', 'ec2:GetTransitGatewayRouteTablePropagations'],
    Resource: ['*'],
  });
  return out;
}

/** Every action a policy allows. */
export const actionsOf = (doc: PolicyDocument): Set<string> => new Set(doc.Statement.flatMap((s) => s.Action));
