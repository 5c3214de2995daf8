/**
 * Small valid configs for table tests, built as plain objects and loaded through the real loader
 * (so defaults and validation apply exactly as for a file).
 */
import { parseConfigText } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { buildPlan } from '../../src/planning/build-plan';
import type { NetworkPlan } from '../../src/planning/plan';
import { toYaml, type HubInput, type SpokeInput, type VpceHubConfigInput } from '../support/arbitraries';

export const ACCOUNT_IDS = { network: '111111111111', payments: '222222222222', analytics: '333333333333' } as const;

export function hub(overrides: Partial<HubInput> = {}): HubInput {
  return {
    name: 'main',
    account: 'network',
    region: 'us-east-1',
    vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1a', 'us-east-1b'] },
    services: ['sqs'],
    ...overrides,
  };
}

/** An existing hub VPC (hubs.<hub>.vpc) with a secondary CIDR, two subnets and one route table. */
export const EXISTING_HUB = {
  id: 'vpc-0123456789abcdef0',
  cidr: '10.0.0.0/22',
  secondaryCidrs: ['100.64.8.0/22'],
  subnets: [
    { id: 'subnet-0a1b2c3d4e5f67890', availabilityZone: 'us-east-1a' },
    { id: 'subnet-0b1c2d3e4f5a67890', availabilityZone: 'us-east-1b' },
  ],
  routeTableIds: ['rtb-0123456789abcdef0'],
};

/** A spoke with VPC id, CIDR and route table derived from `n` (1..250). */
export function spoke(name: string, account: string, n: number, overrides: Partial<SpokeInput> = {}): SpokeInput {
  const hex = n.toString(16).padStart(17, '0');
  return { name, account, vpc: { id: `vpc-${hex}`, cidr: `10.${n}.0.0/16`, routeTableIds: [`rtb-${hex}`] }, ...overrides };
}

export function config(hubs: HubInput[], spokes: SpokeInput[], extra: Partial<VpceHubConfigInput> = {}): VpceHubConfigInput {
  return {
    accounts: {
      network: { id: ACCOUNT_IDS.network, roleArn: `arn:aws:iam::${ACCOUNT_IDS.network}:role/terraform` },
      payments: { id: ACCOUNT_IDS.payments },
      analytics: { id: ACCOUNT_IDS.analytics },
    },
    hubs,
    spokes,
    ...extra,
  };
}

/** Loads through YAML text, like a config file; throws ConfigError on invalid input. */
export const load = (input: VpceHubConfigInput): VpceHubConfig => parseConfigText(toYaml(input)).config;
export const planOf = (input: VpceHubConfigInput): NetworkPlan => buildPlan(load(input));
