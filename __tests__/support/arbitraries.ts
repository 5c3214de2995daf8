/**
 * fast-check generators of VALID configs (they pass `parseConfigText` without errors), for property
 * tests anywhere in the suite. One hub with a new VPC; 0-6 spokes (plus one spare, see
 * `ConfigWithSpare`) with non-overlapping CIDRs, spread over the hub's account (same-account spokes)
 * and up to three workload accounts, some in other regions (route53-profile hubs: all in the hub's
 * region, since profiles are regional); every dns mode; every RAM sharing model, with one workload
 * account sometimes outside the organization; a hub-side role sometimes distinct from the account role;
 * services from a list that exists, with private DNS and non-colliding zones, in every generated hub
 * region and AZ.
 *
 * Values are plain objects in the config file's input shape (before schema defaults); `toYaml`
 * turns one into config file text.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { knownRegions, resolveService } from '../../src/catalogue/catalogue';
import type { configSchema } from '../../src/config/schema';

/** The config as written in the file (optional fields absent, no defaults applied). */
export type VpceHubConfigInput = z.input<typeof configSchema>;
export type HubInput = VpceHubConfigInput['hubs'][number];
export type SpokeInput = NonNullable<VpceHubConfigInput['spokes']>[number];

export const SAFE_SERVICES = ['sqs', 'sts', 'ssm', 'ecr.api', 'ecr.dkr', 's3', 'kinesis-streams', 'logs', 'kms'] as const;

/** Hub regions where every safe service is offered, with the AZs (names) where all of them are. */
export const HUB_REGIONS: ReadonlyArray<{ region: string; azs: string[] }> = knownRegions()
  .map((region) => {
    let azs: string[] | undefined;
    for (const name of SAFE_SERVICES) {
      const svc = resolveService(name, region);
      if (svc === undefined) return { region, azs: [] };
      if (svc.availabilityZones !== null) azs = (azs ?? svc.availabilityZones).filter((az) => svc.availabilityZones?.includes(az));
    }
    return { region, azs: azs ?? [] };
  })
  .filter((r) => r.azs.length >= 3);

/** Spoke regions other than the hub's: inter-region peering and cross-region zone association. */
const OTHER_REGIONS = ['us-west-2', 'eu-west-3', 'ap-southeast-2'] as const;

/** The hub's account, then workload accounts. Spokes pick from all of them. */
export const ACCOUNTS: Readonly<Record<string, { id: string; roleArn?: string }>> = {
  network: { id: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/terraform' },
  'workload-a': { id: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/terraform' },
  'workload-b': { id: '333333333333' },
  'Workload-C': { id: '012345678901' },
};
export const HUB_ACCOUNT = 'network';

/**
 * Spoke names: some are prefixes of others (`web`, `web-a`) and one has capitals, the cases where a
 * careless `_`/`-` mapping or lower-casing would make two addresses collide. None equals a token of a
 * zone or service key (`sqs`, `api`, `com`, ...), so an address mentions a spoke only by name.
 */
export const SPOKE_NAMES = ['payments', 'payments-prod', 'analytics', 'Lake', 'web', 'web-a', 'orders-eu', 'billing', 'tooling', 'ml2'] as const;
const HUB_NAMES = ['main', 'core', 'shared-services'] as const;
const MAX_SPOKES = 6;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

interface SpokeDraft {
  name: string;
  account: string;
  /** undefined: the hub's region, implicitly; 'hub': the hub's region, written out. */
  region: undefined | 'hub' | (typeof OTHER_REGIONS)[number];
  routeTables: number;
  secondary: boolean;
  namesHub: boolean;
}

const spokeDraftArb: fc.Arbitrary<SpokeDraft> = fc.record({
  name: fc.constantFrom(...SPOKE_NAMES),
  account: fc.constantFrom(...Object.keys(ACCOUNTS)),
  region: fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('hub' as const) },
    { weight: 2, arbitrary: fc.constantFrom(...OTHER_REGIONS) },
  ),
  routeTables: fc.integer({ min: 1, max: 3 }),
  secondary: fc.boolean(),
  namesHub: fc.boolean(),
});

