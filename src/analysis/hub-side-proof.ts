/**
 * The sufficiency proof of the hub-side role's policy: every API call Terraform makes (create, read,
 * update of tags and in place, delete) for every resource a synthesized stack creates through a
 * provider of another account, from the one table of planning/hub-side-api-calls.ts, as IAM requests
 * (one per resource the call is authorized on) with the context the call really carries: the tags the
 * target resources carry at that moment (their provider's default_tags merged with their own `tags`,
 * followed through remote-state outputs to the hub stack that made them), the tags the request writes,
 * `ec2:CreateAction`, the peering's VPCs, Route 53's `route53:VPCs`, RAM's principal and share name.
 * Each request is evaluated against the role's managed policies with src/policy (identity policies);
 * a call is allowed only when every one of its requests is. Pure: no AWS, no I/O.
 *
 * What the tree cannot say is modelled from the config: an existing resource named by id (a route
 * table, a transit gateway, its route tables) carries none of our tags, and its ARN is built from the id;
 * ids that exist only after an apply are deterministic placeholders of the right form.
 *
 * Imported resources (the stack's `import` blocks: adopted attachments and their accepters) are never
 * created: their first apply is a read and an update. An adopted attachment carries, in the owner's
 * account, whatever tags it had (ADOPTED_TAGS: another team's, the case IAM is strictest on) until its
 * imported accepter's first update replaces them with ours; everything after that update sees ours.
 */
import { partitionOfRegion } from '../config/partitions';
import { callsOf, isHubSideResourceType, type ApiCall, type ContextSource, type IamResourceType, type Locator } from '../planning/hub-side-api-calls';
import type { PolicyDocument as HubSideDocument } from '../planning/hub-side-policy';
import type { NetworkPlan } from '../planning/plan';
import type { PolicyRequest } from '../policy/document';
import { evaluateIdentityPolicies, type Decision } from '../policy/evaluate';
import { isArray, isObject, obj, str, strList, type Json, type JsonObject } from './json-value';
import { providerOf, resolveExpression, type SynthTree, type TfResource } from './tree';

/** One IAM request of one call. */
export interface HubSideCheck {
  stack: string;
  /** `aws_route.hub_main_endpoints_to_payments_10_1_0_0_16` */
  address: string;
  phase: ApiCall['phase'];
  action: string;
  resource: string;
  /** The hub-side role's account id. */
  account: string;
  request: PolicyRequest;
  decision: Decision;
}

export interface HubSideProof {
  /** Every request of every call, allowed or not. */
  checks: HubSideCheck[];
  /** The requests the policy does not allow (each a call that would fail at apply with AccessDenied). */
  denied: HubSideCheck[];
  /** Hub-side resources the table has no rows for, or whose calls could not be built: never silently skipped. */
  unknown: Array<{ stack: string; address: string; reason: string }>;
}

/**
 * `policies`: the managed policies of each hub-side role, by account id (vpce-hub iam-policy's
 * documents for that account).
 */
export function proveHubSidePolicies(tree: SynthTree, plan: NetworkPlan, policies: ReadonlyMap<string, readonly HubSideDocument[]>): HubSideProof {
  const checks: HubSideCheck[] = [];
  const unknown: HubSideProof['unknown'] = [];
  const stackAccount = new Map(plan.stacks.map((s) => [s.name, s.account.id]));
  for (const stack of tree.stacks.values()) {
    for (const resource of stack.resources) {
      const provider = providerOf(tree, resource);
      const account = provider?.allowedAccountIds?.[0];
      if (!provider || account === undefined || account === stackAccount.get(stack.name)) continue;
      if (!isHubSideResourceType(resource.type)) {
        unknown.push({ stack: stack.name, address: resource.address, reason: `no API calls are listed for ${resource.type} (planning/hub-side-api-calls.ts)` });
        continue;
      }
      const docs = policies.get(account);
      if (!docs) {
        unknown.push({ stack: stack.name, address: resource.address, reason: `no hub-side policy for account ${account}` });
        continue;
      }
      const model = new ResourceModel(tree, plan, resource, account, provider.region ?? '');
      const imported = importIdOf(tree, resource) !== undefined;
      for (const call of callsOf(resource.type)) {
        // An imported resource is taken over, never created (its Create would fail anyway: an accepted attachment cannot be accepted again).
        if (imported && call.phase === 'create') continue;
        let requests: PolicyRequest[][];
        try {
          requests = model.requests(call);
        } catch (e) {
          unknown.push({ stack: stack.name, address: resource.address, reason: `${call.action}: ${(e as Error).message}` });
          continue;
        }
        for (const variant of requests) {
          for (const request of variant) {
            checks.push({ stack: stack.name, address: resource.address, phase: call.phase, action: call.action, resource: request.resource, account, request, decision: evaluateIdentityPolicies(docs, request) });
          }
        }
      }
    }
  }
  return { checks, denied: checks.filter((c) => c.decision.decision !== 'allow'), unknown };
}

