import { awsStringConstraints } from '../../src/analysis/rules/aws-string-constraints';
import { awsProvider, body, EXAMPLES, example, flagged, messages, mutated, SHIPPED } from './support/trees';

const PROFILE = 'examples/route53-profile/vpce-hub.yaml';
const ZONE_ASSOCIATION = 'aws_route53profiles_resource_association.hub_core_sqs_us-east-1_amazonaws_com';
const SG = 'aws_security_group.hub_main_endpoints';

describe('VH-STR-001 strings fit the documented AWS constraints', () => {
  it('passes the shipped example and every example, route53-profile included', () => {
    for (const file of [SHIPPED, PROFILE, 'examples/multi-hub/vpce-hub.yaml', ...EXAMPLES]) expect({ file, flagged: flagged(awsStringConstraints, example(file).tree) }).toEqual({ file, flagged: [] });
  });

  it('flags a profile resource association named after its zone (dots: AssociateResourceToProfile rejects them)', () => {
    const { stacks } = example(PROFILE);
    const tree = mutated(stacks, (s) => (body(s, 'network', ZONE_ASSOCIATION).name = 'sqs.us-east-1.amazonaws.com'));
    expect(flagged(awsStringConstraints, tree)).toEqual([`network/${ZONE_ASSOCIATION}`]);
    expect(messages(awsStringConstraints, tree)[0]).toMatch(/^name "sqs\.us-east-1\.amazonaws\.com" contains "\."; allowed: .*API_route53profiles_AssociateResourceToProfile\.html/);
  });

  it('flags a security group name with the reserved sg- prefix, an over-long description and a bad character', () => {
    const { stacks, tree } = example(SHIPPED);
    expect(flagged(awsStringConstraints, tree)).toEqual([]);
    expect(messages(awsStringConstraints, mutated(stacks, (s) => (body(s, 'network', SG).name = 'SG-endpoints')))).toEqual([
      expect.stringMatching(/^name "SG-endpoints" starts with sg-, which AWS reserves/),
    ]);
    expect(messages(awsStringConstraints, mutated(stacks, (s) => (body(s, 'network', SG).description = 'x'.repeat(256))))).toEqual([expect.stringMatching(/is 256 characters long, over the limit of 255/)]);
    expect(messages(awsStringConstraints, mutated(stacks, (s) => (body(s, 'network', SG).description = 'HTTPS – spokes')))).toEqual([expect.stringMatching(/contains "–"/)]);
  });

  it('flags tags: an EC2 key with the aws: prefix, an IAM tag value with a character IAM refuses', () => {
    const { stacks } = example(SHIPPED);
    const vpc = mutated(stacks, (s) => ((body(s, 'network', 'aws_vpc.hub_main').tags as Record<string, string>)['aws:owner'] = 'me'));
    expect(messages(awsStringConstraints, vpc)).toEqual([expect.stringMatching(/^tags key "aws:owner" starts with aws:/)]);
    const role = mutated(stacks, (s) => ((body(s, 'network', 'aws_iam_role.hub_main_flow_log').tags as Record<string, string>).Name = 'flow logs (main)'));
    expect(messages(awsStringConstraints, role)).toEqual([expect.stringMatching(/^tags.Name "flow logs \(main\)" contains "\(", "\)"/)]);
  });

  it('flags a provider session name over 64 characters and default tags every service refuses', () => {
    const { stacks } = example(SHIPPED);
    const session = mutated(stacks, (s) => ((awsProvider(s, 'network').assume_role as Array<Record<string, string>>)[0].session_name = 'x'.repeat(65)));
    expect(flagged(awsStringConstraints, session)).toEqual(['network/provider.aws.us_east_1']);
    const tags = mutated(stacks, (s) => ((awsProvider(s, 'network').default_tags as Array<{ tags: Record<string, string> }>)[0].tags.Team = 'a|b'));
    expect(messages(awsStringConstraints, tags)).toEqual([expect.stringMatching(/^default_tags.Team "a\|b" contains "\|"/)]);
  });

  it('skips values Terraform computes at apply', () => {
    const { stacks } = example(SHIPPED);
    expect(flagged(awsStringConstraints, mutated(stacks, (s) => (body(s, 'network', SG).name = '${var.sg_name_with.dots}')))).toEqual([]);
  });
});
