/** VH-RT-001: nothing routes the whole address space over a peering connection. */
import { isAnywhere } from '../cidr-match';
import { peeringRoutes } from '../peering';
import { defineRule } from './rule';

export const noDefaultRouteOverPeering = defineRule(
  {
    id: 'VH-RT-001',
    severity: 'error',
    summary: 'No route sends 0.0.0.0/0 or ::/0 over a peering connection',
    explanation:
      'Peering is not transitive: a default route to the hub cannot reach the internet or other spokes and only blackholes ' +
      'traffic, or, where it does work, hands all of a VPC\'s traffic to another account. Routes over peering name the ' +
      'other VPC\'s CIDRs (domain.md section 4).',
  },
  (tree) =>
    peeringRoutes(tree)
      .filter((r) => r.destination !== undefined && isAnywhere(r.destination))
      .map((r) => ({
        stack: r.holder.stack,
        resource: r.holder.address,
        message: `${r.label === r.holder.address ? 'routes' : `inline ${r.label} routes`} ${r.destination} over ${r.peering?.address ?? 'a peering connection'}`,
      })),
);
