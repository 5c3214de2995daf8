/**
 * The destructive-change gate: every replace or delete of a resource spokes depend on (consequences.ts)
 * blocks the review until a person acknowledges it by address with `--allow-destroy`, either
 * stack-qualified (`network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com`) or bare (then it
 * covers that address in every stack). Removing a spoke from the config is such a change too:
 * `prevent_destroy` cannot help once the block is gone (domain.md section 7).
 *
 * A stack that disappears (its account key was removed from `accounts`) is gated as a whole, whatever
 * it holds: acknowledging it (`<stack>/*`) means it has been destroyed first, or is left on purpose.
 * So is a provider configuration a stack loses while its base had resources under it
 * (orphaned-providers.ts): `<stack>/provider.<key>`.
 */
import { qualified, type StackChanges } from './changes';
import { consequenceOf } from './consequences';
import type { OrphanedProvider } from './orphaned-providers';

export interface GatedChange {
  stack: string;
  address: string;
  type: string;
  action: 'replace' | 'delete';
  /** What it means for the spokes, in words. */
  consequence: string;
  /** Attributes that force the replacement, when known. */
  attributes: string[];
  /** Why it is replaced, when more than the attributes (tree comparison or plan). */
  reason?: string;
  /** The stack is no longer synthesized: nothing will run Terraform for it. */
  stackRemoved: boolean;
  acknowledged: boolean;
}

export interface GateResult {
  /** Some gated change is not acknowledged. */
  blocked: boolean;
  changes: GatedChange[];
  /** `--allow-destroy` values that match no gated change (a typo, or a change that went away). */
  unmatched: string[];
}

export function evaluateGate(stacks: readonly StackChanges[], allowDestroy: readonly string[], orphaned: readonly OrphanedProvider[] = []): GateResult {
  const allow = new Set(allowDestroy.map((a) => a.trim()).filter((a) => a !== ''));
  const used = new Set<string>();
  const changes: GatedChange[] = [];
  for (const s of stacks) {
    if (s.status === 'removed') {
      // Whatever the stack holds, nothing will ever run Terraform for it again: its resources stay in
      // AWS and in its state. Only the person who destroyed it (or chose to leave it) can say so.
      const key = `${s.stack}/*`;
      if (allow.has(key)) used.add(key);
      changes.push({
        stack: s.stack,
        address: '*',
        type: 'stack',
        action: 'delete',
        consequence: stackRemovalConsequence(s.stack),
        attributes: [],
        stackRemoved: true,
        acknowledged: allow.has(key),
      });
    }
    for (const o of orphaned.filter((x) => x.stack === s.stack)) {
      // Its resources show as deletes, but the apply that should delete them fails without the provider.
      const key = `${o.stack}/provider.${o.providerKey}`;
      if (allow.has(key)) used.add(key);
      changes.push({
        stack: o.stack,
        address: `provider.${o.providerKey}`,
        type: 'provider',
        action: 'delete',
        consequence: providerRemovalConsequence(o),
        attributes: [],
        stackRemoved: false,
        acknowledged: allow.has(key),
      });
    }
    for (const c of s.changes) {
      if (c.action !== 'replace' && c.action !== 'delete') continue;
      const consequence = consequenceOf(c);
      if (consequence === undefined) continue;
      const hits = [qualified(c), c.address].filter((k) => allow.has(k));
      for (const h of hits) used.add(h);
      changes.push({
        stack: c.stack,
        address: c.address,
        type: c.type,
        action: c.action,
        consequence,
        attributes: c.action === 'replace' ? c.attributes : [],
        ...(c.reason ? { reason: c.reason } : {}),
        stackRemoved: s.status === 'removed',
        acknowledged: hits.length > 0,
      });
    }
  }
  return { blocked: changes.some((c) => !c.acknowledged), changes, unmatched: [...allow].filter((a) => !used.has(a)).sort() };
}

/** How to get rid of a stack that is no longer synthesized, before it disappears. */
export function stackRemovalConsequence(stack: string): string {
  return (
    `the stack is no longer synthesized (account key ${stack} removed from accounts), so Terraform never runs for it again and everything it holds stays in AWS. ` +
    `Destroy it first: keep the account key (its stack becomes empty) and apply it, or run \`npx cdktf destroy ${stack}\` (or \`terraform destroy\` in cdktf.out/stacks/${stack}) on the base revision; ` +
    `then remove the key and acknowledge with --allow-destroy ${stack}/*`
  );
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
