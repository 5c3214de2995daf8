/**
 * The destructive-change gate: every replace or delete of a resource spokes depend on (consequences.ts)
 * blocks the review until a person acknowledges it by address with `--allow-destroy`, either
 * stack-qualified (`network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com`) or bare (then it
 * covers that address in every stack), or by pattern (acknowledgements.ts: `payments/aws_route53_zone_association.*`,
 * `hub=main/aws_route53_zone_association.*`). Removing a spoke from the config is such a change too:
 * `prevent_destroy` cannot help once the block is gone (domain.md section 7).
 *
 * A stack that disappears (its account key was removed from `accounts`) is gated as a whole, whatever
 * it holds: acknowledging it (`<stack>/*`) means it has been destroyed first, or is left on purpose.
 * So is a provider configuration a stack loses while its base had resources under it
 * (orphaned-providers.ts): `<stack>/provider.<key>`.
 *
 * A stack that disappears because its account key was renamed (renames.ts) is gated too, until its
 * state has been copied to the new stack, but its advice is that copy: destroying it would take the
 * spokes' routes and DNS away for nothing.
 */
import { acknowledges, acknowledgesOutage, hubsOfChange } from './acknowledgements';
import { peeringDelete, peeringDeleteConsequence } from './peering-migration';
import type { StackChanges } from './changes';
import { consequenceOf, reassociationOf } from './consequences';
import type { OrphanedProvider } from './orphaned-providers';
import type { AccountRename } from './renames';
import type { TransitionOutage } from './transition';

/**
 * replace and delete as Terraform says; `reassociate`: a create that moves an adopted transit gateway
 * attachment out of the route table it is associated with now (consequences.ts, reassociationOf).
 */
export type GatedAction = 'replace' | 'delete' | 'reassociate';

export interface GatedChange {
  stack: string;
  address: string;
  type: string;
  action: GatedAction;
  /** What it means for the spokes, in words. */
  consequence: string;
  /** Attributes that force the replacement, when known. */
  attributes: string[];
  /** Why it is replaced, when more than the attributes (tree comparison or plan). */
  reason?: string;
  /** The stack is no longer synthesized: nothing will run Terraform for it. */
  stackRemoved: boolean;
  acknowledged: boolean;
  /** The hubs it belongs to (what `hub=<name>/...` acknowledgements select), from its address and bodies. */
  hubs?: string[];
}

/** A transition outage (src/review/transition) and whether an `--allow-outage` line accepts it. */
export interface GatedOutage extends TransitionOutage {
  acknowledged: boolean;
}

export interface GateResult {
  /** Some gated change or transition outage is not acknowledged. */
  blocked: boolean;
  changes: GatedChange[];
  /** `--allow-destroy` values (exact or patterns) that match no gated change (a typo, or a change that went away). */
  unmatched: string[];
  /** Pairs some order of the apply leaves unreachable; each blocks until `--allow-outage` accepts it. */
  outages: GatedOutage[];
  /** `--allow-outage` values that match no outage. */
  unmatchedOutages: string[];
}

export interface TransitionGateInput {
  outages: readonly TransitionOutage[];
  allowOutage: readonly string[];
}

/**
 * `unroutedHubs`: hubs whose base was step 2 of a migration from peering (every route already on the
 * gateway), so their peerings' deletes change no path (peering-migration.ts).
 */
