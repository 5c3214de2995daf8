/**
 * The destructive-change gate: every replace or delete of a resource spokes depend on (consequences.ts)
 * blocks the review until a person acknowledges it by address with `--allow-destroy`, either
 * stack-qualified (`network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com`) or bare (then it
 * covers that address in every stack), or by pattern (acknowledgements.ts: `payments/aws_route53_zone_association.*`,
 * `hub=main/aws_route53_zone_association.*`). Removing a spoke from the config is such a change too:
 * `prevent_destroy` cannot help once the block is gone (domain.md section 7).
 */
import { acknowledges } from './acknowledgements';
import type { StackChanges } from './changes';
import { consequenceOf } from './consequences';

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
  /** `--allow-destroy` values (exact or patterns) that match no gated change (a typo, or a change that went away). */
  unmatched: string[];
}

export function evaluateGate(stacks: readonly StackChanges[], allowDestroy: readonly string[]): GateResult {
  const allow = new Set(allowDestroy.map((a) => a.trim()).filter((a) => a !== ''));
  const used = new Set<string>();
  const changes: GatedChange[] = [];
  for (const s of stacks) {
    for (const c of s.changes) {
      if (c.action !== 'replace' && c.action !== 'delete') continue;
      const consequence = consequenceOf(c);
      if (consequence === undefined) continue;
      const hits = [...allow].filter((a) => acknowledges(a, c));
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
