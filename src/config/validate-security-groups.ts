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
    if (hub.endpointSecurityGroups !== undefined || count <= 1) return;
    const rules = planned?.securityGroups.reduce((n, g) => n + g.rules.length, 0) ?? 0;
    findings.push({
      severity: 'warning',
      code: 'SecurityGroupCountDerived',
      path: `${formatPath(['hubs', i], raw)}.endpointSecurityGroups`,
      value: count,
      message: `is not set, so the number of endpoint security groups is derived from the spokes: ${count} groups of at most ${perGroup} rules hold the ${rules} ingress rules (the hub VPC's own CIDRs and client ranges always in group 1, the spoke CIDRs hashed over all groups). When more spokes raise it to ${count + 1}, about 1/${count + 1} of the rules move into the new group (each moved rule is replaced, the new one created before the old one is deleted)`,
      fix: `pin it with endpointSecurityGroups: ${count} (or more, for headroom): then adding spokes never moves a rule, and raising the count later moves rules once, when you choose`,
    });
  });
  return findings;
}
