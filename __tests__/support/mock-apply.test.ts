/**
 * The apply tier's own parts, without Terraform: the values its mocks give are what AWS returns (ids
 * of their own in AWS's formats, ARNs in the provider's partition, account and region), every resource
 * type the constructs emit has them, outputs are evaluated the way a mock apply makes them, and the
 * reader of `terraform test -json` attributes runs, cleanups and problems to the right stack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mockOutputValue, parseTestOutput } from './mock-apply';
import { dataDefaults, endpointDnsEntry, resourceValues } from './mock-values';
import { PROJECT_ROOT } from './synth';

const US = { region: 'us-east-1', account: '111111111111' };
const CN = { region: 'cn-north-1', account: '222222222222' };

/** The aws_* resource types the constructs create, from their provider-class imports. */
function emittedTypes(): string[] {
  const types = new Set<string>();
  const dir = path.join(PROJECT_ROOT, 'src', 'constructs');
  for (const file of readdirSync(dir)) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)) {
      if (m[1] !== 'provider') types.add(`aws_${m[1].replace(/-/g, '_')}`);
    }
  }
  return [...types].sort();
}

describe('mock values', () => {
  it('exist for every resource type the constructs emit', () => {
    const types = emittedTypes();
    expect(types.length).toBeGreaterThan(25);
    expect(types.filter((t) => resourceValues(t, 'x', US) === undefined)).toEqual([]);
  });

  it('give every object ids of its own, in AWS formats', () => {
    const a = resourceValues('aws_subnet', 'hub_main_endpoints_us-east-1a', US);
    const b = resourceValues('aws_subnet', 'hub_main_endpoints_us-east-1b', US);
    expect(a?.id).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(a?.id).not.toEqual(b?.id);
    expect(resourceValues('aws_vpc', 'hub_main', US)?.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(resourceValues('aws_vpc_peering_connection', 'hub_main_to_x', US)?.id).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(resourceValues('aws_ec2_transit_gateway_route_table', 'hub_main_hub', US)?.id).toMatch(/^tgw-rtb-[0-9a-f]{17}$/);
    expect(resourceValues('aws_route53_zone', 'hub_main_sqs', US)?.zone_id).toMatch(/^Z[0-9A-Z]{20}$/);
    expect(resourceValues('aws_ram_resource_share', 'hub_main_profile', US)?.arn).toMatch(/^arn:aws:ram:us-east-1:111111111111:resource-share\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("put ARNs in the provider's partition, account and region", () => {
    expect(resourceValues('aws_iam_role', 'r', CN, { name: 'acme-flow-logs' })?.arn).toBe('arn:aws-cn:iam::222222222222:role/acme-flow-logs');
    expect(resourceValues('aws_cloudwatch_log_group', 'g', CN, { name: '/acme/flow' })?.arn).toBe('arn:aws-cn:logs:cn-north-1:222222222222:log-group:/acme/flow');
    expect(resourceValues('aws_vpc', 'v', CN)?.arn).toMatch(/^arn:aws-cn:ec2:cn-north-1:222222222222:vpc\/vpc-/);
    expect(resourceValues('aws_route53_zone', 'z', CN)?.arn).toMatch(/^arn:aws-cn:route53:::hostedzone\/Z/);
  });

  it("keep a renamed object's ids: they come from the address it was created under", () => {
    const before = resourceValues('aws_vpc', 'hub_main', US);
    expect(resourceValues('aws_vpc', 'hub_central', US, {}, 'aws_vpc.hub_main')).toEqual(before);
  });

  it("name an interface endpoint's service in its DNS entry, labels reversed as AWS writes them", () => {
    const values = resourceValues('aws_vpc_endpoint', 'hub_main_ecr_dkr', US, { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.us-east-1.ecr.dkr' });
    expect(values?.dns_entry).toEqual([{ dns_name: expect.stringMatching(/^vpce-[0-9a-f]{17}-[a-z0-9]{8}\.dkr\.ecr\.us-east-1\.vpce\.amazonaws\.com$/), hosted_zone_id: expect.stringMatching(/^Z/) }]);
    expect(endpointDnsEntry('vpce-0123', 'cn-north-1', 'cn.com.amazonaws.cn-north-1.sqs').dns_name).toBe('vpce-0123-a1b2c3d4.sqs.cn-north-1.vpce.amazonaws.com.cn');
    // A gateway endpoint has no DNS entries.
    expect(resourceValues('aws_vpc_endpoint', 'spoke_s3', US, { vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.us-east-1.s3' })).not.toHaveProperty('dns_entry');
  });

  it('make the existing VPCs the check blocks read healthy', () => {
    expect(dataDefaults(US).aws_vpc).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true, owner_id: '111111111111' });
  });
});

describe('mockOutputValue', () => {
  const stack = {
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
    resource: {
      aws_vpc: { hub_main: { provider: 'aws.us_east_1', cidr_block: '10.0.0.0/22' } },
      aws_vpc_endpoint: { hub_main_sqs: { provider: 'aws.us_east_1', vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.us-east-1.sqs' } },
    },
    output: {
      cidr: { value: '10.0.0.0/22' },
      vpc: { value: '${aws_vpc.hub_main.id}' },
      dns: { value: '${aws_vpc_endpoint.hub_main_sqs.dns_entry[0].dns_name}' },
      zones: { value: ['sqs.us-east-1.amazonaws.com'] },
      ips: { value: '${[for a in aws_vpc.hub_main.x : a.ip]}' },
    },
  };

  it('is what the mock apply of the producing stack makes: literals, attributes, nested list items', () => {
    expect(mockOutputValue(stack, 'cidr')).toBe('10.0.0.0/22');
    expect(mockOutputValue(stack, 'zones')).toEqual(['sqs.us-east-1.amazonaws.com']);
    expect(mockOutputValue(stack, 'vpc')).toBe(resourceValues('aws_vpc', 'hub_main', US)?.id);
    expect(mockOutputValue(stack, 'dns')).toMatch(/\.sqs\.us-east-1\.vpce\.amazonaws\.com$/);
  });

  it('refuses an expression it cannot evaluate, rather than inventing a value', () => {
    expect(() => mockOutputValue(stack, 'ips')).toThrow(/not a plain attribute reference/);
  });
});

describe('parseTestOutput', () => {
  const line = (m: object) => JSON.stringify(m);
  const output = [
    line({ type: 'diagnostic', diagnostic: { severity: 'warning', summary: 'Backend configuration ignored', detail: '...' } }),
    line({ type: 'test_file', '@testfile': 'hub.tftest.json', test_file: { path: 'hub.tftest.json', progress: 'starting' } }),
    line({ type: 'test_run', '@testfile': 'hub.tftest.json', '@testrun': 'apply', test_run: { path: 'hub.tftest.json', run: 'apply', progress: 'complete', status: 'pass' } }),
    line({ type: 'test_file', '@testfile': 'hub.tftest.json', test_file: { path: 'hub.tftest.json', progress: 'teardown' } }),
    line({ type: 'test_file', '@testfile': 'hub.tftest.json', test_file: { path: 'hub.tftest.json', progress: 'complete', status: 'pass' } }),
    line({ type: 'test_file', '@testfile': 'spokes.tftest.json', test_file: { path: 'spokes.tftest.json', progress: 'starting' } }),
    line({ type: 'test_run', '@testfile': 'spokes.tftest.json', '@testrun': 'before', test_run: { path: 'spokes.tftest.json', run: 'before', progress: 'complete', status: 'pass' } }),
    line({ type: 'test_run', '@testfile': 'spokes.tftest.json', '@testrun': 'after', test_run: { path: 'spokes.tftest.json', run: 'after', progress: 'complete', status: 'pass' } }),
    line({ type: 'test_file', '@testfile': 'spokes.tftest.json', test_file: { path: 'spokes.tftest.json', progress: 'teardown' } }),
    line({ type: 'diagnostic', '@testfile': 'spokes.tftest.json', '@testrun': 'after', diagnostic: { severity: 'error', summary: 'Provider configuration not present', detail: 'To work with\n  aws_route.x', address: 'aws_route.x' } }),
  ].join('\n');

  it("gives each stack its runs, and a destroy's error to the stack whose teardown it broke", () => {
    const results = parseTestOutput(output);
    expect(results.get('hub')).toEqual({ stack: 'hub', runs: { apply: 'pass' }, cleanup: 'pass', problems: [] });
    expect(results.get('spokes')).toEqual({
      stack: 'spokes',
      runs: { before: 'pass', after: 'pass' },
      cleanup: 'fail',
      problems: ['error: Provider configuration not present: To work with aws_route.x (aws_route.x) [run after]'],
    });
  });
});
