/**
 * The Terraform tier for the owner's tags of attachments a transit gateway accepts by itself
 * (constructs/transit-gateway.ts): a created gateway with autoAcceptSharedAttachments, spokes in other
 * accounts. Each spokes stack validates and plans offline to exactly what the network plan predicts,
 * the two aws_ec2_tag of each attachment (Project, ManagedBy) in the owner's account included, and the
 * association and propagation wait for them (the hub-side role acts only on attachments carrying them).
 */
import { parseConfigText } from '../../src/config/load';
import { VARIANTS } from '../iam/configs';
import { resourcesOf, synthText, type Synthesized } from '../support/synth';
import { countByType, offlinePlan } from '../support/terraform';
import { expectedCreates } from './expected-creates';

const [, text] = VARIANTS[1];

describe('a transit gateway that accepts shared attachments by itself', () => {
  let synth: Synthesized;
  beforeAll(() => {
    expect(parseConfigText(text).config.hubs[0].transitGateway?.autoAcceptSharedAttachments).toBe(true);
    synth = synthText(text);
  });
  afterAll(() => synth?.cleanup());

  it.each(['payments', 'analytics'])("stack %s: the owner's two tags of the spoke's attachment, before its association and propagation", (name) => {
    const stackPlan = synth.plan.stacks.find((s) => s.name === name);
    if (!stackPlan) throw new Error(`no stack ${name}`);
    const resources = resourcesOf(synth.stacks[name]);
    const tags = [...resources.entries()].filter(([a]) => a.startsWith('aws_ec2_tag.'));
    expect(tags.map(([, b]) => [b.key, b.value, b.provider])).toEqual([
      ['ManagedBy', 'vpce-hub', 'aws.hub_network_eu_west_1'],
      ['Project', 'hybrid', 'aws.hub_network_eu_west_1'],
    ]);
    const [managedBy] = tags.find(([, b]) => b.key === 'ManagedBy') ?? [];
    const [project] = tags.find(([, b]) => b.key === 'Project') ?? [];
    expect(resources.get(managedBy as string)?.depends_on).toEqual([project]);
    for (const [address, body] of resources) if (/^aws_ec2_transit_gateway_route_table_(association|propagation)\./.test(address)) expect([address, body.depends_on]).toEqual([address, [managedBy]]);
    const { validate, plan } = offlinePlan(synth.stacksDir, name);
    expect(validate).toMatchObject({ valid: true, error_count: 0 });
    expect(countByType(plan)).toEqual(expectedCreates(synth.plan, stackPlan));
  });
});
