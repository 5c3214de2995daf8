/**
 * What one cell of the proof is about: a spoke and its hub as the plan asks for them, the stacks that
 * must realise each half, and the hub VPC as the synthesized JSON names it. The plan is the
 * specification; the JSON is what gets proven against it.
 */
import type { HubPlan, NetworkPlan, SpokePlan } from '../../planning/plan';
import type { BrokenLink } from './result';
import { resolveValue, type Resolved } from './resolve';
import { resourcesOfType, type SynthesizedApp } from './synthesized';

export interface ProofContext {
  app: SynthesizedApp;
  plan: NetworkPlan;
  hub: HubPlan;
  spoke: SpokePlan;
  /** Holds the hub half: endpoints, zones, authorizations, peering request, return routes. */
  hubStack: string;
  /** Holds the spoke half: accepter, spoke routes, zone or profile associations. */
  spokeStack: string;
  hubVpc: Resolved;
}

/** Builds the context, or the broken link that makes every cell of this spoke unreachable. */
export function proofContext(app: SynthesizedApp, plan: NetworkPlan, hub: HubPlan, spoke: SpokePlan): ProofContext | BrokenLink {
  const hubStack = plan.stacks.find((s) => s.hubs.includes(hub.name))?.name ?? hub.account.key;
  const spokeStack = plan.stacks.find((s) => s.spokes.includes(spoke.name))?.name ?? spoke.account.key;
  for (const stack of [hubStack, spokeStack]) {
    if (app.stacks[stack] === undefined) return { link: 'stack', message: `stack ${stack} is missing from the synthesized output (run vpce-hub synth)` };
  }
  const hubVpc = hubVpcOf(app, hub, hubStack);
  if (hubVpc.kind === 'unresolved') return { link: 'stack', message: hubVpc.reason };
  return { app, plan, hub, spoke, hubStack, spokeStack, hubVpc };
}

/** An existing hub VPC is its id; a new one is the aws_vpc of the hub's CIDR in the hub's stack. */
function hubVpcOf(app: SynthesizedApp, hub: HubPlan, stack: string): Resolved {
  if (hub.existingVpcId !== undefined) return { kind: 'literal', value: hub.existingVpcId };
  const vpc = resourcesOfType(app, stack, 'aws_vpc').find((r) => r.body.cidr_block === hub.cidr);
  if (!vpc) return { kind: 'unresolved', reason: `stack ${stack} has no aws_vpc with CIDR ${hub.cidr} for hub ${hub.name}` };
  return { kind: 'ref', ref: { stack, address: vpc.address, attr: 'id' } };
}

export const accountIdOfStack = (plan: NetworkPlan, stack: string): string | undefined => plan.stacks.find((s) => s.name === stack)?.account.id;

/** Resolves a field of a resource body in its own stack. */
export const field = (ctx: { app: SynthesizedApp }, record: { stack: string; body: Record<string, unknown> }, name: string): Resolved =>
  resolveValue(ctx.app, record.stack, record.body[name]);