type Tags = Record<string, string>;

/** An IAM resource a call acts on: its ARN and the tags it carries when the call is made. */
interface Target {
  arn: string;
  account: string;
  tags: Tags;
}

/** Reserved tag keys vpce-hub writes itself (planning/tags.ts): a tag removal never removes them. */
const OWNERSHIP_KEYS = new Set(['Project', 'ManagedBy', 'Stack']);

/**
 * What an adopted attachment (or the route table it is associated with before vpce-hub replaces that
 * association) carries in the owner's account before vpce-hub writes anything: unknown to the config, so
 * another team's ownership tags and a key vpce-hub never writes.
 */
export const ADOPTED_TAGS: Readonly<Tags> = { Project: 'network-team', ManagedBy: 'console', Name: 'attached-before-vpce-hub', CostCenter: 'network' };

/**
 * When a call is made: `steady` (the resource is in the state, with its tags), or `import` (the first
 * update of an imported resource, before its tag update has written ours on the target).
 */
type Moment = 'steady' | 'import';

class ResourceModel {
  private readonly partition: string;

  constructor(
    private readonly tree: SynthTree,
    private readonly plan: NetworkPlan,
    private readonly resource: TfResource,
    private readonly account: string,
    private readonly region: string,
  ) {
    this.partition = partitionOfRegion(region);
  }

  /**
   * The requests of one call: a list of variants (a call made once per default route table, and, for an
   * imported resource's tag update, at its import and afterwards), each a list of requests that must all
   * be allowed.
   */
  requests(call: ApiCall): PolicyRequest[][] {
    const moments: Moment[] = importIdOf(this.tree, this.resource) !== undefined && call.phase === 'update' && (call.action === 'ec2:CreateTags' || call.action === 'ec2:DeleteTags') ? ['import', 'steady'] : ['steady'];
    const variants = moments.flatMap((moment) => this.variants(call).map((defaults) => ({ moment, defaults })));
    return variants.map(({ moment, defaults }) => {
      const targets = call.on.length === 0 ? [undefined] : call.on;
      return targets.map((t) => {
        const target = t === undefined ? undefined : this.target(call, t.type, t.id, defaults, moment);
        const context: Record<string, string | string[]> = { ...this.context(call, moment) };
        // Route 53 passes no resource tags for these actions (hostedzone lists no aws:ResourceTag).
        if (t?.type !== 'hostedzone') for (const [k, v] of Object.entries(target?.tags ?? {})) context[`aws:ResourceTag/${k}`] = v;
        return {
          principal: { type: 'aws', arn: `arn:${this.partition}:sts::${this.account}:assumed-role/hub-side/terraform` },
          action: call.action,
          resource: target?.arn ?? '*',
          resourceAccount: target?.account ?? this.account,
          context,
        };
      });
    });
  }

  /**
   * The accepter undoes the gateway's default association and propagation on each default table the
   * config names; an association replaces another only with replace_existing_association.
   */
  private variants(call: ApiCall): Array<string | undefined> {
    // Only an association with replace_existing_association replaces the one its attachment has.
    if (call.only === 'replace-existing-association') return this.resource.body.replace_existing_association === true ? [undefined] : [];
    if (call.only !== 'gateway-has-default-association' && call.only !== 'gateway-has-default-propagation') return [undefined];
    const gateway = this.gatewayOfAttachment();
    const hub = this.plan.hubs.find((h) => h.transitGateway?.existingId !== undefined && h.transitGateway.existingId === gateway);
    return hub?.transitGateway?.defaultRouteTableIds ?? [];
  }

