/**
 * What onboarding ONE more spoke costs: synthesize N and N + 1 spokes (same generator, so the first N
 * are identical), diff the resource sets, and price the added resources in Route 53 API requests and
 * the apply time those imply. Synthesis runs in-process (the same buildPlan + buildApp + synth as the
 * CLI): only the resulting JSON matters here, not how long it took.
 */
import { synthText, type Synthesized } from '../__tests__/support/synth';
import type { DnsMode } from '../src/config/schema';
import {
  associationWaitSeconds,
  callsByStack,
  createCalls,
  minimumSeconds,
  minimumSeconds2025,
  refreshCalls,
} from './api-calls';
import { countByType, diffResources, resourceSet, type ResourceRef } from './resource-set';
import { accountIndexOfSpoke, topologyYaml, type TopologyOptions } from './topology';

export interface OnboardingCase {
  dns: DnsMode;
  profileSharing?: 'organization' | 'accounts';
  services: number;
  /** N: the spoke onboarded is spoke N + 1. */
  baseSpokes: number;
  accounts: number;
}

export interface OnboardingResult {
  case: OnboardingCase;
  /** The new spoke's account had no spoke before (its stack is new). */
  newAccount: boolean;
  /** Private hosted zones of the hub (0 in endpoint-url mode). */
  zones: number;
  added: number;
  addedByType: Record<string, number>;
  /** Resources added per stack; the hub stack is `network`. */
  addedByStack: Record<string, number>;
  /** Existing resources whose body changed, and removed ones: both must be 0 for a purely additive onboarding. */
  changed: number;
  removed: number;
  /** Route 53 (hosted-zone API) requests to create the added resources, per stack. */
  route53Calls: number;
  route53CallsByStack: Record<string, number>;
  /** AssociateVPCWithHostedZone requests (the action with its own, lower, 2025 bucket). */
  zoneAssociations: number;
  /** Route 53 Profiles API requests (not subject to the Route 53 hosted-zone API limit). */
  profilesCalls: number;
  /** Seconds: Route 53 requests at 5/s per account, hub stack then spoke stack. */
  minApplySeconds: number;
  /** Seconds under the 2025 token buckets (10/s account, burst 50; 5/s AssociateVPCWithHostedZone, burst 20). */
  minApplySeconds2025: number;
  /** Seconds the provider waits before its first GetChange poll of each association, 10 at a time. */
  associationWaitSeconds: number;
  /** Stacks with an added, changed or removed resource: the plans and applies the onboarding needs. */
  stacksTouched: string[];
  /** Resources that already exist in those stacks: every plan of them refreshes each one. */
  refreshedResources: number;
  /** Route 53 requests to refresh what already exists in the stacks the onboarding touches (every plan/apply). */
  refreshCalls: number;
  refreshSeconds: number;
}

const topology = (c: OnboardingCase, spokes: number): TopologyOptions => ({
  spokes,
  accounts: c.accounts,
  services: c.services,
  dns: c.dns,
  ...(c.profileSharing ? { profileSharing: c.profileSharing } : {}),
});

const byStack = (refs: ResourceRef[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of refs) out[r.stack] = (out[r.stack] ?? 0) + 1;
  return out;
};

function withSynth<T>(yaml: string, use: (s: Synthesized) => T): T {
  const s = synthText(yaml);
  try {
    return use(s);
  } finally {
    s.cleanup();
  }
}

export function measureOnboarding(c: OnboardingCase): OnboardingResult {
  const before = withSynth(topologyYaml(topology(c, c.baseSpokes)), (s) => ({ set: resourceSet(s.stacks), zones: s.plan.hubs[0]?.zones.length ?? 0 }));
  const after = withSynth(topologyYaml(topology(c, c.baseSpokes + 1)), (s) => resourceSet(s.stacks));
  const diff = diffResources(before.set, after);
  const r53 = callsByStack(diff.added, (t) => createCalls(t));
  const associations = callsByStack(diff.added, (t) => (t === 'aws_route53_zone_association' ? 1 : 0));
  const touched = new Set([...diff.added, ...diff.changed, ...diff.removed].map((r) => r.stack));
  const existingInTouched = [...before.set.values()].map((r) => r.ref).filter((r) => touched.has(r.stack));
  const refresh = callsByStack(existingInTouched, (t) => refreshCalls(t));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const newSpokeAccount = accountIndexOfSpoke(c.baseSpokes, c.accounts);
  return {
    case: c,
    newAccount: newSpokeAccount >= Math.min(c.accounts, c.baseSpokes),
    zones: before.zones,
    added: diff.added.length,
    addedByType: countByType(diff.added),
    addedByStack: byStack(diff.added),
    changed: diff.changed.length,
    removed: diff.removed.length,
    route53Calls: sum(r53),
    route53CallsByStack: Object.fromEntries(r53),
    zoneAssociations: sum(associations),
    profilesCalls: diff.added.reduce((n, r) => n + createCalls(r.type, 'route53profiles'), 0),
    minApplySeconds: minimumSeconds(r53, associations),
    minApplySeconds2025: minimumSeconds2025(r53, associations),
    associationWaitSeconds: associationWaitSeconds(sum(associations)),
    stacksTouched: [...touched].sort(),
    refreshedResources: existingInTouched.length,
    refreshCalls: sum(refresh),
    refreshSeconds: minimumSeconds(refresh),
  };
}
