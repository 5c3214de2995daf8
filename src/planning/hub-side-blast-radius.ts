/**
 * The blast radius of a hub-side role: what a compromised pipeline holding it could still do to
 * resources it does not own, derived from the generated policy, never written next to it. Each probe
 * below is something such a pipeline might try (against another team's resource, another spoke's pair
 * half, a shared hub resource), as IAM requests carrying the context AWS would send; the evaluator in
 * src/policy decides each against the role's managed policies. What is allowed is the blast radius,
 * with the reason IAM cannot narrow it; what must be denied (`mustDeny`) is a test of the policy.
 * `vpce-hub iam-policy --blast-radius` prints it; the README's "Trust model of the hub-side role" lists
 * every probe that can remain, and a test keeps the two in step.
 *
 * Reasons cite the Service Authorization Reference rows (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * .../list_amazonroute53.html, .../list_awsresourceaccessmanagerram.html).
 */
import { partitionOfRegion } from '../config/partitions';
import type { PolicyRequest } from '../policy/document';
import { evaluateIdentityPolicies } from '../policy/evaluate';
import { outsiderOf } from '../policy/requests';
import { adoptedAttachments, hubStackTags, sharePrincipals, type PolicyDocument } from './hub-side-policy';
import { awsNames, stackNames, tagName } from './naming';
import { keepsPeering } from './peering-migration';
import type { HubPlan, NetworkPlan } from './plan';

/** Where the probes act: one hub-side role. */
interface ProbeContext {
  plan: NetworkPlan;
  accountKey: string;
  accountId: string;
  /** Hubs in the account, and hubs whose transit gateway the account owns. */
  hubs: HubPlan[];
  owned: HubPlan[];
  /** The actions the policy grants on `*` (reads without resource-level permissions). */
  unscopedReads: string[];
}

export interface Probe {
  id: string;
  /** What a holder of the role would do, in the words of the README. */
  title: string;
  /** Why IAM cannot narrow it, when the policy allows it. */
  why: string;
  /** A must-deny case: every generated policy denies it (a test holds us to that). */
  mustDeny?: true;
  /** Attempts (one per hub or route table), each a list of requests that must all be allowed; [] when the probe does not apply. */
  attempts: (ctx: ProbeContext) => PolicyRequest[][];
}

type Tags = Record<string, string>;

const FOREIGN_TAGS: Tags = { Project: 'other-team', ManagedBy: 'terraform', Name: 'not-vpce-hub' };
const FOREIGN_ACCOUNT_VPC = 'vpc-0f0f0f0f0f0f0f0f0';

function request(ctx: ProbeContext, region: string, action: string, resource: string, context: Record<string, string | string[]> = {}, tags: Tags = {}): PolicyRequest {
  const partition = partitionOfRegion(region);
  const c: Record<string, string | string[]> = { ...context };
  for (const [k, v] of Object.entries(tags)) c[`aws:ResourceTag/${k}`] = v;
  return { principal: { type: 'aws', arn: `arn:${partition}:sts::${ctx.accountId}:assumed-role/hub-side/terraform` }, action, resource, resourceAccount: ctx.accountId, context: c };
}

const ec2Arn = (ctx: ProbeContext, region: string, resource: string, account = ctx.accountId) => `arn:${partitionOfRegion(region)}:ec2:${region}:${account}:${resource}`;
const requestTags = (tags: Tags): Record<string, string | string[]> => ({ ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags).sort() });
/** The tags a pair half carries (its spokes stack's default tags). */
const pairTags = (plan: NetworkPlan, stack: string, name: string): Tags => ({ ...plan.tags, Project: plan.project, ManagedBy: 'vpce-hub', Stack: stack, Name: name });
const hubRouteTable = (ctx: ProbeContext, hub: HubPlan) =>
  hub.existingVpcId !== undefined
    ? hub.routeTables.map((t) => ({ arn: ec2Arn(ctx, hub.region, `route-table/${t.id}`), tags: {} as Tags }))
    : [{ arn: ec2Arn(ctx, hub.region, 'route-table/rtb-0a0a0a0a0a0a0a0a0'), tags: hubStackTags(ctx.plan, hub, tagName(ctx.plan.project, hub.name, 'endpoints')) }];
