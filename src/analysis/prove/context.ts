/**
 * What one cell of the proof is about: a spoke and its hub as the plan asks for them, the stacks that
 * must realise each half, and the hub VPC as the synthesized JSON names it. The plan is the
 * specification; the JSON is what gets proven against it.
 */
import type { HubPlan, NetworkPlan, SpokePlan } from '../../planning/plan';
import { resourceAccount } from '../accounts';
import type { Resolution, SynthTree, TfResource } from '../tree';
import type { BrokenLink, ClientKind } from './result';
import { literal, resourcesIn } from './values';

export { field } from './values';

export interface ProofContext {
  tree: SynthTree;
  plan: NetworkPlan;
  hub: HubPlan;
  spoke: SpokePlan;
  /** Holds what the hub shares: VPC, endpoints, security groups, zones, profile. */
  hubStack: string;
  /** Holds both halves of the pair (issue 9): accepter, routes, associations, and the hub halves. */
  spokeStack: string;
  /** Where hub halves (peering request, return routes, SG rules, authorizations, RAM principals) may be:
   * the spokes stack, acting in the hub's account, or the hub stack (how older layouts kept them). */
  hubSideStacks: string[];
  hubVpc: Resolution;
  /** Set for the rows that are not spokes (`spoke` then stands for that client: its CIDRs, no routes). */
  client?: ClientKind;
}

/** Builds the context, or the broken link that makes every cell of this spoke unreachable. */
export function proofContext(tree: SynthTree, plan: NetworkPlan, hub: HubPlan, spoke: SpokePlan): ProofContext | BrokenLink {
  const hubStack = plan.stacks.find((s) => s.hubs.includes(hub.name))?.name ?? hub.account.key;
  const spokeStack = plan.stacks.find((s) => s.spokes.includes(spoke.name))?.name ?? spoke.account.key;
  for (const stack of [hubStack, spokeStack]) {
    if (!tree.stacks.has(stack)) return { link: 'stack', message: `stack ${stack} is missing from the synthesized output (run vpce-hub synth)` };
  }
  const hubVpc = hubVpcOf(tree, hub, hubStack);
  if (hubVpc.kind === 'unresolved') return { link: 'stack', message: hubVpc.reason };
  return { tree, plan, hub, spoke, hubStack, spokeStack, hubSideStacks: [...new Set([spokeStack, hubStack])], hubVpc };
}

/** An existing hub VPC is its id; a new one is the aws_vpc of the hub's CIDR in the hub's stack. */
function hubVpcOf(tree: SynthTree, hub: HubPlan, stack: string): Resolution {
  if (hub.existingVpcId !== undefined) return literal(stack, hub.existingVpcId);
  const vpc = resourcesIn(tree, stack, 'aws_vpc').find((r) => r.body.cidr_block === hub.cidr);
  if (!vpc) return { kind: 'unresolved', stack, reason: `stack ${stack} has no aws_vpc with CIDR ${hub.cidr} for hub ${hub.name}`, hops: [] };
  return { kind: 'resource', resource: vpc, attribute: ['id'], hops: [] };
}

export const accountIdOfStack = (plan: NetworkPlan, stack: string): string | undefined => plan.stacks.find((s) => s.name === stack)?.account.id;

/** The account a resource acts in: its provider's pin (a spokes stack's hub-side provider acts in the hub account), else its stack's. */
export const accountOf = (ctx: ProofContext, res: TfResource): string | undefined => resourceAccount(ctx.tree, res) ?? accountIdOfStack(ctx.plan, res.stack);

/** The resources of a type in the stacks that may hold hub halves, acting in the hub's account. */
export const hubSideResources = (ctx: ProofContext, type: string): TfResource[] =>
  ctx.hubSideStacks.flatMap((stack) => resourcesIn(ctx.tree, stack, type)).filter((r) => accountOf(ctx, r) === ctx.hub.account.id);
