/**
 * The hub's own transit gateway attachment and a created gateway's settings (issue 16, section 2):
 * - `transitGateway.hubAttachmentSubnets`: AWS's design best practice is a small subnet of its own per
 *   attachment (/28), with open network ACLs (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html).
 *   One subnet per AZ (CreateTransitGatewayVpcAttachment "You can specify only one subnet per
 *   Availability Zone"), and one in every AZ of the endpoint subnets: traffic from an AZ without an
 *   attachment subnet cannot use the attachment (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html),
 *   so an endpoint's replies from there would never reach the gateway. Subnet ids in an existing hub
 *   VPC; CIDRs inside the hub CIDR and apart from the endpoint subnets in a VPC vpce-hub creates.
 * - `transitGateway.amazonSideAsn`: a created gateway's only; CreateTransitGateway takes 64512-65534 or
 *   4200000000-4294967294 (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRequestOptions.html).
 */
import { contains, defaultSubnetPrefix, nthSubnet, overlaps, parseCidr, type Cidr } from '../planning/cidr';
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { ValidationContext } from './validate';

const ASN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [64512, 65534],
  [4200000000, 4294967294],
];

export function validateHubAttachment({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const push = (f: Omit<Finding, 'severity'>) => findings.push({ severity: 'error', ...f });
  config.hubs.forEach((hub, hi) => {
    const tgw = hub.transitGateway;
    if (hub.connectivity !== 'transit-gateway' || !tgw) return;
    const at = `${formatPath(['hubs', hi], raw)}.transitGateway`;

    if (tgw.amazonSideAsn !== undefined) {
      if (tgw.id !== undefined) {
        push({ code: 'ConflictingField', path: `${at}.amazonSideAsn`, value: tgw.amazonSideAsn, message: `is a setting of a transit gateway vpce-hub creates, but ${tgw.id} exists: its ASN is its owner's`, fix: 'remove amazonSideAsn' });
      } else if (!ASN_RANGES.some(([low, high]) => (tgw.amazonSideAsn as number) >= low && (tgw.amazonSideAsn as number) <= high)) {
        push({ code: 'TransitGatewayAsnInvalid', path: `${at}.amazonSideAsn`, value: tgw.amazonSideAsn, message: 'is not a private ASN CreateTransitGateway accepts', fix: 'use 64512-65534 (16-bit) or 4200000000-4294967294 (32-bit), unique among your gateways and on-premises routers; choose it once (a change is treated as replacing the gateway)' });
      }
    }

    const entries = tgw.hubAttachmentSubnets;
    if (entries === undefined) return;
    // A dual-stack hub's attachment has ipv6_support: its network interfaces take an IPv6 address in each
    // attachment subnet (CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support,
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html).
    // vpce-hub gives the subnets it creates for the attachment no IPv6 block yet, and cannot see one of an existing subnet.
    if (hub.ipAddressType === 'dualstack') {
      push({
        code: 'Ipv4OnlySubnet',
        path: `${at}.hubAttachmentSubnets`,
        message: "of a dual-stack hub: the hub's attachment carries IPv6, which needs IPv6 in each attachment subnet, and vpce-hub does not give these subnets IPv6 blocks (nor can it check an existing subnet's)",
        fix: 'remove hubAttachmentSubnets (the attachment then uses the endpoint subnets, which are dual-stack), or keep the hub ipAddressType: ipv4',
      });
    }
    const existing = hub.vpc.id !== undefined;
    const endpointAzs = existing ? (hub.vpc.subnets ?? []).map((s) => s.availabilityZone) : (hub.vpc.availabilityZones ?? []);
    const hubCidr = parseCidr(hub.vpc.cidr);
    const endpointSubnets: Cidr[] = [];
    if (!existing && hubCidr.ok) {
      const prefix = hub.vpc.subnetPrefixLength ?? defaultSubnetPrefix(hubCidr.cidr);
      endpointAzs.forEach((_, i) => {
        try {
          endpointSubnets.push(nthSubnet(hubCidr.cidr, prefix, i));
        } catch {
          // The hub CIDR cannot hold its endpoint subnets: validate-vpcs reports that.
        }
      });
    }
    const seenAz = new Map<string, number>();
    const carved: Array<{ cidr: Cidr; path: string }> = [];
    entries.forEach((e, i) => {
      const path = `${at}.hubAttachmentSubnets.${i}`;
      if (existing ? e.id === undefined || e.cidr !== undefined : e.cidr === undefined || e.id !== undefined) {
        push({
          code: 'HubAttachmentSubnetInvalid',
          path,
          message: existing ? `gives ${e.cidr !== undefined ? 'a cidr' : 'no id'}, but hub ${hub.name}'s VPC exists: name its subnet` : `gives ${e.id !== undefined ? 'an id' : 'no cidr'}, but vpce-hub creates hub ${hub.name}'s VPC: give the range to carve`,
          fix: existing ? 'write { id: subnet-..., availabilityZone: ... }' : 'write { cidr: a.b.c.d/28, availabilityZone: ... } inside the hub CIDR, apart from the endpoint subnets',
        });
      }
      const earlier = seenAz.get(e.availabilityZone);
      if (earlier !== undefined) push({ code: 'DuplicateAz', path: `${path}.availabilityZone`, value: e.availabilityZone, message: `is also the AZ of hubAttachmentSubnets.${earlier}: an attachment takes one subnet per AZ (CreateTransitGatewayVpcAttachment rejects two)`, fix: 'keep one subnet per AZ' });
      seenAz.set(e.availabilityZone, i);
      if (e.cidr === undefined || existing) return;
      const p = parseCidr(e.cidr);
      if (!p.ok) {
        push({ code: 'InvalidCidr', path: `${path}.cidr`, value: e.cidr, message: p.reason, fix: 'write it as a.b.c.d/n, a /28 is enough' });
        return;
      }
      if (!p.canonical) push({ code: 'NonCanonicalCidr', path: `${path}.cidr`, value: e.cidr, message: 'has host bits set', fix: `use ${p.canonicalText}` });
      if (hubCidr.ok && !contains(hubCidr.cidr, p.cidr)) push({ code: 'HubAttachmentSubnetInvalid', path: `${path}.cidr`, value: e.cidr, message: `is outside hub ${hub.name}'s CIDR ${hubCidr.cidr.text}`, fix: `carve it from ${hubCidr.cidr.text}, apart from the endpoint subnets` });
      const clash = endpointSubnets.find((c) => overlaps(c, p.cidr));
      if (clash) push({ code: 'CidrOverlap', path: `${path}.cidr`, value: e.cidr, message: `overlaps endpoint subnet ${clash.text} of hub ${hub.name}`, fix: `use a range of ${hub.vpc.cidr} the endpoint subnets leave free (they are carved from its start, one per AZ)` });
      const twice = carved.find((c) => overlaps(c.cidr, p.cidr));
      if (twice) push({ code: 'CidrOverlap', path: `${path}.cidr`, value: e.cidr, message: `overlaps ${twice.cidr.text} at ${twice.path}`, fix: 'give each attachment subnet its own range' });
      carved.push({ cidr: p.cidr, path: `${path}.cidr` });
    });
    for (const az of endpointAzs.filter((a) => !seenAz.has(a))) {
      push({
        code: 'HubAttachmentSubnetInvalid',
        path: `${at}.hubAttachmentSubnets`,
        value: az,
        message: `has no subnet in ${az}, an AZ of hub ${hub.name}'s endpoint subnets: traffic from an AZ without an attachment subnet cannot use the attachment, so the endpoints' replies from ${az} would never reach the transit gateway`,
        fix: `add { ${existing ? 'id: subnet-...' : 'cidr: ...'}, availabilityZone: ${az} } (written as the hub's AZs are written)`,
      });
    }
  });
  return findings;
}
