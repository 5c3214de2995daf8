/**
 * Synthetic topologies for the benchmark: one hub in its own network account, N spokes spread
 * round-robin over M workload accounts, the first S services of a fixed list, any DNS mode.
 *
 * Deterministic and prefix-stable: spoke i (its name, account, VPC id, CIDR, route tables) depends only
 * on i and M, so the config for N + 1 spokes is the config for N plus one spoke. That is what lets the
 * runner measure "onboarding one more spoke" as the difference of two syntheses.
 *
 * Values are in the config file's input shape (before schema defaults); `topologyYaml` writes the file.
 */
import { stringify } from 'yaml';
import type { z } from 'zod';
import { parseIpv6Cidr } from '../src/planning/cidr6';
import { QUOTA_DEFAULTS, type configSchema, type DnsMode, type QuotaName } from '../src/config/schema';

export type ConfigInput = z.input<typeof configSchema>;

/**
 * 50 interface endpoint services, most common first, all in the catalogue for us-east-1, offered in
 * us-east-1a and us-east-1b, with private DNS names, endpoint policy support (the hub uses the
 * organization policy) and no two zones of the same name. 50 is exactly
 * AWS's default quota of interface endpoints per VPC: the largest topology needs no endpoint quota raise.
 */
export const BENCH_SERVICES = [
  // Companions first (ecr.dkr with s3, ssmmessages with ssm, ecs-agent/ecs-telemetry with ecs) so every
  // prefix is a config validate accepts without warnings; no execute-api, whose wildcard name is warned
  // about (src/catalogue/companions.json).
  'sqs', 'sts', 'ssm', 'ecr.api', 'ecr.dkr',
  's3', 'kms', 'logs', 'monitoring', 'ssmmessages',
  'ec2messages', 'secretsmanager', 'sns', 'ec2', 'lambda', 'events', 'states', 'comprehend', 'ecs', 'ecs-agent',
  'ecs-telemetry', 'elasticloadbalancing', 'autoscaling', 'cloudformation', 'xray',
  'rds', 'rds-data', 'athena', 'glue', 'kinesis-streams', 'kinesis-firehose', 'elasticfilesystem', 'elasticache', 'codebuild', 'codecommit',
  'git-codecommit', 'batch', 'codedeploy', 'codeartifact.api', 'codeartifact.repositories', 'servicecatalog', 'config', 'securityhub', 'backup', 'access-analyzer',
  'acm-pca', 'sagemaker.api', 'sagemaker.runtime', 'textract', 'translate',
] as const;

export const HUB_REGION = 'us-east-1';
export const HUB_AZS = ['us-east-1a', 'us-east-1b'] as const;
export const HUB_ACCOUNT = 'network';
export const HUB_NAME = 'core';
const ORGANIZATION_ID = 'o-bench12345';
const ORGANIZATION_ARN = `arn:aws:organizations::100000000000:organization/${ORGANIZATION_ID}`;

/** Spoke i gets the (i + 16)th /20 of 10.0.0.0/8: 10.1.0.0/20, 10.1.16.0/20, ... clear of the hub's 10.0.0.0/22. */
const SPOKE_PREFIX = 20;
const FIRST_SPOKE_BLOCK = 16;
export const MAX_SPOKES = 2 ** (SPOKE_PREFIX - 8) - FIRST_SPOKE_BLOCK;

export interface TopologyOptions {
  spokes: number;
  /** Workload accounts the spokes are spread over (the hub's network account comes on top). */
  accounts: number;
  /** The first `services` entries of BENCH_SERVICES. */
  services: number;
  dns: DnsMode;
  /** Route tables per spoke VPC; each gets a route to the hub. Default 2 (one per AZ of a typical workload VPC). */
  routeTablesPerSpoke?: number;
  /** route53-profile mode: share with the organization (default) or with each spoke account. */
  profileSharing?: 'organization' | 'accounts';
  /** transit-gateway: a created transit gateway shared with the organization (issue 10); default peering. */
  connectivity?: 'peering' | 'transit-gateway';
  /**
   * Hubs (default 1), all in the network account and us-east-1 with the same services: hub j is `core`,
   * `core-2`, ...; spoke i peers with hub i mod hubs and names it (`hub:`, as several hubs of one region need).
   */
  hubs?: number;
  /** dualstack (issue 20): every hub dual-stack and spoke i given the IPv6 /56 `spokeIpv6Cidr(i)`; default ipv4. */
  ipAddressType?: 'ipv4' | 'dualstack';
}

