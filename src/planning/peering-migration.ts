/**
 * A peering hub moving to a transit gateway in three pull requests (hubs.<hub>.peeringMigration, issue 16),
 * so that no spoke is ever without a path to the hub:
 * 1. `attach`: the transit gateway path is built (attachments accepted, associated, propagated) while
 *    every peering and every route over it stays as it is;
 * 2. `move-routes`: every route of the pair (spoke -> hub CIDRs, hub -> spoke CIDRs) keeps its address and
 *    is updated in place to the gateway (ReplaceRoute, one atomic call per route), each after the
 *    attachment, association and propagation it needs; both directions move in one apply, which AWS
 *    recommends so asymmetric paths do not drop jumbo frames (peering MTU 9001, transit gateway 8500:
 *    https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html); the peerings stay, unused;
 * 3. the field removed: the peerings are destroyed, nothing routes over them any more.
 * Steps 2 and 3 cannot be one: Terraform destroys a resource before it updates the resources that
 * depended on it unless create_before_destroy was set when they were created (hashicorp/terraform
 * issues 29925, 32136), so the routes would point at a deleted peering (a blackhole) until moved.
 */
import type { HubPlan } from './plan';

/** The spokes of this hub keep (or have) a VPC peering: a peering hub, or a transit-gateway hub mid-migration. */
export const keepsPeering = (hub: HubPlan): boolean => hub.connectivity === 'peering' || hub.peeringMigration !== undefined;

/** The pair's routes go over the hub's transit gateway (not over the peering of migration step 1). */
export const routesOverGateway = (hub: HubPlan): boolean => hub.transitGateway !== undefined && hub.peeringMigration !== 'attach';