  private target(call: ApiCall, type: IamResourceType, id: Locator, defaultTable: string | undefined, moment: Moment): Target {
    if (id === 'self') {
      // A new resource has no tags yet; afterwards it carries its tags_all.
      return { arn: this.arn(type, this.region, this.account, placeholder(type, `${this.resource.stack}/${this.resource.address}`)), account: this.account, tags: call.phase === 'create' ? {} : tagsAll(this.tree, this.resource) };
    }
    if ('defaultRouteTable' in id) {
      if (defaultTable === undefined) throw new Error('no default route table');
      return { arn: this.arn(type, this.region, this.account, defaultTable), account: this.account, tags: {} };
    }
    if ('currentRouteTable' in id) {
      // replace_existing_association: the table the attachment is in now, which the config does not name.
      return { arn: this.arn(type, this.region, this.account, placeholder(type, `current/${this.resource.stack}/${this.resource.address}`)), account: this.account, tags: { ...ADOPTED_TAGS } };
    }
    const value = this.resource.body[id.attribute];
    if (type === 'transit-gateway-attachment') return this.attachment(call, value, moment);
    const r = resolveExpression(this.tree, this.resource.stack, value);
    if (r.kind === 'literal' && typeof r.value === 'string') {
      // An existing resource named by id in the config: none of our tags.
      const literalId = type === 'hostedzone' ? r.value.replace(/^\/?hostedzone\//, '') : r.value;
      return type === 'resource-share' ? { arn: r.value, account: this.account, tags: {} } : { arn: this.arn(type, this.region, this.account, literalId), account: this.account, tags: {} };
    }
    if (r.kind === 'resource') {
      const p = providerOf(this.tree, r.resource);
      const account = p?.allowedAccountIds?.[0] ?? this.account;
      const region = p?.region ?? this.region;
      return { arn: this.arn(type, region, account, placeholder(type, `${r.resource.stack}/${r.resource.address}`)), account, tags: tagsAll(this.tree, r.resource) };
    }
    throw new Error(`${id.attribute} of ${this.resource.address} does not resolve (${r.kind === 'unresolved' ? r.reason : r.kind})`);
  }

  /**
   * A transit gateway attachment as the owner's account sees it: tags are per account, so the owner
   * sees the creator's tags only when it created the attachment itself; otherwise the tags its accepter
   * (or its aws_ec2_tag resources) wrote, and none before they did.
   */
  private attachment(call: ApiCall, value: Json | undefined, moment: Moment): Target {
    const r = resolveExpression(this.tree, this.resource.stack, value);
    if (r.kind === 'literal' && typeof r.value === 'string') return { arn: this.arn('transit-gateway-attachment', this.region, this.account, r.value), account: this.account, tags: {} };
    if (r.kind !== 'resource') throw new Error(`the attachment of ${this.resource.address} does not resolve`);
    const attachment = r.resource;
    const p = providerOf(this.tree, attachment);
    const creator = p?.allowedAccountIds?.[0] ?? this.account;
    // The ARN names the VPC's account (the attachment's ResourceOwnerId; the policy takes any account
    // there), while the owner authorizes the call in its own account, on its own gateway. An adopted
    // attachment has its real id (its import block's).
    const arn = this.arn('transit-gateway-attachment', p?.region ?? this.region, creator, importIdOf(this.tree, attachment) ?? placeholder('transit-gateway-attachment', `${attachment.stack}/${attachment.address}`));
    return { arn, account: this.account, tags: this.ownerTags(call, attachment, creator, moment) };
  }

  private ownerTags(call: ApiCall, attachment: TfResource, creator: string, moment: Moment): Tags {
    if (creator === this.account) return tagsAll(this.tree, attachment);
    const type = this.resource.type;
    if (type === 'aws_ec2_transit_gateway_vpc_attachment_accepter' && moment === 'import') {
      // The imported accepter's first tag update: DeleteTags of the keys we do not write sees the
      // attachment as it was; CreateTags sees what the removal left.
      if (call.action === 'ec2:DeleteTags') return { ...ADOPTED_TAGS };
      const mine = tagsAll(this.tree, this.resource);
      return Object.fromEntries(Object.entries(ADOPTED_TAGS).filter(([k]) => k in mine));
    }
    if (type === 'aws_ec2_transit_gateway_vpc_attachment_accepter') {
      // Accept and the first tagging see no owner tags; what follows sees the accepter's.
      const first = call.phase === 'create' && (call.action === 'ec2:AcceptTransitGatewayVpcAttachment' || call.action === 'ec2:CreateTags');
      return first ? {} : tagsAll(this.tree, this.resource);
    }
    if (type === 'aws_ec2_tag') {
      // One key per resource: at its creation the tags it depends on exist; at its removal also itself.
      const before = Object.assign({}, ...dependencies(this.tree, this.resource).filter((d) => d.type === 'aws_ec2_tag').map((d) => ec2Tag(d)));
      return call.phase === 'create' ? before : { ...before, ...ec2Tag(this.resource) };
    }
    // Associations and propagations wait for the owner's tags (depends_on the accepter or the tags).
    return this.writtenByOwner(attachment);
  }

  /** Every tag the owner's resources write on this attachment (accepters, aws_ec2_tag). */
  private writtenByOwner(attachment: TfResource): Tags {
    const out: Tags = {};
    for (const s of this.tree.stacks.values()) {
      for (const r of s.resources) {
        const ref = r.type === 'aws_ec2_transit_gateway_vpc_attachment_accepter' ? r.body.transit_gateway_attachment_id : r.type === 'aws_ec2_tag' ? r.body.resource_id : undefined;
        if (ref === undefined) continue;
        const target = resolveExpression(this.tree, r.stack, ref);
        if (target.kind !== 'resource' || target.resource !== attachment) continue;
        Object.assign(out, r.type === 'aws_ec2_tag' ? ec2Tag(r) : tagsAll(this.tree, r));
      }
    }
    return out;
  }

  private gatewayOfAttachment(): string | undefined {
    const r = resolveExpression(this.tree, this.resource.stack, this.resource.body.transit_gateway_attachment_id);
    if (r.kind !== 'resource') return undefined;
    const g = resolveExpression(this.tree, r.resource.stack, r.resource.body.transit_gateway_id);
    return g.kind === 'literal' && typeof g.value === 'string' ? g.value : undefined;
  }

  private context(call: ApiCall, moment: Moment): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const source of call.context ?? []) Object.assign(out, this.contextOf(source, moment));
    return out;
  }

  private contextOf(source: ContextSource, moment: Moment): Record<string, string | string[]> {
    const body = this.resource.body;
    if (typeof source === 'object') return { 'ec2:CreateAction': source.createAction };
    switch (source) {
      case 'requestTags': {
        const tags = this.resource.type === 'aws_ec2_tag' ? ec2Tag(this.resource) : tagsAll(this.tree, this.resource);
        return { ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags).sort() };
      }
      case 'removedTagKeys': {
        // At an import: the adopted attachment's keys that tags_all does not have (tags_all is authoritative).
        if (moment === 'import') {
          const mine = tagsAll(this.tree, this.resource);
          return { 'aws:TagKeys': Object.keys(ADOPTED_TAGS).filter((k) => !(k in mine)).sort() };
        }
        // A tag change removes keys the config dropped: never the ownership keys (aws_ec2_tag removes its own).
        const keys = this.resource.type === 'aws_ec2_tag' ? Object.keys(ec2Tag(this.resource)) : Object.keys(tagsAll(this.tree, this.resource)).filter((k) => !OWNERSHIP_KEYS.has(k));
        return { 'aws:TagKeys': keys.sort() };
      }
      case 'peeringVpcs': {
        const requester = this.target({ phase: 'create', action: '', on: [] }, 'vpc', { attribute: 'vpc_id' }, undefined, moment);
        const peerVpc = literal(this.tree, this.resource, 'peer_vpc_id');
        const peerAccount = literal(this.tree, this.resource, 'peer_owner_id') ?? this.account;
        const peerRegion = literal(this.tree, this.resource, 'peer_region') ?? this.region;
        return { 'ec2:RequesterVpc': requester.arn, 'ec2:AccepterVpc': this.arn('vpc', peerRegion, peerAccount, peerVpc ?? 'vpc-unknown') };
      }
      case 'route53Vpc':
        return { 'route53:VPCs': `VPCId=${literal(this.tree, this.resource, 'vpc_id') ?? ''},VPCRegion=${literal(this.tree, this.resource, 'vpc_region') ?? this.region}` };
      case 'ramPrincipal': {
        const share = resolveExpression(this.tree, this.resource.stack, body.resource_share_arn);
        const name = share.kind === 'resource' ? literal(this.tree, share.resource, 'name') : undefined;
        return { 'ram:Principal': literal(this.tree, this.resource, 'principal') ?? '', ...(name !== undefined ? { 'ram:ResourceShareName': name } : {}) };
      }
    }
    return {};
  }

  /** ARN formats of the Service Authorization Reference's resource types. */
  private arn(type: IamResourceType, region: string, account: string, id: string): string {
    if (type === 'hostedzone') return `arn:${this.partition}:route53:::hostedzone/${id}`;
    if (type === 'resource-share') return `arn:${this.partition}:ram:${region}:${account}:resource-share/${id}`;
    return `arn:${this.partition}:ec2:${region}:${account}:${type}/${id}`;
  }
}

