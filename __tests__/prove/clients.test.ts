/**
 * Issue 8, section 3: the hub VPC and each client range are clients of the endpoints, so each is a row
 * of the matrix. The hub VPC is proven like a spoke without the peering path (its traffic stays in the
 * VPC); a client range only through the security groups and the AZs (its DNS and routes are outside
 * these stacks).
 */
import { proveReachability, type ReachabilityProof } from '../../src/analysis/prove';
import { ids } from '../../src/planning/naming';
import { config, EXISTING_HUB, hub, load, spoke } from '../planning/configs';
import { synthConfig } from '../support/synth';
import { broken, brokenCells, removeResource, treeOf, type SynthesizedApp } from './break';

const cfg = load(config([hub({ vpc: EXISTING_HUB, clientCidrs: ['192.168.0.0/16'], services: ['sqs', 'sts'] })], [spoke('payments-prod', 'payments', 1)]));
let app: SynthesizedApp;
beforeAll(() => {
  const synth = synthConfig(cfg);
  app = { stacks: synth.stacks as SynthesizedApp['stacks'] };
  synth.cleanup();
});
const prove = (edit: (copy: SynthesizedApp) => void = () => undefined): ReachabilityProof => proveReachability(treeOf(broken(app, edit)), cfg);
const res = (type: string, name: string) => `${type}.${name}`;

it('adds a row for the hub VPC and one per client range, each reachable', () => {
  const proof = prove();
  expect(proof.spokes).toEqual([
    { name: 'payments-prod', hub: 'main' },
    { name: 'main (hub VPC)', hub: 'main', kind: 'hub-vpc' },
    { name: 'main client 192.168.0.0/16', hub: 'main', kind: 'client-range' },
  ]);
  expect(proof.summary).toEqual({ cells: 6, reachable: 6, broken: 0 });
});

it("breaks the hub VPC's row when the rule for one of its CIDRs is gone", () => {
  const proof = prove((a) => removeResource(a, 'network', res('aws_vpc_security_group_ingress_rule', ids.hubOwnIngressRule('main', '100.64.8.0/22'))));
  expect(brokenCells(proof)).toEqual(['main (hub VPC) -> sqs', 'main (hub VPC) -> sts']);
  expect(proof.cells.find((c) => c.spoke === 'main (hub VPC)')?.broken).toEqual({ link: 'security-group', message: 'security group aws_security_group.hub_main_endpoints does not allow TCP 443 from 100.64.8.0/22' });
});

it("breaks a client range's row when its rule is gone", () => {
  const proof = prove((a) => removeResource(a, 'network', res('aws_vpc_security_group_ingress_rule', ids.hubClientIngressRule('main', '192.168.0.0/16'))));
  expect(brokenCells(proof)).toEqual(['main client 192.168.0.0/16 -> sqs', 'main client 192.168.0.0/16 -> sts']);
});

it('breaks the hub VPC with a zone (its DNS), but not the client range, whose DNS is outside these stacks', () => {
  const proof = prove((a) => removeResource(a, 'network', res('aws_route53_zone', ids.hubZone('main', 'sqs_us-east-1_amazonaws_com'))));
  expect(brokenCells(proof)).toEqual(['main (hub VPC) -> sqs', 'payments-prod -> sqs']);
});
