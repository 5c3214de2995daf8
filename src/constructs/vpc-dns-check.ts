/**
 * A Terraform `check` block on a VPC we do not own (an existing spoke or hub VPC): private hosted
 * zones answer only in VPCs with enableDnsSupport and enableDnsHostnames on
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html);
 * with either off, the VPC silently resolves the public names and bypasses the endpoints. The check's
 * scoped `aws_vpc` data source (DescribeVpcs:
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/vpc) is read on every
 * plan and apply; a failed assertion, or a read that fails, is a warning naming the VPC and the
 * setting, never an error, so it cannot block a deployment
 * (https://developer.hashicorp.com/terraform/language/checks).
 *
 * cdktf 0.21 has no construct for `check` blocks (Terraform >= 1.5), so the block is written as a
 * stack override in Terraform's JSON syntax.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';

export interface VpcDnsCheck {
  /** The check's name, also the name of its scoped data source (naming.ts). */
  name: string;
  vpcId: string;
  /** For the messages: `spoke payments-prod`, `hub main`. */
  label: string;
  /** The config path of the VPC id, so the message says where to look. */
  configPath: string;
  /** What goes wrong with a setting off, in words. */
  consequence: string;
  /** The settings asserted; default both. */
  settings?: ReadonlyArray<keyof typeof SETTINGS>;
}

/** The aws_vpc attributes asserted, with the names AWS's API and console give them. */
const SETTINGS = { enable_dns_support: 'enableDnsSupport', enable_dns_hostnames: 'enableDnsHostnames' } as const;

/** What a VPC with either setting off loses, per role. */
export const DNS_CONSEQUENCES = {
  zones: "the private hosted zones of vpce-hub do not answer there, so its clients resolve the services' public names and bypass the endpoints",
  privateDns: "the endpoints' private DNS names do not resolve there (AWS refuses private DNS on an endpoint in such a VPC)",
  // endpoint-url spokes resolve the endpoints' own DNS names through the VPC's Amazon DNS server, which
  // enableDnsSupport turns on; DNS hostnames play no part there.
  amazonDns: "the VPC's Amazon DNS server is off, so its clients resolve the endpoints' DNS names only through a DNS server of their own",
} as const;

/** The CLI flag that turns each setting on. */
const FLAGS: Record<keyof typeof SETTINGS, string> = { enable_dns_support: '--enable-dns-support', enable_dns_hostnames: '--enable-dns-hostnames' };

/** The check block as Terraform JSON: a scoped data source and one assertion per setting. */
export function vpcDnsCheckBlock(check: VpcDnsCheck, providerRef: string): CheckJson {
  const data = `data.aws_vpc.${check.name}`;
  const assertion = (attribute: keyof typeof SETTINGS) => ({
    condition: `\${${data}.${attribute}}`,
    error_message: `${check.label} VPC ${check.vpcId} (${check.configPath}) has ${SETTINGS[attribute]} off: ${check.consequence}. Turn it on where the VPC is managed (aws ec2 modify-vpc-attribute --vpc-id ${check.vpcId} ${FLAGS[attribute]} '{"Value":true}').`,
  });
  return {
    data: { aws_vpc: { [check.name]: { provider: providerRef, id: check.vpcId } } },
    assert: (check.settings ?? (['enable_dns_support', 'enable_dns_hostnames'] as const)).map(assertion),
  };
}

/** Writes the check into the stack's JSON; returns its HCL form, which the stack appends for `synth --hcl`. */
export function vpcDnsCheck(stack: TerraformStack, check: VpcDnsCheck, provider: AwsProvider): string {
  const providerRef = `aws.${provider.alias as string}`;
  const block = vpcDnsCheckBlock(check, providerRef);
  stack.addOverride(`check.${check.name}`, block);
  return checkHcl(check.name, block);
}

export interface CheckJson {
  data: { aws_vpc: Record<string, { provider: string; id: string }> };
  assert: Array<{ condition: string; error_message: string }>;
}

/** An HCL string literal: quotes and backslashes escaped, and `${` / `%{` so Terraform reads no template. */
const hclString = (s: string): string => `"${s.replace(/\\/g, () => '\\\\').replace(/"/g, () => '\\"').replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;

/**
 * The same check in HCL. cdktf 0.21's HCL renderer (`cdktf synth --hcl`) drops stack overrides other
 * than the `terraform` block, so the account stack appends this text to its HCL itself.
 */
export function checkHcl(name: string, block: CheckJson): string {
  const [[dataName, data]] = Object.entries(block.data.aws_vpc);
  const condition = (c: string) => c.replace(/^\$\{(.*)\}$/, '$1');
  return [
    `check "${name}" {`,
    `  data "aws_vpc" "${dataName}" {`,
    `    provider = ${data.provider}`,
    `    id       = ${hclString(data.id)}`,
    '  }',
    ...block.assert.flatMap((a) => ['', '  assert {', `    condition     = ${condition(a.condition)}`, `    error_message = ${hclString(a.error_message)}`, '  }']),
    '}',
  ].join('\n');
}