/** The id an `import` block of the resource's stack takes it over from (adopt), if any. */
function importIdOf(tree: SynthTree, resource: TfResource): string | undefined {
  const imports = tree.stacks.get(resource.stack)?.json.import;
  for (const i of isArray(imports) ? imports.filter(isObject) : []) if (i.to === resource.address && typeof i.id === 'string') return i.id;
  return undefined;
}

/** The literal text of an attribute (after remote-state outputs), if it has one. */
function literal(tree: SynthTree, resource: TfResource, attribute: string): string | undefined {
  const r = resolveExpression(tree, resource.stack, resource.body[attribute]);
  return r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
}

/** `tags_all`: the provider's default_tags, then the resource's own `tags` (the resource's win). */
export function tagsAll(tree: SynthTree, resource: TfResource): Tags {
  const provider = providerOf(tree, resource);
  const defaults: Tags = {};
  const blocks = provider?.body.default_tags;
  for (const b of isArray(blocks) ? blocks : isObject(blocks) ? [blocks] : []) {
    if (isObject(b)) Object.assign(defaults, stringMap(obj(b, 'tags')));
  }
  return { ...defaults, ...stringMap(obj(resource.body, 'tags')) };
}

const stringMap = (o: JsonObject | undefined): Tags => Object.fromEntries(Object.entries(o ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

const ec2Tag = (r: TfResource): Tags => {
  const key = str(r.body, 'key');
  const value = str(r.body, 'value');
  return key !== undefined && value !== undefined ? { [key]: value } : {};
};

/** The resources a resource lists in depends_on, in its own stack. */
function dependencies(tree: SynthTree, r: TfResource): TfResource[] {
  const stack = tree.stacks.get(r.stack);
  return strList(r.body, 'depends_on').flatMap((a) => {
    const d = stack?.resourcesByAddress.get(a);
    return d ? [d] : [];
  });
}

/** A deterministic id of the right form for a resource that exists only after an apply. */
function placeholder(type: IamResourceType, key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + h.toString(16).padStart(8, '0')).slice(0, 17).padEnd(17, '0');
  const prefix: Record<IamResourceType, string> = {
    vpc: 'vpc-',
    'vpc-peering-connection': 'pcx-',
    'route-table': 'rtb-',
    'security-group': 'sg-',
    'security-group-rule': 'sgr-',
    hostedzone: 'Z',
    'resource-share': '',
    'transit-gateway': 'tgw-',
    'transit-gateway-attachment': 'tgw-attach-',
    'transit-gateway-route-table': 'tgw-rtb-',
  };
  return type === 'hostedzone' ? `Z${hex.toUpperCase().slice(0, 14)}` : type === 'resource-share' ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(0, 3)}-${hex.slice(4, 16)}` : `${prefix[type]}${hex}`;
}
