/**
 * Every string the stacks will emit that AWS stores under a documented constraint (names,
 * descriptions, comments, tags, the provider's session name), computed from the network plan alone:
 * where it goes (stack, Terraform address, argument), its value, the row of
 * src/constraints/aws-string-constraints.ts it is held to, and the config names it is made of.
 * `vpce-hub validate` checks these before anything is synthesized; the property test
 * (__tests__/properties/aws-strings.test.ts) asserts that this list and the synthesized JSON agree.
 */
import { getsAccepter } from './attachment-acceptance';
import { isS3Arn } from '../config/partitions';
import { distinctTagRows, TAGS_BY_TYPE, type ConstraintId } from '../constraints/aws-string-constraints';
import { awsNames, ids, ramResourceKey, stackNames, tagName } from './naming';
import { defaultTags, RESERVED_TAG_KEYS } from './tags';
import type { HubPlan, NetworkPlan, SpokePlan } from './plan';

/** A config name a generated value is made of. */
export type NameSource =
  | { kind: 'project' }
  | { kind: 'hub'; name: string }
  | { kind: 'spoke'; name: string }
  | { kind: 'account'; key: string }
  /** A service of a hub (its zone names come from the catalogue or the service's privateDnsNames). */
  | { kind: 'service'; hub: string; service: string }
  /** A tag of the config (planning/tags.ts): the key or the value, from the most specific level of `spoke`, `hub`, the top level that sets it. */
  | { kind: 'tag'; key: string; part: 'key' | 'value'; hub?: string; spoke?: string };

export interface EmittedString {
  readonly constraint: ConstraintId;
  readonly stack: string;
  /** `type.name`, or `provider.aws.<alias>`. */
  readonly resource: string;
  /** `name`, `description`, `tags.Name` (a value), `tags key Name` (a key), `assume_role.session_name`, ... */
  readonly argument: string;
  readonly value: string;
  /** The config names the value is made of, most specific first. */
  readonly sources: readonly NameSource[];
  /** Values that must differ within this scope (for rows with a uniqueness scope we can see whole). */
  readonly uniqueIn?: string;
}

const PROJECT: NameSource = { kind: 'project' };
const hubSrc = (name: string): NameSource => ({ kind: 'hub', name });
const spokeSrc = (name: string): NameSource => ({ kind: 'spoke', name });


