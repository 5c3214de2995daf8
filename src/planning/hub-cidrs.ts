/**
 * Every CIDR of a hub VPC, primary first: what spokes route to the hub. An existing hub VPC may have
 * secondary CIDRs, and its endpoint subnets, given by id, may sit in any of them, so a route to the
 * primary alone can miss them.
 */
import type { HubPlan } from './plan';

export const hubCidrs = (hub: Pick<HubPlan, 'cidr' | 'secondaryCidrs'>): Array<{ cidr: string; secondary: boolean }> => [
  { cidr: hub.cidr, secondary: false },
  ...hub.secondaryCidrs.map((cidr) => ({ cidr, secondary: true })),
];