const endpointGroup = (ctx: ProbeContext, hub: HubPlan) => ({ arn: ec2Arn(ctx, hub.region, 'security-group/sg-0e0e0e0e0e0e0e0e0'), tags: hubStackTags(ctx.plan, hub, awsNames.endpointSecurityGroup(ctx.plan.project, hub.awsName, 1)) });
const otherSpoke = (ctx: ProbeContext, hub: HubPlan) => ctx.plan.spokes.find((s) => s.hub === hub.name && s.crossAccount);
const spokeStack = (ctx: ProbeContext, account: string) => ctx.plan.stacks.find((s) => s.kind === 'spokes' && s.account.key === account)?.name ?? account;
const hubVpcArn = (ctx: ProbeContext, hub: HubPlan) => ec2Arn(ctx, hub.region, `vpc/${hub.existingVpcId ?? 'vpc-0c0c0c0c0c0c0c0c0'}`);
const peeringHubs = (ctx: ProbeContext) => ctx.hubs.filter(keepsPeering);
const attachmentArn = (region: string, account: string) => `arn:${partitionOfRegion(region)}:ec2:${region}:${account}:transit-gateway-attachment/tgw-attach-0d0d0d0d0d0d0d0d0`;
/** The owner's route tables of a hub's gateway: by id when named, else as the hub stack made them. */
const gatewayTables = (ctx: ProbeContext, hub: HubPlan) => {
  const named = hub.transitGateway?.routeTables;
  const tags = named ? {} : { ...hubStackTags(ctx.plan, hub, tagName(ctx.plan.project, hub.name, 'spokes')), Stack: stackNames.hub(hub.account.key) };
  return { spokes: ec2Arn(ctx, hub.region, `transit-gateway-route-table/${named?.spokes ?? 'tgw-rtb-0b0b0b0b0b0b0b0b0'}`), tags };
};
const ownerAttachmentTags = (ctx: ProbeContext, stack: string): Tags => pairTags(ctx.plan, stack, 'attachment');

