/** State backends (one state per stack, and the matching remote-state reader) and the endpoint-url DNS mode. */
import { config, hub, load, spoke } from '../planning/configs';
import type { VpceHubConfigInput } from '../support/arbitraries';
import { synthConfig, type Synthesized } from '../support/synth';
import { namesOf, ofType } from './json';

function synthWith(extra: Partial<VpceHubConfigInput>, hubOverrides: Parameters<typeof hub>[0] = {}): Synthesized {
  return synthConfig(load(config([hub(hubOverrides)], [spoke('payments-prod', 'payments', 1)], extra)));
}

describe('S3 backend', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthWith({ backend: { s3: { bucket: 'acme-tf-state', region: 'us-east-2', keyPrefix: 'net/vpce-hub', roleArn: 'arn:aws:iam::111111111111:role/state' } } });
  });
  afterAll(() => synth?.cleanup());

  it.each(['network', 'payments'])('stores %s state encrypted, S3-locked, under its own key', (stack) => {
    expect(synth.stacks[stack].terraform?.backend).toEqual({
      s3: {
        bucket: 'acme-tf-state',
        region: 'us-east-2',
        key: `net/vpce-hub/${stack}.tfstate`,
        encrypt: true,
        use_lockfile: true,
        assume_role: { role_arn: 'arn:aws:iam::111111111111:role/state' },
      },
    });
  });

  it('reads the hub stack state from the key the hub stack writes', () => {
    expect(synth.stacks.payments.data?.terraform_remote_state).toEqual({
      remote_state_network: {
        backend: 's3',
        config: expect.objectContaining({ bucket: 'acme-tf-state', region: 'us-east-2', key: 'net/vpce-hub/network.tfstate' }),
      },
    });
  });
});

describe('Terraform Cloud backend', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthWith({ backend: { cloud: { organization: 'acme-platform', workspacePrefix: 'vpce-hub-' } } });
  });
  afterAll(() => synth?.cleanup());

  it.each(['network', 'payments'])('gives %s the workspace prefix + stack name', (stack) => {
    expect(synth.stacks[stack].terraform?.cloud).toEqual({ organization: 'acme-platform', hostname: 'app.terraform.io', workspaces: { name: `vpce-hub-${stack}` } });
    expect(synth.stacks[stack].terraform).not.toHaveProperty('backend');
  });

  it("reads the hub stack's outputs from the hub stack's workspace", () => {
    expect(synth.stacks.payments.data?.terraform_remote_state).toEqual({
      remote_state_network: { backend: 'remote', config: expect.objectContaining({ organization: 'acme-platform', workspaces: { name: 'vpce-hub-network' } }) },
    });
  });
});

describe('local backend with a custom dir', () => {
  it('keeps each stack state in <dir>/<stack>.tfstate, relative to the project root', () => {
    const synth = synthWith({ backend: { local: { dir: 'state/prod' } } });
    try {
      expect(synth.stacks.network.terraform?.backend).toEqual({ local: { path: '../../../state/prod/network.tfstate' } });
      expect(synth.stacks.payments.data?.terraform_remote_state).toEqual({ remote_state_network: { backend: 'local', config: { path: '../../../state/prod/network.tfstate' } } });
    } finally {
      synth.cleanup();
    }
  });
});

describe('endpoint-url mode', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthWith({}, { region: 'eu-west-1', dns: 'endpoint-url', services: ['sqs', 'iot.data'], vpc: { cidr: '10.0.0.0/22', availabilityZones: ['eu-west-1a', 'eu-west-1b'] } });
  });
  afterAll(() => synth?.cleanup());

  it('creates no zones, records, authorizations or associations', () => {
    for (const stack of Object.values(synth.stacks)) {
      for (const type of ['aws_route53_zone', 'aws_route53_record', 'aws_route53_vpc_association_authorization', 'aws_route53_zone_association']) {
        expect(namesOf(stack, type)).toEqual([]);
      }
    }
  });

  it('turns private DNS on where the service has a DNS name (clients inside the hub), off where it has none', () => {
    const endpoints = ofType(synth.stacks.network, 'aws_vpc_endpoint');
    expect(endpoints.hub_main_sqs.private_dns_enabled).toBe(true);
    expect(endpoints.hub_main_iot_data.private_dns_enabled).toBe(false);
  });

  it("publishes each endpoint's regional DNS name as an output, for --endpoint-url", () => {
    const out = synth.stacks.network.output ?? {};
    expect(out.hub_main_endpoint_sqs_dns.value).toBe('${aws_vpc_endpoint.hub_main_sqs.dns_entry[0].dns_name}');
    expect(out.hub_main_endpoint_iot_data_dns.value).toBe('${aws_vpc_endpoint.hub_main_iot_data.dns_entry[0].dns_name}');
  });

  it('still peers and routes the spoke', () => {
    expect(namesOf(synth.stacks.payments, 'aws_vpc_peering_connection')).toEqual(['hub_main_to_payments-prod']);
    expect(namesOf(synth.stacks.payments, 'aws_vpc_peering_connection_accepter')).toEqual(['spoke_payments-prod']);
    // One route to the hub, one back from the hub route table.
    expect(namesOf(synth.stacks.payments, 'aws_route')).toHaveLength(2);
    expect(namesOf(synth.stacks.network, 'aws_vpc_peering_connection')).toEqual([]);
  });
});
