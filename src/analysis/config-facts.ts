/**
 * What the config knows that the synthesized tree cannot: which account each stack is meant for, the
 * spoke, hub and client CIDRs the user declared, and the zones of custom services. `vpce-hub check` uses these when a
 * config is at hand; every rule also works without them, on the tree alone.
 */
import type { ZoneSpec } from '../catalogue/catalogue';
import type { VpceHubConfig } from '../config/schema';
import { buildPlan } from '../planning/build-plan';
import { ids, stackNames } from '../planning/naming';
import { resolveHubService } from '../planning/services';

export interface ConfigFacts {
  /** Stack name -> the 12-digit id of the account the stack is for. */
  readonly accountIds: ReadonlyMap<string, string>;
  /** Stack name -> the hub accounts its hub-side providers may act in (spokes stacks). */
  readonly hubSideAccountIds: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every configured spoke CIDR, primary and secondary, and its IPv6 blocks (dual-stack hubs). */
  readonly spokeCidrs: readonly string[];
  /** Every hub's onPremises ranges (issue 10). */
  readonly onPremisesCidrs: readonly string[];
  /** Every hub VPC's own CIDRs (primary and, for an existing VPC, secondary, and its IPv6 block): its workloads are clients. */
  readonly hubCidrs: readonly string[];
  /** Every hub's extra client ranges (hubs.<hub>.clientCidrs). */
  readonly clientCidrs: readonly string[];
  /** Endpoint service name (`com.amazonaws.us-east-1.sqs`) -> its zones, for every service a hub lists. */
  readonly serviceZones: ReadonlyMap<string, readonly ZoneSpec[]>;
  /** `stack/address` of the inbound resolver groups the config puts in AWS's untracked form (issue 16):
   * DNS from anywhere is their design there, not a leak. */
  readonly untrackedResolverGroups: ReadonlySet<string>;
}

export function configFacts(config: VpceHubConfig): ConfigFacts {
  // Stack names come from the plan: hub stacks, spokes stacks, `<account>-spokes` (planning/naming.ts).
  const plan = buildPlan(config);
  const serviceZones = new Map<string, readonly ZoneSpec[]>();
  for (const hub of config.hubs) {
    for (const entry of hub.services) {
      const svc = resolveHubService(entry, hub.region);
      if (svc) serviceZones.set(svc.serviceName, svc.zones);
    }
  }
  return {
    accountIds: new Map(plan.stacks.map((s) => [s.name, s.account.id])),
    hubSideAccountIds: new Map(plan.stacks.map((s) => [s.name, new Set(s.hubAccess.map((a) => a.account.id))])),
    // IPv6 blocks as the plan keeps them: only a dual-stack hub's, and its spokes' (an IPv4 hub ignores them).
    spokeCidrs: [...config.spokes.flatMap((s) => [s.vpc.cidr, ...s.vpc.secondaryCidrs]), ...plan.spokes.flatMap((s) => s.ipv6Cidrs ?? [])],
    onPremisesCidrs: config.hubs.flatMap((h) => h.onPremises?.cidrs ?? []),
    hubCidrs: [...config.hubs.flatMap((h) => [h.vpc.cidr, ...(h.vpc.secondaryCidrs ?? [])]), ...plan.hubs.flatMap((h) => (h.ipv6?.cidr !== undefined ? [h.ipv6.cidr] : []))],
    clientCidrs: config.hubs.flatMap((h) => h.clientCidrs ?? []),
    serviceZones,
    untrackedResolverGroups: new Set(plan.hubs.filter((h) => h.onPremises?.inboundResolver && h.onPremises.resolverSecurityGroup === 'untracked').map((h) => `${stackNames.hub(h.account.key)}/aws_security_group.${ids.hubInboundResolver(h.name)}`)),
  };
}
