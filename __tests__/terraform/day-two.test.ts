/**
 * Day-two changes, applied for real against mock providers (support/mock-apply.ts): each sequence of
 * configurations is synthesized step by step, and each stack that changes along it gets one test file
 * whose runs apply its versions in order to one state; Terraform then destroys what the last version
 * left, with that version's configuration. A stack that stays byte-identical along a sequence applies
 * to no change in the later steps (the apply tier, mock-apply.test.ts, applies and destroys it).
 *
 * This is where "Provider configuration not present" shows: a step that drops a provider while the
 * stack's state still holds resources created through it fails its run, which a plan against an empty
 * state (the plan tier) never sees.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfigText } from '../../src/config/load';
import { runMockApply, testFileOf, writeMockApplyTests, type MockApplyResult } from '../support/mock-apply';
import { PROJECT_ROOT, synthConfig, type Synthesized } from '../support/synth';
import { inTerraformSlot, startedJob, terraformOptions } from '../support/terraform';

const SHIPPED = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
type Doc = ReturnType<typeof parseDocument>;
function edit(change: (doc: Doc) => void, text = SHIPPED): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}

// Add a spoke: one more in an account that has spokes, and the first of a new account (a new stack).
const ADDED = edit((doc) => {
  doc.setIn(['accounts', 'ml'], doc.createNode({ id: '444444444444', roleArn: 'arn:aws:iam::444444444444:role/terraform' }));
  const spokes = doc.get('spokes') as { add: (v: unknown) => void };
  spokes.add(doc.createNode({ name: 'payments-dev', account: 'payments', vpc: { id: 'vpc-0d1e2f3a4b5c67890', cidr: '10.3.0.0/16', routeTableIds: ['rtb-0d1e2f3a4b5c67890'] } }));
  spokes.add(doc.createNode({ name: 'ml-prod', account: 'ml', vpc: { id: 'vpc-0e1f2a3b4c5d67890', cidr: '10.4.0.0/16', routeTableIds: ['rtb-0e1f2a3b4c5d67890'] } }));
});

// Remove payments-prod, the payments account's only spoke: its stack stays, empty.
const WITHOUT_PAYMENTS = edit((doc) => doc.deleteIn(['spokes', 0]));

// Rename the hub and a spoke, keeping the old names (moved blocks).
const RENAMED = edit((doc) => {
  doc.setIn(['hubs', 0, 'name'], 'central');
  doc.setIn(['hubs', 0, 'formerNames'], doc.createNode(['main']));
  doc.setIn(['spokes', 0, 'name'], 'payments-production');
  doc.setIn(['spokes', 0, 'formerNames'], doc.createNode(['payments-prod']));
});

// The two-step DNS migration (README, Operations): the profile beside the direct associations, then alone.
const PROFILE_AND_ZONES = edit((doc) => {
  doc.setIn(['ramSharing'], doc.createNode({ shareWith: 'accounts', organizationSharing: 'enabled' }));
  doc.setIn(['hubs', 0, 'dns'], 'route53-profile');
  doc.setIn(['hubs', 0, 'keepZoneAssociations'], true);
});
const PROFILE = edit((doc) => doc.deleteIn(['hubs', 0, 'keepZoneAssociations']), PROFILE_AND_ZONES);

// Peering -> transit gateway: a created gateway shared with the spoke accounts, each spoke attached.
const TRANSIT_GATEWAY = edit((doc) => {
  doc.setIn(['ramSharing'], doc.createNode({ shareWith: 'accounts', organizationSharing: 'enabled' }));
  doc.setIn(['hubs', 0, 'connectivity'], 'transit-gateway');
  doc.setIn(['hubs', 0, 'transitGateway'], doc.createNode({}));
  doc.setIn(['spokes', 0, 'vpc', 'attachmentSubnetIds'], doc.createNode(['subnet-0a1b2c3d4e5f67890', 'subnet-0b1c2d3e4f5a67890']));
  doc.setIn(['spokes', 1, 'vpc', 'attachmentSubnetIds'], doc.createNode(['subnet-0c1d2e3f4a5b67890', 'subnet-0d1e2f3a4b5c67890']));
});

interface Sequence {
  name: string;
  steps: Array<{ name: string; yaml: string }>;
  /** The stacks the sequence changes (asserted, so a sequence cannot silently stop exercising them). */
  changes: string[];
}

const SEQUENCES: Sequence[] = [
  { name: 'add a spoke', steps: [{ name: 'before', yaml: SHIPPED }, { name: 'added', yaml: ADDED }], changes: ['ml', 'payments'] },
  { name: "remove an account's last spoke", steps: [{ name: 'before', yaml: SHIPPED }, { name: 'removed', yaml: WITHOUT_PAYMENTS }], changes: ['payments'] },
  { name: 'rename a hub and a spoke with formerNames', steps: [{ name: 'before', yaml: SHIPPED }, { name: 'renamed', yaml: RENAMED }], changes: ['analytics', 'network', 'payments'] },
  {
    name: 'private-hosted-zones -> route53-profile in two steps',
    steps: [
      { name: 'zones', yaml: SHIPPED },
      { name: 'profile_and_zones', yaml: PROFILE_AND_ZONES },
      { name: 'profile', yaml: PROFILE },
    ],
    changes: ['analytics', 'network', 'payments'],
  },
  { name: 'peering -> transit gateway', steps: [{ name: 'peering', yaml: SHIPPED }, { name: 'transit_gateway', yaml: TRANSIT_GATEWAY }], changes: ['analytics', 'network', 'payments'] },
];

