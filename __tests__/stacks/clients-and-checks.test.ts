/**
 * Issue 8, sections 3, 6 and 10 in the synthesized stacks: every client the zones send to the
 * endpoints gets an HTTPS rule (the hub VPC's own CIDRs, the configured client ranges); every VPC we
 * do not own gets a Terraform check block on its DNS settings; an account without hubs or spokes keeps
 * an empty stack.
 */
import { checkHcl } from '../../src/constructs/vpc-dns-check';
import { buildPlan } from '../../src/planning/build-plan';
import type { VpceHubStack } from '../../src/stacks/vpce-hub-stack';
import { buildApp } from '../../src/stacks/app';
import { config, EXISTING_HUB, hub, load, spoke } from '../planning/configs';
import { synthConfig, type Synthesized } from '../support/synth';
import type { TerraformJson } from '../support/terraform';
import { ofType } from './json';

type CheckBlock = { data: { aws_vpc: Record<string, { id: string; provider: string }> }; assert: Array<{ condition: string; error_message: string }> };
const checksOf = (stack: TerraformJson): Record<string, CheckBlock> => ((stack as { check?: Record<string, CheckBlock> }).check ?? {});

describe('an existing hub VPC with a secondary CIDR and client ranges', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthConfig(load(config([hub({ vpc: EXISTING_HUB, clientCidrs: ['192.168.0.0/16', '172.16.4.0/24'] })], [spoke('payments-prod', 'payments', 1)])));
  });
  afterAll(() => synth?.cleanup());

  it("admits HTTPS from the hub VPC's CIDRs and each client range, in group 1, besides the spoke", () => {
    const rules = ofType(synth.stacks.network, 'aws_vpc_security_group_ingress_rule');
    expect(Object.fromEntries(Object.entries(rules).map(([name, r]) => [name, [r.cidr_ipv4, r.description, r.security_group_id, r.from_port, r.to_port]]))).toEqual({
      'hub_main_https_from_hub_vpc_10-0-0-0_22': ['10.0.0.0/22', 'HTTPS from the VPC of hub main (10.0.0.0/22)', '${aws_security_group.hub_main_endpoints.id}', 443, 443],
      'hub_main_https_from_hub_vpc_100-64-8-0_22': ['100.64.8.0/22', 'HTTPS from the VPC of hub main (100.64.8.0/22)', '${aws_security_group.hub_main_endpoints.id}', 443, 443],
      'hub_main_https_from_client_range_192-168-0-0_16': ['192.168.0.0/16', 'HTTPS from client range 192.168.0.0/16 of hub main', '${aws_security_group.hub_main_endpoints.id}', 443, 443],
      'hub_main_https_from_client_range_172-16-4-0_24': ['172.16.4.0/24', 'HTTPS from client range 172.16.4.0/24 of hub main', '${aws_security_group.hub_main_endpoints.id}', 443, 443],
    });
    // The spoke's rule is a pair half, in its own stack (issue 9).
    const spokeRules = ofType(synth.stacks.payments, 'aws_vpc_security_group_ingress_rule');
    expect(Object.fromEntries(Object.entries(spokeRules).map(([name, r]) => [name, [r.cidr_ipv4, r.description, r.security_group_id]]))).toEqual({
      'hub_main_https_from_payments-prod_10-1-0-0_16': ['10.1.0.0/16', 'HTTPS from spoke payments-prod (10.1.0.0/16)', '${data.terraform_remote_state.remote_state_network.outputs.hub_main_security_group_1}'],
    });
  });

  it('checks the DNS settings of the existing hub VPC and of the spoke VPC, each in its own stack and provider', () => {
    const hubCheck = checksOf(synth.stacks.network).hub_main_vpc_dns;
    expect(hubCheck.data.aws_vpc.hub_main_vpc_dns).toEqual({ id: EXISTING_HUB.id, provider: 'aws.us_east_1' });
    expect(hubCheck.assert.map((a) => a.condition)).toEqual(['${data.aws_vpc.hub_main_vpc_dns.enable_dns_support}', '${data.aws_vpc.hub_main_vpc_dns.enable_dns_hostnames}']);
    expect(hubCheck.assert[0].error_message).toMatch(/^hub main VPC vpc-0123456789abcdef0 \(hubs\.main\.vpc\.id\) has enableDnsSupport off: /);
    expect(hubCheck.assert[1].error_message).toMatch(/has enableDnsHostnames off: .*--enable-dns-hostnames/);
    const spokeCheck = checksOf(synth.stacks.payments)['spoke_payments-prod_vpc_dns'];
    expect(spokeCheck.data.aws_vpc['spoke_payments-prod_vpc_dns']).toEqual({ id: 'vpc-00000000000000001', provider: 'aws.us_east_1' });
    expect(spokeCheck.assert[0].error_message).toMatch(/^spoke payments-prod VPC vpc-00000000000000001 \(spokes\.payments-prod\.vpc\.id\) has enableDnsSupport off: the private hosted zones/);
    expect(Object.keys(checksOf(synth.stacks.network))).toEqual(['hub_main_vpc_dns']);
  });

  it('keeps an empty stack for the account that holds nothing, with its backend and a provider per region', () => {
    const empty = synth.stacks.analytics;
    expect(empty.resource ?? {}).toEqual({});
    expect(empty.terraform?.backend).toEqual({ local: { path: '../../../.terraform-state/analytics.tfstate' } });
    // The providers a former spoke's halves were created with: its own account's in the hub's region (the
    // spoke half) and one into the hub's account (issue 9's hub half). Only a cross-region spoke's own
    // region can still go with it, which review gates (a region provider a stack loses).
    expect((empty.provider?.aws ?? []).map((p) => [p.alias, p.allowed_account_ids])).toEqual([
      ['us_east_1', ['333333333333']],
      ['hub_network_us_east_1', ['111111111111']],
    ]);
  });
});

