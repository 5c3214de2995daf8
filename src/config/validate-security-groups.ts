/**
 * Spread endpoint security groups: which rule sits in which group follows from the group count
 * (planning/endpoint-security-groups.ts). A derived count changes as spokes come and go, and each
 * change moves some rules to another group (a replacement, created before the old rule is deleted).
 */
import { QUOTA_DEFAULTS } from './schema';
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { PlanValidationContext } from './validate';

export function validateSecurityGroups({ config, raw, plan }: PlanValidationContext): Finding[] {
  const findings: Finding[] = [];
  const perGroup = config.quotas.inboundRulesPerSecurityGroup ?? QUOTA_DEFAULTS.inboundRulesPerSecurityGroup;
  config.hubs.forEach((hub, i) => {
    const planned = plan.hubs.find((h) => h.name === hub.name);
    const count = planned?.securityGroups.length ?? 1;
    if (hub.endpointSecurityGroups !== undefined) return;
    const rules = planned?.securityGroups.reduce((n, g) => n + g.rules.length, 0) ?? 0;
    // The one way a spoke changes the hub stack (issue 9): a derived count that grows adds a security
    // group there. Announce it once a group's worth of headroom is a quarter gone, before it happens.
    const room = count * perGroup - rules;
    if (count <= 1 && room >= perGroup / 4) return;
    findings.push({
      severity: 'warning',
      code: 'SecurityGroupCountDerived',
      path: `${formatPath(['hubs', i], raw)}.endpointSecurityGroups`,
      value: count,
      message: `is not set, so the number of endpoint security groups is derived from the spokes: ${count} group${count === 1 ? '' : 's'} of at most ${perGroup} rules hold${count === 1 ? 's' : ''} the ${rules} ingress rules (the hub VPC's own CIDRs and client ranges always in group 1, the spoke CIDRs hashed over all groups). Within about ${Math.max(room, 0)} more spoke CIDRs the count becomes ${count + 1}: the hub stack gains a security group and every endpoint changes, and about 1/${count + 1} of the rules move into the new group (each moved rule is replaced, the new one created before the old one is deleted)`,
      fix: `pin it with endpointSecurityGroups: ${count} (or more, for headroom): then adding spokes never moves a rule, and raising the count later moves rules once, when you choose`,
    });
  });
  return findings;
}
