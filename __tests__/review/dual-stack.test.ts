/**
 * `vpce-hub review` of turning a hub dual-stack (issue 20): the change is additions and in-place updates
 * only, named by kind in an IPv6 section of both reports, and the cost estimate does not change (IPv6
 * adds no priced resource: no endpoint, zone, attachment or peering).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { formatReviewMarkdown } from '../../src/review/format-markdown';
import { formatReviewText } from '../../src/review/format-text';
import type { ReviewReport } from '../../src/review/report';
import { runReview } from '../../src/review/run-review';

const SHIPPED = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');
/** The shipped example with hub main dual-stack and payments-prod given an IPv6 block. */
const DUAL = (() => {
  const doc = parseDocument(SHIPPED);
  doc.setIn(['hubs', 0, 'ipAddressType'], 'dualstack');
  doc.setIn(['spokes', 0, 'vpc', 'ipv6Cidrs'], doc.createNode(['2600:1f18:abcd:3400::/56']));
  return doc.toString();
})();

let dir: string;
let report: ReviewReport;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-review-dual-'));
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), DUAL);
  report = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: SHIPPED, label: 'IPv4' } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('turns the hub dual-stack with additions and in-place updates only: nothing replaced or destroyed, exit 0', () => {
  const actions = new Set(report.stacks.flatMap((s) => s.changes.map((c) => c.action)));
  expect([...actions].sort()).toEqual(['create', 'update']);
  expect(report.gate.changes).toEqual([]);
  expect(report.exitCode).toBe(0);
});

it('names the IPv6 changes by kind', () => {
  expect(report.ipv6).toEqual([
    '1 hub VPC with an Amazon-provided IPv6 /56, in place: network/aws_vpc.hub_main',
    '2 endpoint subnets with an IPv6 /64, in place: network/aws_subnet.hub_main_endpoints_us-east-1a, network/aws_subnet.hub_main_endpoints_us-east-1b',
    '2 dual-stack endpoints (ip_address_type and dns_record_ip_type dualstack), in place: network/aws_vpc_endpoint.hub_main_s3, network/aws_vpc_endpoint.hub_main_sts',
    '7 AAAA alias records to add: network/aws_route53_record.hub_main_s3-accesspoint_us-east-1_amazonaws_com_apex_aaaa, network/aws_route53_record.hub_main_s3-accesspoint_us-east-1_amazonaws_com_wildcard_aaaa, network/aws_route53_record.hub_main_s3-control_us-east-1_amazonaws_com_apex_aaaa, network/aws_route53_record.hub_main_s3-control_us-east-1_amazonaws_com_wildcard_aaaa, network/aws_route53_record.hub_main_s3_us-east-1_amazonaws_com_apex_aaaa, network/aws_route53_record.hub_main_s3_us-east-1_amazonaws_com_wildcard_aaaa and 1 more',
    '3 IPv6 routes to add: payments/aws_route.hub_main_endpoints_to_payments-prod_2600-1f18-abcd-3400--_56, payments/aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main_ipv6, payments/aws_route.spoke_payments-prod_rtb-0b1c2d3e4f5a67890_to_hub_main_ipv6',
    '2 IPv6 HTTPS rules to add: network/aws_vpc_security_group_ingress_rule.hub_main_https_from_hub_vpc_ipv6, payments/aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_2600-1f18-abcd-3400--_56',
  ]);
  expect(formatReviewText(report)).toContain('IPv6 (dual-stack) in this change:\n  1 hub VPC with an Amazon-provided IPv6 /56, in place: network/aws_vpc.hub_main');
  expect(formatReviewMarkdown(report)).toContain('### IPv6 (dual-stack)\n\n- 1 hub VPC with an Amazon-provided IPv6 /56, in place: network/aws_vpc.hub_main');
});

it('leaves the cost estimate exactly as it was', () => {
  expect(report.baseCost).toEqual(report.cost.total);
});

it('says nothing about IPv6 for a change that touches none', () => {
  writeFileSync(path.join(dir, 'ipv4.yaml'), SHIPPED);
  const r = runReview({ configPath: 'ipv4.yaml', cwd: dir, baseConfig: { text: SHIPPED, label: 'same' } });
  expect(r.ipv6).toEqual([]);
  expect(formatReviewText(r)).not.toContain('IPv6');
});

it('turning the hub back to IPv4 says first that the apply fails as it stands, and the step to take outside Terraform', () => {
  writeFileSync(path.join(dir, 'back.yaml'), SHIPPED);
  const r = runReview({ configPath: 'back.yaml', cwd: dir, baseConfig: { text: DUAL, label: 'dual-stack' } });
  expect(r.ipv6[0]).toMatch(/^A hub leaves dual-stack: this apply fails as it stands \(network\/aws_subnet\.hub_main_endpoints_us-east-1a, network\/aws_subnet\.hub_main_endpoints_us-east-1b, network\/aws_vpc\.hub_main\).*First turn them IPv4 outside Terraform \(README, "Dual-stack", leaving it\), then apply\.$/);
});
