import { ACCOUNT_IDS, config, hub, planOf, spoke } from './configs';

const ORG = 'o-a1b2c3d4e5';

describe('stacks: hub stacks hold what hubs share, spokes stacks hold the pairs (issue 9)', () => {
  const plan = planOf(
    config(
      [hub()],
      [spoke('payments-prod', 'payments', 1), spoke('payments-dev', 'payments', 2), spoke('analytics-prod', 'analytics', 3), spoke('tooling', 'network', 4)],
    ),
  );

  it('makes a hub stack per hub account, a spokes stack per spoke account, and `<account>-spokes` beside each hub stack', () => {
    expect(plan.stacks.map((s) => [s.name, s.kind, s.account.id])).toEqual([
      ['network', 'hub', ACCOUNT_IDS.network],
      ['analytics', 'spokes', ACCOUNT_IDS.analytics],
      ['network-spokes', 'spokes', ACCOUNT_IDS.network],
      ['payments', 'spokes', ACCOUNT_IDS.payments],
    ]);
  });

  it('puts no spoke in a hub stack: same-account spokes go to network-spokes, other spokes to their account', () => {
    const byName = Object.fromEntries(plan.stacks.map((s) => [s.name, { hubs: s.hubs, spokes: s.spokes }]));
    expect(byName).toEqual({
      network: { hubs: ['main'], spokes: [] },
      'network-spokes': { hubs: [], spokes: ['tooling'] },
      payments: { hubs: [], spokes: ['payments-dev', 'payments-prod'] },
      analytics: { hubs: [], spokes: ['analytics-prod'] },
    });
  });

  it('deploys hub stacks first, then the spokes stacks by name', () => {
    expect(plan.stacks.map((s) => s.name)).toEqual(['network', 'analytics', 'network-spokes', 'payments']);
  });

  it('makes every spokes stack depend on its hubs\' stacks, and hub stacks on nothing (no cycle is possible)', () => {
    expect(Object.fromEntries(plan.stacks.map((s) => [s.name, s.dependsOn]))).toEqual({ network: [], analytics: ['network'], 'network-spokes': ['network'], payments: ['network'] });
  });

  it('gives every spokes stack of another account a provider into each hub account and region, with the hub account\'s role, whatever its spokes', () => {
    const withRole = planOf({
      ...config([hub()], [spoke('p', 'payments', 1), spoke('t', 'network', 2)]),
      accounts: { network: { id: ACCOUNT_IDS.network, roleArn: 'arn:aws:iam::111111111111:role/terraform' }, payments: { id: ACCOUNT_IDS.payments }, analytics: { id: ACCOUNT_IDS.analytics } },
    });
    const byName = Object.fromEntries(withRole.stacks.map((s) => [s.name, s.hubAccess]));
    expect(byName.payments).toEqual([{ account: { key: 'network', id: ACCOUNT_IDS.network, roleArn: 'arn:aws:iam::111111111111:role/terraform' }, region: 'us-east-1' }]);
    // Same account: the stack's own provider does the hub halves.
    expect(byName['network-spokes']).toEqual([]);
    expect(byName.network).toEqual([]);
    // Without spokes too: removing an account's last spoke must keep the provider its hub halves were created with.
    expect(byName.analytics).toEqual(byName.payments);
  });

  it('prefers the hub account\'s hubSideRoleArn for that provider', () => {
    const p = planOf({
      ...config([hub()], [spoke('p', 'payments', 1)]),
      accounts: { network: { id: ACCOUNT_IDS.network, roleArn: 'arn:aws:iam::111111111111:role/terraform', hubSideRoleArn: 'arn:aws:iam::111111111111:role/vpce-hub-pairs' }, payments: { id: ACCOUNT_IDS.payments } },
    });
    expect(p.stacks.find((s) => s.name === 'payments')?.hubAccess[0].account.roleArn).toBe('arn:aws:iam::111111111111:role/vpce-hub-pairs');
  });

  it('gives an unused account an empty stack (removing its last spoke must not orphan what the stack held)', () => {
    const p = planOf(config([hub()], [spoke('payments-prod', 'payments', 1)]));
    expect(p.stacks.map((s) => [s.name, s.spokes])).toEqual([
      ['network', []],
      ['analytics', []],
      ['network-spokes', []],
      ['payments', ['payments-prod']],
    ]);
  });

  it('makes a hub stack and an empty network-spokes stack when there are no spokes', () => {
    const p = planOf(config([hub()], []));
    const empty = { account: expect.objectContaining({ key: 'network' }), hubs: [], spokes: [], hubAccess: [], dependsOn: [], ramJoins: [] };
    expect(p.stacks.filter((s) => s.account.key === 'network')).toEqual([
      { ...empty, name: 'network', kind: 'hub', hubs: ['main'], regions: ['us-east-1'] },
      { ...empty, name: 'network-spokes', kind: 'spokes', regions: ['us-east-1'] },
    ]);
  });

  it("gives each spokes stack a provider in every hub's region and in its own spokes' regions", () => {
    const p = planOf(config([hub()], [spoke('west', 'network', 1, { region: 'us-west-2' }), spoke('paris', 'payments', 2, { region: 'eu-west-3' })]));
    expect(Object.fromEntries(p.stacks.map((s) => [s.name, s.regions]))).toEqual({ network: ['us-east-1'], analytics: ['us-east-1'], 'network-spokes': ['us-east-1', 'us-west-2'], payments: ['eu-west-3', 'us-east-1'] });
    expect(p.stacks.find((s) => s.name === 'payments')?.hubAccess.map((a) => [a.account.key, a.region])).toEqual([['network', 'us-east-1']]);
  });
});

