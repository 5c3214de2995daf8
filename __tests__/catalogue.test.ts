import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  ZoneSpec,
  broaderServiceNames,
  catalogueServiceNames,
  customService,
  isOfferedIn,
  knownRegions,
  nearestServiceNames,
  resolveService,
  serviceIpAddressTypes,
  zoneSpec,
} from '../src/catalogue/catalogue';
import {
  DEFAULT_DATA_DIR,
  OUTPUT_PATH,
  SUPPLEMENT_PATH,
  buildCatalogue,
  serializeCatalogue,
  shortServiceName,
} from '../scripts/catalogue-builder';

/** Compact form for table tests: "*." prefix marks a wildcard zone (apex + `*` record, domain.md 2). */
const zones = (specs: ZoneSpec[]): string[] => specs.map((z) => (z.wildcard ? `*.${z.zoneName}` : z.zoneName));

describe('zone names come from AWS private DNS names, not from the service name (domain.md section 2)', () => {
  const R = 'eu-west-1';
  it.each<[string, string, string[]]>([
    ['sqs', 'maps sqs to the plain zone sqs.<r>.amazonaws.com', [`sqs.${R}.amazonaws.com`]],
    ['sts', 'maps sts to sts.<r>.amazonaws.com', [`sts.${R}.amazonaws.com`]],
    ['ecr.api', 'maps ecr.api to api.ecr.<r> (reversed)', [`api.ecr.${R}.amazonaws.com`]],
    ['ecr.dkr', 'maps ecr.dkr to a wildcard zone dkr.ecr.<r>.amazonaws.com', [`*.dkr.ecr.${R}.amazonaws.com`]],
    ['execute-api', 'maps execute-api to a wildcard zone', [`*.execute-api.${R}.amazonaws.com`]],
    ['ecs-agent', 'maps ecs-agent to the abbreviated ecs-a.<r>', [`ecs-a.${R}.amazonaws.com`]],
    ['ecs-telemetry', 'maps ecs-telemetry to the abbreviated ecs-t.<r>', [`ecs-t.${R}.amazonaws.com`]],
    ['kinesis-firehose', 'maps kinesis-firehose to firehose.<r>', [`firehose.${R}.amazonaws.com`]],
    ['appstream.api', 'maps appstream.api to appstream2.<r>', [`appstream2.${R}.amazonaws.com`]],
    [
      'kinesis-streams',
      'maps kinesis-streams to three zones: kinesis, *.data-kinesis, *.control-kinesis',
      [`kinesis.${R}.amazonaws.com`, `*.data-kinesis.${R}.amazonaws.com`, `*.control-kinesis.${R}.amazonaws.com`],
    ],
    ['sagemaker.notebook', 'maps sagemaker.notebook to *.notebook.<r>.sagemaker.aws', [`*.notebook.${R}.sagemaker.aws`]],
    ['iot.data', "gives iot.data no zone at all (AWS gives it no private DNS name: its zone is the account's own data endpoint, a custom entry)", []],
  ])('%s: %s', (name, _spec, expected) => {
    expect(zones(resolveService(name, R)!.zones)).toEqual(expected);
  });

  it('maps s3 to three wildcard zones, in the order AWS lists them for each region', () => {
    expect(zones(resolveService('s3', 'us-east-1')!.zones)).toEqual([
      '*.s3.us-east-1.amazonaws.com',
      '*.s3-accesspoint.us-east-1.amazonaws.com',
      '*.s3-control.us-east-1.amazonaws.com',
    ]);
    // The data lists s3-control before s3-accesspoint in 15 of 17 regions: the primary name stays first.
    expect(zones(resolveService('s3', 'eu-west-1')!.zones)).toEqual([
      '*.s3.eu-west-1.amazonaws.com',
      '*.s3-control.eu-west-1.amazonaws.com',
      '*.s3-accesspoint.eu-west-1.amazonaws.com',
    ]);
  });

  it('keeps the private DNS name as AWS gives it for the region, with the wildcard', () => {
    expect(resolveService('ecr.dkr', 'us-east-1')!.zones).toEqual([
      { zoneName: 'dkr.ecr.us-east-1.amazonaws.com', wildcard: true, privateDnsName: '*.dkr.ecr.us-east-1.amazonaws.com' },
    ]);
  });

  it('returns region-specific name lists where regions differ (ec2 has the dual-stack api.aws name only in some)', () => {
    expect(zones(resolveService('ec2', 'us-east-1')!.zones)).toEqual(['ec2.us-east-1.amazonaws.com', 'ec2.us-east-1.api.aws']);
    expect(zones(resolveService('ec2', 'eu-central-1')!.zones)).toEqual(['ec2.eu-central-1.amazonaws.com']);
  });

  it('reproduces the eu-west-2 appstream.streaming name exactly as AWS publishes it (missing dot)', () => {
    expect(zones(resolveService('appstream.streaming', 'eu-west-2')!.zones)).toEqual(['streaming.appstreameu-west-2.amazonaws.com']);
    expect(zones(resolveService('appstream.streaming', 'eu-west-1')!.zones)).toEqual(['streaming.appstream.eu-west-1.amazonaws.com']);
  });

  it('never leaves a {region} placeholder or an invalid zone in any service of any region', () => {
    for (const name of catalogueServiceNames()) {
      for (const region of knownRegions()) {
        const svc = resolveService(name, region);
        if (!svc) continue;
        expect(svc.serviceName).not.toMatch(/[{}]/);
        for (const z of svc.zones) expect(zoneSpec(z.privateDnsName)).toEqual(z);
      }
    }
  });
});