export const PROBES: readonly Probe[] = [
  // ---- routes --------------------------------------------------------------------------------------
  {
    id: 'route-any-destination',
    title: "replace or delete any route in the hub's route tables, other spokes' and the on-premises routes included",
    why: 'CreateRoute, ReplaceRoute and DeleteRoute are authorized on the route table only; the reference lists no condition key for a route\'s destination or target (route-table: aws:ResourceTag, ec2:RouteTableID, ec2:Vpc)',
    attempts: (ctx) => ctx.hubs.flatMap((h) => hubRouteTable(ctx, h).map((t) => ['ec2:ReplaceRoute', 'ec2:DeleteRoute', 'ec2:CreateRoute'].map((a) => request(ctx, h.region, a, t.arn, {}, t.tags)))),
  },
  {
    id: 'route-foreign-table',
    title: "add, replace or delete a route in a route table that is not the hub's",
    why: '',
    mustDeny: true,
    attempts: (ctx) => ctx.hubs.flatMap((h) => ['ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute'].map((a) => [request(ctx, h.region, a, ec2Arn(ctx, h.region, 'route-table/rtb-0f0f0f0f0f0f0f0f0'), {}, FOREIGN_TAGS)])),
  },
  // ---- security groups -----------------------------------------------------------------------------
  {
    id: 'sg-any-ingress',
    title: 'open the endpoint security groups to any source, port or protocol',
    why: 'AuthorizeSecurityGroupIngress takes no condition key for the rule\'s ports, protocol or source (security-group: aws:ResourceTag, ec2:SecurityGroupID, ec2:Vpc); a rule made without tags is authorized on the group alone',
    attempts: (ctx) => ctx.hubs.map((h) => [request(ctx, h.region, 'ec2:AuthorizeSecurityGroupIngress', endpointGroup(ctx, h).arn, {}, endpointGroup(ctx, h).tags)]),
  },
  {
    id: 'sg-revoke-any-rule',
    title: "revoke any rule of the endpoint security groups: other spokes' and the hub's own",
    why: 'RevokeSecurityGroupIngress is authorized on the group only (the rule is no resource of it in the reference), so no rule\'s tags can be checked',
    attempts: (ctx) => ctx.hubs.map((h) => [request(ctx, h.region, 'ec2:RevokeSecurityGroupIngress', endpointGroup(ctx, h).arn, {}, endpointGroup(ctx, h).tags)]),
  },
  {
    id: 'sg-change-other-spoke-rule',
    title: "change or re-tag another spoke's rule in the endpoint security groups",
    why: "every spokes stack assumes the same role, and every pair's rule carries the same Project and ManagedBy: IAM cannot tell one pipeline's rules from another's (only Stack differs, and the caller is not tied to a stack)",
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const s = otherSpoke(ctx, h);
        if (!s) return [];
        const rule = ec2Arn(ctx, h.region, 'security-group-rule/sgr-0d0d0d0d0d0d0d0d0');
        const tags = pairTags(ctx.plan, spokeStack(ctx, s.account.key), tagName(ctx.plan.project, h.name, 'from', s.name));
        return [
          [request(ctx, h.region, 'ec2:ModifySecurityGroupRules', endpointGroup(ctx, h).arn, {}, endpointGroup(ctx, h).tags), request(ctx, h.region, 'ec2:ModifySecurityGroupRules', rule, {}, tags)],
          [request(ctx, h.region, 'ec2:CreateTags', rule, requestTags({ Name: 'renamed' }), tags)],
          [request(ctx, h.region, 'ec2:DeleteTags', rule, { 'aws:TagKeys': ['Name'] }, tags)],
        ];
      }),
  },
  {
    id: 'sg-hub-rule',
    title: "change, re-tag or untag a rule the hub stack made for its own clients (its VPC, client and on-premises ranges)",
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const rule = ec2Arn(ctx, h.region, 'security-group-rule/sgr-0c0c0c0c0c0c0c0c0');
        const tags = hubStackTags(ctx.plan, h, tagName(ctx.plan.project, h.name, 'from', 'hub-vpc'));
        return [
          [request(ctx, h.region, 'ec2:ModifySecurityGroupRules', rule, {}, tags)],
          [request(ctx, h.region, 'ec2:CreateTags', rule, requestTags({ Stack: 'payments' }), tags)],
          [request(ctx, h.region, 'ec2:DeleteTags', rule, { 'aws:TagKeys': ['Stack'] }, tags)],
        ];
      }),
  },
  {
    id: 'sg-resolver-group',
    title: "add, change or revoke a rule of the Route 53 Resolver's security group",
    why: '',
    mustDeny: true,
    attempts: (ctx) => ctx.hubs.flatMap((h) => groupAttempts(ctx, h, hubStackTags(ctx.plan, h, awsNames.inboundResolver(ctx.plan.project, h.awsName)))),
  },
  {
    id: 'sg-default-group',
    title: "add, change or revoke a rule of the hub VPC's default security group",
    why: '',
    mustDeny: true,
    attempts: (ctx) => ctx.hubs.flatMap((h) => groupAttempts(ctx, h, hubStackTags(ctx.plan, h, tagName(ctx.plan.project, h.name, 'default-deny')))),
  },
  {
    id: 'sg-foreign-group',
    title: 'add, change or revoke a rule of a security group vpce-hub did not make',
    why: '',
    mustDeny: true,
    attempts: (ctx) => ctx.hubs.flatMap((h) => groupAttempts(ctx, h, FOREIGN_TAGS)),
  },
  {
    id: 'rule-foreign-tags',
    title: 'tag, untag or change a security group rule vpce-hub did not make',
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const rule = ec2Arn(ctx, h.region, 'security-group-rule/sgr-0f0f0f0f0f0f0f0f0');
        return [
          [request(ctx, h.region, 'ec2:CreateTags', rule, requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub' }), {})],
          [request(ctx, h.region, 'ec2:DeleteTags', rule, { 'aws:TagKeys': ['Name'] }, FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:ModifySecurityGroupRules', rule, {}, FOREIGN_TAGS)],
        ];
      }),
  },
  // ---- peering -------------------------------------------------------------------------------------
  {
    id: 'peering-foreign-account',
    title: 'request or delete a peering between the hub VPC and a VPC of an account that has no spoke',
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      peeringHubs(ctx).flatMap((h) => {
        const peering = ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0f0f0f0f0f0f0f0f0');
        const vpcs = { 'ec2:RequesterVpc': hubVpcArn(ctx, h), 'ec2:AccepterVpc': ec2Arn(ctx, h.region, `vpc/${FOREIGN_ACCOUNT_VPC}`, outsiderAccount(ctx.plan)) };
        const tags = hubStackTags(ctx.plan, h, tagName(ctx.plan.project, h.name));
        return [
          [request(ctx, h.region, 'ec2:CreateVpcPeeringConnection', hubVpcArn(ctx, h), vpcs, h.existingVpcId ? {} : tags), request(ctx, h.region, 'ec2:CreateVpcPeeringConnection', peering, vpcs)],
          [request(ctx, h.region, 'ec2:DeleteVpcPeeringConnection', peering, vpcs)],
        ];
      }),
  },
  {
    id: 'peering-spoke-account-vpc',
    title: 'request or delete a peering between the hub VPC and any VPC of an account that has a spoke (not only the spoke VPCs)',
    why: "the per-VPC list of accepters needed more managed policies than a role takes by default, so ec2:AccepterVpc names vpc/* of each spoke account and region (planning/hub-side-policy-size.ts)",
    attempts: (ctx) =>
      peeringHubs(ctx).flatMap((h) => {
        const s = otherSpoke(ctx, h);
        if (!s) return [];
        const peering = ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0e0e0e0e0e0e0e0e0');
        const vpcs = { 'ec2:RequesterVpc': hubVpcArn(ctx, h), 'ec2:AccepterVpc': ec2Arn(ctx, s.region, `vpc/${FOREIGN_ACCOUNT_VPC}`, s.account.id) };
        return [[request(ctx, h.region, 'ec2:DeleteVpcPeeringConnection', peering, vpcs)]];
      }),
  },
  {
    id: 'peering-other-spoke',
    title: "delete or re-tag another spoke's peering connection",
    why: "every spokes stack assumes the same role, and every pair's peering has a hub VPC as requester and a configured spoke VPC as accepter: IAM cannot tell one pipeline's pairs from another's",
    attempts: (ctx) =>
      peeringHubs(ctx).flatMap((h) => {
        const s = otherSpoke(ctx, h);
        if (!s) return [];
        const peering = ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0d0d0d0d0d0d0d0d0');
        const vpcs = { 'ec2:RequesterVpc': hubVpcArn(ctx, h), 'ec2:AccepterVpc': ec2Arn(ctx, s.region, `vpc/${s.vpcId}`, s.account.id) };
        const tags = pairTags(ctx.plan, spokeStack(ctx, s.account.key), tagName(ctx.plan.project, h.name, 'to', s.name));
        return [[request(ctx, h.region, 'ec2:DeleteVpcPeeringConnection', peering, vpcs, tags)], [request(ctx, h.region, 'ec2:CreateTags', peering, { ...requestTags({ Name: 'renamed' }), ...vpcs }, tags)]];
      }),
  },
  {
    id: 'peering-other-hub-account-vpc',
    title: "delete a peering between another VPC of the hub account and a spoke VPC",
    why: "a created hub VPC's id exists only after the hub stack's apply, so ec2:RequesterVpc can name only vpc/* of the hub account's region",
    attempts: (ctx) =>
      peeringHubs(ctx).flatMap((h) => {
        const s = otherSpoke(ctx, h);
        if (!s) return [];
        const vpcs = { 'ec2:RequesterVpc': ec2Arn(ctx, h.region, 'vpc/vpc-0b0b0b0b0b0b0b0b0'), 'ec2:AccepterVpc': ec2Arn(ctx, s.region, `vpc/${s.vpcId}`, s.account.id) };
        return [[request(ctx, h.region, 'ec2:DeleteVpcPeeringConnection', ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0b0b0b0b0b0b0b0b0'), vpcs)]];
      }),
  },
  {
    id: 'peering-tag-untagged',
    title: 'write vpce-hub\'s tags on a peering connection that carries none of them',
    why: 'an adopted peering (spokes.<spoke>.adopt) carries none of vpce-hub\'s tags until Terraform tags it, so CreateTags allows a peering without a Project or ManagedBy; the tags grant nothing else (deleting a peering is limited by its requester and accepter VPCs)',
    attempts: (ctx) => peeringHubs(ctx).map((h) => [request(ctx, h.region, 'ec2:CreateTags', ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0a0a0a0a0a0a0a0a0'), requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub', Name: 'x' }), { Name: 'hand-made' })]),
  },
  {
    id: 'peering-foreign-tags',
    title: 'overwrite or remove the tags of a peering connection another team tagged',
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      peeringHubs(ctx).flatMap((h) => {
        const peering = ec2Arn(ctx, h.region, 'vpc-peering-connection/pcx-0f0f0f0f0f0f0f0f0');
        return [[request(ctx, h.region, 'ec2:CreateTags', peering, requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub' }), FOREIGN_TAGS)], [request(ctx, h.region, 'ec2:DeleteTags', peering, { 'aws:TagKeys': ['Project'] }, FOREIGN_TAGS)]];
      }),
  },
  // ---- Route 53 ------------------------------------------------------------------------------------
  {
    id: 'zone-any-zone',
    title: 'authorize a spoke VPC to associate with any private hosted zone of the hub account (not only vpce-hub\'s), remove such authorizations, and list the authorizations of any zone',
    why: 'the hosted zone takes no condition key in these rows (hostedzone: none), and the zone ids exist only after the hub stack\'s apply: the resource is hostedzone/*',
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const s = otherSpoke(ctx, h);
        const zone = `arn:${partitionOfRegion(h.region)}:route53:::hostedzone/Z0FOREIGNZONE00`;
        return [
          ...(s && h.zoneAssociations
            ? ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization'].map((a) => [request(ctx, h.region, a, zone, { 'route53:VPCs': `VPCId=${s.vpcId},VPCRegion=${s.region}` })])
            : []),
          [request(ctx, h.region, 'route53:ListVPCAssociationAuthorizations', zone)],
        ];
      }),
  },
  {
    id: 'zone-foreign-vpc',
    title: 'authorize a VPC of a region without spokes to associate with a hub zone',
    why: '',
    mustDeny: true,
    // A region none of the config's spokes is in (the per-VPC form denies any VPC no spoke has; the
    // per-region form, zone-region-vpc, any VPC of a region without spokes).
    attempts: (ctx) => ctx.hubs.map((h) => [request(ctx, h.region, 'route53:CreateVPCAssociationAuthorization', `arn:${partitionOfRegion(h.region)}:route53:::hostedzone/Z0HUBZONE000000`, { 'route53:VPCs': `VPCId=${FOREIGN_ACCOUNT_VPC},VPCRegion=${regionWithoutSpokes(ctx.plan)}` })]),
  },
  {
    id: 'zone-region-vpc',
    title: "authorize any VPC of a spoke's region to associate with a hub zone",
    why: 'route53:VPCs carries no account; the per-VPC list needed more managed policies than a role takes by default, so it names VPCId=* of each spoke region (planning/hub-side-policy-size.ts)',
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const s = otherSpoke(ctx, h);
        return s && h.zoneAssociations ? [[request(ctx, h.region, 'route53:CreateVPCAssociationAuthorization', `arn:${partitionOfRegion(h.region)}:route53:::hostedzone/Z0HUBZONE000000`, { 'route53:VPCs': `VPCId=${FOREIGN_ACCOUNT_VPC},VPCRegion=${s.region}` })]] : [];
      }),
  },
  // ---- RAM -----------------------------------------------------------------------------------------
  {
    id: 'ram-foreign-principal',
    title: 'add an account that has no spoke, or a resource, to a hub share',
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) => {
        const share = `arn:${partitionOfRegion(h.region)}:ram:${h.region}:${ctx.accountId}:resource-share/0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a`;
        const name = sharePrincipals(ctx.plan, h)[0]?.share ?? awsNames.profileShare(ctx.plan.project, h.name);
        const spoke = sharePrincipals(ctx.plan, h)[0]?.account ?? outsiderAccount(ctx.plan);
        return [
          [request(ctx, h.region, 'ram:AssociateResourceShare', share, { 'ram:ResourceShareName': name, 'ram:Principal': outsiderAccount(ctx.plan) })],
          [request(ctx, h.region, 'ram:AssociateResourceShare', share, { 'ram:ResourceShareName': name, 'ram:Principal': spoke, 'ram:ResourceArn': `arn:${partitionOfRegion(h.region)}:ec2:${h.region}:${ctx.accountId}:subnet/subnet-0f0f0f0f0f0f0f0f0` })],
        ];
      }),
  },
  {
    id: 'ram-other-spoke-principal',
    title: "remove another spoke account from a hub share",
    why: "every spokes stack assumes the same role, and ram:Principal lists every spoke account that is its own principal: IAM cannot tell which pipeline is calling",
    attempts: (ctx) =>
      ctx.hubs.flatMap((h) =>
        sharePrincipals(ctx.plan, h)
          .slice(0, 1)
          .map((p) => [request(ctx, h.region, 'ram:DisassociateResourceShare', `arn:${partitionOfRegion(h.region)}:ram:${h.region}:${ctx.accountId}:resource-share/0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b`, { 'ram:ResourceShareName': p.share, 'ram:Principal': p.account })]),
      ),
  },
  // ---- transit gateway owner -----------------------------------------------------------------------
  {
    id: 'attachment-accept-any',
    title: "accept any attachment request pending on the owner's transit gateways",
    why: "an attachment carries none of the owner's tags before its acceptance (tags of a shared attachment are per account, and AcceptTransitGatewayVpcAttachment takes none), and its id exists only after the spoke's apply (transit-gateway-attachment: aws:ResourceTag, ec2:transitGatewayAttachmentId)",
    attempts: (ctx) => ctx.owned.map((h) => [request(ctx, h.region, 'ec2:AcceptTransitGatewayVpcAttachment', attachmentArn(h.region, outsiderAccount(ctx.plan)))]),
  },
  {
    id: 'attachment-relabel-untagged',
    title: "write vpce-hub's tags on an attachment that carries no Project or ManagedBy tag in the owner's account, then delete, associate, disassociate or propagate it",
    why: "the owner's tags are written right after the acceptance (or, with auto-accept, by aws_ec2_tag), to an attachment that has none yet: IAM cannot tell another team's untagged attachment from one just accepted. Tag the organization's other attachments with their own Project or ManagedBy, which the role can never overwrite",
    attempts: (ctx) =>
      ctx.owned.map((h) => {
        const a = attachmentArn(h.region, outsiderAccount(ctx.plan));
        const ours = { Project: ctx.plan.project, ManagedBy: 'vpce-hub' };
        const t = gatewayTables(ctx, h);
        return [
          request(ctx, h.region, 'ec2:CreateTags', a, requestTags(ours), { Name: 'dx-attachment' }),
          request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', a, {}, { ...ours, Name: 'dx-attachment' }),
          request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', t.spokes, {}, t.tags),
        ];
      }),
  },
  {
    id: 'attachment-foreign-tagged',
    title: "delete, associate, propagate or re-tag an attachment carrying another team's Project or ManagedBy (Direct Connect, VPN, other VPCs)",
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.owned.flatMap((h) => {
        const a = attachmentArn(h.region, outsiderAccount(ctx.plan));
        const t = gatewayTables(ctx, h);
        return [
          [request(ctx, h.region, 'ec2:DeleteTransitGatewayVpcAttachment', a, {}, FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', t.spokes, {}, t.tags), request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', a, {}, FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:AssociateTransitGatewayRouteTable', t.spokes, {}, t.tags), request(ctx, h.region, 'ec2:AssociateTransitGatewayRouteTable', a, {}, FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:CreateTags', a, requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub' }), FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:DeleteTags', a, { 'aws:TagKeys': ['ManagedBy'] }, FOREIGN_TAGS)],
          // Out of another team's table (what an adopted attachment's association replacement may do to ours).
          [request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', ec2Arn(ctx, h.region, 'transit-gateway-route-table/tgw-rtb-0f0f0f0f0f0f0f0f0'), {}, FOREIGN_TAGS), request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', a, {}, FOREIGN_TAGS)],
          ...(h.transitGateway?.defaultRouteTableIds ?? []).map((id) => [request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', ec2Arn(ctx, h.region, `transit-gateway-route-table/${id}`)), request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', a, {}, FOREIGN_TAGS)]),
          ...(h.transitGateway?.defaultRouteTableIds ?? []).map((id) => [request(ctx, h.region, 'ec2:DisableTransitGatewayRouteTablePropagation', ec2Arn(ctx, h.region, `transit-gateway-route-table/${id}`)), request(ctx, h.region, 'ec2:DisableTransitGatewayRouteTablePropagation', a, {}, FOREIGN_TAGS)]),
        ];
      }),
  },
  {
    id: 'attachment-other-spoke',
    title: "disassociate, stop propagating or delete another spoke's attachment",
    why: "every spokes stack assumes the same role, and every pair's attachment carries the same Project and ManagedBy in the owner's account: IAM cannot tell one pipeline's attachments from another's",
    attempts: (ctx) =>
      ctx.owned.flatMap((h) => {
        const s = ctx.plan.spokes.find((x) => x.hub === h.name && x.account.key !== ctx.accountKey);
        if (!s) return [];
        const a = attachmentArn(h.region, s.account.id);
        const tags = ownerAttachmentTags(ctx, spokeStack(ctx, s.account.key));
        const t = gatewayTables(ctx, h);
        return ['ec2:DisassociateTransitGatewayRouteTable', 'ec2:DisableTransitGatewayRouteTablePropagation'].map((action) => [request(ctx, h.region, action, t.spokes, {}, t.tags), request(ctx, h.region, action, a, {}, tags)]).concat([[request(ctx, h.region, 'ec2:DeleteTransitGatewayVpcAttachment', a, {}, tags)]]);
      }),
  },
  {
    id: 'attachment-adopted-retag',
    title: "rewrite or remove any tag of the attachments the config adopts (adopt.transitGatewayAttachmentId), whoever wrote it",
    why: "an adopted attachment carries whatever tags it had in the owner's account (another team's Project or ManagedBy included) until its imported accepter's first update replaces them, deleting the keys vpce-hub does not write (tags_all is authoritative): those attachments are named by id, and only them",
    attempts: (ctx) =>
      ctx.owned.flatMap((h) =>
        adoptedAttachments(ctx.plan, h).map((id) => {
          const a = `arn:${partitionOfRegion(h.region)}:ec2:${h.region}:${ctx.accountId}:transit-gateway-attachment/${id}`;
          return [request(ctx, h.region, 'ec2:DeleteTags', a, { 'aws:TagKeys': ['CostCenter'] }, { ...FOREIGN_TAGS, CostCenter: 'network' }), request(ctx, h.region, 'ec2:CreateTags', a, requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub' }), FOREIGN_TAGS)];
        }),
      ),
  },
  {
    id: 'attachment-out-of-any-table',
    title: "take one of vpce-hub's attachments out of any route table of the owner's gateways, another team's included (where the config adopts attachments)",
    why: "an adopted attachment's association is created with replace_existing_association, which first disassociates it from the table it is in now, a table the config does not know; DisassociateTransitGatewayRouteTable is authorized on the route table and the attachment separately, and transit-gateway-route-table takes no key that names the attachment (aws:ResourceTag only). The attachment must still carry vpce-hub's tags",
    attempts: (ctx) =>
      ctx.owned
        .filter((h) => adoptedAttachments(ctx.plan, h).length > 0)
        .map((h) => {
          const s = ctx.plan.spokes.find((x) => x.hub === h.name && x.account.key !== ctx.accountKey);
          const a = attachmentArn(h.region, s?.account.id ?? h.account.id);
          const table = ec2Arn(ctx, h.region, 'transit-gateway-route-table/tgw-rtb-0f0f0f0f0f0f0f0f0');
          return [request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', table, {}, FOREIGN_TAGS), request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', a, {}, ownerAttachmentTags(ctx, s ? spokeStack(ctx, s.account.key) : stackNames.hub(h.account.key)))];
        }),
  },
  {
    id: 'attachment-hub-in-owner-account',
    title: "disassociate, stop propagating, re-tag or delete the attachment of a hub in the transit gateway owner's own account",
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.owned
        .filter((h) => h.account.key === ctx.accountKey)
        .flatMap((h) => {
          const a = attachmentArn(h.region, ctx.accountId);
          const tags = ownerAttachmentTags(ctx, stackNames.hub(ctx.accountKey));
          const t = gatewayTables(ctx, h);
          return [
            ...['ec2:DisassociateTransitGatewayRouteTable', 'ec2:DisableTransitGatewayRouteTablePropagation'].map((action) => [request(ctx, h.region, action, t.spokes, {}, t.tags), request(ctx, h.region, action, a, {}, tags)]),
            [request(ctx, h.region, 'ec2:DeleteTransitGatewayVpcAttachment', a, {}, tags)],
            [request(ctx, h.region, 'ec2:CreateTags', a, requestTags({ Name: 'renamed' }), tags)],
            [request(ctx, h.region, 'ec2:DeleteTags', a, { 'aws:TagKeys': ['Name'] }, tags)],
          ];
        }),
  },
  {
    id: 'attachment-hub-in-other-account',
    title: "disassociate, stop propagating or delete the hub VPC's attachment when the hub is in another account than the transit gateway",
    why: "that hub's stack accepts, associates and propagates its attachment through this same role, so the role must act on an attachment tagged by a hub stack; IAM cannot tell that stack's pipeline from a spokes stack's",
    attempts: (ctx) =>
      ctx.owned
        .filter((h) => h.account.key !== ctx.accountKey)
        .map((h) => {
          const a = attachmentArn(h.region, h.account.id);
          const t = gatewayTables(ctx, h);
          return [request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', t.spokes, {}, t.tags), request(ctx, h.region, 'ec2:DisassociateTransitGatewayRouteTable', a, {}, ownerAttachmentTags(ctx, stackNames.hub(h.account.key)))];
        }),
  },
  {
    id: 'gateway-foreign-table',
    title: "associate an attachment with, or propagate it into, a route table that is not the hub's; create, delete or re-tag route tables vpce-hub did not make",
    why: '',
    mustDeny: true,
    attempts: (ctx) =>
      ctx.owned.flatMap((h) => {
        const own = attachmentArn(h.region, ctx.accountId);
        const tags = ownerAttachmentTags(ctx, stackNames.hub(h.account.key));
        const table = ec2Arn(ctx, h.region, 'transit-gateway-route-table/tgw-rtb-0f0f0f0f0f0f0f0f0');
        return [
          [request(ctx, h.region, 'ec2:AssociateTransitGatewayRouteTable', table, {}, FOREIGN_TAGS), request(ctx, h.region, 'ec2:AssociateTransitGatewayRouteTable', own, {}, tags)],
          [request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', table, {}, FOREIGN_TAGS), request(ctx, h.region, 'ec2:EnableTransitGatewayRouteTablePropagation', own, {}, tags)],
          [request(ctx, h.region, 'ec2:CreateTransitGatewayRouteTable', ec2Arn(ctx, h.region, 'transit-gateway/tgw-0f0f0f0f0f0f0f0f0'), requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub', Stack: stackNames.hub(h.account.key) })), request(ctx, h.region, 'ec2:CreateTransitGatewayRouteTable', table, requestTags({ Project: ctx.plan.project, ManagedBy: 'vpce-hub', Stack: stackNames.hub(h.account.key) }))],
          [request(ctx, h.region, 'ec2:DeleteTransitGatewayRouteTable', table, {}, FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:CreateTags', table, requestTags({ Project: ctx.plan.project }), FOREIGN_TAGS)],
          [request(ctx, h.region, 'ec2:DeleteTags', table, { 'aws:TagKeys': ['Project'] }, FOREIGN_TAGS)],
        ];
      }),
  },
  // ---- reads ---------------------------------------------------------------------------------------
  {
    id: 'read-account',
    title: "read the route tables, security group rules, peering connections, transit gateways with their attachments and route tables, tags and RAM shares of the whole account, as far as the role reads them",
    why: 'these Describe*, Get* and List* actions take no resource in the reference (no resource type in their rows): they cannot be scoped',
    attempts: (ctx) => {
      const region = (ctx.hubs[0] ?? ctx.owned[0]).region;
      return ctx.unscopedReads.map((a) => [request(ctx, region, a, '*')]);
    },
  },
];

/** Rule attempts on one security group: add, change, revoke. */
function groupAttempts(ctx: ProbeContext, h: HubPlan, tags: Tags): PolicyRequest[][] {
  const group = ec2Arn(ctx, h.region, 'security-group/sg-0f0f0f0f0f0f0f0f0');
  return ['ec2:AuthorizeSecurityGroupIngress', 'ec2:ModifySecurityGroupRules', 'ec2:RevokeSecurityGroupIngress'].map((a) => [request(ctx, h.region, a, group, {}, tags)]);
}

/** A commercial region none of the config's spokes is in. */
function regionWithoutSpokes(plan: NetworkPlan): string {
  const used = new Set(plan.spokes.map((s) => s.region));
  return ['ap-southeast-4', 'me-central-1', 'sa-east-1', 'af-south-1'].find((r) => !used.has(r)) ?? 'il-central-1';
}

/** An account id that appears nowhere in the config (requests.ts): the probes' "no spoke there". */
const outsiderAccount = (plan: NetworkPlan): string => outsiderOf(plan).account;

export interface BlastRadiusItem {
  id: string;
  title: string;
  why: string;
  /** The actions of the allowed attempts. */
  actions: string[];
  /** The statements that allow it (Sids). */
  statements: string[];
}

export interface BlastRadius {
  account: string;
  /** What remains: probes the policy allows. */
  items: BlastRadiusItem[];
  /** Must-deny probes the policy allows: a vpce-hub bug, never expected (a test holds us to none). */
  violations: BlastRadiusItem[];
  /** Every action the probes tried (to prove each action of the policy was probed). */
  probedActions: Set<string>;
}

/** The blast radius of the role of `accountKey` with these managed policies. */
export function blastRadius(plan: NetworkPlan, accountKey: string, documents: readonly PolicyDocument[]): BlastRadius {
  const hubs = plan.hubs.filter((h) => h.account.key === accountKey);
  const owned = plan.hubs.filter((h) => h.transitGateway?.owner.key === accountKey);
  const accountId = hubs[0]?.account.id ?? (owned[0]?.transitGateway?.owner.id as string);
  const unscopedReads = [...new Set(documents.flatMap((d) => d.Statement.filter((s) => s.Resource.includes('*')).flatMap((s) => s.Action)))].sort();
  const ctx: ProbeContext = { plan, accountKey, accountId, hubs, owned, unscopedReads };
  const items: BlastRadiusItem[] = [];
  const violations: BlastRadiusItem[] = [];
  const probedActions = new Set<string>();
  for (const probe of PROBES) {
    const statements = new Set<string>();
    const actions = new Set<string>();
    let allowed = false;
    for (const attempt of probe.attempts(ctx)) {
      for (const r of attempt) probedActions.add(r.action);
      const decisions = attempt.map((r) => evaluateIdentityPolicies(documents, r));
      if (decisions.every((d) => d.decision === 'allow')) {
        allowed = true;
        for (const d of decisions) if (d.decision === 'allow') statements.add(d.statement);
        for (const r of attempt) actions.add(r.action);
      }
    }
    if (!allowed) continue;
    const item = { id: probe.id, title: probe.title, why: probe.why, actions: [...actions].sort(), statements: [...statements].sort() };
    (probe.mustDeny ? violations : items).push(item);
  }
  return { account: accountKey, items, violations, probedActions };
}

/** `vpce-hub iam-policy --blast-radius`: per role, what remains and why. */
export function formatBlastRadius(radii: readonly BlastRadius[]): string {
  const lines: string[] = [];
  for (const r of radii) {
    lines.push(`Hub-side role of account ${r.account}: what a pipeline holding it can still do to resources it does not own`);
    for (const i of r.items) lines.push(`- ${i.title}`, `  why IAM cannot narrow it: ${i.why}`, `  actions: ${i.actions.join(', ')}`, `  allowed by: ${i.statements.join(', ')}`);
    for (const v of r.violations) lines.push(`- VIOLATION (a vpce-hub bug, please report): ${v.title} is allowed by ${v.statements.join(', ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The README's list (Trust model of the hub-side role): every probe that can remain, with its reason. */
export function blastRadiusCatalogue(): string {
  return PROBES.filter((p) => !p.mustDeny)
    .map((p) => `- ${p.title}. *Why:* ${p.why}.`)
    .join('\n');
}

export const BLAST_RADIUS_MARKERS = { start: '<!-- blast-radius:start -->', end: '<!-- blast-radius:end -->' } as const;

/** README text with the list between the markers replaced by blastRadiusCatalogue(). */
export function withBlastRadiusCatalogue(readme: string): string {
  const start = readme.indexOf(BLAST_RADIUS_MARKERS.start);
  const end = readme.indexOf(BLAST_RADIUS_MARKERS.end);
  if (start < 0 || end < start) throw new Error('README has no blast-radius markers');
  return `${readme.slice(0, start + BLAST_RADIUS_MARKERS.start.length)}\n${blastRadiusCatalogue()}\n${readme.slice(end)}`;
}
