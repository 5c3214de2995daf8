/**
 * The hub-side role during a peering -> transit gateway migration (issue 16): while peeringMigration is
 * set the spokes stacks keep (and, in the last apply, delete) each spoke's peering through that role, so
 * its policy keeps the peering statements; the end state's policy has none, which is why the README says
 * to narrow the role only after step 3 is applied.
 */
import { parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { actionsOf, hubSidePolicy } from '../../src/planning/hub-side-policy';
import { MIGRATION_STEPS } from '../support/peering-migration-steps';

const actions = (text: string) => actionsOf(hubSidePolicy(buildPlan(parseConfigText(text).config), 'network'));

it('keeps the peering actions through steps 1 and 2, with the transit gateway owner actions, and drops them at the end', () => {
  for (const step of [MIGRATION_STEPS.attach, MIGRATION_STEPS.moveRoutes]) {
    const a = actions(step);
    for (const action of ['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection', 'ec2:AcceptTransitGatewayVpcAttachment', 'ec2:AssociateTransitGatewayRouteTable']) expect({ action, allowed: a.has(action) }).toEqual({ action, allowed: true });
  }
  const end = actions(MIGRATION_STEPS.transitGateway);
  expect(end.has('ec2:DeleteVpcPeeringConnection')).toBe(false);
  expect(end.has('ec2:AcceptTransitGatewayVpcAttachment')).toBe(true);
});