export const MAX_HUBS = 4;
export const hubName = (j: number): string => (j === 0 ? HUB_NAME : `${HUB_NAME}-${j + 1}`);
/** Hub j gets the jth /22 of 10.0.0.0/16, clear of the spokes' blocks from 10.1.0.0 upwards. */
const hubCidr = (j: number): string => `10.0.${4 * j}.0/22`;

export const spokeName = (i: number): string => `spoke-${String(i + 1).padStart(3, '0')}`;
export const accountKey = (k: number): string => `team-${String(k + 1).padStart(2, '0')}`;
/** The workload account of spoke i: round-robin, so spoke N lands in an existing account once N >= M. */
export const accountIndexOfSpoke = (i: number, accounts: number): number => i % accounts;

/** `vpc-`/`rtb-` + 17 hex digits: a leading kind digit, then the index. */
const awsId = (prefix: 'vpc' | 'rtb' | 'subnet', kind: number, index: number): string => `${prefix}-${kind.toString(16)}${index.toString(16).padStart(16, '0')}`;

export function spokeCidr(i: number): string {
  const block = (i + FIRST_SPOKE_BLOCK) << (32 - SPOKE_PREFIX);
  return `10.${(block >>> 16) & 255}.${(block >>> 8) & 255}.0/${SPOKE_PREFIX}`;
}

/** Spoke i's IPv6 block in a dual-stack topology: the ith /56 of 2600:1f18:4000::/40 (documentation-free, AWS-like space). */
export function spokeIpv6Cidr(i: number): string {
  const r = parseIpv6Cidr(`2600:1f18:40${(i >> 8).toString(16).padStart(2, '0')}:${((i & 255) << 8).toString(16)}::/56`);
  if (!r.ok) throw new Error(`spoke ${i}: ${r.reason}`);
  return r.canonicalText;
}

function check(opts: TopologyOptions): void {
  const int = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  };
  int('spokes', opts.spokes, 0, MAX_SPOKES);
  int('accounts', opts.accounts, 1, 999);
  int('services', opts.services, 1, BENCH_SERVICES.length);
  int('routeTablesPerSpoke', opts.routeTablesPerSpoke ?? 2, 1, 16);
  int('hubs', opts.hubs ?? 1, 1, MAX_HUBS);
  if (opts.ipAddressType === 'dualstack') int('spokes', opts.spokes, 0, 2 ** 16);
}

/**
 * Quotas raised where the topology needs more than AWS's default (each is adjustable, domain.md
 * section 5): the config then states what the organization must have requested, and a quota check
 * passes for the right reason. 125 peerings is AWS's hard ceiling per VPC.
 */
function neededQuotas(opts: TopologyOptions): Partial<Record<QuotaName, number>> {
  const perHub = Math.ceil(opts.spokes / (opts.hubs ?? 1));
  const needs: Partial<Record<QuotaName, number>> = {
    // A transit gateway hub has no peerings: past the 125-peering ceiling is what it is for.
    ...(opts.connectivity === 'transit-gateway' ? {} : { peeringConnectionsPerVpc: perHub }),
    routesPerRouteTable: perHub + 1,
    // One rule per spoke CIDR, plus the hub VPC's own CIDR (its workloads are clients too); IPv6 rules count apart.
    inboundRulesPerSecurityGroup: perHub + 1,
    vpcsPerHostedZone: perHub + 1,
    associationAuthorizationsPerZone: perHub,
  };
  const raised: Partial<Record<QuotaName, number>> = {};
  for (const [name, need] of Object.entries(needs) as Array<[QuotaName, number]>) {
    if (need > QUOTA_DEFAULTS[name]) raised[name] = need;
  }
  return raised;
}

