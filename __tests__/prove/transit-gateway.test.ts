/**
 * The transit gateway path (issue 10): both examples prove every pair reachable, and each way the path
 * can break is detected and named: a missing association, a missing propagation either way, a missing
 * route either way, an unaccepted or unshared attachment, and a spoke route table that learns another
 * spoke (or is the hub's own table).
 */
import path from 'node:path';
import { proveReachability, type ReachabilityProof } from '../../src/analysis/prove';
import { loadConfigFile } from '../../src/config/load';
import { ids } from '../../src/planning/naming';
import { PROJECT_ROOT, synthConfig } from '../support/synth';
import { bodyOf, broken, brokenCells, cell, removeResource, treeOf, type SynthesizedApp } from './break';
import { example } from './example';

const everyRowBut = (proof: ReachabilityProof, row: string) => proof.cells.filter((c) => c.spoke !== row).map((c) => `${c.spoke} -> ${c.service}`).sort();
const rowOf = (proof: ReachabilityProof, spoke: string) => proof.cells.filter((c) => c.spoke === spoke).map((c) => `${c.spoke} -> ${c.service}`);
const ATTACHMENT = 'aws_ec2_transit_gateway_vpc_attachment';
const ASSOCIATION = 'aws_ec2_transit_gateway_route_table_association';
const PROPAGATION = 'aws_ec2_transit_gateway_route_table_propagation';

