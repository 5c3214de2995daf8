/**
 * The IPv6 path (issue 20) on examples/dual-stack: each test breaks one IPv6 link in a copy of the
 * synthesized JSON and expects the proof to name it, in the cells it reaches and no others. Hub `main`
 * (created dual-stack VPC, peering, private hosted zones): sts, kms and athena dual-stack, lambda and sqs
 * IPv4; spokes payments-prod and analytics-prod list IPv6 blocks, legacy-batch none. Hub `edge`
 * (existing dual-stack VPC, transit gateway, Route 53 Profile): sts and kms; spoke payments-eu with IPv6.
 */
import { formatMatrixMarkdown, formatMatrixText } from '../../src/analysis/prove';
import { dotted, ids } from '../../src/planning/naming';
import { bodyOf, brokenCells, cell, removeResource } from './break';
import { example } from './example';

const ex = example('examples/dual-stack/vpce-hub.yaml');
const res = (type: string, id: string) => `${type}.${id}`;

it('proves every cell of the unbroken example, the IPv6 path included where both ends have IPv6', () => {
  const proof = ex.prove(() => {});
  expect(brokenCells(proof)).toEqual([]);
  const ipv6 = proof.cells.filter((c) => c.ipv6).map((c) => `${c.spoke} -> ${c.service}`).sort();
  expect(ipv6).toEqual(
    [
      'analytics-prod -> athena',
      'analytics-prod -> kms',
      'analytics-prod -> sts',
      'edge (hub VPC) -> kms',
      'edge (hub VPC) -> sts',
      'main (hub VPC) -> athena',
      'main (hub VPC) -> kms',
      'main (hub VPC) -> sts',
      'payments-eu -> kms',
      'payments-eu -> sts',
      'payments-prod -> athena',
      'payments-prod -> kms',
      'payments-prod -> sts',
    ].sort(),
  );
  // No IPv6 for an IPv4-only spoke (legacy-batch) or an IPv4-only service (sqs, lambda).
  expect(cell(proof, 'legacy-batch', 'sts').ipv6).toBeUndefined();
  expect(cell(proof, 'payments-prod', 'sqs').ipv6).toBeUndefined();
});

it('breaks on a removed AAAA record: the IPv6 clients of that name lose it, IPv4 ones keep it', () => {
  const proof = ex.prove((a) => removeResource(a, 'network', res('aws_route53_record', ids.hubRecordAaaa('main', dotted('athena.us-east-1.api.aws'), 'apex'))));
  expect(brokenCells(proof)).toEqual(['analytics-prod -> athena', 'main (hub VPC) -> athena', 'payments-prod -> athena']);
  expect(cell(proof, 'payments-prod', 'athena').broken).toEqual({
    link: 'dns',
    message: 'IPv6: zone athena.us-east-1.api.aws (aws_route53_zone.hub_main_athena_us-east-1_api_aws) has no AAAA record at its apex: IPv6 clients get no address for athena.us-east-1.api.aws',
  });
  expect(cell(proof, 'legacy-batch', 'athena').reachable).toBe(true);
});

it('breaks on a removed A record even though its AAAA twin is still there', () => {
  const proof = ex.prove((a) => removeResource(a, 'network', res('aws_route53_record', ids.hubRecord('main', dotted('sts.us-east-1.amazonaws.com'), 'apex'))));
  expect(brokenCells(proof)).toEqual(['analytics-prod -> sts', 'legacy-batch -> sts', 'main (hub VPC) -> sts', 'payments-prod -> sts']);
  expect(cell(proof, 'legacy-batch', 'sts').broken?.message).toBe('zone sts.us-east-1.amazonaws.com (aws_route53_zone.hub_main_sts_us-east-1_amazonaws_com) has no A record at its apex');
});

it('breaks on a removed IPv6 spoke route: only that spoke, only its dual-stack services', () => {
  const proof = ex.prove((a) => removeResource(a, 'analytics', res('aws_route', ids.spokeIpv6Route('analytics-prod', 'rtb-0d1e2f3a4b5c67890', 'main'))));
  expect(brokenCells(proof)).toEqual(['analytics-prod -> athena', 'analytics-prod -> kms', 'analytics-prod -> sts']);
  expect(cell(proof, 'analytics-prod', 'kms').broken).toEqual({
    link: 'route',
    message: "IPv6: route table rtb-0d1e2f3a4b5c67890 has no IPv6 route to hub main's IPv6 block aws_vpc.hub_main.ipv6_cidr_block (known at apply)",
  });
});

