/**
 * S3 and DynamoDB also have gateway endpoints, so AWS defaults their interface endpoint's private DNS to
 * "inbound Resolver endpoints only", which needs a gateway endpoint in the hub VPC (there is none):
 * endpoint-url mode must turn that off explicitly (src/catalogue/gateway-services.ts).
 */
import { config, hub, load, spoke } from '../planning/configs';
import { synthConfig, type Synthesized } from '../support/synth';
import { ofType } from './json';

describe('an s3 or dynamodb interface endpoint with private DNS on (endpoint-url mode)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthConfig(load(config([hub({ dns: 'endpoint-url', services: ['sqs', 's3', 'dynamodb'] })], [spoke('payments-prod', 'payments', 1)])));
  });
  afterAll(() => synth?.cleanup());

  it('says private DNS is for every resolver, not only inbound Resolver endpoints', () => {
    const endpoints = ofType(synth.stacks.network, 'aws_vpc_endpoint');
    for (const name of ['hub_main_s3', 'hub_main_dynamodb']) {
      expect(endpoints[name].private_dns_enabled).toBe(true);
      expect(endpoints[name].dns_options).toEqual({ private_dns_only_for_inbound_resolver_endpoint: false });
    }
    // Other services take no DNS options: the option exists only for services with a gateway endpoint.
    expect(endpoints.hub_main_sqs.dns_options).toBeUndefined();
  });
});

describe('the same services in a zone mode (private DNS off)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthConfig(load(config([hub({ services: ['sqs', 's3', 'dynamodb'] })], [spoke('payments-prod', 'payments', 1)])));
  });
  afterAll(() => synth?.cleanup());

  it('sets no DNS options: the hub zones answer instead', () => {
    const endpoints = ofType(synth.stacks.network, 'aws_vpc_endpoint');
    expect(endpoints.hub_main_s3.private_dns_enabled).toBe(false);
    expect(endpoints.hub_main_s3.dns_options).toBeUndefined();
  });
});
