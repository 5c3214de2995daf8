/** The topology diagram: valid Mermaid flowchart shape that GitHub renders, built from names. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText, loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { mermaidId, topologyMermaid, topologyOutline } from '../../src/review/mermaid';
import { PROJECT_ROOT } from '../support/synth';

const root = path.join(__dirname, '../..');
const planOf = (file: string) => buildPlan(loadConfigFile(path.join(root, file)).config);

/** Structural checks a Mermaid parser would make on the subset we write. */
function assertWellFormed(src: string): void {
  const lines = src.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  let depth = 0;
  for (const line of lines.slice(1)) {
    const t = line.trim();
    if (t.startsWith('subgraph ')) depth++;
    else if (t === 'end') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
    // Labels are quoted and never contain a raw double quote.
    for (const m of t.matchAll(/"([^"]*)"/g)) expect(m[1]).not.toContain('"');
    // Every node or subgraph id is a plain identifier.
    const id = /^(?:subgraph\s+)?([^\s[(<\-.|]+)/.exec(t)?.[1];
    if (id && !['end', 'classDef', 'class'].includes(id)) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
  }
  expect(depth).toBe(0);
}

describe('topologyMermaid', () => {
  it('draws the shipped example: one subgraph per account, the hub with a node per service, zones, and an edge pair per spoke', () => {
    const plan = planOf('vpce-hub.yaml');
    const src = topologyMermaid(plan);
    assertWellFormed(src);
    for (const account of ['network', 'payments', 'analytics']) expect(src).toContain(`subgraph ${mermaidId('account', account)}["account ${account} (`);
    expect(src).toContain(`subgraph ${mermaidId('hub', 'main')}["hub main: VPC 10.0.0.0/22 in us-east-1, 2 AZs"]`);
    for (const svc of ['sqs', 'sts', 'ssm', 'ecr.api', 'ecr.dkr', 's3']) expect(src).toContain(`${mermaidId('service', 'main', svc)}["${svc}"]`);
    expect(src).toContain(`${mermaidId('dns', 'main')}[("8 private hosted zones`);
    expect(src.match(/<-->\|"peering"\|/g)).toHaveLength(2);
    expect(src.match(/-\.->\|"authorized \+ associated"\|/g)).toHaveLength(2);
    expect(src).not.toContain('classDef');
  });

  it('colours added spokes and shows removed ones in their account with a dotted edge', () => {
    const plan = planOf('vpce-hub.yaml');
    const src = topologyMermaid(plan, { added: new Set(['analytics-prod']), removed: [{ name: 'legacy', hub: 'main', accountId: '222222222222' }] });
    assertWellFormed(src);
    expect(src).toContain(`class ${mermaidId('spoke', 'analytics-prod')} added`);
    expect(src).toContain(`class ${mermaidId('spoke', 'legacy')} removed`);
    expect(src).toContain(`${mermaidId('spoke', 'legacy')} -.-|"peering removed"| ${mermaidId('hub', 'main')}`);
    // The removed spoke sits inside the payments account's subgraph (account id 222222222222).
    const payments = src.slice(src.indexOf(mermaidId('account', 'payments')));
    expect(payments.indexOf(mermaidId('spoke', 'legacy'))).toBeLessThan(payments.indexOf('\n  end'));
  });

  it('is well formed for every example, with the DNS of each mode', () => {
    for (const dir of ['endpoint-url', 'existing-hub-vpc', 'cross-region-cloud', 'route53-profile', 'multi-hub']) {
      const src = topologyMermaid(planOf(`examples/${dir}/vpce-hub.yaml`));
      assertWellFormed(src);
      if (dir === 'endpoint-url') expect(src).not.toContain('private hosted zones');
      if (dir === 'route53-profile') expect(src).toContain('profile association');
      if (dir === 'cross-region-cloud') expect(src).toContain('peering, inter-region (eu-west-3)');
    }
  });

  it('keeps distinct names distinct in ids, whatever characters they contain', () => {
    expect(mermaidId('service', 'main', 'ecr.api')).not.toBe(mermaidId('service', 'main', 'ecr-api'));
    expect(mermaidId('spoke', 'web-a')).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('escapes double quotes in labels', () => {
    const text = readFileSync(path.join(root, 'vpce-hub.yaml'), 'utf8');
    const plan = buildPlan(parseConfigText(text).config);
    plan.hubs[0].endpoints[0].service = 'we"ird';
    expect(topologyMermaid(plan)).toContain('we#quot;ird');
  });
});

describe('topologyOutline', () => {
  it('lists accounts, hubs with services, and spokes with their hub', () => {
    const lines = topologyOutline(planOf('vpce-hub.yaml'), { added: new Set(['payments-prod']), removed: [] });
    expect(lines[0]).toBe('account network (111111111111), stack network');
    expect(lines).toContain('    services: ecr.api, ecr.dkr, s3, sqs, ssm, sts');
    expect(lines).toContain('  spoke payments-prod: vpc-0a1b2c3d4e5f67890 10.1.0.0/16 -> hub main  (added)');
  });
});

describe('transit gateway hubs (issue 10)', () => {
  const draw = (file: string) => topologyMermaid(buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config));

  it("draws the gateway in its owner's account, every spoke attached to it and the hub attachment, and no peering", () => {
    const m = draw('examples/transit-gateway/vpce-hub.yaml');
    const network = m.slice(m.indexOf('subgraph account__network'), m.indexOf('end', m.indexOf('subgraph account__network')));
    expect(network).toContain('tgw__main{{"transit gateway tgw-0123456789abcdef0');
    for (const spoke of ['spoke__payments_2d_prod', 'spoke__analytics_2d_prod', 'spoke__tools']) expect(m).toContain(`${spoke} <-->|"attachment: spokes table, propagates to hub table"| tgw__main`);
    expect(m).toContain('tgw__main <-->|"hub attachment: hub table, propagates to spokes table"| hub__main');
    expect(m).not.toContain('peering');
  });

  it('draws on-premises clients over DX/VPN and their DNS through the inbound resolver', () => {
    const m = draw('examples/hybrid/vpce-hub.yaml');
    expect(m).toContain('onprem__main["on premises<br/>192.168.0.0/16, 172.20.0.0/14"]');
    expect(m).toContain('onprem__main <-->|"DX / VPN attachment (outside vpce-hub)"| tgw__main');
    expect(m).toContain('onprem__main -.->|"DNS: conditional forwarding"| resolver__main');
  });
});