it('breaks on a removed IPv6 return route', () => {
  const proof = ex.prove((a) => removeResource(a, 'payments', res('aws_route', ids.hubRoute('main', 'endpoints', 'payments-prod', '2600:1f18:abcd:3400::/56'))));
  expect(brokenCells(proof)).toEqual(['payments-prod -> athena', 'payments-prod -> kms', 'payments-prod -> sts']);
  expect(cell(proof, 'payments-prod', 'sts').broken).toEqual({ link: 'return-route', message: 'IPv6: route table aws_route_table.hub_main_endpoints has no IPv6 route back to 2600:1f18:abcd:3400::/56' });
});

it('breaks on a removed IPv6 HTTPS rule of a spoke, and of the hub VPC', () => {
  const spoke = ex.prove((a) => removeResource(a, 'payments', res('aws_vpc_security_group_ingress_rule', ids.hubIngressRule('main', 'payments-prod', '2600:1f18:abcd:3400::/56'))));
  expect(brokenCells(spoke)).toEqual(['payments-prod -> athena', 'payments-prod -> kms', 'payments-prod -> sts']);
  expect(cell(spoke, 'payments-prod', 'kms').broken?.link).toBe('security-group');
  const hub = ex.prove((a) => removeResource(a, 'network', res('aws_vpc_security_group_ingress_rule', ids.hubOwnIpv6IngressRule('main'))));
  expect(brokenCells(hub)).toEqual(['main (hub VPC) -> athena', 'main (hub VPC) -> kms', 'main (hub VPC) -> sts']);
});

it('breaks when an endpoint is IPv4 again or a subnet has no IPv6 block', () => {
  const endpoint = ex.prove((a) => {
    delete bodyOf(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 'kms'))).ip_address_type;
  });
  expect(brokenCells(endpoint)).toEqual(['analytics-prod -> kms', 'main (hub VPC) -> kms', 'payments-prod -> kms']);
  expect(cell(endpoint, 'payments-prod', 'kms').broken?.message).toMatch(/^IPv6: endpoint aws_vpc_endpoint.hub_main_kms has ip_address_type .*not dualstack/);
  const records = ex.prove((a) => {
    bodyOf(a, 'network', res('aws_vpc_endpoint', ids.hubEndpoint('main', 'sts'))).dns_options = { dns_record_ip_type: 'ipv4' };
  });
  expect(cell(records, 'payments-prod', 'sts').broken?.message).toMatch(/dns_record_ip_type ipv4: its DNS names have no AAAA records/);
  const subnet = ex.prove((a) => {
    delete bodyOf(a, 'network', res('aws_subnet', ids.hubSubnet('main', 'use1-az2'))).ipv6_cidr_block;
  });
  expect(cell(subnet, 'analytics-prod', 'athena').broken).toEqual({ link: 'endpoint', message: 'IPv6: endpoint subnet aws_subnet.hub_main_endpoints_use1-az2 has no IPv6 block: a dual-stack endpoint needs IPv4 and IPv6 in every subnet' });
});

it('breaks when a transit gateway attachment carries no IPv6, and on a removed IPv6 route through the gateway', () => {
  const attachment = ex.prove((a) => {
    delete bodyOf(a, 'payments', res('aws_ec2_transit_gateway_vpc_attachment', ids.spokeAttachment('payments-eu'))).ipv6_support;
  });
  expect(brokenCells(attachment)).toEqual(['payments-eu -> kms', 'payments-eu -> sts']);
  expect(cell(attachment, 'payments-eu', 'sts').broken?.link).toBe('attachment');
  const route = ex.prove((a) => removeResource(a, 'payments', res('aws_route', ids.spokeIpv6Route('payments-eu', 'rtb-0a2b3c4d5e6f78901', 'edge'))));
  expect(cell(route, 'payments-eu', 'kms').broken).toEqual({ link: 'route', message: "IPv6: route table rtb-0a2b3c4d5e6f78901 has no IPv6 route to hub edge's IPv6 block 2a05:d018:1111:2200::/56" });
});

it('marks the cells proven over IPv6 in the matrix, and says what the mark means', () => {
  const proof = ex.prove(() => {});
  const text = formatMatrixText(proof);
  const row = (name: string) => text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
  expect(row('payments-prod').split(/\s+/)).toEqual(['payments-prod', 'main', '✓6', '✓6', '✓', '✓', '✓6']);
  expect(row('legacy-batch').split(/\s+/)).toEqual(['legacy-batch', 'main', '✓', '✓', '✓', '✓', '✓']);
  expect(text).toContain('✓6 = reachable over IPv4 and IPv6 (a dual-stack endpoint and a client with IPv6)');
  expect(formatMatrixMarkdown(proof)).toContain('| `payments-prod` | `main` | ✅ IPv4+IPv6 | ✅ IPv4+IPv6 |');
});