/**
 * A spoke's CIDRs and ids come from its own `slot` (unique per config), never from its position, so
 * removing or reordering spokes leaves every other spoke's values as they were.
 */
function spokeOf(d: SpokeDraft, slot: number, hub: HubInput): SpokeInput {
  // A Route 53 Profile is regional, and a VPC attaches only to a transit gateway of its region: those spokes stay in the hub's region.
  const tgw = hub.connectivity === 'transit-gateway';
  const region = (hub.dns === 'route53-profile' || tgw) && d.region !== undefined ? 'hub' : d.region;
  return {
    name: d.name,
    account: d.account,
    ...(region === undefined ? {} : { region: region === 'hub' ? hub.region : region }),
    ...(d.namesHub ? { hub: hub.name } : {}),
    vpc: {
      id: `vpc-${hex(slot, 17)}`,
      // The hub lives in 10.0.0.0/16; slot s owns 10.s.0.0/16 and, as secondary, the s-th /20 of 100.64.0.0/10.
      cidr: `10.${slot}.0.0/16`,
      ...(d.secondary ? { secondaryCidrs: [`100.${64 + Math.floor(slot / 16)}.${16 * (slot % 16)}.0/20`] } : {}),
      routeTableIds: Array.from({ length: d.routeTables }, (_, k) => `rtb-${hex(slot * 4 + k, 17)}`),
      ...(tgw ? { attachmentSubnetIds: [`subnet-${hex(slot * 4, 17)}`, `subnet-${hex(slot * 4 + 1, 17)}`] } : {}),
    },
  };
}

const hubArb: fc.Arbitrary<{ hub: HubInput; organization: boolean }> = fc
  .record({
    name: fc.constantFrom(...HUB_NAMES),
    region: fc.constantFrom(...HUB_REGIONS),
    azCount: fc.integer({ min: 2, max: 3 }),
    azSeed: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    prefix: fc.integer({ min: 20, max: 24 }),
    dns: fc.constantFrom('private-hosted-zones' as const, 'endpoint-url' as const, 'route53-profile' as const),
    services: fc.shuffledSubarray([...SAFE_SERVICES], { minLength: 1 }),
    policy: fc.constantFrom('default', 'organization', 'principals', 'absent'),
    flowLogs: fc.constantFrom('absent', 'disabled', 'retention'),
    // Issue 10: peering, a created transit gateway (with on-premises access), or an existing one owned by the hub account.
    connectivity: fc.constantFrom('peering', 'created-tgw', 'existing-tgw'),
  })
  .map((h) => {
    // A deterministic, seed-driven pick of distinct AZs in any order (subnet CIDRs follow AZ order).
    const pool = [...h.region.azs];
    const azs = h.azSeed.slice(0, h.azCount).map((seed) => pool.splice(seed % pool.length, 1)[0]);
    const hub: HubInput = {
      name: h.name,
      account: HUB_ACCOUNT,
      region: h.region.region,
      vpc: {
        cidr: `10.0.0.0/${h.prefix}`,
        availabilityZones: azs,
        ...(h.flowLogs === 'disabled' ? { flowLogs: { enabled: false } } : h.flowLogs === 'retention' ? { flowLogs: { retentionDays: 30 } } : {}),
      },
      dns: h.dns,
      services: h.services,
      ...(h.policy === 'organization' ? { endpointPolicy: 'organization' as const } : {}),
      ...(h.policy === 'principals' ? { endpointPolicy: { principals: ['arn:aws:iam::222222222222:root'] } } : {}),
      ...(h.policy === 'default' ? { endpointPolicy: 'default' as const } : {}),
      ...(h.connectivity === 'created-tgw' ? { connectivity: 'transit-gateway' as const, transitGateway: {}, onPremises: { cidrs: ['192.168.0.0/16'], inboundResolver: true } } : {}),
      ...(h.connectivity === 'existing-tgw'
        ? { connectivity: 'transit-gateway' as const, transitGateway: { id: 'tgw-0123456789abcdef0', routeTables: { hub: 'tgw-rtb-0123456789abcdef0', spokes: 'tgw-rtb-0fedcba9876543210' }, defaultRouteTableIds: [] } }
        : {}),
    };
    return { hub, organization: h.policy === 'organization' };
  });