/** Stacks whose synthesized JSON differs between two consecutive steps, or that some step lacks. */
function changedStacks(synths: Synthesized[]): string[] {
  const names = [...new Set(synths.flatMap((s) => Object.keys(s.stacks)))].sort();
  return names.filter((name) => synths.some((s, i) => i > 0 && JSON.stringify(s.stacks[name]) !== JSON.stringify(synths[i - 1].stacks[name])));
}

const synths = new Map<string, Synthesized[]>();
const results = new Map<string, Promise<Map<string, MockApplyResult>>>();
const changed = new Map<string, string[]>();

/**
 * The tier's controls, broken on purpose in one Terraform run: payments' emptied stack without the
 * provider its spoke halves were created with (the bug this tier was made for), and analytics' spoke
 * VPC reporting DNS support off to its check block.
 */
const CONTROLS = 'controls';
function startControls(): void {
  const steps = [synthConfig(parseConfigText(SHIPPED).config), synthConfig(parseConfigText(WITHOUT_PAYMENTS).config)];
  synths.set(CONTROLS, steps);
  const emptied = path.join(steps[1].stacksDir, 'payments', 'cdk.tf.json');
  const json = JSON.parse(readFileSync(emptied, 'utf8')) as { provider: { aws: Array<{ alias: string }> } };
  json.provider.aws = json.provider.aws.filter((p) => p.alias !== 'us_east_1');
  writeFileSync(emptied, JSON.stringify(json));
  const dir = writeMockApplyTests([{ name: 'before', stacksDir: steps[0].stacksDir }, { name: 'removed', stacksDir: steps[1].stacksDir }], ['analytics', 'payments']);
  const file = path.join(dir, testFileOf('analytics'));
  const test = JSON.parse(readFileSync(file, 'utf8')) as { mock_provider: { aws: Array<{ mock_data: { aws_vpc: { defaults: Record<string, unknown> } } }> } };
  for (const p of test.mock_provider.aws) p.mock_data.aws_vpc.defaults.enable_dns_support = false;
  writeFileSync(file, JSON.stringify(test));
  results.set(CONTROLS, startedJob(inTerraformSlot(() => runMockApply(dir, terraformOptions()))));
}

beforeAll(() => {
  startControls();
  for (const seq of SEQUENCES) {
    const steps = seq.steps.map((step) => synthConfig(parseConfigText(step.yaml).config));
    synths.set(seq.name, steps);
    changed.set(seq.name, changedStacks(steps));
    const dir = writeMockApplyTests(
      seq.steps.map((step, i) => ({ name: step.name, stacksDir: steps[i].stacksDir })),
      changed.get(seq.name),
    );
    results.set(seq.name, startedJob(inTerraformSlot(() => runMockApply(dir, terraformOptions()))));
  }
});
afterAll(async () => {
  await Promise.allSettled(results.values());
  for (const steps of synths.values()) for (const s of steps) s.cleanup();
});

describe.each(SEQUENCES)('$name', (seq) => {
  it('changes the stacks it is meant to exercise', () => {
    expect(changed.get(seq.name)).toEqual(seq.changes);
  });

  it.each(seq.changes)('stack %s applies every step in order to one state, then destroys it', async (stack) => {
    const present = seq.steps.filter((_, i) => synths.get(seq.name)?.[i].stacks[stack] !== undefined).map((s) => s.name);
    expect((await results.get(seq.name))?.get(stack)).toEqual({ stack, runs: Object.fromEntries(present.map((s) => [s, 'pass'])), cleanup: 'pass', problems: [] });
  });
});

describe('the tier itself (controls broken on purpose)', () => {
  it('fails the step that drops a provider the state still needs, with Terraform\'s error', async () => {
    const payments = (await results.get(CONTROLS))?.get('payments');
    expect(payments?.runs).toEqual({ before: 'pass', removed: 'error' });
    expect(payments?.problems).toContainEqual(expect.stringMatching(/^error: Provider configuration not present: .*provider\["registry\.terraform\.io\/hashicorp\/aws"\]\.us_east_1 is required, but it has been removed.*\[run removed\]$/));
  });

  it('fails a stack whose check block fails (a warning in plan and apply, an error in terraform test)', async () => {
    const analytics = (await results.get(CONTROLS))?.get('analytics');
    expect(analytics?.runs.before).toBe('error');
    expect(analytics?.problems).toContainEqual(expect.stringMatching(/^error: Check block assertion failed: spoke analytics-prod VPC vpc-0c1d2e3f4a5b67890 \(spokes\.analytics-prod\.vpc\.id\) has enableDnsSupport off/));
  });
});
