/**
 * Spreads a hub's ingress rules (one per spoke CIDR) over several endpoint security groups once they
 * exceed `inboundRulesPerSecurityGroup`; every endpoint then carries all of the groups (domain.md
 * section 5: up to `securityGroupsPerNetworkInterface` groups per ENI).
 *
 * The assignment must survive change: a rule that moves to another group is replaced (its
 * `security_group_id` forces a new resource). So the group of a rule depends only on the rule itself
 * (`spoke name + cidr`) and the group COUNT, never on the other rules or on list positions, and we use
 * rendezvous (highest-random-weight) hashing rather than `hash mod count`:
 * - adding or removing spokes at a fixed count moves no other rule;
 * - raising the count from G to G+1 moves only the ~1/(G+1) of the rules that now score highest on the
 *   new group, and only INTO the new group (`mod` would reshuffle about G/(G+1) of them);
 * - lowering it moves only the rules of the removed groups.
 * The count is the hub's `endpointSecurityGroups` when set (pinned: nothing ever moves implicitly),
 * else the smallest count at which every group fits the quota. A derived count grows as spokes are
 * added; validate warns about that (SecurityGroupCountDerived) and suggests pinning it.
 *
 * The hub's own rules (its VPC's CIDRs and its extra client ranges) are not hashed: they always sit in
 * group 1, which exists at every count, so no change of spokes or of the count ever moves them. Their
 * load on group 1 counts when the count is derived.
 *
 * AWS counts a group's IPv4 and IPv6 rules separately against the same quota ("Inbound or outbound rules
 * per security group ... enforced separately for IPv4 rules and IPv6 rules",
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups), so
 * a group fits when each family does: a dual-stack hub's IPv6 rules never push IPv4 rules to another group
 * by themselves (issue 20). IPv6 rules are hashed like IPv4 ones, by spoke and CIDR text.
 */
import { createHash } from 'node:crypto';
import { ruleFamily } from './ingress-family';
import type { IngressRulePlan, SecurityGroupPlan } from './plan';

export type SpokeRule = Extract<IngressRulePlan, { from: 'spoke' }>;

export interface SpreadInput {
  /** Spoke CIDR rules: spread by rendezvous hashing. */
  rules: SpokeRule[];
  /** The hub's own rules (hub VPC CIDRs, client ranges): always in group 1. */
  fixed?: IngressRulePlan[];
  rulesPerGroup: number;
  /** The configured count; undefined derives it. */
  pinned?: number;
}

/** A derived count beyond this many extra groups stops searching; validation then reports the overflow. */
const MAX_EXTRA_GROUPS = 32;

export function spreadIngressRules({ rules, fixed = [], rulesPerGroup, pinned }: SpreadInput): SecurityGroupPlan[] {
  const count = pinned ?? derivedGroupCount(rules, rulesPerGroup, fixed);
  const groups: SecurityGroupPlan[] = Array.from({ length: count }, (_, i) => ({ group: i + 1, rules: i === 0 ? [...fixed] : [] }));
  const chosen = assign(rules, count);
  rules.forEach((rule, i) => groups[chosen[i]].rules.push(rule));
  return groups;
}

/** The smallest count >= ceil(rules of a family / rulesPerGroup) at which no group holds more than
 * rulesPerGroup rules of one family (`fixed` rules, or that many IPv4 ones, already sit in group 1). */
export function derivedGroupCount(rules: SpokeRule[], rulesPerGroup: number, fixed: readonly IngressRulePlan[] | number = 0): number {
  const fixedRules = typeof fixed === 'number' ? undefined : fixed;
  const fixedIn = (family: 'ipv4' | 'ipv6') => (fixedRules ? fixedRules.filter((r) => ruleFamily(r) === family).length : family === 'ipv4' ? (fixed as number) : 0);
  const families = rules.map(ruleFamily);
  const inFamily = (family: 'ipv4' | 'ipv6') => families.filter((f) => f === family).length + fixedIn(family);
  const lower = Math.max(1, Math.ceil(Math.max(inFamily('ipv4'), inFamily('ipv6')) / rulesPerGroup));
  const upper = lower + MAX_EXTRA_GROUPS;
  // Going from g to g+1 groups, a rule either stays or moves to group g+1: one pass per count, O(rules).
  const best = assign(rules, lower);
  const bestScore = rules.map((r, i) => score(r, best[i]));
  for (let count = lower; ; count++) {
    const loads = { ipv4: new Array<number>(count).fill(0), ipv6: new Array<number>(count).fill(0) };
    loads.ipv4[0] = fixedIn('ipv4');
    loads.ipv6[0] = fixedIn('ipv6');
    best.forEach((g, i) => loads[families[i]][g]++);
    if (Math.max(...loads.ipv4, ...loads.ipv6) <= rulesPerGroup || count === upper) return count;
    rules.forEach((r, i) => {
      const s = score(r, count);
      if (s > bestScore[i]) {
        best[i] = count;
        bestScore[i] = s;
      }
    });
  }
}

/** Zero-based group index of every rule for `count` groups. */
function assign(rules: SpokeRule[], count: number): number[] {
  return rules.map((rule) => {
    let best = 0;
    let bestScore = score(rule, 0);
    for (let g = 1; g < count; g++) {
      const s = score(rule, g);
      if (s > bestScore) {
        best = g;
        bestScore = s;
      }
    }
    return best;
  });
}

/**
 * Rendezvous weight of a rule for a zero-based group: the first 48 bits of SHA-256 over rule and group
 * (a cheap multiplicative hash correlated the choices of similar keys across groups). Distinct groups
 * tie only on a 48-bit collision; the lower group wins then.
 */
function score(rule: SpokeRule, group: number): number {
  return createHash('sha256').update(`${rule.spoke}\n${rule.cidr}\n${group}`).digest().readUIntBE(0, 6);
}