describe('service names', () => {
  it.each<[string, string, string]>([
    ['sqs', 'us-east-1', 'com.amazonaws.us-east-1.sqs'],
    ['ecr.dkr', 'eu-west-1', 'com.amazonaws.eu-west-1.ecr.dkr'],
    ['sagemaker.notebook', 'us-east-1', 'aws.sagemaker.us-east-1.notebook'],
    ['sagemaker.studio', 'eu-west-1', 'aws.sagemaker.eu-west-1.studio'],
    ['kendra-ranking', 'us-east-1', 'aws.api.us-east-1.kendra-ranking'],
    ['s3-global.accesspoint', 'eu-west-1', 'com.amazonaws.s3-global.accesspoint'],
  ])('resolves %s in %s to %s', (name, region, serviceName) => {
    expect(resolveService(name, region)).toMatchObject({ name, serviceName, custom: false });
  });

  it.each<[string, string, string]>([
    ['com.amazonaws.us-east-1.sqs', 'us-east-1', 'sqs'],
    ['com.amazonaws.us-east-1.ecr.api', 'us-east-1', 'ecr.api'],
    ['aws.sagemaker.us-east-1.notebook', 'us-east-1', 'sagemaker.notebook'],
    ['aws.api.us-east-1.kendra-ranking', 'us-east-1', 'kendra-ranking'],
    ['com.amazonaws.iam', 'us-east-1', 'iam'],
    ['com.amazonaws.s3-global.accesspoint', 'eu-west-1', 's3-global.accesspoint'],
  ])('the generator shortens %s to the catalogue name %s', (raw, region, short) => {
    expect(shortServiceName(raw, region)).toBe(short);
  });

  it('lists catalogue names sorted and the 17 regions of the data', () => {
    const names = catalogueServiceNames();
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['sqs', 'ecr.api', 'eks-auth', 's3']));
    expect(knownRegions()).toHaveLength(17);
    expect(knownRegions()).toEqual([...knownRegions()].sort());
  });
});

