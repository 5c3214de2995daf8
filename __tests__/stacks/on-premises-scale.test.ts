/**
 * On-premises access at real scale (issue 16, section 3): the inbound resolver's security group holds a
 * TCP and a UDP rule per on-premises range, which validate now counts against the rules-per-group quota,
 * and AWS's untracked form (TCP and UDP 53 from anywhere, egress to anywhere) fits any estate and avoids
 * the connection-tracking cap; the endpoint's addresses are sized against the expected queries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { configFacts } from '../../src/analysis/config-facts';
import { resolverOpenToDeclared } from '../../src/analysis/rules/transit-gateway';
import { proveReachability } from '../../src/analysis/prove';
import { buildTree } from '../../src/analysis/tree';
import { checkConfigText, parseConfigText } from '../../src/config/load';
import { resourcesOf, PROJECT_ROOT, synthText } from '../support/synth';
import { flagged } from '../check/support/trees';

const HYBRID = readFileSync(path.join(PROJECT_ROOT, 'examples/hybrid/vpce-hub.yaml'), 'utf8');
/** 31 on-premises /24s: 62 resolver rules, past the default 60 per group. */
const RANGES = Array.from({ length: 31 }, (_, i) => `172.30.${i}.0/24`);

function hybrid(onPremises: Record<string, unknown>): string {
  const doc = parseDocument(HYBRID);
  for (const [k, v] of Object.entries(onPremises)) doc.setIn(['hubs', 0, 'onPremises', k], doc.createNode(v));
  return doc.toString();
}
const errors = (text: string) => checkConfigText(text, '<config>').findings.filter((f) => f.severity === 'error');

describe('the inbound resolver security group against its quota', () => {
  it('is an error at 31 ranges in the per-range form, naming the untracked form and why a prefix list does not help', () => {
    const found = errors(hybrid({ cidrs: RANGES }));
    const over = found.filter((f) => f.code === 'QuotaExceeded');
    expect(over.map((f) => `${f.path} ${String(f.value)}`)).toEqual(['hubs.main.onPremises 62 > 60']);
    expect(over[0].message).toContain('security group hub_main_inbound_resolver');
    expect(over[0].fix).toContain('resolverSecurityGroup: untracked');
    expect(over[0].fix).toContain("counts as many rules as the list's maximum entries");
  });

  it('fits in the untracked form: two ingress rules on 53 from anywhere and two egress rules, whatever the number of ranges', () => {
    const text = hybrid({ cidrs: RANGES, resolverSecurityGroup: 'untracked' });
    expect(errors(text)).toEqual([]);
    const s = synthText(text);
    try {
      const r = resourcesOf(s.stacks.network);
      const onGroup = (type: string) => [...r.entries()].filter(([a, b]) => a.startsWith(`${type}.`) && b.security_group_id === '${aws_security_group.hub_main_inbound_resolver.id}').map(([, b]) => b);
      expect(onGroup('aws_vpc_security_group_ingress_rule').map((b) => `${b.ip_protocol} ${b.from_port}-${b.to_port} ${b.cidr_ipv4}`).sort()).toEqual(['tcp 53-53 0.0.0.0/0', 'udp 53-53 0.0.0.0/0']);
      expect(onGroup('aws_vpc_security_group_egress_rule').map((b) => `${b.ip_protocol} ${b.from_port}-${b.to_port} ${b.cidr_ipv4}`).sort()).toEqual(['tcp 0-65535 0.0.0.0/0', 'udp 0-65535 0.0.0.0/0']);
      // check accepts it with the config, and still flags it without (it cannot know the choice).
      const tree = buildTree(s.stacks as unknown as Record<string, Record<string, unknown>>);
      const config = parseConfigText(text).config;
      expect(flagged(resolverOpenToDeclared, tree, configFacts(config))).toEqual([]);
      expect(flagged(resolverOpenToDeclared, tree)).toEqual(['network/aws_vpc_security_group_ingress_rule.hub_main_dns_tcp_from_0-0-0-0_0', 'network/aws_vpc_security_group_ingress_rule.hub_main_dns_udp_from_0-0-0-0_0']);
      // prove: every on-premises row still resolves through the inbound endpoint and reaches the endpoints.
      const proof = proveReachability(tree, config);
      expect(proof.summary.broken).toBe(0);
      expect(proof.spokes.filter((row) => row.kind === 'on-premises').length).toBe(31);
    } finally {
      s.cleanup();
    }
  });
});

describe('sizing the inbound endpoint (one address per endpoint subnet)', () => {
  it('rejects more queries than two tracked addresses take (about 1,500 each), and points to the untracked form', () => {
    const found = errors(hybrid({ queriesPerSecond: 5000 }));
    expect(found.map((f) => `${f.code} ${f.path}`)).toEqual(['ResolverCapacityExceeded hubs.main.onPremises.queriesPerSecond']);
    expect(found[0].message).toContain('2 addresses (one per endpoint subnet) x about 1500 queries per second each');
    expect(found[0].fix).toContain('resolverSecurityGroup: untracked (about 10000 per address: 20000)');
  });

  it('accepts the same load untracked, and rejects what even untracked addresses cannot take', () => {
    expect(errors(hybrid({ queriesPerSecond: 5000, resolverSecurityGroup: 'untracked' }))).toEqual([]);
    expect(errors(hybrid({ queriesPerSecond: 25000, resolverSecurityGroup: 'untracked' })).map((f) => f.code)).toEqual(['ResolverCapacityExceeded']);
  });
});