export function emittedStrings(plan: NetworkPlan): EmittedString[] {
  const out: EmittedString[] = [];
  const project = plan.project;
  const emit = (constraint: ConstraintId, stack: string, resource: string, argument: string, value: string, sources: NameSource[], uniqueIn?: string) =>
    out.push({ constraint, stack, resource, argument, value, sources, ...(uniqueIn ? { uniqueIn } : {}) });
  /** A tag of the config, from its owner's level (a spoke's pair, a hub, or the top level). */
  const tagSource = (key: string, part: 'key' | 'value', owner: { hub?: string; spoke?: string }): NameSource => ({ kind: 'tag', key, part, ...owner });
  type TagOwner = { tags: Record<string, string>; hub: string; spoke?: string };
  /** The tag rows (key, value) of a taggable resource type. */
  const tagRows = (type: string) => {
    const rows = TAGS_BY_TYPE[type];
    if (!rows) throw new Error(`${type} has no tag rows in aws-string-constraints.ts`);
    return rows;
  };
  /** The hub's or the pair's own tags (planning/tags.ts) on `type.name`, under the type's tag rows. */
  const ownerTags = (stack: string, type: string, name: string, owner: TagOwner) => {
    const rows = tagRows(type);
    for (const [key, tagValue] of Object.entries(owner.tags)) {
      emit(rows[0], stack, `${type}.${name}`, `tags key ${key}`, key, [tagSource(key, 'key', owner)]);
      emit(rows[1], stack, `${type}.${name}`, `tags.${key}`, tagValue, [tagSource(key, 'value', owner)]);
    }
  };
  /** The resource-level tags of `type.name`: the owner's (ownerTags) and its Name. */
  const nameTag = (stack: string, type: string, name: string, value: string, sources: NameSource[], owner: TagOwner) => {
    const rows = tagRows(type);
    const address = `${type}.${name}`;
    ownerTags(stack, type, name, owner);
    emit(rows[0], stack, address, 'tags key Name', 'Name', []);
    emit(rows[1], stack, address, 'tags.Name', value, sources);
  };

  for (const hub of plan.hubs) hubStrings(hub);
  for (const spoke of plan.spokes) spokeStrings(spoke);
  for (const stack of plan.stacks) {
    // Own-account providers and the providers acting in other accounts (hub-side halves): same tags, own session name.
    const providers = [
      ...stack.regions.map((region) => ({ alias: ids.providerAlias(region), roleArn: stack.account.roleArn })),
      ...stack.hubAccess.map((a) => ({ alias: ids.hubSideProviderAlias(a.account.key, a.region), roleArn: a.account.roleArn })),
    ];
    for (const { alias, roleArn } of providers) {
      const provider = `provider.aws.${alias}`;
      for (const [key, value] of Object.entries(defaultTags(project, stack.name, plan.tags))) {
        const ours = (RESERVED_TAG_KEYS as readonly string[]).includes(key);
        const keySources = ours ? [] : [tagSource(key, 'key', {})];
        const sources = !ours ? [tagSource(key, 'value', {})] : key === 'Project' ? [PROJECT] : key === 'Stack' ? [{ kind: 'account', key: stack.account.key } as NameSource] : [];
        // Default tags land on every taggable resource: hold them to every tag row.
        for (const [keyRow, valueRow] of distinctTagRows()) {
          emit(keyRow, stack.name, provider, `default_tags key ${key}`, key, keySources);
          emit(valueRow, stack.name, provider, `default_tags.${key}`, value, sources);
        }
      }
      if (roleArn) {
        emit('sts.role-session-name', stack.name, provider, 'assume_role.session_name', awsNames.providerSession(project, stack.name), [{ kind: 'account', key: stack.account.key }, PROJECT]);
      }
    }
  }
  return out;

  function hubStrings(hub: HubPlan): void {
    const stack = stackNames.hub(hub.account.key);
    const own = { tags: hub.tags, hub: hub.name };
    const h = hubSrc(hub.name);
    const both = [h, PROJECT];
    if (hub.existingVpcId === undefined) {
      nameTag(stack, 'aws_vpc', ids.hubVpc(hub.name), tagName(project, hub.name), both, own);
      nameTag(stack, 'aws_default_security_group', ids.hubDefaultSg(hub.name), tagName(project, hub.name, 'default-deny'), both, own);
      nameTag(stack, 'aws_route_table', ids.hubRouteTable(hub.name), tagName(project, hub.name, 'endpoints'), both, own);
      for (const s of hub.subnets) nameTag(stack, 'aws_subnet', ids.hubSubnet(hub.name, s.az), tagName(project, hub.name, 'endpoints', s.az), both, own);
      if (hub.flowLogs) {
        const id = ids.hubFlowLog(hub.name);
        const name = tagName(project, hub.name, 'flow-logs');
        nameTag(stack, 'aws_flow_log', id, name, both, own);
        if (!isS3Arn(hub.flowLogs.destinationArn)) {
          if (hub.flowLogs.destinationArn === undefined) {
            emit('logs.log-group.name', stack, `aws_cloudwatch_log_group.${id}`, 'name', awsNames.flowLogGroup(project, hub.awsName), both, `${stack}/${hub.region}`);
            nameTag(stack, 'aws_cloudwatch_log_group', id, name, both, own);
          }
          emit('iam.role.name', stack, `aws_iam_role.${id}`, 'name', awsNames.flowLogRole(project, hub.awsName, hub.region), both, stack);
          nameTag(stack, 'aws_iam_role', id, name, both, own);
          emit('iam.role-policy.name', stack, `aws_iam_role_policy.${id}`, 'name', awsNames.flowLogRolePolicy(), []);
        }
      }
    }
    for (const { group, rules } of hub.securityGroups) {
      const id = ids.hubSecurityGroup(hub.name, group);
      const name = awsNames.endpointSecurityGroup(project, hub.awsName, group);
      emit('ec2.security-group.name', stack, `aws_security_group.${id}`, 'name', name, both, `${stack}/${hub.name}`);
      emit('ec2.security-group.description', stack, `aws_security_group.${id}`, 'description', awsNames.endpointSecurityGroupDescription(hub.awsName, group), [h]);
      nameTag(stack, 'aws_security_group', id, name, both, own);
      for (const rule of rules.filter((r) => r.from !== 'spoke')) {
        const { id: ruleId, description, from } = awsNames.ingressRule(hub.name, rule);
        const sources = [h];
        emit('ec2.security-group-rule.description', stack, `aws_vpc_security_group_ingress_rule.${ruleId}`, 'description', description, sources);
        nameTag(stack, 'aws_vpc_security_group_ingress_rule', ruleId, tagName(project, hub.name, 'from', from), [...sources, h, PROJECT], own);
      }
    }
    for (const ep of hub.endpoints) nameTag(stack, 'aws_vpc_endpoint', ids.hubEndpoint(hub.name, ep.key), tagName(project, hub.name, ep.service), both, own);
    for (const z of hub.zones) {
      const id = ids.hubZone(hub.name, z.key);
      const svc: NameSource = { kind: 'service', hub: hub.name, service: z.service };
      emit('route53.hosted-zone.name', stack, `aws_route53_zone.${id}`, 'name', z.zoneName, [svc]);
      for (const kind of z.wildcard ? (['apex', 'wildcard'] as const) : (['apex'] as const)) {
        emit('route53.record.name', stack, `aws_route53_record.${ids.hubRecord(hub.name, z.key, kind)}`, 'name', kind === 'apex' ? z.zoneName : `*.${z.zoneName}`, [svc]);
        if (z.aaaa) emit('route53.record.name', stack, `aws_route53_record.${ids.hubRecordAaaa(hub.name, z.key, kind)}`, 'name', kind === 'apex' ? z.zoneName : `*.${z.zoneName}`, [svc]);
      }
      emit('route53.hosted-zone.comment', stack, `aws_route53_zone.${id}`, 'comment', awsNames.zoneComment(project, z.service, hub.name), both);
      nameTag(stack, 'aws_route53_zone', id, tagName(project, hub.name, z.zoneName), both, own);
    }
    if (hub.profile) {
      const id = ids.hubProfile(hub.name);
      emit('route53profiles.profile.name', stack, `aws_route53profiles_profile.${id}`, 'name', awsNames.profile(project, hub.awsName), both);
      nameTag(stack, 'aws_route53profiles_profile', id, awsNames.profile(project, hub.awsName), both, own);
      for (const z of hub.zones) {
        emit('route53profiles.resource-association.name', stack, `aws_route53profiles_resource_association.${ids.hubProfileZone(hub.name, z.key)}`, 'name', awsNames.profileResourceAssociation(z.zoneName), []);
      }
      if (hub.profile.share) {
        const shareId = ids.hubProfileShare(hub.name);
        emit('ram.resource-share.name', stack, `aws_ram_resource_share.${shareId}`, 'name', awsNames.profileShare(project, hub.name), both);
        nameTag(stack, 'aws_ram_resource_share', shareId, awsNames.profileShare(project, hub.name), both, own);
      }
    }
    const tgw = hub.transitGateway;
    if (tgw) {
      if (tgw.existingId === undefined) {
        const id = ids.hubTransitGateway(hub.name);
        emit('ec2.transit-gateway.description', stack, `aws_ec2_transit_gateway.${id}`, 'description', awsNames.transitGatewayDescription(project, hub.name), both);
        nameTag(stack, 'aws_ec2_transit_gateway', id, tagName(project, hub.name), both, own);
        if (tgw.share) {
          const shareId = ids.hubRamShare(hub.name, ramResourceKey('transit-gateway'));
          emit('ram.resource-share.name', stack, `aws_ram_resource_share.${shareId}`, 'name', awsNames.transitGatewayShare(project, hub.name), both);
          nameTag(stack, 'aws_ram_resource_share', shareId, awsNames.transitGatewayShare(project, hub.name), both, own);
        }
      }
      if (!tgw.routeTables) {
        for (const which of ['hub', 'spokes'] as const) nameTag(stack, 'aws_ec2_transit_gateway_route_table', ids.hubTransitGatewayRouteTable(hub.name, which), awsNames.transitGatewayRouteTable(project, hub.name, which), both, own);
      }
      nameTag(stack, 'aws_ec2_transit_gateway_vpc_attachment', ids.hubAttachment(hub.name), tagName(project, hub.name), both, own);
      if (getsAccepter(tgw, hub.account.id, hub.adopt?.transitGatewayAttachmentId !== undefined)) nameTag(stack, 'aws_ec2_transit_gateway_vpc_attachment_accepter', ids.hubAttachment(hub.name), tagName(project, hub.name), both, own);
      const carved = (tgw.hubAttachmentSubnets ?? []).filter((s) => s.cidr !== undefined);
      if (carved.length > 0) nameTag(stack, 'aws_route_table', ids.hubAttachmentRouteTable(hub.name), tagName(project, hub.name, 'transit-gateway'), both, own);
      for (const s of carved) nameTag(stack, 'aws_subnet', ids.hubAttachmentSubnet(hub.name, s.az), tagName(project, hub.name, 'transit-gateway', s.az), both, own);
    }
    const onPrem = hub.onPremises;
    if (onPrem) {
      if (onPrem.inboundResolver) {
        const id = ids.hubInboundResolver(hub.name);
        const name = awsNames.inboundResolver(project, hub.awsName);
        emit('ec2.security-group.name', stack, `aws_security_group.${id}`, 'name', name, both, `${stack}/${hub.name}`);
        emit('ec2.security-group.description', stack, `aws_security_group.${id}`, 'description', awsNames.inboundResolverSecurityGroupDescription(hub.awsName), [h]);
        nameTag(stack, 'aws_security_group', id, name, both, own);
        const untracked = onPrem.resolverSecurityGroup === 'untracked';
        for (const cidr of untracked ? ['0.0.0.0/0'] : onPrem.cidrs) {
          for (const protocol of ['tcp', 'udp'] as const) {
            const ruleId = ids.hubInboundResolverRule(hub.name, protocol, cidr);
            emit('ec2.security-group-rule.description', stack, `aws_vpc_security_group_ingress_rule.${ruleId}`, 'description', untracked ? awsNames.inboundResolverUntrackedIngressDescription(protocol) : awsNames.inboundResolverRuleDescription(protocol, cidr), []);
            nameTag(stack, 'aws_vpc_security_group_ingress_rule', ruleId, tagName(project, hub.name, 'dns-from', 'on-premises'), both, own);
          }
        }
        for (const protocol of untracked ? (['tcp', 'udp'] as const) : []) {
          const ruleId = ids.hubInboundResolverEgress(hub.name, protocol);
          emit('ec2.security-group-rule.description', stack, `aws_vpc_security_group_egress_rule.${ruleId}`, 'description', awsNames.inboundResolverUntrackedEgressDescription(protocol), []);
          nameTag(stack, 'aws_vpc_security_group_egress_rule', ruleId, tagName(project, hub.name, 'dns-replies'), both, own);
        }
        emit('route53resolver.endpoint.name', stack, `aws_route53_resolver_endpoint.${id}`, 'name', name, both);
        nameTag(stack, 'aws_route53_resolver_endpoint', id, name, both, own);
      }
    }
  }

  function spokeStrings(spoke: SpokePlan): void {
    // Both halves of the pair live in the spoke account's spokes stack (issue 9).
    const stack = plan.stacks.find((st) => st.kind === 'spokes' && st.spokes.includes(spoke.name))?.name;
    const hub = plan.hubs.find((x) => x.name === spoke.hub);
    if (!hub || !stack) throw new Error(`spoke ${spoke.name} has no hub ${spoke.hub} or stack (planning bug)`);
    const sources = [spokeSrc(spoke.name), hubSrc(hub.name), PROJECT];
    const pair = { tags: spoke.tags, hub: hub.name, spoke: spoke.name };
    for (const cidr of [...spoke.cidrs, ...(spoke.ipv6Cidrs ?? [])]) {
      const ruleId = ids.hubIngressRule(hub.name, spoke.name, cidr);
      emit('ec2.security-group-rule.description', stack, `aws_vpc_security_group_ingress_rule.${ruleId}`, 'description', awsNames.ingressRule(hub.name, { from: 'spoke', spoke: spoke.name, cidr }).description, [spokeSrc(spoke.name)]);
      nameTag(stack, 'aws_vpc_security_group_ingress_rule', ruleId, tagName(project, hub.name, 'from', spoke.name), sources, pair);
    }
    const tgw = hub.transitGateway;
    if (tgw) {
      const name = awsNames.spokeAttachment(project, spoke.name, hub.name);
      nameTag(stack, 'aws_ec2_transit_gateway_vpc_attachment', ids.spokeAttachment(spoke.name), name, sources, pair);
      if (getsAccepter(tgw, spoke.account.id, spoke.adoptTransitGatewayAttachmentId !== undefined)) nameTag(stack, 'aws_ec2_transit_gateway_vpc_attachment_accepter', ids.spokeAttachment(spoke.name), name, sources, pair);
    } else {
      nameTag(stack, 'aws_vpc_peering_connection', ids.hubPeering(hub.name, spoke.name), tagName(project, hub.name, 'to', spoke.name), sources, pair);
      if (!spoke.autoAccept) nameTag(stack, 'aws_vpc_peering_connection_accepter', ids.spokeAccepter(spoke.name), tagName(project, spoke.name, 'to', 'hub', hub.name), sources, pair);
    }
    if (hub.dns === 'route53-profile') {
      const id = ids.spokeProfileAssociation(spoke.name);
      emit('route53profiles.association.name', stack, `aws_route53profiles_association.${id}`, 'name', awsNames.profileAssociation(project, spoke.awsName, hub.awsName), sources);
      // No Name tag (the association has a name), only the pair's own tags.
      ownerTags(stack, 'aws_route53profiles_association', id, pair);
    }
  }
}