describe('peering: auto_accept only within one account and one region', () => {
  it.each<[string, string, string | undefined, { crossAccount: boolean; crossRegion: boolean; autoAccept: boolean }]>([
    ['same account, same region', 'network', undefined, { crossAccount: false, crossRegion: false, autoAccept: true }],
    ['same account, region written out', 'network', 'us-east-1', { crossAccount: false, crossRegion: false, autoAccept: true }],
    ['same account, other region', 'network', 'us-west-2', { crossAccount: false, crossRegion: true, autoAccept: false }],
    ['other account, same region', 'payments', undefined, { crossAccount: true, crossRegion: false, autoAccept: false }],
    ['other account, other region', 'payments', 'eu-west-3', { crossAccount: true, crossRegion: true, autoAccept: false }],
  ])('%s', (_case, account, region, expected) => {
    const p = planOf(config([hub()], [spoke('s', account, 1, region ? { region } : {})]));
    expect(p.spokes[0]).toMatchObject({ ...expected, region: region ?? 'us-east-1', hub: 'main' });
  });

  it('lists a spoke\'s CIDRs primary first, then secondary ones in config order', () => {
    const s = spoke('s', 'payments', 1);
    const p = planOf(config([hub()], [{ ...s, vpc: { ...s.vpc, secondaryCidrs: ['100.64.16.0/20', '100.64.0.0/20'] } }]));
    expect(p.spokes[0].cidrs).toEqual(['10.1.0.0/16', '100.64.16.0/20', '100.64.0.0/20']);
  });
});

