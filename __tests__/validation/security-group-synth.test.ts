/**
 * Synthesized SG spreading: a hub whose spoke CIDRs exceed inboundRulesPerSecurityGroup (60 by
 * default) gets several endpoint security groups, every rule sits in one of them, and every endpoint
 * carries all of them. The first group keeps the single-group address.
 */
import { ofType } from '../stacks/json';
import { config, hub, load, spoke } from '../planning/configs';
import { synthConfig, type Synthesized } from '../support/synth';

const SPOKE_COUNT = 70;
const spokes = Array.from({ length: SPOKE_COUNT }, (_, i) => spoke(`s${i + 1}`, i % 2 ? 'payments' : 'analytics', i + 1));

let synth: Synthesized;
beforeAll(() => {
  // 70 peerings and hub routes need raised quotas (as AWS would grant on request); the SG quota stays 60.
  synth = synthConfig(load(config([hub({ services: ['sqs', 'sts', 'ssm'] })], spokes, { quotas: { peeringConnectionsPerVpc: 100, routesPerRouteTable: 100 } })));
});
afterAll(() => synth?.cleanup());

const network = () => synth.stacks.network;
const ref = (name: string) => `\${aws_security_group.${name}.id}`;
/** The rules are hub halves in the spoke accounts' stacks, naming their group through the hub stack's output. */
const rulesOf = () => [...Object.values(ofType(synth.stacks.payments, 'aws_vpc_security_group_ingress_rule')), ...Object.values(ofType(synth.stacks.analytics, 'aws_vpc_security_group_ingress_rule'))];
const groupOutput = (group: number) => `\${data.terraform_remote_state.remote_state_network.outputs.hub_main_security_group_${group}}`;

describe(`a hub with ${SPOKE_COUNT} spoke CIDRs and the default quota of 60 rules per group`, () => {
  it('gets two endpoint security groups, the first at the single-group address', () => {
    expect(Object.keys(ofType(network(), 'aws_security_group')).sort()).toEqual(['hub_main_endpoints', 'hub_main_endpoints_2']);
  });

  it('describes both groups and keeps them free of inline rules', () => {
    for (const sg of Object.values(ofType(network(), 'aws_security_group'))) {
      expect(sg.description).toEqual(expect.stringContaining('hub main'));
      expect(sg).not.toHaveProperty('ingress');
      expect(sg).not.toHaveProperty('egress');
    }
  });

  it('has one HTTPS rule per spoke CIDR, each in one of the two groups, at most 60 per group', () => {
    const rules = rulesOf();
    expect(rules.map((r) => r.cidr_ipv4).sort()).toEqual(spokes.map((s) => s.vpc.cidr).sort());
    const perGroup = new Map<unknown, number>();
    for (const r of rules) {
      expect(r).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
      expect([groupOutput(1), groupOutput(2)]).toContain(r.security_group_id);
      perGroup.set(r.security_group_id, (perGroup.get(r.security_group_id) ?? 0) + 1);
    }
    expect(perGroup.size).toBe(2);
    for (const n of perGroup.values()) expect(n).toBeLessThanOrEqual(60);
  });

  it('puts both groups on every endpoint', () => {
    const endpoints = Object.values(ofType(network(), 'aws_vpc_endpoint'));
    expect(endpoints).toHaveLength(3);
    for (const ep of endpoints) expect(ep.security_group_ids).toEqual([ref('hub_main_endpoints'), ref('hub_main_endpoints_2')]);
  });

  it('replaces a rule that moves to another group by creating the new one first', () => {
    for (const r of rulesOf()) expect(r.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('outputs each group id for the spokes stacks', () => {
    expect(network().output?.hub_main_security_group_1.value).toBe(ref('hub_main_endpoints'));
    expect(network().output?.hub_main_security_group_2.value).toBe(ref('hub_main_endpoints_2'));
  });
});