describe('transit-gateway example: an existing gateway owned by the network account', () => {
  const ex = example('examples/transit-gateway/vpce-hub.yaml');

  it('proves every pair reachable', () => {
    const proof = ex.prove(() => {});
    // 3 spokes and the hub VPC's own row, 6 services each.
    expect(proof.summary).toEqual({ cells: 24, reachable: 24, broken: 0 });
  });

  it('a spoke attachment without its association is named, and breaks that spoke only', () => {
    const proof = ex.prove((a) => removeResource(a, 'payments', `${ASSOCIATION}.${ids.spokeAttachment('payments-prod')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'payments-prod'));
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
      link: 'association',
      message: `${ATTACHMENT}.spoke_payments-prod is associated with no transit gateway route table (no ${ASSOCIATION}), so the gateway forwards nothing it sends`,
    });
  });

  it("a spoke attachment that does not propagate into the hub route table has no way back", () => {
    const proof = ex.prove((a) => removeResource(a, 'analytics', `${PROPAGATION}.${ids.spokePropagation('analytics-prod')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'sts').broken).toEqual({
      link: 'propagation',
      message: `transit gateway route table tgw-rtb-0123456789abcdef0 (of ${ATTACHMENT}.hub_main) has no route back to 10.2.0.0/16: ${ATTACHMENT}.spoke_analytics-prod does not propagate into it`,
    });
  });

  it('a hub attachment that does not propagate into the spokes route table leaves every spoke without a route to the hub', () => {
    const proof = ex.prove((a) => removeResource(a, 'shared-services', `${PROPAGATION}.${ids.hubAttachment('main')}`));
    // Only the hub VPC's own workloads still reach their endpoints.
    expect(brokenCells(proof)).toEqual(everyRowBut(proof, 'main (hub VPC)'));
    expect(cell(proof, 'tools', 'ssm').broken).toEqual({
      link: 'propagation',
      message: `transit gateway route table tgw-rtb-0fedcba9876543210 (of ${ATTACHMENT}.spoke_tools) has no route to hub CIDR 10.0.0.0/22: ${ATTACHMENT}.hub_main does not propagate into it`,
    });
  });

  it('a missing spoke route to the hub is named', () => {
    const proof = ex.prove((a) => removeResource(a, 'payments', `aws_route.${ids.spokeRoute('payments-prod', 'rtb-0b1c2d3e4f5a67890', 'main')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'payments-prod'));
    expect(cell(proof, 'payments-prod', 's3').broken).toEqual({ link: 'route', message: 'route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22' });
  });

  it('a missing hub route back to a spoke CIDR is named', () => {
    const proof = ex.prove((a) => removeResource(a, 'analytics', `aws_route.${ids.hubRoute('main', 'endpoints', 'analytics-prod', '100.64.0.0/20')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'analytics-prod'));
    expect(cell(proof, 'analytics-prod', 'sqs').broken).toEqual({ link: 'return-route', message: 'route table aws_route_table.hub_main_endpoints has no route back to 100.64.0.0/20' });
  });

  it('a route to another transit gateway is not a path to the hub', () => {
    const proof = ex.prove((a) => {
      bodyOf(a, 'shared-services-spokes', `aws_route.${ids.spokeRoute('tools', 'rtb-0e1f2a3b4c5d67890', 'main')}`).transit_gateway_id = 'tgw-0aaaaaaaaaaaaaaaa';
    });
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'tools'));
    expect(cell(proof, 'tools', 'sqs').broken?.link).toBe('route');
    expect(cell(proof, 'tools', 'sqs').broken?.message).toMatch(/targets transit gateway tgw-0aaaaaaaaaaaaaaaa, but hub main is attached to tgw-0123456789abcdef0/);
  });

  it('a cross-account attachment nobody accepts in the owner account is named', () => {
    const proof = ex.prove((a) => removeResource(a, 'payments', `aws_ec2_transit_gateway_vpc_attachment_accepter.${ids.spokeAttachment('payments-prod')}`));
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'payments-prod'));
    expect(cell(proof, 'payments-prod', 'sqs').broken?.message).toMatch(/spoke_payments-prod is never accepted: no aws_ec2_transit_gateway_vpc_attachment_accepter acting in the owner's account 111111111111/);
  });

  it("a spoke route table that learns another spoke breaks segmentation, and prove names it", () => {
    const proof = ex.prove((a) => {
      // analytics-prod's attachment also propagates into the spokes route table: payments-prod could reach it.
      const body = { ...bodyOf(a, 'analytics', `${PROPAGATION}.${ids.spokePropagation('analytics-prod')}`), transit_gateway_route_table_id: 'tgw-rtb-0fedcba9876543210' };
      (a.stacks.analytics.resource as Record<string, Record<string, unknown>>)[PROPAGATION]['spoke_analytics-prod_to_spokes'] = body;
    });
    // Every spoke associated with the spokes table is exposed, so every spoke row breaks.
    expect(brokenCells(proof)).toEqual(everyRowBut(proof, 'main (hub VPC)'));
    expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
      link: 'segmentation',
      message: `transit gateway route table tgw-rtb-0fedcba9876543210 of spoke payments-prod also learns ${ATTACHMENT}.spoke_analytics-prod (${PROPAGATION}.spoke_analytics-prod_to_spokes): only the hub attachment may propagate there, or spokes reach each other`,
    });
  });

  it('a spoke associated with the hub route table breaks segmentation', () => {
    const proof = ex.prove((a) => {
      bodyOf(a, 'shared-services-spokes', `${ASSOCIATION}.${ids.spokeAttachment('tools')}`).transit_gateway_route_table_id = 'tgw-rtb-0123456789abcdef0';
    });
    expect(brokenCells(proof)).toEqual(rowOf(proof, 'tools'));
    expect(cell(proof, 'tools', 'sqs').broken?.link).toBe('segmentation');
  });
});

