import { assumedRolesInAccount, providersPinned } from '../../src/analysis/rules/provider-pinning';
import { s3StateEncrypted, s3StateLocked, stateNotLocal, stateNotShared } from '../../src/analysis/rules/state-backend';
import { awsProvider, body, EXAMPLES, example, flagged, messages, mutated, SHIPPED, terraformBlock, type Doc } from './support/trees';

const shipped = example(SHIPPED);
const s3 = example('examples/existing-hub-vpc/vpce-hub.yaml');
const cloud = example('examples/cross-region-cloud/vpce-hub.yaml');
const s3Backend = (t: Doc): Doc => (t.backend as Doc).s3 as Doc;

describe('VH-STATE-001 state in a remote backend', () => {
  it('passes the S3 and Terraform Cloud examples', () => {
    expect(flagged(stateNotLocal, s3.tree)).toEqual([]);
    expect(flagged(stateNotLocal, cloud.tree)).toEqual([]);
  });

  it('warns about each stack of the shipped example, which keeps local state', () => {
    expect(stateNotLocal.check(shipped.tree).map((f) => `${f.severity} ${f.stack}/${f.resource}`)).toEqual([
      'warning analytics/terraform.backend.local',
      'warning network/terraform.backend.local',
      'warning network-spokes/terraform.backend.local',
      'warning payments/terraform.backend.local',
    ]);
  });

  it('warns about a stack without any backend', () => {
    const t = mutated(s3.stacks, (s) => delete terraformBlock(s, 'data').backend);
    expect(messages(stateNotLocal, t)).toEqual(['no backend: Terraform keeps a local terraform.tfstate']);
  });
});

describe('VH-STATE-002 and VH-STATE-003 S3 state is encrypted and locked', () => {
  it('pass the S3 example', () => {
    expect(flagged(s3StateEncrypted, s3.tree)).toEqual([]);
    expect(flagged(s3StateLocked, s3.tree)).toEqual([]);
  });

  it('flag encrypt left out or false', () => {
    expect(flagged(s3StateEncrypted, mutated(s3.stacks, (s) => delete s3Backend(terraformBlock(s, 'data')).encrypt))).toEqual(['data/terraform.backend.s3']);
    expect(flagged(s3StateEncrypted, mutated(s3.stacks, (s) => (s3Backend(terraformBlock(s, 'network')).encrypt = false)))).toEqual(['network/terraform.backend.s3']);
  });

  it('flag use_lockfile left out (DynamoDB locking alone is deprecated)', () => {
    const t = mutated(s3.stacks, (s) => {
      const b = s3Backend(terraformBlock(s, 'data'));
      delete b.use_lockfile;
      b.dynamodb_table = 'locks';
    });
    expect(flagged(s3StateLocked, t)).toEqual(['data/terraform.backend.s3']);
  });
});

describe('VH-STATE-004 no two stacks share a state', () => {
  it('passes the shipped example and every example', () => {
    expect(flagged(stateNotShared, shipped.tree)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(stateNotShared, example(file).tree)).toEqual([]);
  });

  it('flags two stacks writing the same local file', () => {
    const t = mutated(shipped.stacks, (s) => ((terraformBlock(s, 'payments').backend as Doc).local = { path: '../../../.terraform-state/network.tfstate' }));
    expect(flagged(stateNotShared, t)).toEqual(['network/terraform.backend.local', 'payments/terraform.backend.local']);
  });

  it('flags two stacks writing the same S3 key', () => {
    const t = mutated(s3.stacks, (s) => (s3Backend(terraformBlock(s, 'data')).key = 'vpce-hub/network.tfstate'));
    expect(messages(stateNotShared, t)).toEqual(expect.arrayContaining(['writes the same state as network (s3:netops-terraform-state/vpce-hub/network.tfstate)']));
  });
});