const ORGANIZATION_ARN = 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5';
const OU_ARN = 'arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';

/** Every sharing model that can work (validate-ram-sharing.ts), and the config fields it needs. */
const sharingArb = fc.constantFrom<Partial<VpceHubConfigInput>>(
  { organizationArn: ORGANIZATION_ARN, ramSharing: { shareWith: 'organization' } },
  { ramSharing: { shareWith: 'organizational-units', organizationalUnits: [OU_ARN] } },
  { ramSharing: { shareWith: 'accounts', organizationSharing: 'enabled' } },
  { ramSharing: { shareWith: 'accounts', organizationSharing: 'disabled' } },
);

const backendArb = fc.constantFrom<VpceHubConfigInput['backend'] | undefined>(
  undefined,
  { local: { dir: '.terraform-state' } },
  { s3: { bucket: 'acme-terraform-state', region: 'us-east-1', keyPrefix: 'network/vpce-hub' } },
);

/** A valid config plus one more spoke that may be added to it (valid as well, CIDRs disjoint). */
export interface ConfigWithSpare {
  config: VpceHubConfigInput;
  spare: SpokeInput;
}

export const configWithSpareArb: fc.Arbitrary<ConfigWithSpare> = fc
  .record({
    hub: hubArb,
    drafts: fc.uniqueArray(spokeDraftArb, { selector: (d) => d.name.toLowerCase(), minLength: 1, maxLength: MAX_SPOKES + 1 }),
    slots: fc.uniqueArray(fc.integer({ min: 1, max: 250 }), { minLength: MAX_SPOKES + 1, maxLength: MAX_SPOKES + 1 }),
    project: fc.constantFrom(undefined, 'acme', 'net-hub'),
    backend: backendArb,
    sharing: sharingArb,
    outside: fc.boolean(),
    hubSideRole: fc.boolean(),
  })
  .map(({ hub: { hub, organization }, drafts, slots, project, backend, sharing, outside, hubSideRole }) => {
    const spokes = drafts.map((d, i) => spokeOf(d, slots[i], hub));
    const accounts: VpceHubConfigInput['accounts'] = { ...ACCOUNTS };
    if (hubSideRole) accounts[HUB_ACCOUNT] = { ...ACCOUNTS[HUB_ACCOUNT], hubSideRoleArn: 'arn:aws:iam::111111111111:role/vpce-hub-pairs' };
    if (outside) accounts['Workload-C'] = { ...ACCOUNTS['Workload-C'], outsideOrganization: true };
    const config: VpceHubConfigInput = {
      ...(project ? { project } : {}),
      ...(organization || outside || sharing.ramSharing?.shareWith !== 'accounts' ? { organizationId: 'o-a1b2c3d4e5' } : {}),
      ...(hub.dns === 'route53-profile' || (hub.connectivity === 'transit-gateway' && hub.transitGateway?.id === undefined) ? { ...sharing, ramSharing: { ...sharing.ramSharing, shareWith: sharing.ramSharing?.shareWith ?? 'accounts', ...(outside ? { allowExternalPrincipals: true } : {}) } } : {}),
      ...(backend ? { backend } : {}),
      accounts,
      hubs: [hub],
      spokes: spokes.slice(1),
    };
    return { config, spare: spokes[0] };
  });

/** A valid config: 1 hub, 0-6 spokes. */
export const validConfigArb: fc.Arbitrary<VpceHubConfigInput> = configWithSpareArb.map(({ config }) => config);

/** The same configs as config file text. */
export const validConfigTextArb: fc.Arbitrary<string> = validConfigArb.map(toYaml);

export function toYaml(config: VpceHubConfigInput): string {
  return stringify(config);
}