describe('hybrid example: a created transit gateway shared with the organization', () => {
  const ex = example('examples/hybrid/vpce-hub.yaml');

  it('proves every pair reachable', () => {
    // 2 spokes, the hub VPC and 2 on-premises ranges, 5 services each.
    expect(ex.prove(() => {}).summary).toEqual({ cells: 25, reachable: 25, broken: 0 });
  });

  const ON_PREM = 'main on-premises 192.168.0.0/16';
  const onPremRow = (proof: ReachabilityProof) => rowOf(proof, ON_PREM);

  it('an on-premises range the inbound resolver does not admit over UDP cannot resolve: DNS is named', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `aws_vpc_security_group_ingress_rule.${ids.hubInboundResolverRule('main', 'udp', '192.168.0.0/16')}`));
    expect(brokenCells(proof)).toEqual(onPremRow(proof));
    expect(cell(proof, ON_PREM, 'sqs').broken).toEqual({ link: 'dns', message: 'the security groups of aws_route53_resolver_endpoint.hub_main_inbound_resolver do not allow UDP 53 from 192.168.0.0/16' });
  });

  it('without the inbound resolver every on-premises cell says how to get one', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `aws_route53_resolver_endpoint.${ids.hubInboundResolver('main')}`));
    expect(brokenCells(proof)).toEqual([...onPremRow(proof), ...rowOf(proof, 'main on-premises 172.20.0.0/14')].sort());
    expect(cell(proof, ON_PREM, 'kms').broken?.message).toMatch(/has no Route 53 Resolver inbound endpoint .* \(set onPremises.inboundResolver: true\)$/);
  });

  it('an on-premises range the hub does not route back to the gateway, or whose 443 is not admitted, is named', () => {
    const noRoute = ex.prove((a) => removeResource(a, 'network', `aws_route.${ids.hubOnPremisesRoute('main', 'endpoints', '192.168.0.0/16')}`));
    expect(brokenCells(noRoute)).toEqual(onPremRow(noRoute));
    expect(cell(noRoute, ON_PREM, 'sts').broken).toEqual({ link: 'return-route', message: 'route table aws_route_table.hub_main_endpoints has no route back to 192.168.0.0/16' });
    const noRule = ex.prove((a) => removeResource(a, 'network', `aws_vpc_security_group_ingress_rule.${ids.hubClientIngressRule('main', '192.168.0.0/16')}`));
    expect(brokenCells(noRule)).toEqual(onPremRow(noRule));
    expect(cell(noRule, ON_PREM, 'sts').broken).toEqual({ link: 'security-group', message: 'security group aws_security_group.hub_main_endpoints does not allow TCP 443 from 192.168.0.0/16' });
  });

  it('a created gateway that is not shared cannot be attached from another account', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `aws_ram_principal_association.${ids.hubRamPrincipal('main', 'transit_gateway', 'organization')}`));
    // Every spoke row breaks; on-premises clients do not need the share.
    expect(brokenCells(proof)).toEqual([...rowOf(proof, 'analytics-prod'), ...rowOf(proof, 'payments-prod')].sort());
    expect(cell(proof, 'payments-prod', 'kms').broken).toEqual({
      link: 'attachment',
      message: 'transit gateway aws_ec2_transit_gateway.hub_main is not shared with account 222222222222: no aws_ram_principal_association for it (or its organization) on a share holding the transit gateway',
    });
  });

  it('a hub attachment without association breaks every pair', () => {
    const proof = ex.prove((a) => removeResource(a, 'network', `${ASSOCIATION}.${ids.hubAttachment('main')}`));
    // The on-premises rows too: their replies leave the hub through the same attachment.
    expect(brokenCells(proof)).toEqual(everyRowBut(proof, 'main (hub VPC)'));
    expect(cell(proof, 'analytics-prod', 'logs').broken?.link).toBe('association');
  });
});

describe('a created transit gateway shared account by account, with invitations', () => {
  it('an invitation nobody accepts leaves that account unattached, and prove says so', () => {
    const base = loadConfigFile(path.join(PROJECT_ROOT, 'examples/hybrid/vpce-hub.yaml')).config;
    const config = { ...base, ramSharing: { shareWith: 'accounts' as const, organizationSharing: 'disabled' as const, allowExternalPrincipals: false } };
    const synth = synthConfig(config);
    try {
      const app: SynthesizedApp = { stacks: synth.stacks };
      expect(proveReachability(treeOf(app), config).ok).toBe(true);
      const proof = proveReachability(treeOf(broken(app, (a) => removeResource(a, 'payments', `aws_ram_resource_share_accepter.${ids.ramShareAccepter('main', 'transit_gateway')}`))), config);
      expect(brokenCells(proof)).toEqual(rowOf(proof, 'payments-prod'));
      expect(cell(proof, 'payments-prod', 'sqs').broken).toEqual({
        link: 'attachment',
        message: 'transit gateway aws_ec2_transit_gateway.hub_main is shared with account 222222222222 through an invitation that stack payments never accepts (no aws_ram_resource_share_accepter of its share)',
      });
    } finally {
      synth.cleanup();
    }
  });
});
