/**
 * Quota usage of a plan: what each VPC, security group, route table, zone, profile and account will
 * use, against AWS's defaults or the config's `quotas:`, and the headroom table that shows it.
 */
import { buildPlan } from '../../src/planning/build-plan';
import { formatHeadroomTable, quotaUsage, type QuotaRow } from '../../src/planning/quotas';
import { config, hub, planOf, spoke } from '../planning/configs';
import { checkConfigText, loadConfigFile } from '../../src/config/load';
import { configSchema } from '../../src/config/schema';
import { topologyYaml } from '../../bench/topology';
import path from 'node:path';

const usage = (rows: QuotaRow[]) => rows.map((r) => [r.quota, r.scope, r.used, r.limit]);
const row = (over: Partial<QuotaRow>): QuotaRow => ({ quota: 'peeringConnectionsPerVpc', scope: 'hub main', used: 1, limit: 50, remedy: 'r', path: 'hubs.main', ...over });

describe('quotaUsage', () => {
  it('counts every quota of the shipped config per hub, spoke, group, table, zone and account', () => {
    const loaded = loadConfigFile(path.resolve(__dirname, '..', '..', 'vpce-hub.yaml'));
    const rows = quotaUsage(buildPlan(loaded.config), loaded.config.quotas);
    // S3's interface endpoint needs three zones (bucket, access point and control names).
    const zones = ['api.ecr', 'dkr.ecr', 's3-accesspoint', 's3-control', 's3', 'sqs', 'ssm', 'sts'].map((z) => `zone ${z}.us-east-1.amazonaws.com (hub main)`);
    expect(usage(rows)).toEqual([
      ['peeringConnectionsPerVpc', 'hub main', 2, 50],
      ['peeringConnectionsPerVpc', 'spoke analytics-prod', 1, 50],
      ['peeringConnectionsPerVpc', 'spoke payments-prod', 1, 50],
      ['interfaceEndpointsPerVpc', 'hub main', 6, 50],
      // One rule per spoke CIDR: analytics-prod has a secondary CIDR.
      ['inboundRulesPerSecurityGroup', 'security group hub_main_endpoints', 4, 60],
      ['securityGroupsPerNetworkInterface', 'hub main endpoints', 1, 5],
      ['routesPerRouteTable', 'route table hub_main_endpoints', 3, 50],
      ['routesPerRouteTable', 'route table rtb-0c1d2e3f4a5b67890', 1, 50],
      ['routesPerRouteTable', 'route table rtb-0a1b2c3d4e5f67890', 1, 50],
      ['routesPerRouteTable', 'route table rtb-0b1c2d3e4f5a67890', 1, 50],
      // The hub VPC (inline) and two spokes; both spokes are in other accounts.
      ...zones.map((z) => ['vpcsPerHostedZone', z, 3, 300]),
      ...zones.map((z) => ['associationAuthorizationsPerZone', z, 2, 1000]),
      ['hostedZonesPerAccount', 'account network', 8, 500],
      ['endpointPolicyCharacters', 'hub main', expect.any(Number), 20480],
    ]);
  });

  it('applies the quotas section over the defaults, and keeps hard maxima', () => {
    const p = planOf(config([hub()], [spoke('a', 'payments', 1)]));
    const rows = quotaUsage(p, { peeringConnectionsPerVpc: 110, routesPerRouteTable: 200 });
    expect(rows.find((r) => r.scope === 'hub main' && r.quota === 'peeringConnectionsPerVpc')).toMatchObject({ limit: 110, hardMax: 125 });
    expect(rows.find((r) => r.quota === 'routesPerRouteTable')).toMatchObject({ limit: 200, hardMax: 1000 });
  });

  it('counts only cross-account spokes as authorizations, and same-account spokes as zone VPCs', () => {
    const p = planOf(config([hub()], [spoke('a', 'network', 1), spoke('b', 'payments', 2), spoke('c', 'analytics', 3)]));
    const zone = (quota: string) => quotaUsage(p).find((r) => r.quota === quota && r.scope.startsWith('zone sqs'));
    expect(zone('vpcsPerHostedZone')).toMatchObject({ used: 4, path: 'hubs.main.dns' });
    expect(zone('associationAuthorizationsPerZone')).toMatchObject({ used: 2, path: 'hubs.main.dns' });
  });

  it('counts VPCs per profile, not per zone, in route53-profile mode', () => {
    const p = planOf(config([hub({ dns: 'route53-profile' })], [spoke('a', 'payments', 1), spoke('b', 'payments', 2)], { ramSharing: { shareWith: 'accounts', organizationSharing: 'enabled' } }));
    const rows = quotaUsage(p);
    expect(rows.filter((r) => r.quota === 'vpcsPerHostedZone' || r.quota === 'associationAuthorizationsPerZone')).toEqual([]);
    expect(rows.find((r) => r.quota === 'vpcsPerRoute53Profile')).toMatchObject({ scope: 'profile of hub main', used: 2, limit: 1000 });
    expect(rows.find((r) => r.quota === 'hostedZonesPerAccount')).toMatchObject({ used: 1 });
  });

  it('counts no zones in endpoint-url mode and no policy size for the default policy', () => {
    const rows = quotaUsage(planOf(config([hub({ dns: 'endpoint-url' })], [spoke('a', 'payments', 1)])));
    expect(rows.filter((r) => r.quota.startsWith('vpcsPer') || r.quota === 'associationAuthorizationsPerZone' || r.quota === 'endpointPolicyCharacters')).toEqual([]);
    expect(rows.find((r) => r.quota === 'hostedZonesPerAccount')).toMatchObject({ used: 0 });
  });

  it("names an existing hub's route tables by id and counts one route per spoke CIDR in each", () => {
    const existing = hub({
      vpc: {
        id: 'vpc-0123456789abcdef0',
        cidr: '10.0.0.0/22',
        subnets: [
          { id: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a' },
          { id: 'subnet-0123456789abcdef1', availabilityZone: 'us-east-1b' },
        ],
        routeTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1'],
      },
    });
    const p = planOf(config([existing], [spoke('a', 'payments', 1, { vpc: { id: 'vpc-00000000000000001', cidr: '10.1.0.0/16', secondaryCidrs: ['100.64.0.0/20'], routeTableIds: ['rtb-00000000000000001'] } })]));
    const tables = quotaUsage(p).filter((r) => r.quota === 'routesPerRouteTable');
    expect(usage(tables)).toEqual([
      ['routesPerRouteTable', 'route table rtb-0123456789abcdef0', 2, 50],
      ['routesPerRouteTable', 'route table rtb-0123456789abcdef1', 2, 50],
      ['routesPerRouteTable', 'route table rtb-00000000000000001', 1, 50],
    ]);
  });

  it("counts a route per hub CIDR, secondary ones too, in every spoke route table and the transit gateway's route tables", () => {
    const vpc = {
      id: 'vpc-0123456789abcdef0',
      cidr: '10.0.0.0/22',
      secondaryCidrs: ['10.0.8.0/22', '10.0.16.0/22'],
      subnets: [
        { id: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a' },
        { id: 'subnet-0123456789abcdef1', availabilityZone: 'us-east-1b' },
      ],
      routeTableIds: ['rtb-0123456789abcdef0'],
    };
    const p = planOf(config([hub({ vpc })], [spoke('a', 'payments', 1, { vpc: { id: 'vpc-00000000000000001', cidr: '10.1.0.0/16', routeTableIds: ['rtb-00000000000000001'] } })]));
    expect(usage(quotaUsage(p).filter((r) => r.scope === 'route table rtb-00000000000000001'))).toEqual([['routesPerRouteTable', 'route table rtb-00000000000000001', 3, 50]]);
    const tgw = planOf(
      config(
        [hub({ vpc, connectivity: 'transit-gateway', transitGateway: { id: 'tgw-0123456789abcdef0', routeTables: { hub: 'tgw-rtb-0123456789abcdef0', spokes: 'tgw-rtb-0fedcba9876543210' }, defaultRouteTableIds: [] } })],
        [spoke('a', 'payments', 1, { vpc: { id: 'vpc-00000000000000001', cidr: '10.1.0.0/16', routeTableIds: ['rtb-00000000000000001'], attachmentSubnetIds: ['subnet-00000000000000001', 'subnet-00000000000000002'] } })],
      ),
    );
    // Per gateway (issue 16): the hub's 3 CIDRs into the spokes table and the spoke's 1 into the hub table.
    expect(quotaUsage(tgw).find((r) => r.quota === 'routesPerTransitGateway' && r.scope === 'transit gateway tgw-0123456789abcdef0')?.used).toBe(4);
    expect(quotaUsage(tgw).find((r) => r.scope === 'route table rtb-00000000000000001')?.used).toBe(3);
  });

  it('counts one row per spread security group', () => {
    const spokes = Array.from({ length: 5 }, (_, i) => spoke(`s${i + 1}`, 'payments', i + 1));
    const rows = quotaUsage(planOf(config([hub({ endpointSecurityGroups: 2 })], spokes)));
    const groups = rows.filter((r) => r.quota === 'inboundRulesPerSecurityGroup');
    expect(groups.map((r) => r.scope)).toEqual(['security group hub_main_endpoints', 'security group hub_main_endpoints_2']);
    // Five spoke CIDRs and the hub VPC's own CIDR.
    expect(groups.reduce((n, r) => n + r.used, 0)).toBe(6);
    expect(rows.find((r) => r.quota === 'securityGroupsPerNetworkInterface')).toMatchObject({ used: 2, limit: 5, hardMax: 16 });
  });

  it('stays linear: 1,000 spokes are counted in well under a second', () => {
    const spokes = Array.from({ length: 1000 }, (_, i) => spoke(`s${i + 1}`, i % 2 ? 'payments' : 'analytics', 1 + (i % 250), { vpc: { id: `vpc-${(i + 1).toString(16).padStart(17, '0')}`, cidr: `10.${1 + (i % 250)}.${Math.floor(i / 250) * 16}.0/20`, routeTableIds: [`rtb-${(i + 1).toString(16).padStart(17, '0')}`] } }));
    // Counted without validation: validate refuses 1,000 peerings on one VPC (AWS's ceiling is 125).
    const plan = buildPlan(configSchema.parse(config([hub({ services: ['sqs', 'sts', 'ssm', 'ecr.api', 'ecr.dkr'] })], spokes, { quotas: { peeringConnectionsPerVpc: 1000, routesPerRouteTable: 1000, inboundRulesPerSecurityGroup: 250, vpcsPerHostedZone: 2000, associationAuthorizationsPerZone: 2000 } })));
    const start = Date.now();
    const rows = quotaUsage(plan);
    expect(Date.now() - start).toBeLessThan(500);
    expect(rows.find((r) => r.quota === 'peeringConnectionsPerVpc' && r.scope === 'hub main')?.used).toBe(1000);
  });
});

describe('formatHeadroomTable', () => {
  it('shows used / limit (with the hard maximum), the percentage and a marker', () => {
    const text = formatHeadroomTable([row({ used: 10, limit: 50, hardMax: 125 })], 'text');
    expect(text.split('\n')).toEqual([expect.stringMatching(/^quota\s+scope\s+used \/ limit\s+use\s+status$/), expect.stringMatching(/^peeringConnectionsPerVpc\s+hub main\s+10 \/ 50 \(max 125\)\s+20%\s+ok$/)]);
  });

  it('marks rows at 80 % as near and rows over the limit as OVER', () => {
    const text = formatHeadroomTable([row({ scope: 'hub a', used: 40 }), row({ scope: 'hub b', used: 51 }), row({ scope: 'hub c', used: 39 })], 'text');
    expect(text).toMatch(/hub b\s+51 \/ 50.*102%\s+OVER/);
    expect(text).toMatch(/hub a\s+40 \/ 50.*80%\s+near/);
    expect(text).toMatch(/hub c\s+39 \/ 50.*78%\s+ok/);
  });

  it('lists the fullest scopes first and summarizes the rest, but never hides a near or exceeded one', () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => row({ scope: `spoke s${i}`, used: 1 })), row({ scope: 'spoke big', used: 45 }), row({ scope: 'spoke bigger', used: 48 })];
    const lines = formatHeadroomTable(rows, 'text', { maxRowsPerQuota: 3 }).split('\n').slice(1);
    expect(lines.map((l) => l.split(/\s{2,}/)[1])).toEqual(['spoke bigger', 'spoke big', 'spoke s0', '+9 more']);
    expect(lines[3]).toMatch(/<= 1 \/ 50.*<= 2%\s+ok$/);
  });

  it('writes a Markdown table for reports', () => {
    const md = formatHeadroomTable([row({ used: 51, scope: 'zone a|b' })], 'markdown').split('\n');
    expect(md[0]).toBe('| quota | scope | used / limit | use | status |');
    expect(md[1]).toBe('| --- | --- | ---: | ---: | --- |');
    expect(md[2]).toBe('| peeringConnectionsPerVpc | zone a\\|b | 51 / 50 | 102% | OVER |');
  });
});

