/**
 * The hub-side role on brownfield transit gateways (issue 16). Adopted attachments: their association
 * is created with replace_existing_association, whose Create disassociates the attachment from a table
 * the config does not know, so the owner's role may disassociate from any table of its gateways (the
 * attachment side still needs our tags, which the imported accepter writes first); that accepter's first
 * update re-tags an attachment carrying whatever tags it had, allowed by the adopted ids only. A peering -> transit gateway migration: while peeringMigration is
 * set the spokes stacks keep (and, in the last apply, delete) each spoke's peering through that role, so
 * its policy keeps the peering statements; the end state's policy has none, which is why the README says
 * to narrow the role only after step 3 is applied.
 */
import { readFileSync } from 'node:fs';
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

it("lets the gateway owner's role take the adopted attachments out of whatever table they are in, and re-tag those (by id) and no other attachment", () => {
  const plan = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, 'examples/organization-transit-gateway/vpce-hub.yaml')).config);
  const statements = hubSidePolicy(plan, 'network').Statement;
  const sid = (id: string) => statements.find((s) => s.Sid === id);
  // The association's replace_existing_association disassociates from a table the config does not know:
  // any route table of the owner (the attachment side stays OwnAttachments: our tags, written first).
  expect(sid('ReplaceAssociationsOfAdoptedAttachments')).toEqual({
    Sid: 'ReplaceAssociationsOfAdoptedAttachments',
    Effect: 'Allow',
    Action: ['ec2:DisassociateTransitGatewayRouteTable'],
    Resource: ['arn:aws:ec2:eu-central-1:111111111111:transit-gateway-route-table/*'],
  });
  // The imported accepter's first tag update, on an attachment carrying whatever tags it had: by id.
  const adopted = ['arn:aws:ec2:eu-central-1:*:transit-gateway-attachment/tgw-attach-0ddddddddddddddd1', 'arn:aws:ec2:eu-central-1:*:transit-gateway-attachment/tgw-attach-0eeeeeeeeeeeeeee1'];
  expect(sid('TagAdoptedAttachments')).toMatchObject({ Action: ['ec2:CreateTags'], Resource: adopted });
  expect(sid('UntagAdoptedAttachments')).toEqual({ Sid: 'UntagAdoptedAttachments', Effect: 'Allow', Action: ['ec2:DeleteTags'], Resource: adopted });
  // Without adopted attachments there are no such statements.
  const plain = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml')).config);
  const plainSids = hubSidePolicy(plain, 'network').Statement.map((s) => s.Sid);
  for (const s of ['ReplaceAssociationsOfAdoptedAttachments', 'TagAdoptedAttachments', 'UntagAdoptedAttachments']) expect(plainSids).not.toContain(s);
});

it('never lets an imported accepter accept: an adopted attachment on an auto-accepting gateway is accepted already', () => {
  const text = readFileSync(path.join(PROJECT_ROOT, 'examples/organization-transit-gateway/vpce-hub.yaml'), 'utf8').replace('      defaultRouteTableIds: [tgw-rtb-0aaaaaaaaaaaaaaaa]\n', '      autoAcceptSharedAttachments: true\n      defaultRouteTableIds: []\n');
  expect(actions(text).has('ec2:AcceptTransitGatewayVpcAttachment')).toBe(false);
  expect(actions(text).has('ec2:DeleteTags')).toBe(true);
});