export function evaluateGate(
  stacks: readonly StackChanges[],
  allowDestroy: readonly string[],
  orphaned: readonly OrphanedProvider[] = [],
  renamedKeys: readonly AccountRename[] = [],
  transition: TransitionGateInput = { outages: [], allowOutage: [] },
  unroutedHubs: ReadonlySet<string> = new Set(),
): GateResult {
  const renamedTo = renamedStacks(renamedKeys);
  const allow = new Set(allowDestroy.map((a) => a.trim()).filter((a) => a !== ''));
  const used = new Set<string>();
  const changes: GatedChange[] = [];
  /** Whether some `--allow-destroy` value covers the change; the values that do are used. */
  const acknowledged = (c: Parameters<typeof acknowledges>[1]): boolean => {
    const hits = [...allow].filter((a) => acknowledges(a, c));
    for (const h of hits) used.add(h);
    return hits.length > 0;
  };
  /** The hubs a change belongs to, for `hub=<name>/...` patterns. */
  const hubsOf = (c: Parameters<typeof hubsOfChange>[0]) => (hubsOfChange(c).size > 0 ? { hubs: [...hubsOfChange(c)].sort() } : {});
  for (const s of stacks) {
    if (s.status === 'removed') {
      // Whatever the stack holds, nothing will ever run Terraform for it again: its resources stay in
      // AWS and in its state. Only the person who destroyed it (or chose to leave it) can say so.
      changes.push({
        stack: s.stack,
        address: '*',
        type: 'stack',
        action: 'delete',
        consequence: renamedTo.get(s.stack)?.consequence ?? stackRemovalConsequence(s.stack),
        attributes: [],
        stackRemoved: true,
        acknowledged: acknowledged({ stack: s.stack, address: '*' }),
      });
    }
    for (const o of orphaned.filter((x) => x.stack === s.stack)) {
      // Its resources show as deletes, but the apply that should delete them fails without the provider.
      changes.push({
        stack: o.stack,
        address: `provider.${o.providerKey}`,
        type: 'provider',
        action: 'delete',
        consequence: providerRemovalConsequence(o),
        attributes: [],
        stackRemoved: false,
        acknowledged: acknowledged({ stack: o.stack, address: `provider.${o.providerKey}` }),
      });
    }
    for (const c of s.changes) {
      const moved = c.action === 'create' ? reassociationOf(c) : undefined;
      if (moved !== undefined) {
        changes.push({
          stack: c.stack,
          address: c.address,
          type: c.type,
          action: 'reassociate',
          consequence: moved,
          attributes: [],
          stackRemoved: false,
          acknowledged: acknowledged(c),
          ...hubsOf(c),
        });
        continue;
      }
      if (c.action !== 'replace' && c.action !== 'delete') continue;
      // A peering destroyed in a move to the transit gateway: the one-step switch, or the harmless last step.
      const migration = peeringDelete(c, s.changes, unroutedHubs);
      const consequence = migration ? peeringDeleteConsequence(migration, [...hubsOfChange(c)]) : consequenceOf(c);
      if (consequence === undefined) continue;
      changes.push({
        stack: c.stack,
        address: c.address,
        type: c.type,
        action: c.action,
        consequence,
        attributes: c.action === 'replace' ? c.attributes : [],
        ...(c.reason || renamedTo.has(c.stack) ? { reason: [c.reason, renamedTo.get(c.stack)?.kept].filter(Boolean).join('; ') } : {}),
        stackRemoved: s.status === 'removed',
        acknowledged: acknowledged(c),
        ...hubsOf(c),
      });
    }
  }
  // Outages are acknowledged only by their own lines: an allow-destroy line never covers one.
  const allowOutage = new Set(transition.allowOutage.map((a) => a.trim()).filter((a) => a !== ''));
  const usedOutage = new Set<string>();
  const outages = transition.outages.map((o): GatedOutage => {
    const hits = [...allowOutage].filter((a) => acknowledgesOutage(a, o));
    for (const h of hits) usedOutage.add(h);
    return { ...o, acknowledged: hits.length > 0 };
  });
  return {
    blocked: changes.some((c) => !c.acknowledged) || outages.some((o) => !o.acknowledged),
    changes,
    unmatched: [...allow].filter((a) => !used.has(a)).sort(),
    outages,
    unmatchedOutages: [...allowOutage].filter((a) => !usedOutage.has(a)).sort(),
  };
}

/** How to get rid of a stack that is no longer synthesized, before it disappears. */
export function stackRemovalConsequence(stack: string): string {
  return (
    `the stack is no longer synthesized (account key ${stack} removed from accounts), so Terraform never runs for it again and everything it holds stays in AWS. ` +
    `Destroy it first: keep the account key (its stack becomes empty) and apply it, or run \`npx cdktf destroy ${stack}\` (or \`terraform destroy\` in cdktf.out/stacks/${stack}) on the base revision; ` +
    `then remove the key and acknowledge with --allow-destroy ${stack}/*`
  );
}

/** Old stack -> what to say about it and about each of its resources, for every renamed account key. */
function renamedStacks(renamedKeys: readonly AccountRename[]): Map<string, { consequence: string; kept: string }> {
  const out = new Map<string, { consequence: string; kept: string }>();
  for (const a of renamedKeys) {
    for (const s of a.stacks) {
      out.set(s.from, {
        consequence:
          `the account key ${a.from} was renamed to ${a.to} (account ${a.accountId}), so this stack is now ${s.to}: its state must move with it. ` +
          `Do not destroy it (that would take these resources, and the spokes' routes and DNS, away): copy its state into ${s.to} with the steps under "Account key renamed", check that the ${s.to} plan destroys nothing, ` +
          `then acknowledge with --allow-destroy ${s.from}/*`,
        kept: `account key renamed (${a.from} -> ${a.to}): kept, not destroyed, once the state of ${s.from} is copied into ${s.to}`,
      });
    }
  }
  return out;
}

/** How to get rid of what a stack holds in a region it no longer configures. */
export function providerRemovalConsequence(o: OrphanedProvider): string {
  const where = o.region ?? o.providerKey;
  return (
    `the stack no longer configures provider ${o.providerKey} (${where}), but ${o.resources} of its resources were created with it: Terraform cannot destroy them without it ("Provider configuration not present"). ` +
    `Destroy them first, on the base revision (where the stack still configures it): \`terraform destroy -target=<address>\` for each of them in cdktf.out/stacks/${o.stack}; ` +
    `then acknowledge with --allow-destroy ${o.stack}/provider.${o.providerKey}`
  );
}
