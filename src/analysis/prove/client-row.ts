/**
 * A client of the endpoints that is not a spoke, as a spoke-shaped record, so the proof's checks run on
 * it unchanged: the hub VPC, a client range or an on-premises range. It lives in the hub's account and
 * region (its rules and routes are the hub stack's), with no pair of its own: no peering, no routes of
 * its own, no attachment, no tags.
 */
import type { HubPlan, SpokePlan } from '../../planning/plan';

export function clientRow(hub: HubPlan, name: string, cidrs: string[], vpcId: string): SpokePlan {
  return { name, awsName: name, account: hub.account, region: hub.region, hub: hub.name, vpcId, cidrs, routeTableIds: [], crossAccount: false, crossRegion: false, autoAccept: true, attachmentSubnets: [], tags: {} };
}