describe('zones: one per private DNS name of each service, named exactly like it', () => {
  const zonesOf = (services: string[], region = 'us-east-1') =>
    planOf(config([hub({ region, services, vpc: { cidr: '10.0.0.0/22', availabilityZones: [`${region}a`, `${region}b`] } })], [])).hubs[0].zones;

  it('gives sqs one plain zone sqs.<region>.amazonaws.com', () => {
    expect(zonesOf(['sqs'])).toEqual([{ key: 'sqs_us-east-1_amazonaws_com', zoneName: 'sqs.us-east-1.amazonaws.com', wildcard: false, service: 'sqs' }]);
  });

  it('gives ecr.api the reversed zone api.ecr.<region> and ecr.dkr a wildcard zone dkr.ecr.<region>', () => {
    expect(zonesOf(['ecr.api', 'ecr.dkr'])).toEqual([
      { key: 'api_ecr_us-east-1_amazonaws_com', zoneName: 'api.ecr.us-east-1.amazonaws.com', wildcard: false, service: 'ecr.api' },
      { key: 'dkr_ecr_us-east-1_amazonaws_com', zoneName: 'dkr.ecr.us-east-1.amazonaws.com', wildcard: true, service: 'ecr.dkr' },
    ]);
  });

  it('gives s3 three wildcard zones (s3, s3-accesspoint, s3-control), all aliasing the s3 endpoint', () => {
    expect(zonesOf(['s3'], 'eu-west-1')).toEqual([
      { key: 's3-accesspoint_eu-west-1_amazonaws_com', zoneName: 's3-accesspoint.eu-west-1.amazonaws.com', wildcard: true, service: 's3' },
      { key: 's3-control_eu-west-1_amazonaws_com', zoneName: 's3-control.eu-west-1.amazonaws.com', wildcard: true, service: 's3' },
      { key: 's3_eu-west-1_amazonaws_com', zoneName: 's3.eu-west-1.amazonaws.com', wildcard: true, service: 's3' },
    ]);
  });

  it('sorts zones and endpoints by key, whatever the order of services in the config', () => {
    const a = planOf(config([hub({ services: ['sqs', 'ecr.dkr', 'sts'] })], [])).hubs[0];
    const b = planOf(config([hub({ services: ['sts', 'sqs', 'ecr.dkr'] })], [])).hubs[0];
    expect(a.endpoints.map((e) => e.key)).toEqual(['ecr_dkr', 'sqs', 'sts']);
    expect(b).toEqual(a);
  });

  it('has no zones in endpoint-url mode', () => {
    const p = planOf(config([hub({ dns: 'endpoint-url', services: ['sqs', 's3', 'ecr.dkr'] })], []));
    expect(p.hubs[0].zones).toEqual([]);
    expect(p.hubs[0].endpoints).toHaveLength(3);
  });
});