describe('the peering ceiling and transit gateway hubs (issue 10)', () => {
  // bench/topology.ts builds large synthetic configs with the quotas they need raised in `quotas:`.
  const codes = (yaml: string) => checkConfigText(yaml, '<config>').findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.path} ${String(f.value)}`);

  it('a peering hub past 125 spokes is an error even with the quota raised in the config', () => {
    expect(codes(topologyYaml({ spokes: 126, accounts: 10, services: 1, dns: 'route53-profile' }))).toEqual(['QuotaExceeded hubs.core 126 > 125']);
  });

  it('a transit gateway hub of 400 spokes in 100 accounts has no peering row and no quota error', () => {
    const loaded = checkConfigText(topologyYaml({ spokes: 400, accounts: 100, services: 1, dns: 'route53-profile', connectivity: 'transit-gateway' }), '<config>');
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (!loaded.config) throw new Error('the transit gateway topology does not load');
    const rows = quotaUsage(buildPlan(loaded.config), loaded.config.quotas);
    expect(rows.filter((r) => r.quota === 'peeringConnectionsPerVpc')).toEqual([]);
    expect(rows.find((r) => r.quota === 'attachmentsPerTransitGateway')).toMatchObject({ used: 401, limit: 5000 });
    // Routes count per gateway across its route tables: 400 spoke CIDRs in the hub table, the hub's CIDR in the spokes table.
    expect(rows.filter((r) => r.quota === 'routesPerTransitGateway')).toEqual([expect.objectContaining({ used: 401, limit: 10000 })]);
    expect(rows.filter((r) => r.quota === 'transitGatewayAttachmentsPerVpc').every((r) => r.used === 1)).toBe(true);
  });
});

describe('transit gateway quotas as AWS states them (issue 16)', () => {
  const TGW = (extra = '') => `
accounts:
  network: { id: "111111111111", hubSideRoleArn: "arn:aws:iam::111111111111:role/p" }
  payments: { id: "222222222222" }
hubs:
  - name: a
    account: network
    region: us-east-1
    vpc: { cidr: 10.0.0.0/22, availabilityZones: [us-east-1a, us-east-1b] }
    services: [sqs]
    connectivity: transit-gateway
    transitGateway: { id: tgw-0123456789abcdef0, defaultRouteTableIds: [], routeTables: { hub: tgw-rtb-0123456789abcdef0, spokes: tgw-rtb-0fedcba9876543210 } }
  - name: b
    account: network
    region: us-east-1
    vpc: { cidr: 10.0.4.0/22, availabilityZones: [us-east-1a, us-east-1b] }
    services: [sts]
    connectivity: transit-gateway
    transitGateway: { id: tgw-0123456789abcdef0, defaultRouteTableIds: [], routeTables: { hub: tgw-rtb-0123456789abcdef1, spokes: tgw-rtb-0fedcba9876543211 } }
spokes:
  - name: s1
    account: payments
    hub: a
    adopt: { transitGatewayAttachmentId: tgw-attach-0123456789abcdef1 }
    vpc: { id: vpc-0a1b2c3d4e5f67890, cidr: 10.1.0.0/16, secondaryCidrs: [10.2.0.0/16], routeTableIds: [rtb-0a1b2c3d4e5f67890], attachmentSubnetIds: [subnet-0a1b2c3d4e5f67890] }
${extra}`;
  const rowsOf = (yaml: string) => {
    const loaded = checkConfigText(yaml, '<config>');
    if (!loaded.config) throw new Error(JSON.stringify(loaded.findings));
    return { rows: quotaUsage(buildPlan(loaded.config), loaded.config.quotas), findings: loaded.findings };
  };

  it('counts routes once per gateway, across every route table of every hub on it', () => {
    const { rows } = rowsOf(TGW());
    // hub a (1 CIDR) and hub b (1 CIDR) into their spokes tables, spoke s1 (2 CIDRs) into hub a's table.
    expect(rows.filter((r) => r.quota === 'routesPerTransitGateway')).toEqual([expect.objectContaining({ scope: 'transit gateway tgw-0123456789abcdef0', used: 4, limit: 10000 })]);
    expect(rows.find((r) => r.quota === 'routesPerTransitGateway')?.remedy).toContain("other teams' routes count too");
  });

  it('says attachments per gateway cannot be raised, and stops at 5,000 whatever quotas: says', () => {
    const { rows } = rowsOf(TGW('quotas: { attachmentsPerTransitGateway: 6000 }'));
    const row = rows.find((r) => r.quota === 'attachmentsPerTransitGateway');
    expect(row).toMatchObject({ used: 3, hardMax: 5000 });
    expect(row?.remedy).toMatch(/^not adjustable/);
    expect(row?.remedy).not.toContain('request an increase');
  });

  it('reads the former per-table key as the per-gateway quota, with a warning naming the new key', () => {
    const { rows, findings } = rowsOf(TGW('quotas: { routesPerTransitGatewayRouteTable: 3 }'));
    expect(rows.find((r) => r.quota === 'routesPerTransitGateway')).toMatchObject({ used: 4, limit: 3 });
    expect(findings.find((f) => f.code === 'QuotaRenamed')).toMatchObject({ severity: 'warning', path: 'quotas.routesPerTransitGatewayRouteTable', fix: expect.stringContaining('quotas.routesPerTransitGateway') });
  });
});
