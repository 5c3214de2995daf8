/**
 * A custom endpoint policy with policy variables (`${aws:PrincipalAccount}`) reaches AWS as written.
 * Every string of Terraform's JSON and HCL syntax is a template, so the variable must be written
 * `$${...}`: unescaped, `terraform validate` fails ("Extra characters after interpolation expression").
 * Real terraform: the hub stack's offline plan shows the policy text AWS would get, and the HCL form
 * validates too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, synthHclConfig, synthText, type Synthesized, type SynthesizedHcl } from '../support/synth';
import { offlinePlan, validateWithoutBackend } from '../support/terraform';
import { parseConfigText } from '../../src/config/load';

const CONFIG = readFileSync(path.join(PROJECT_ROOT, '__tests__/fixtures/warning/policy-variables-without-version/vpce-hub.yaml'), 'utf8').replace(
  '"Statement": [',
  '"Version": "2012-10-17", "Statement": [',
);
const POLICY_VARIABLE = '"aws:ResourceAccount":"${aws:PrincipalAccount}"';

describe('a custom endpoint policy with a policy variable', () => {
  let json: Synthesized;
  let hcl: SynthesizedHcl;
  beforeAll(() => {
    json = synthText(CONFIG);
    hcl = synthHclConfig(parseConfigText(CONFIG).config);
  });
  afterAll(() => {
    json?.cleanup();
    hcl?.cleanup();
  });

  it('validates and plans, and the planned policy holds the variable as AWS reads it', () => {
    const { validate, plan } = offlinePlan(json.stacksDir, 'network');
    expect(validate).toMatchObject({ valid: true, error_count: 0 });
    const endpoint = plan.resource_changes?.find((rc) => rc.address === 'aws_vpc_endpoint.hub_main_sqs');
    expect((endpoint?.change.after as { policy?: string } | undefined)?.policy).toContain(POLICY_VARIABLE);
  });

  it('validates as HCL', () => {
    expect(validateWithoutBackend(hcl.stacksDir, 'network')).toMatchObject({ valid: true, error_count: 0 });
  });
});