describe('endpoints: private DNS and policy', () => {
  it('disables private DNS on every endpoint in private-hosted-zones mode (the zones answer instead)', () => {
    const p = planOf(config([hub({ services: ['sqs', 's3', 'ecr.dkr', 'kms'] })], []));
    expect(p.hubs[0].endpoints.map((e) => [e.service, e.privateDnsEnabled])).toEqual([
      ['ecr.dkr', false],
      ['kms', false],
      ['s3', false],
      ['sqs', false],
    ]);
  });

  it('enables private DNS in endpoint-url mode, except for services that have no private DNS name', () => {
    const p = planOf(config([hub({ region: 'eu-west-1', dns: 'endpoint-url', services: ['sqs', 'iot.data'], vpc: { cidr: '10.0.0.0/22', availabilityZones: ['eu-west-1a', 'eu-west-1b'] } })], []));
    expect(p.hubs[0].endpoints.map((e) => [e.service, e.serviceName, e.privateDnsEnabled])).toEqual([
      ['iot.data', 'com.amazonaws.eu-west-1.iot.data', false],
      ['sqs', 'com.amazonaws.eu-west-1.sqs', true],
    ]);
  });

  it('attaches an organization policy only to services that support endpoint policies (eks-auth does not)', () => {
    const p = planOf(config([hub({ services: ['sqs', 'eks-auth'], endpointPolicy: 'organization' })], [], { organizationId: ORG }));
    const [eksAuth, sqs] = p.hubs[0].endpoints;
    expect(eksAuth).toEqual({ service: 'eks-auth', key: 'eks-auth', serviceName: 'com.amazonaws.us-east-1.eks-auth', privateDnsEnabled: false });
    expect(JSON.parse(sqs.policy as string).Statement[0]).toMatchObject({ Sid: 'AllowOrganizationPrincipals', Effect: 'Allow', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } });
  });

  it("zones iot.data under the account's data endpoint given as privateDnsNames, and attaches no policy to it (iot.data takes none, custom entry or not)", () => {
    const iot = { name: 'iot.data', privateDnsNames: ['a1b2c3d4e5f6g7-ats.iot.{region}.amazonaws.com'] };
    const p = planOf(config([hub({ services: ['sqs', iot], endpointPolicy: 'organization' })], [], { organizationId: ORG }));
    const [iotData, sqs] = p.hubs[0].endpoints;
    expect(iotData).toEqual({ service: 'iot.data', key: 'iot_data', serviceName: 'com.amazonaws.us-east-1.iot.data', privateDnsEnabled: false });
    expect(sqs.policy).toBeDefined();
    expect(p.hubs[0].zones.map((z) => z.zoneName)).toContain('a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com');
  });

  it('gives each service its template: STS lets federation through, S3 reads of AWS-owned buckets, execute-api private APIs', () => {
    const p = planOf(config([hub({ services: ['sqs', 'sts', 's3', 'execute-api'], endpointPolicy: 'organization' })], [], { organizationId: ORG }));
    const sids = Object.fromEntries(p.hubs[0].endpoints.map((e) => [e.service, JSON.parse(e.policy as string).Statement.map((st: { Sid: string }) => st.Sid)]));
    expect(sids).toEqual({
      'execute-api': ['AllowOrganizationPrincipals', 'AllowAwsServicePrincipals', 'AllowUnsignedPrivateApiInvoke'],
      s3: ['AllowOrganizationPrincipals', 'AllowAwsServicePrincipals', 'AllowReadsOfAwsOwnedBuckets', 'AllowCloudFormationResponses'],
      sqs: ['AllowOrganizationPrincipals', 'AllowAwsServicePrincipals'],
      sts: ['AllowOrganizationPrincipals', 'AllowAwsServicePrincipals', 'AllowFederatedRoleAssumption'],
    });
  });

  it('attaches no policy with the default (AWS full-access) policy', () => {
    const p = planOf(config([hub({ services: ['sqs', 'sts'] })], []));
    expect(p.hubs[0].endpoints.map((e) => e.policy)).toEqual([undefined, undefined]);
  });

  it('lists principals sorted, so reordering them in the config is no change', () => {
    const principalsOf = (principals: string[]) =>
      JSON.parse(planOf(config([hub({ endpointPolicy: { principals } })], [])).hubs[0].endpoints[0].policy as string).Statement[0].Condition.StringEquals['aws:PrincipalAccount'];
    expect(principalsOf(['arn:aws:iam::333333333333:root', 'arn:aws:iam::222222222222:root'])).toEqual(['222222222222', '333333333333']);
  });
});