export function generateTopology(opts: TopologyOptions): ConfigInput {
  check(opts);
  const routeTables = opts.routeTablesPerSpoke ?? 2;
  const tgw = opts.connectivity === 'transit-gateway';
  const usedAccounts = Math.min(opts.accounts, opts.spokes);
  // The spokes stacks act in the hub account through the role they assume there (HubSideRoleMissing).
  const accounts: ConfigInput['accounts'] = { [HUB_ACCOUNT]: { id: '100000000000', hubSideRoleArn: 'arn:aws:iam::100000000000:role/vpce-hub-pairs' } };
  for (let k = 0; k < usedAccounts; k++) accounts[accountKey(k)] = { id: String(200000000000 + k) };
  const hubs = opts.hubs ?? 1;
  const spokes = Array.from({ length: opts.spokes }, (_, i) => ({
    name: spokeName(i),
    account: accountKey(accountIndexOfSpoke(i, opts.accounts)),
    ...(hubs > 1 ? { hub: hubName(i % hubs) } : {}),
    vpc: {
      id: awsId('vpc', 0, i),
      cidr: spokeCidr(i),
      ...(opts.ipAddressType === 'dualstack' ? { ipv6Cidrs: [spokeIpv6Cidr(i)] } : {}),
      routeTableIds: Array.from({ length: routeTables }, (_, r) => awsId('rtb', 0, i * routeTables + r)),
      ...(tgw ? { attachmentSubnetIds: [awsId('subnet', 0, 2 * i), awsId('subnet', 0, 2 * i + 1)] } : {}),
    },
  }));
  const quotas = neededQuotas(opts);
  // A created transit gateway is shared through RAM like the profile.
  const shares = opts.dns === 'route53-profile' || tgw;
  const shareWithOrganization = shares && (opts.profileSharing ?? 'organization') === 'organization';
  return {
    project: 'bench',
    organizationId: ORGANIZATION_ID,
    ...(shareWithOrganization ? { organizationArn: ORGANIZATION_ARN } : {}),
    // Per-account sharing without RAM organization sharing: every spoke account accepts an invitation.
    ...(shares
      ? { ramSharing: shareWithOrganization ? { shareWith: 'organization' as const, organizationSharing: 'enabled' as const } : { shareWith: 'accounts' as const, organizationSharing: 'disabled' as const } }
      : {}),
    backend: { local: { dir: '.terraform-state' } },
    accounts,
    hubs: Array.from({ length: hubs }, (_, j) => ({
      name: hubName(j),
      account: HUB_ACCOUNT,
      region: HUB_REGION,
      ...(opts.ipAddressType === 'dualstack' ? { ipAddressType: 'dualstack' as const } : {}),
      vpc: { cidr: hubCidr(j), availabilityZones: [...HUB_AZS] },
      dns: opts.dns,
      services: BENCH_SERVICES.slice(0, opts.services),
      endpointPolicy: 'organization' as const,
      // Pinned (the inbound-rules quota is raised to fit every rule in one group): onboarding then never
      // adds a group to the hub stack, and validate has nothing to warn about.
      endpointSecurityGroups: 1,
      ...(tgw ? { connectivity: 'transit-gateway' as const, transitGateway: {} } : {}),
    })),
    spokes,
    ...(Object.keys(quotas).length > 0 ? { quotas } : {}),
  };
}

export function topologyYaml(opts: TopologyOptions): string {
  const { spokes, accounts, services, dns } = opts;
  const hubs = opts.hubs ?? 1;
  const header = `# Synthetic vpce-hub benchmark topology (bench/topology.ts): ${hubs > 1 ? `${hubs} hubs, ` : ''}${spokes} spokes in ${Math.min(accounts, spokes)} accounts, ${services} services, dns ${dns}${opts.connectivity === 'transit-gateway' ? ', transit gateway' : ''}${opts.ipAddressType === 'dualstack' ? ', dual-stack' : ''}.\n`;
  return header + stringify(generateTopology(opts), { lineWidth: 0 });
}