describe('check blocks by mode', () => {
  it('checks no VPC that vpce-hub creates (VH-VPC-004 covers those), and only DNS support of an endpoint-url spoke', () => {
    const synth = synthConfig(load(config([hub({ dns: 'endpoint-url' })], [spoke('payments-prod', 'payments', 1)])));
    try {
      expect(checksOf(synth.stacks.network)).toEqual({});
      const check = checksOf(synth.stacks.payments)['spoke_payments-prod_vpc_dns'];
      expect(check.assert.map((a) => a.condition)).toEqual(['${data.aws_vpc.spoke_payments-prod_vpc_dns.enable_dns_support}']);
      expect(check.assert[0].error_message).toMatch(/has enableDnsSupport off: the VPC's Amazon DNS server is off/);
    } finally {
      synth.cleanup();
    }
  });

  it("says an endpoint-url hub loses its endpoints' private DNS", () => {
    const synth = synthConfig(load(config([hub({ dns: 'endpoint-url', vpc: EXISTING_HUB })], [])));
    try {
      expect(checksOf(synth.stacks.network).hub_main_vpc_dns.assert[0].error_message).toMatch(/private DNS names do not resolve there/);
    } finally {
      synth.cleanup();
    }
  });
});

describe('check blocks in the HCL handoff (cdktf synth --hcl drops stack overrides it does not know)', () => {
  it('appends each check to the stack HCL', () => {
    const plan = buildPlan(load(config([hub({ vpc: EXISTING_HUB })], [spoke('payments-prod', 'payments', 1)])));
    const app = buildApp(plan);
    const stack = app.node.children.find((c) => c.node.id === 'payments') as VpceHubStack;
    const { hcl } = stack.toHclTerraform() as { hcl: string };
    expect(hcl).toContain('check "spoke_payments-prod_vpc_dns" {\n  data "aws_vpc" "spoke_payments-prod_vpc_dns" {\n    provider = aws.us_east_1\n    id       = "vpc-00000000000000001"\n  }');
    expect(hcl).toContain('    condition     = data.aws_vpc.spoke_payments-prod_vpc_dns.enable_dns_hostnames\n');
  });

  it('escapes what HCL would read as a template or the end of the string', () => {
    const hcl = checkHcl('c', { data: { aws_vpc: { c: { provider: 'aws.x', id: 'vpc-1' } } }, assert: [{ condition: '${data.aws_vpc.c.enable_dns_support}', error_message: 'a "b" ${c} %{d} e\\f' }] });
    expect(hcl).toContain('error_message = "a \\"b\\" $${c} %%{d} e\\\\f"');
    expect(hcl).toContain('condition     = data.aws_vpc.c.enable_dns_support\n');
  });
});