describe('hub VPC', () => {
  it('carves one endpoint subnet per AZ, in AZ order, with one route table', () => {
    const p = planOf(config([hub({ vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1c', 'us-east-1a', 'use1-az4'] } })], []));
    expect(p.hubs[0].subnets).toEqual([
      { az: 'us-east-1c', azIsId: false, cidr: '10.0.0.0/24' },
      { az: 'us-east-1a', azIsId: false, cidr: '10.0.1.0/24' },
      { az: 'use1-az4', azIsId: true, cidr: '10.0.2.0/24' },
    ]);
    expect(p.hubs[0].routeTables).toEqual([{ key: 'endpoints' }]);
    expect(p.hubs[0].existingVpcId).toBeUndefined();
  });

  it('honours subnetPrefixLength', () => {
    const p = planOf(config([hub({ vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1a', 'us-east-1b'], subnetPrefixLength: 28 } })], []));
    expect(p.hubs[0].subnets.map((s) => s.cidr)).toEqual(['10.0.0.0/28', '10.0.0.16/28']);
  });

  it('turns flow logs on by default (365 days) and leaves them out when disabled', () => {
    expect(planOf(config([hub()], [])).hubs[0].flowLogs).toEqual({ retentionDays: 365 });
    const off = planOf(config([hub({ vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1a', 'us-east-1b'], flowLogs: { enabled: false } } })], []));
    expect(off.hubs[0].flowLogs).toBeUndefined();
  });

  it('uses an existing VPC as it is: its subnets and route tables by id, no flow logs', () => {
    const existing = hub({
      vpc: {
        id: 'vpc-0bbbbbbbbbbbbbbb1',
        cidr: '10.100.0.0/20',
        subnets: [
          { id: 'subnet-0bbbbbbbbbbbbbbb1', availabilityZone: 'us-east-1a' },
          { id: 'subnet-0bbbbbbbbbbbbbbb2', availabilityZone: 'use1-az2' },
        ],
        routeTableIds: ['rtb-0bbbbbbbbbbbbbbb1', 'rtb-0bbbbbbbbbbbbbbb2'],
      },
    });
    const h = planOf(config([existing], [])).hubs[0];
    expect(h).toMatchObject({
      existingVpcId: 'vpc-0bbbbbbbbbbbbbbb1',
      cidr: '10.100.0.0/20',
      subnets: [
        { az: 'us-east-1a', azIsId: false, id: 'subnet-0bbbbbbbbbbbbbbb1' },
        { az: 'use1-az2', azIsId: true, id: 'subnet-0bbbbbbbbbbbbbbb2' },
      ],
      routeTables: [
        { key: 'rtb-0bbbbbbbbbbbbbbb1', id: 'rtb-0bbbbbbbbbbbbbbb1' },
        { key: 'rtb-0bbbbbbbbbbbbbbb2', id: 'rtb-0bbbbbbbbbbbbbbb2' },
      ],
    });
    expect(h.flowLogs).toBeUndefined();
  });
});

describe('order independence', () => {
  it('sorts spokes by name, so their order in the config never matters', () => {
    const spokes = [spoke('b-spoke', 'payments', 1), spoke('a-spoke', 'analytics', 2), spoke('c-spoke', 'network', 3)];
    const a = planOf(config([hub()], spokes));
    const b = planOf(config([hub()], [...spokes].reverse()));
    expect(a.spokes.map((s) => s.name)).toEqual(['a-spoke', 'b-spoke', 'c-spoke']);
    expect(a.hubs[0].spokes).toEqual(['a-spoke', 'b-spoke', 'c-spoke']);
    expect(b).toEqual(a);
  });
});

describe('backend', () => {
  it.each<[string, object, object]>([
    ['local by default', {}, { kind: 'local', dir: '.terraform-state' }],
    ['local with a dir', { backend: { local: { dir: 'state' } } }, { kind: 'local', dir: 'state' }],
    ['s3 with the default key prefix', { backend: { s3: { bucket: 'tf-state', region: 'us-east-2' } } }, { kind: 's3', bucket: 'tf-state', region: 'us-east-2', keyPrefix: 'vpce-hub' }],
    [
      's3 with a role',
      { backend: { s3: { bucket: 'tf-state', region: 'us-east-2', keyPrefix: 'net', roleArn: 'arn:aws:iam::111111111111:role/state' } } },
      { kind: 's3', bucket: 'tf-state', region: 'us-east-2', keyPrefix: 'net', roleArn: 'arn:aws:iam::111111111111:role/state' },
    ],
    ['cloud with defaults', { backend: { cloud: { organization: 'acme' } } }, { kind: 'cloud', organization: 'acme', workspacePrefix: 'vpce-hub-', hostname: 'app.terraform.io' }],
  ])('%s', (_case, extra, expected) => {
    expect(planOf(config([hub()], [], extra)).backend).toEqual(expected);
  });
});

describe('no stack cycles: hub stacks read nothing, spokes stacks read hub stacks', () => {
  it('plans two hub accounts that each have a spoke in the other (a cycle in the single-stack-per-account layout)', () => {
    const p = planOf(
      config(
        [hub(), hub({ name: 'west', account: 'payments', region: 'us-west-2', vpc: { cidr: '10.100.0.0/22', availabilityZones: ['us-west-2a', 'us-west-2b'] } })],
        [spoke('payments-prod', 'payments', 1, { hub: 'main' }), spoke('tools', 'network', 102, { hub: 'west', region: 'us-west-2' })],
        { accounts: { ...config([], []).accounts, payments: { id: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/terraform' } } },
      ),
    );
    expect(Object.fromEntries(p.stacks.map((s) => [s.name, s.dependsOn]))).toEqual({ network: [], payments: [], analytics: [], 'network-spokes': ['payments'], 'payments-spokes': ['network'] });
  });
});
