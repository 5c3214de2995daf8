/**
 * What a change does to the reachability matrix: cells (spoke -> service) it breaks, fixes, adds or
 * removes, matched by `cellKey` on both sides.
 */
import { cellKey, type ProofCell, type ReachabilityProof } from '../analysis/prove';

export interface ReachabilityDelta {
  /** Broken now, and reachable (or absent) before. */
  broken: ProofCell[];
  /** Reachable now, broken before. */
  fixed: ProofCell[];
  /** New cells that are reachable (a spoke or service was added). */
  added: string[];
  /** Cells that no longer exist (a spoke or service was removed). */
  removed: string[];
}

export function reachabilityDelta(base: ReachabilityProof, current: ReachabilityProof): ReachabilityDelta {
  const before = new Map(base.cells.map((c) => [cellKey(c), c]));
  const now = new Map(current.cells.map((c) => [cellKey(c), c]));
  const delta: ReachabilityDelta = { broken: [], fixed: [], added: [], removed: [] };
  for (const [k, c] of now) {
    const old = before.get(k);
    if (!c.reachable && (!old || old.reachable)) delta.broken.push(c);
    else if (c.reachable && old && !old.reachable) delta.fixed.push(c);
    else if (c.reachable && !old) delta.added.push(k);
  }
  for (const k of before.keys()) if (!now.has(k)) delta.removed.push(k);
  return delta;
}

export const deltaIsEmpty = (d: ReachabilityDelta): boolean => d.broken.length + d.fixed.length + d.added.length + d.removed.length === 0;
