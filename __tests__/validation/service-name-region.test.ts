/**
 * A custom serviceName is checked against its hub's region and partition: an interface endpoint
 * reaches its own region's services only (vpce-hub creates no cross-region endpoints), and the cn.
 * prefix belongs to the China regions.
 */
import { regionOfServiceName, serviceNameRegionFinding } from '../../src/config/service-name-region';

const check = (name: string, region: string) => serviceNameRegionFinding(name, name, { name: 'main', region }, 'hubs.main.services.0.serviceName');

describe('the region a service name names', () => {
  it.each([
    ['com.amazonaws.us-west-2.kms', { region: 'us-west-2', service: 'kms', endpointService: false }],
    ['com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0', { region: 'eu-west-1', service: 'vpce-svc-0123456789abcdef0', endpointService: true }],
    ['aws.sagemaker.ap-southeast-2.notebook', { region: 'ap-southeast-2', service: 'notebook', endpointService: false }],
    ['aws.api.us-east-1.kendra-ranking', { region: 'us-east-1', service: 'kendra-ranking', endpointService: false }],
    ['cn.com.amazonaws.cn-northwest-1.ecr.dkr', { region: 'cn-northwest-1', service: 'ecr.dkr', endpointService: false }],
    ['com.amazonaws.us-gov-west-1.s3', { region: 'us-gov-west-1', service: 's3', endpointService: false }],
  ])('%s', (name, expected) => {
    expect(regionOfServiceName(name)).toEqual(expected);
  });

  it('is none for global services', () => {
    expect(regionOfServiceName('com.amazonaws.iam')).toBeUndefined();
    expect(regionOfServiceName('com.amazonaws.s3-global.accesspoint')).toBeUndefined();
  });
});

describe('service names against the hub', () => {
  it("accepts the hub's own region in every form, global names, and cn. in the China regions", () => {
    for (const [name, region] of [
      ['com.amazonaws.us-east-1.sqs', 'us-east-1'],
      ['com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0', 'us-east-1'],
      ['aws.sagemaker.us-east-1.notebook', 'us-east-1'],
      ['com.amazonaws.iam', 'us-east-1'],
      ['cn.com.amazonaws.cn-north-1.s3', 'cn-north-1'],
      ['com.amazonaws.cn-north-1.kms', 'cn-north-1'],
    ]) {
      expect({ name, finding: check(name, region) }).toEqual({ name, finding: undefined });
    }
  });

  it('rejects another region, another partition, and cn. outside China', () => {
    expect(check('com.amazonaws.us-west-2.lambda', 'us-east-1')?.message).toMatch(/^names region us-west-2, but hub main is in us-east-1: AWS offers lambda across regions/);
    expect(check('com.amazonaws.eu-west-1.ssm', 'us-east-1')?.message).toMatch(/^names region eu-west-1, .*: an interface endpoint reaches the services of its own region only/);
    expect(check('com.amazonaws.us-east-1.sqs', 'us-gov-west-1')?.message).toMatch(/^names region us-east-1 of partition aws, but hub main is in us-gov-west-1 \(aws-us-gov\); nothing reaches across partitions/);
    expect(check('cn.com.amazonaws.eu-west-1.s3', 'eu-west-1')).toMatchObject({ code: 'ServiceNameOtherRegion', fix: 'remove the cn. prefix' });
  });
});