describe('VH-PROV-001 providers pinned to the stack\'s account', () => {
  it('passes the shipped example and every example, with and without the config', () => {
    expect(flagged(providersPinned, shipped.tree)).toEqual([]);
    expect(flagged(providersPinned, shipped.tree, shipped.facts)).toEqual([]);
    for (const file of EXAMPLES) {
      const ex = example(file);
      expect(flagged(providersPinned, ex.tree, ex.facts)).toEqual([]);
    }
  });

  it('flags a provider without allowed_account_ids', () => {
    const t = mutated(shipped.stacks, (s) => delete awsProvider(s, 'payments').allowed_account_ids);
    expect(messages(providersPinned, t)).toEqual(['allowed_account_ids is not set']);
    expect(flagged(providersPinned, t)).toEqual(['payments/provider.aws.us_east_1']);
  });

  it('with the config, flags a provider pinned to another account', () => {
    const t = mutated(shipped.stacks, (s) => (awsProvider(s, 'payments').allowed_account_ids = ['333333333333']));
    expect(messages(providersPinned, t, shipped.facts)).toEqual(['allowed_account_ids is [333333333333]; it must be exactly [222222222222]']);
  });

  it('without the config, flags providers of one stack that disagree on the account', () => {
    const t = mutated(s3.stacks, (s) => (awsProvider(s, 'network-spokes', 1).allowed_account_ids = ['555555555555']));
    expect(flagged(providersPinned, t)).toEqual(['network-spokes/provider.aws.us_east_2', 'network-spokes/provider.aws.us_west_2']);
  });

  it('accepts a hub-side provider pinned to the hub account, and flags one pinned elsewhere', () => {
    expect(flagged(providersPinned, shipped.tree)).toEqual([]);
    expect(flagged(providersPinned, shipped.tree, shipped.facts)).toEqual([]);
    const hubSide = (s: Parameters<typeof awsProvider>[0]) => awsProvider(s, 'payments', 1);
    const other = mutated(shipped.stacks, (s) => (hubSide(s).allowed_account_ids = ['333333333333']));
    expect(messages(providersPinned, other, shipped.facts)).toEqual([
      "allowed_account_ids is [333333333333]; a hub-side provider must name exactly one hub account of this stack's spokes (111111111111)",
    ]);
    // Without the config, any other stack's account is a possible hub account, but not an unknown one.
    const unknown = mutated(shipped.stacks, (s) => (hubSide(s).allowed_account_ids = ['555555555555']));
    expect(flagged(providersPinned, unknown)).toEqual(['payments/provider.aws.hub_network_us_east_1']);
  });

  it('accepts a hub-side role in the hub account, and flags a role in the spoke account', () => {
    expect(flagged(assumedRolesInAccount, shipped.tree, shipped.facts)).toEqual([]);
    const t = mutated(shipped.stacks, (s) => (awsProvider(s, 'payments', 1).assume_role = [{ role_arn: 'arn:aws:iam::222222222222:role/terraform' }]));
    expect(messages(assumedRolesInAccount, t, shipped.facts)).toEqual(["assume_role names a role in account 222222222222, but the stack's account is 111111111111"]);
  });

  it('flags a second allowed account', () => {
    const t = mutated(shipped.stacks, (s) => (awsProvider(s, 'payments').allowed_account_ids = ['222222222222', '333333333333']));
    expect(flagged(providersPinned, t, shipped.facts)).toEqual(['payments/provider.aws.us_east_1']);
  });

  it('flags a resource that runs with an unconfigured (unpinned) default provider', () => {
    const t = mutated(shipped.stacks, (s) => delete body(s, 'network', 'aws_vpc.hub_main').provider);
    expect(messages(providersPinned, t)).toEqual(['runs with provider aws, which this stack does not configure: an unpinned default']);
  });
});

describe('VH-PROV-002 assumed roles are in the stack\'s account', () => {
  const assumeRole = (d: Doc): Doc => (d.assume_role as Doc[])[0];

  it('passes the shipped example and every example', () => {
    expect(flagged(assumedRolesInAccount, shipped.tree, shipped.facts)).toEqual([]);
    for (const file of EXAMPLES) expect(flagged(assumedRolesInAccount, example(file).tree)).toEqual([]);
  });

  it('flags a role in another account', () => {
    const t = mutated(shipped.stacks, (s) => (assumeRole(awsProvider(s, 'payments')).role_arn = 'arn:aws:iam::111111111111:role/terraform'));
    expect(messages(assumedRolesInAccount, t)).toEqual(["assume_role names a role in account 111111111111, but the stack's account is 222222222222"]);
  });

  it('flags a role ARN that is not literal', () => {
    const t = mutated(shipped.stacks, (s) => (assumeRole(awsProvider(s, 'payments')).role_arn = '${var.role}'));
    expect(flagged(assumedRolesInAccount, t)).toEqual(['payments/provider.aws.us_east_1']);
  });
});
