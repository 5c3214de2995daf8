/**
 * Issue 19 section 2: the HCL form writes meta-argument references bare (`provider = aws.x`), not in the
 * quotes cdktf's renderer uses and Terraform warns about. Terraform's own verdict on every shipped
 * config is in __tests__/terraform/hcl.test.ts; here the rewrite itself, and cdktf's output through it.
 */
import { withBareReferencesHcl } from '../../src/stacks/hcl-references';
import { synthHclFile, type SynthesizedHcl } from '../support/synth';

describe('withBareReferencesHcl', () => {
  it('unquotes provider, depends_on and ignore_changes references, as cdktf renders them', () => {
    const cdktf = [
      'resource "aws_route" "r" {',
      'route_table_id = "${aws_route_table.t.id}"',
      'depends_on = [',
      '"aws_vpc_peering_connection_accepter.a",',
      '"data.aws_vpc.v",',
      ']',
      'lifecycle {',
      '  ignore_changes = [',
      '"vpc",',
      ']',
      '}',
      'provider = "aws.eu_west_1"',
      '}',
    ].join('\n');
    expect(withBareReferencesHcl(cdktf)).toBe(
      [
        'resource "aws_route" "r" {',
        'route_table_id = "${aws_route_table.t.id}"',
        'depends_on = [',
        'aws_vpc_peering_connection_accepter.a,',
        'data.aws_vpc.v,',
        ']',
        'lifecycle {',
        '  ignore_changes = [',
        'vpc,',
        ']',
        '}',
        'provider = aws.eu_west_1',
        '}',
      ].join('\n'),
    );
  });

  it('leaves strings that are values alone: other attributes, other lists, heredoc bodies, non-references', () => {
    const hcl = [
      'tags = {',
      '"provider" = "aws.x"',
      '}',
      'names = [',
      '"aws.x",',
      ']',
      'description = <<EOF',
      'provider = "aws.x"',
      'EOF',
      'depends_on = [',
      '"not a reference",',
      ']',
      'provider = "${var.p}"',
    ].join('\n');
    expect(withBareReferencesHcl(hcl)).toBe(hcl);
  });
});

describe('a synthesized HCL stack', () => {
  let synth: SynthesizedHcl;
  beforeAll(() => {
    synth = synthHclFile('examples/cross-region-cloud/vpce-hub.yaml');
  });
  afterAll(() => synth?.cleanup());

  it('holds no quoted reference, and its aliased resources name their provider bare', () => {
    for (const [stack, hcl] of Object.entries(synth.stacks)) {
      expect({ stack, quoted: hcl.match(/^\s*provider\s*=\s*".*$/gm) ?? [] }).toEqual({ stack, quoted: [] });
      expect({ stack, quoted: hcl.match(/(depends_on|ignore_changes) = \[\n\s*".*/g) ?? [] }).toEqual({ stack, quoted: [] });
    }
    expect(synth.stacks.web).toMatch(/^provider = aws\.eu_west_3$/m);
    expect(synth.stacks.hub).toMatch(/ignore_changes = \[\nvpc,\n\]/);
  });
});