describe('availability', () => {
  it('lists the AZs offering sqs in us-east-1', () => {
    expect(resolveService('sqs', 'us-east-1')!.availabilityZones).toEqual([
      'us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f',
    ]);
  });

  it('knows a service that is not offered in a region (bedrock is in 3 regions in the data)', () => {
    expect(isOfferedIn('bedrock', 'us-east-1')).toBe(true);
    expect(isOfferedIn('bedrock', 'eu-west-1')).toBe(false);
    expect(resolveService('bedrock', 'eu-west-1')).toBeUndefined();
    expect(isOfferedIn('sqs', 'mars-north-1')).toBe(false);
  });

  it('reports endpoint policy support per region (codedeploy-commands-secure lacks it only in ap-northeast-3)', () => {
    expect(resolveService('sqs', 'us-east-1')!.endpointPolicySupported).toBe(true);
    expect(resolveService('iot.data', 'us-east-1')!.endpointPolicySupported).toBe(false);
    expect(resolveService('codedeploy-commands-secure', 'ap-northeast-3')!.endpointPolicySupported).toBe(false);
    expect(resolveService('codedeploy-commands-secure', 'us-east-1')!.endpointPolicySupported).toBe(true);
  });

  it('reports supported IP address types', () => {
    expect(serviceIpAddressTypes('sqs', 'us-east-1')).toEqual(['ipv4']);
    expect(serviceIpAddressTypes('athena', 'us-east-1')).toEqual(['ipv4', 'ipv6']);
    expect(serviceIpAddressTypes('bedrock', 'eu-west-1')).toBeUndefined();
  });
});

