/**
 * The hub-side role on brownfield transit gateways (issue 16). Adopted attachments: their association
 * is created with replace_existing_association, whose Create disassociates the attachment from a table
 * the config does not know, so the owner's role may disassociate those attachments (by id) from any
 * table, and no other attachment gains that. A peering -> transit gateway migration: while peeringMigration is
 * set the spokes stacks keep (and, in the last apply, delete) each spoke's peering through that role, so
 * its policy keeps the peering statements; the end state's policy has none, which is why the README says
 * to narrow the role only after step 3 is applied.
 */
import path from 'node:path';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT } from '../support/synth';
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

it("lets the gateway owner's role take the adopted attachments (by id) out of whatever table they are in, and no other attachment", () => {
  const plan = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, 'examples/organization-transit-gateway/vpce-hub.yaml')).config);
  const statement = hubSidePolicy(plan, 'network').Statement.find((s) => s.Sid === 'ReplaceAssociationsOfAdoptedAttachments');
  expect(statement).toEqual({
    Sid: 'ReplaceAssociationsOfAdoptedAttachments',
    Effect: 'Allow',
    Action: ['ec2:DisassociateTransitGatewayRouteTable'],
    Resource: [
      'arn:aws:ec2:eu-central-1:111111111111:transit-gateway-route-table/*',
      'arn:aws:ec2:eu-central-1:111111111111:transit-gateway-attachment/tgw-attach-0ddddddddddddddd1',
      'arn:aws:ec2:eu-central-1:111111111111:transit-gateway-attachment/tgw-attach-0eeeeeeeeeeeeeee1',
    ],
  });
  // Without adopted attachments there is no such statement.
  const plain = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml')).config);
  expect(hubSidePolicy(plain, 'network').Statement.some((s) => s.Sid === 'ReplaceAssociationsOfAdoptedAttachments')).toBe(false);
});
