/**
 * The Terraform tier for the peering -> transit gateway migration (issue 16, section 4): every step's
 * stacks init, validate and plan offline with exactly the resources the network plan predicts, and in
 * Terraform's own apply graph (`terraform graph -plan`) every route over the gateway waits for its
 * attachment's association and propagation (the association in turn for the owner's acceptance).
 */
import path from 'node:path';
import { buildPlan } from '../../src/planning/build-plan';
import { parseConfigText } from '../../src/config/load';
import { runTerraform } from '../../src/review/offline-plan';
import { MIGRATION_STEPS as STEP } from '../support/peering-migration-steps';
import { synthText, type Synthesized } from '../support/synth';
import { countByType, offlinePlan, terraformOptions } from '../support/terraform';
import { expectedCreates } from './expected-creates';

/** Plans one stack of a step offline and checks it creates what the network plan predicts; returns the DOT apply graph. */
function planStep(s: Synthesized, text: string, stack: string): string {
  const plan = buildPlan(parseConfigText(text).config);
  const stackPlan = plan.stacks.find((x) => x.name === stack);
  if (!stackPlan) throw new Error(`no stack ${stack}`);
  const { validate, plan: tfPlan } = offlinePlan(s.stacksDir, stack);
  expect(validate).toMatchObject({ valid: true, error_count: 0 });
  expect(countByType(tfPlan)).toEqual(expectedCreates(plan, stackPlan));
  return runTerraform(path.join(s.stacksDir, stack), ['graph', '-plan=plan.bin'], terraformOptions());
}

/** `from` depends on `to` in the apply graph. */
const edge = (dot: string, from: string, to: string): boolean => dot.includes(`"[root] ${from} (expand)" -> "[root] ${to}"`);

describe.each([
  ['step 1 (attach)', STEP.attach, ['network', 'payments']],
  ['step 2 (move-routes)', STEP.moveRoutes, ['payments']],
  ['step 3 (peerings removed)', STEP.transitGateway, ['payments']],
] as const)('%s', (_, text, stacks) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthText(text);
  });
  afterAll(() => s?.cleanup());

  it.each(stacks)('stack %s validates and plans exactly the predicted resources; routes over the gateway wait for association and propagation', (stack) => {
    const dot = planStep(s, text, stack);
    if (stack !== 'payments') return;
    const routes = ['aws_route.hub_main_endpoints_to_payments-prod_10-1-0-0_16', 'aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main', 'aws_route.spoke_payments-prod_rtb-0b1c2d3e4f5a67890_to_hub_main'];
    const overGateway = text !== STEP.attach;
    for (const route of routes) {
      expect({ route, association: edge(dot, route, 'aws_ec2_transit_gateway_route_table_association.spoke_payments-prod') }).toEqual({ route, association: overGateway });
      expect({ route, propagation: edge(dot, route, 'aws_ec2_transit_gateway_route_table_propagation.spoke_payments-prod_to_hub') }).toEqual({ route, propagation: overGateway });
      // Step 1: the routes still use (and wait for) the peering's acceptance.
      expect({ route, peering: edge(dot, route, 'aws_vpc_peering_connection_accepter.spoke_payments-prod') }).toEqual({ route, peering: !overGateway });
    }
    expect(edge(dot, 'aws_ec2_transit_gateway_route_table_association.spoke_payments-prod', 'aws_ec2_transit_gateway_vpc_attachment_accepter.spoke_payments-prod')).toBe(true);
  });
});