describe('supplement (services newer than the 2023-09 data)', () => {
  it('offers eks-auth in every known region with zone eks-auth.<r>.api.aws and unknown AZs', () => {
    for (const region of knownRegions()) {
      expect(resolveService('eks-auth', region)).toEqual({
        name: 'eks-auth',
        serviceName: `com.amazonaws.${region}.eks-auth`,
        zones: [{ zoneName: `eks-auth.${region}.api.aws`, wildcard: false, privateDnsName: `eks-auth.${region}.api.aws` }],
        endpointPolicySupported: false,
        ipAddressTypes: ['ipv4'],
        availabilityZones: null,
        custom: false,
      });
    }
  });

  it("offers dynamodb's interface endpoint in every known region, for the regional and the account-based names", () => {
    expect(catalogueServiceNames()).toContain('dynamodb');
    for (const region of knownRegions()) {
      expect(resolveService('dynamodb', region)).toEqual({
        name: 'dynamodb',
        serviceName: `com.amazonaws.${region}.dynamodb`,
        zones: [
          { zoneName: `dynamodb.${region}.amazonaws.com`, wildcard: false, privateDnsName: `dynamodb.${region}.amazonaws.com` },
          // <account-id>.ddb.<region>.amazonaws.com, what current SDKs call by default.
          { zoneName: `ddb.${region}.amazonaws.com`, wildcard: true, privateDnsName: `*.ddb.${region}.amazonaws.com` },
        ],
        endpointPolicySupported: true,
        ipAddressTypes: ['ipv4'],
        availabilityZones: null,
        custom: false,
      });
    }
  });

  it('opens the services AWS documents as dual-stack through PrivateLink to IPv6 in every region, naming the page; others keep the data (issue 20)', () => {
    for (const name of ['kms', 'sts', 's3', 'acm-pca']) {
      for (const region of knownRegions()) if (isOfferedIn(name, region)) expect([name, resolveService(name, region)?.ipAddressTypes]).toEqual([name, ['ipv4', 'ipv6']]);
    }
    const file = JSON.parse(fs.readFileSync(OUTPUT_PATH, 'utf8'));
    expect(file.services.kms.note).toContain('https://docs.aws.amazon.com/kms/latest/developerguide/ipv6-kms.html');
    // Not documented: stays as the 2023 data has it, and validate names it in a dual-stack hub.
    expect(resolveService('sqs', 'us-east-1')?.ipAddressTypes).toEqual(['ipv4']);
    expect(resolveService('athena', 'us-east-1')?.ipAddressTypes).toEqual(['ipv4', 'ipv6']);
    // The supplement never changes private DNS names: kms keeps its single zone.
    expect(resolveService('kms', 'us-east-1')?.zones.map((z) => z.zoneName)).toEqual(['kms.us-east-1.amazonaws.com']);
  });

  it.each<[string, object, RegExp]>([
    ['a service the data lacks', { 'no-such-service': { ipAddressTypes: ['ipv4', 'ipv6'], source: 'https://example.com', quote: 'q' } }, /names "no-such-service", which the data does not have/],
    ['one the data already lists with ipv6 everywhere', { athena: { ipAddressTypes: ['ipv4', 'ipv6'], source: 'https://example.com', quote: 'q' } }, /"athena" is now in the EC2 data: remove it/],
    ['an entry without its source', { kms: { ipAddressTypes: ['ipv4', 'ipv6'], quote: 'q' } }, /source: expected a non-empty string/],
    ['an entry without ipv6', { kms: { ipAddressTypes: ['ipv4'], source: 'https://example.com', quote: 'q' } }, /expected ipv6/],
  ])('refuses an ipv6Support entry for %s', (_what, services, error) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-supplement-'));
    try {
      const file = path.join(dir, 'supplement.json');
      fs.writeFileSync(file, JSON.stringify({ services: {}, ipv6Support: { services } }));
      expect(() => buildCatalogue(DEFAULT_DATA_DIR, file)).toThrow(error);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a supplement that still lists gateway-only services (S3 and DynamoDB both have interface endpoints now)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-supplement-'));
    try {
      const file = path.join(dir, 'supplement.json');
      fs.writeFileSync(file, JSON.stringify({ gatewayOnly: ['dynamodb'], services: {} }));
      expect(() => buildCatalogue(DEFAULT_DATA_DIR, file)).toThrow(/gatewayOnly is no longer supported/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bedrock-runtime (supplement: newer than the 2023-09 data)', () => {
  it('is a service of its own, with its own zone, in the regions AWS lists for it', () => {
    expect(resolveService('bedrock-runtime', 'us-east-1')).toMatchObject({
      serviceName: 'com.amazonaws.us-east-1.bedrock-runtime',
      zones: [{ zoneName: 'bedrock-runtime.us-east-1.amazonaws.com', wildcard: false }],
      availabilityZones: null,
    });
    expect(resolveService('bedrock', 'us-east-1')?.zones.map((z) => z.zoneName)).not.toContain('bedrock-runtime.us-east-1.amazonaws.com');
    expect(isOfferedIn('bedrock-runtime', 'eu-central-1')).toBe(true);
    expect(isOfferedIn('bedrock-runtime', 'sa-east-1')).toBe(false);
  });
});

describe('suggestions for unknown names', () => {
  it('does not resolve "sqss" and suggests sqs first', () => {
    expect(resolveService('sqss', 'us-east-1')).toBeUndefined();
    expect(nearestServiceNames('sqss')[0]).toBe('sqs');
  });

  it.each<[string, string]>([
    ['ecr-api', 'ecr.api'],
    ['api.ecr', 'ecr.api'],
    ['firehose', 'kinesis-firehose'],
    ['kinesis', 'kinesis-streams'],
    ['secretmanager', 'secretsmanager'],
    ['SQS', 'sqs'],
  ])('suggests %s -> %s first', (query, best) => {
    expect(nearestServiceNames(query)[0]).toBe(best);
  });

  it.each<[string, string[]]>([
    ['bedrock-agent', ['bedrock']],
    ['bedrock-agent-runtime', ['bedrock', 'bedrock-runtime']],
    ['sqs-fifo', ['sqs']],
  ])('never suggests a service that %s extends by whole words: that is another service (%j)', (query, broader) => {
    for (const b of broader) expect(nearestServiceNames(query)).not.toContain(b);
    expect(broaderServiceNames(query)).toEqual(broader);
  });

  it('suggests nothing for names unlike any service, and honours max', () => {
    expect(nearestServiceNames('x')).toEqual([]);
    expect(nearestServiceNames('zzzzzzzzzzzz')).toEqual([]);
    expect(nearestServiceNames('kinesis', 1)).toEqual(['kinesis-streams']);
  });
});

describe('custom services (user-supplied escape hatch)', () => {
  it('defaults the service name to com.amazonaws.<region>.<name> and substitutes {region}', () => {
    expect(customService('foo', 'us-east-1', ['*.foo.{region}.amazonaws.com'])).toEqual({
      name: 'foo',
      serviceName: 'com.amazonaws.us-east-1.foo',
      zones: [{ zoneName: 'foo.us-east-1.amazonaws.com', wildcard: true, privateDnsName: '*.foo.us-east-1.amazonaws.com' }],
      endpointPolicySupported: true,
      ipAddressTypes: ['ipv4'],
      availabilityZones: null,
      custom: true,
    });
  });

  it('accepts an explicit service name template and no private DNS names', () => {
    const svc = customService('bar', 'eu-west-1', [], 'com.amazonaws.vpce.{region}.vpce-svc-0123');
    expect(svc.serviceName).toBe('com.amazonaws.vpce.eu-west-1.vpce-svc-0123');
    expect(svc.zones).toEqual([]);
  });

  it('rejects malformed DNS names, leftover placeholders and duplicate zones', () => {
    expect(() => customService('foo', 'us-east-1', ['foo.*.example.com'])).toThrow(/not a usable private DNS name/);
    expect(() => customService('foo', 'us-east-1', ['foo.{regoin}.example.com'])).toThrow(/not a usable/);
    expect(() => customService('foo', 'us-east-1', ['a.example.com', '*.a.example.com'])).toThrow(/twice/);
    expect(() => customService('Foo Bar', 'us-east-1', [])).toThrow(/custom service name/);
  });
});

describe('zoneSpec', () => {
  it('strips a leading "*." into wildcard: true and normalizes case and a trailing dot', () => {
    expect(zoneSpec('*.S3.us-east-1.amazonaws.com.')).toEqual({
      zoneName: 's3.us-east-1.amazonaws.com',
      wildcard: true,
      privateDnsName: '*.s3.us-east-1.amazonaws.com',
    });
    expect(zoneSpec('sqs.us-east-1.amazonaws.com').wildcard).toBe(false);
  });

  it.each(['', '*', 'localhost', '*.*.example.com', 'a..example.com', '-a.example.com'])('rejects "%s"', (bad) => {
    expect(() => zoneSpec(bad)).toThrow();
  });
});

describe('generator (scripts/catalogue-builder.ts)', () => {
  const made: string[] = [];
  const tmp = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-catalogue-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const detail = (name: string, dns: string[]): object => ({
    ServiceName: name,
    ServiceType: [{ ServiceType: 'Interface' }],
    AvailabilityZones: ['us-east-1a'],
    Owner: 'amazon',
    PrivateDnsNames: dns.map((d) => ({ PrivateDnsName: d })),
    VpcEndpointPolicySupported: true,
    SupportedIpAddressTypes: ['ipv4'],
  });

  it('is deterministic and the committed services.json is up to date (run: npx tsx scripts/generate-catalogue.ts)', () => {
    // The data lives inside the repository: a clone into an empty folder must pass this test.
    expect(path.relative(path.resolve(__dirname, '..'), DEFAULT_DATA_DIR)).toBe(path.join('data', 'endpoint-services'));
    const first = serializeCatalogue(buildCatalogue(DEFAULT_DATA_DIR));
    expect(serializeCatalogue(buildCatalogue(DEFAULT_DATA_DIR))).toBe(first);
    expect(fs.readFileSync(OUTPUT_PATH, 'utf8')).toBe(first);
  });

  it('fails loudly when two raw service names map to the same catalogue name', () => {
    const dir = tmp();
    const data = [
      detail('com.amazonaws.us-east-1.kendra-ranking', []),
      detail('aws.api.us-east-1.kendra-ranking', ['kendra-ranking.us-east-1.api.aws']),
    ];
    fs.writeFileSync(path.join(dir, 'endpoints-us-east-1.json'), JSON.stringify(data));
    expect(() => buildCatalogue(dir)).toThrow(/"kendra-ranking" is produced by both/);
  });

  it('refuses a supplement entry that the data already contains', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'endpoints-us-east-1.json'), JSON.stringify([detail('com.amazonaws.us-east-1.eks-auth', [])]));
    expect(() => buildCatalogue(dir, SUPPLEMENT_PATH)).toThrow(/supplement entry "eks-auth" is now in the EC2 data/);
  });

  it('explains a missing data directory', () => {
    expect(() => buildCatalogue(path.join(os.tmpdir(), 'no-such-endpoint-data'))).toThrow(/endpoint service data not found/);
  });
});
