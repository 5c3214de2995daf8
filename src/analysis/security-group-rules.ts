/**
 * Every security group rule in the tree in one shape, whichever way it is written: inline `ingress` /
 * `egress` blocks of `aws_security_group` / `aws_default_security_group`, the standalone
 * `aws_vpc_security_group_{ingress,egress}_rule` resources, or the older `aws_security_group_rule`.
 */
import { blocks, bool, num, str, strList, type JsonObject } from './json-value';
import { resolveExpression, resourcesOfType, type SynthTree, type TfResource } from './tree';

export const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'] as const;
export const STANDALONE_RULE_TYPES = ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'] as const;

export interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly style: 'inline' | 'standalone';
  /** The resource that carries the rule: the group itself for inline rules. */
  readonly holder: TfResource;
  /** `ingress[0]` for inline blocks, else the holder's address. */
  readonly label: string;
  /** The group the rule belongs to, when the tree defines it (not for a literal `sg-...` id). */
  readonly group?: TfResource;
  /** `tcp`, `udp`, `icmp`, `all`, or the text as written. */
  readonly protocol?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** IPv4 and IPv6 CIDR sources (ingress) or destinations (egress). */
  readonly cidrs: readonly string[];
  /** Sources that are not CIDRs: prefix lists, other security groups, `self`. */
  readonly otherPeers: readonly string[];
  readonly description?: string;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '-1': 'all', all: 'all' };

export function normalizeProtocol(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const lower = p.trim().toLowerCase();
  return PROTOCOLS[lower] ?? lower;
}

export function securityGroupRules(tree: SynthTree): SgRule[] {
  const out: SgRule[] = [];
  for (const type of GROUP_TYPES) {
    for (const group of resourcesOfType(tree, type)) {
      for (const direction of ['ingress', 'egress'] as const) {
        blocks(group.body, direction).forEach((b, i) => out.push(inlineRule(group, direction, i, b)));
      }
    }
  }
  for (const type of STANDALONE_RULE_TYPES) {
    for (const holder of resourcesOfType(tree, type)) out.push(standaloneRule(tree, holder));
  }
  return out;
}

/** The group a standalone rule attaches to, when the tree defines it. */
export function groupOfRule(tree: SynthTree, holder: TfResource): TfResource | undefined {
  const r = resolveExpression(tree, holder.stack, holder.body.security_group_id);
  return r.kind === 'resource' && (GROUP_TYPES as readonly string[]).includes(r.resource.type) ? r.resource : undefined;
}

function inlineRule(group: TfResource, direction: 'ingress' | 'egress', index: number, b: JsonObject): SgRule {
  return {
    direction,
    style: 'inline',
    holder: group,
    label: `${direction}[${index}]`,
    group,
    ...ports(normalizeProtocol(str(b, 'protocol')), num(b, 'from_port'), num(b, 'to_port')),
    cidrs: [...strList(b, 'cidr_blocks'), ...strList(b, 'ipv6_cidr_blocks')],
    otherPeers: [...strList(b, 'prefix_list_ids'), ...strList(b, 'security_groups'), ...(bool(b, 'self') === true ? ['self'] : [])],
    ...description(str(b, 'description')),
  };
}

function standaloneRule(tree: SynthTree, holder: TfResource): SgRule {
  const b = holder.body;
  const group = groupOfRule(tree, holder);
  const common = { style: 'standalone' as const, holder, label: holder.address, ...(group ? { group } : {}), ...description(str(b, 'description')) };
  if (holder.type === 'aws_security_group_rule') {
    return {
      ...common,
      direction: str(b, 'type') === 'egress' ? 'egress' : 'ingress',
      ...ports(normalizeProtocol(str(b, 'protocol')), num(b, 'from_port'), num(b, 'to_port')),
      cidrs: [...strList(b, 'cidr_blocks'), ...strList(b, 'ipv6_cidr_blocks')],
      otherPeers: [...strList(b, 'prefix_list_ids'), ...strList(b, 'source_security_group_id'), ...(bool(b, 'self') === true ? ['self'] : [])],
    };
  }
  return {
    ...common,
    direction: holder.type === 'aws_vpc_security_group_egress_rule' ? 'egress' : 'ingress',
    ...ports(normalizeProtocol(str(b, 'ip_protocol')), num(b, 'from_port'), num(b, 'to_port')),
    cidrs: [...strList(b, 'cidr_ipv4'), ...strList(b, 'cidr_ipv6')],
    otherPeers: [...strList(b, 'prefix_list_id'), ...strList(b, 'referenced_security_group_id')],
  };
}

function ports(protocol: string | undefined, fromPort: number | undefined, toPort: number | undefined): Pick<SgRule, 'protocol' | 'fromPort' | 'toPort'> {
  return { ...(protocol !== undefined ? { protocol } : {}), ...(fromPort !== undefined ? { fromPort } : {}), ...(toPort !== undefined ? { toPort } : {}) };
}

function description(d: string | undefined): { description?: string } {
  return d !== undefined ? { description: d } : {};
}

/** The rule as a message names it; the finding's resource column already names the holder. */
export function ruleWhere(rule: SgRule): string {
  return rule.style === 'inline' ? `inline ${rule.label}` : `the ${rule.direction} rule`;
}
