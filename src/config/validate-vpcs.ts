/** CIDRs, AZs and existing-VPC fields: what must hold for peering and routing to be possible at all. */
import { azIdsOf } from '../catalogue/az-ids';
import { blockCount, defaultSubnetPrefix, isPrivateRange, overlaps, parseCidr, type Cidr } from '../planning/cidr';
import { secondaryRestriction } from './cidr-association';
import { clientRangeOverlaps, clientRangeWidth, type NetworkMember } from './client-cidrs';
import type { Finding } from './findings';
import { LOG_RETENTION_DAYS, nearestRetentions } from './log-retention';
import { formatPath } from './paths';
import { AZ_ID_PATTERN, AZ_NAME_PATTERN, hubOfSpoke, spokeRegion } from './resolve';
import type { HubConfig } from './schema';
import type { ValidationContext } from './validate';
import { regionStatus } from './validate-regions';

type NamedCidr = NetworkMember;

/** Checks one CIDR field; returns the parsed value when it is usable for overlap checks. */
function checkCidr(text: string, path: string, findings: Finding[]): Cidr | undefined {
  const r = parseCidr(text);
  if (!r.ok) {
    findings.push({ severity: 'error', code: 'InvalidCidr', path, value: text, message: r.reason, fix: 'write it as a.b.c.d/n' });
    return undefined;
  }
  if (!r.canonical) {
    findings.push({ severity: 'error', code: 'NonCanonicalCidr', path, value: text, message: 'has host bits set', fix: `use ${r.canonicalText}` });
  }
  if (r.cidr.prefix < 16 || r.cidr.prefix > 28) {
    findings.push({ severity: 'error', code: 'CidrPrefix', path, value: text, message: `has prefix /${r.cidr.prefix}; VPC CIDR blocks must be /16 to /28`, fix: 'pick a /16 to /28 range' });
  }
  if (!isPrivateRange(r.cidr)) {
    const what = r.cidr.prefix === 0 ? 'is the whole IPv4 address space, a default route over peering' : 'is not in private address space (10/8, 172.16/12, 192.168/16, 100.64/10)';
    findings.push({ severity: 'error', code: 'PublicCidr', path, value: text, message: what, fix: 'use a private range; routing public space over peering hijacks those addresses for every spoke' });
  }
  return r.ok ? r.cidr : undefined;
}

/** Secondary CIDRs AWS would not have associated with a VPC created in `primary` (cidr-association.ts). */
function checkSecondaries(primary: Cidr | undefined, secondaries: Array<{ cidr: Cidr; path: string }>, findings: Finding[]): void {
  if (!primary) return;
  for (const s of secondaries) {
    const why = secondaryRestriction(primary, s.cidr);
    if (why) {
      findings.push({ severity: 'error', code: 'SecondaryCidrRestricted', path: s.path, value: s.cidr.text, message: why, fix: 'copy the CIDRs from the VPC itself (aws ec2 describe-vpcs): this cannot be one of its blocks' });
    }
  }
}

/** The hub VPC's own ranges: primary, then (existing VPC) secondary CIDRs. */
function checkHubVpc(hub: HubConfig, at: string, findings: Finding[]): NamedCidr[] {
  const vpc = hub.vpc;
  const cidr = checkCidr(vpc.cidr, `${at}.vpc.cidr`, findings);
  const own: NamedCidr[] = cidr ? [{ owner: `hub ${hub.name}`, path: `${at}.vpc.cidr`, cidr }] : [];
  const secondaries: NamedCidr[] = [];
  (vpc.secondaryCidrs ?? []).forEach((text, j) => {
    const path = `${at}.vpc.secondaryCidrs.${j}`;
    const parsed = checkCidr(text, path, findings);
    if (parsed) secondaries.push({ owner: `hub ${hub.name}`, path, cidr: parsed });
  });
  checkSecondaries(cidr, secondaries, findings);
  own.push(...secondaries);
  if (vpc.flowLogs) {
    const days = vpc.flowLogs.retentionDays;
    if (!LOG_RETENTION_DAYS.includes(days)) {
      findings.push({
        severity: 'error',
        code: 'InvalidRetention',
        path: `${at}.vpc.flowLogs.retentionDays`,
        value: days,
        message: 'is not a retention CloudWatch Logs offers (PutRetentionPolicy accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days)',
        fix: `use ${nearestRetentions(days).join(' or ')}`,
      });
    }
  }
  const forbid = (field: string, present: boolean, why: string) => {
    if (present) findings.push({ severity: 'error', code: 'ConflictingField', path: `${at}.vpc.${field}`, message: why, fix: `remove ${field}` });
  };
  const require = (field: string, present: boolean, why: string) => {
    if (!present) findings.push({ severity: 'error', code: 'MissingField', path: `${at}.vpc.${field}`, message: why, fix: `add ${field}` });
  };
  if (vpc.id !== undefined) {
    forbid('availabilityZones', vpc.availabilityZones !== undefined, 'is only for a new hub VPC; an existing VPC (id) lists its subnets instead');
    forbid('subnetPrefixLength', vpc.subnetPrefixLength !== undefined, 'is only for a new hub VPC');
    forbid('flowLogs', vpc.flowLogs !== undefined, 'is only for a new hub VPC; manage flow logs of an existing VPC where it is defined');
    require('subnets', vpc.subnets !== undefined, 'an existing hub VPC needs the endpoint subnets (id and availabilityZone), one per AZ');
    require('routeTableIds', vpc.routeTableIds !== undefined && vpc.routeTableIds.length > 0, "an existing hub VPC needs the endpoint subnets' route table ids for the return routes");
    checkAzs((vpc.subnets ?? []).map((s) => s.availabilityZone), hub.region, `${at}.vpc.subnets`, findings);
    // The same subnet twice (under two AZs) would give the endpoints one ENI where two were meant.
    const seenSubnets = new Set<string>();
    (vpc.subnets ?? []).forEach((s, j) => {
      if (seenSubnets.has(s.id)) findings.push({ severity: 'error', code: 'DuplicateSubnet', path: `${at}.vpc.subnets.${j}.id`, value: s.id, message: 'is listed twice; every endpoint subnet must be a different subnet, one per AZ', fix: 'list each endpoint subnet once, with its own AZ' });
      seenSubnets.add(s.id);
    });
  } else {
    forbid('subnets', vpc.subnets !== undefined, 'is only for an existing hub VPC (with id)');
    forbid('secondaryCidrs', vpc.secondaryCidrs !== undefined, 'is only for an existing hub VPC (with id); vpce-hub creates a new hub VPC with its primary CIDR only');
    forbid('routeTableIds', vpc.routeTableIds !== undefined, 'is only for an existing hub VPC (with id)');
    require('availabilityZones', vpc.availabilityZones !== undefined, 'a new hub VPC needs at least two availability zones');
    const azs = vpc.availabilityZones ?? [];
    checkAzs(azs, hub.region, `${at}.vpc.availabilityZones`, findings);
    if (cidr && azs.length > 0) {
      const prefix = vpc.subnetPrefixLength ?? defaultSubnetPrefix(cidr);
      if (blockCount(cidr, prefix) < azs.length) {
        findings.push({
          severity: 'error',
          code: 'HubCidrTooSmall',
          path: `${at}.vpc.cidr`,
          value: vpc.cidr,
          message: `holds ${blockCount(cidr, prefix)} /${prefix} endpoint subnet(s) but ${azs.length} AZs need one each`,
          fix: prefix < 28 ? `use a larger range or set subnetPrefixLength (up to 28)` : 'use a larger range',
        });
      }
    }
  }
  return own;
}

/**
 * The AZ-id prefix of a region: geography, the initials of its direction words, the number
 * (us-east-1 -> use1, ap-southeast-2 -> apse2, us-gov-west-1 -> usgw1).
 */
export function azIdPrefix(region: string): string {
  const initials: Record<string, string> = { northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw' };
  const parts = region.split('-');
  const words = parts.slice(1, -1).map((w) => initials[w] ?? w[0]);
  return `${parts[0]}${words.join('')}${parts[parts.length - 1]}`;
}

/** >= 2 distinct AZs of the hub's region: one endpoint ENI per AZ is the resilience the blog asks for. */
function checkAzs(azs: string[], region: string, path: string, findings: Finding[]): void {
  // A misspelled region is reported once (validate-regions.ts), not once per AZ.
  const regionKnown = ['catalogued', 'newer'].includes(regionStatus(region));
  // Only the catalogued regions' AZ ids are known to follow the prefix scheme.
  const checkIds = regionStatus(region) === 'catalogued';
  if (azs.length < 2) {
    findings.push({ severity: 'error', code: 'TooFewAzs', path, value: azs, message: `lists ${azs.length} availability zone(s); interface endpoints need at least 2 for resilience`, fix: 'add a second AZ' });
  }
  const seen = new Set<string>();
  azs.forEach((az, i) => {
    if (seen.has(az)) findings.push({ severity: 'error', code: 'DuplicateAz', path: `${path}.${i}`, value: az, message: 'is listed twice', fix: 'list each AZ once' });
    seen.add(az);
    const name = AZ_NAME_PATTERN.exec(az);
    if (name) {
      if (name[1] !== region && regionKnown) findings.push({ severity: 'error', code: 'AzNotInRegion', path: `${path}.${i}`, value: az, message: `is not an availability zone of ${region}`, fix: `use ${region}a, ${region}b, ...` });
    } else if (AZ_ID_PATTERN.test(az)) {
      const prefix = azIdPrefix(region);
      const known = azIdsOf(region);
      if (checkIds && !az.startsWith(`${prefix}-az`)) {
        findings.push({ severity: 'error', code: 'AzNotInRegion', path: `${path}.${i}`, value: az, message: `is not an availability zone id of ${region}`, fix: `use ${prefix}-az1, ${prefix}-az2, ...` });
      } else if (checkIds && known && !known.includes(az)) {
        findings.push({ severity: 'error', code: 'UnknownAzId', path: `${path}.${i}`, value: az, message: `is not an availability zone of ${region}, whose AZ ids are ${known.join(', ')} (src/catalogue/az-ids.ts)`, fix: 'use one of those ids (aws ec2 describe-availability-zones shows the ids of your account)' });
      }
    } else {
      findings.push({ severity: 'error', code: 'InvalidAz', path: `${path}.${i}`, value: az, message: 'is neither an AZ name (us-east-1a) nor an AZ id (use1-az1)' });
    }
  });
  // AZ names are account-relative and ids are not, so `us-east-1a` and `use1-az1` may be the same zone:
  // then the "two AZs" would put both endpoint ENIs in one zone.
  if (azs.some((az) => AZ_NAME_PATTERN.test(az)) && azs.some((az) => AZ_ID_PATTERN.test(az))) {
    findings.push({ severity: 'warning', code: 'MixedAzForms', path, value: azs, message: 'mixes AZ names and AZ ids; an AZ name may be the same zone as one of the ids in the deploying account', fix: 'use AZ ids only (or names only)' });
  }
}

export function validateVpcs({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const network = new Map<string, NamedCidr[]>();
  config.hubs.forEach((hub, i) => {
    const at = formatPath(['hubs', i], raw);
    network.set(hub.name, checkHubVpc(hub, at, findings));
  });
  const vpcIds = new Map<string, string>();
  config.spokes.forEach((spoke, i) => {
    const at = formatPath(['spokes', i], raw);
    const hub = hubOfSpoke(config, spoke);
    if (hub && hub.vpc.id === spoke.vpc.id) {
      findings.push({
        severity: 'error',
        code: 'SpokeIsHubVpc',
        path: `${at}.vpc.id`,
        value: spoke.vpc.id,
        message: `is the VPC of its own hub ${hub.name}: a VPC cannot peer with itself, and it already reaches the endpoints (its own CIDRs are admitted)`,
        fix: 'remove the spoke',
      });
    }
    const key = `${spokeRegion(config, spoke)}/${spoke.vpc.id}`;
    const clash = vpcIds.get(key);
    if (clash) findings.push({ severity: 'error', code: 'DuplicateVpc', path: `${at}.vpc.id`, value: spoke.vpc.id, message: `is also spoke ${clash}'s VPC; one VPC can peer with a hub once`, fix: 'remove one of the two spokes' });
    vpcIds.set(key, spoke.name);
    const cidrs = [
      { text: spoke.vpc.cidr, path: `${at}.vpc.cidr` },
      ...spoke.vpc.secondaryCidrs.map((c, j) => ({ text: c, path: `${at}.vpc.secondaryCidrs.${j}` })),
    ];
    const parsed = cidrs.map((c) => ({ path: c.path, cidr: checkCidr(c.text, c.path, findings) }));
    const usable = parsed.filter((c): c is { path: string; cidr: Cidr } => c.cidr !== undefined);
    checkSecondaries(parsed[0].cidr, usable.slice(parsed[0].cidr ? 1 : 0), findings);
    if (hub) network.get(hub.name)?.push(...usable.map((c) => ({ owner: `spoke ${spoke.name}`, ...c })));
  });
  config.hubs.forEach((hub, i) => findings.push(...checkClientCidrs(hub, formatPath(['hubs', i], raw), network.get(hub.name) ?? [])));
  findings.push(...duplicateRouteTables(config, raw));
  // Peering forbids overlapping CIDRs between peers, and the hub's routes would be ambiguous if two
  // spokes overlapped, so no two ranges of one hub's network may overlap (nor two of one spoke: a
  // repeated range would also give two rules and routes the same address).
  for (const members of network.values()) findings.push(...overlapFindings(members));
  return findings;
}

/**
 * A route table listed twice would get two routes to one destination (and two resources of one
 * address); one listed by two spokes means one of them names another VPC's table.
 */
function duplicateRouteTables(config: ValidationContext['config'], raw: unknown): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, string>();
  const check = (ids: string[], at: string, owner: string, shared: boolean) => {
    const local = new Set<string>();
    ids.forEach((id, j) => {
      const other = local.has(id) ? owner : shared ? owners.get(id) : undefined;
      if (other !== undefined) {
        findings.push({ severity: 'error', code: 'DuplicateRouteTable', path: `${at}.${j}`, value: id, message: `is already listed for ${other}`, fix: 'list each route table once, under the VPC it belongs to' });
      }
      local.add(id);
      if (shared) owners.set(id, owner);
    });
  };
  config.hubs.forEach((h, i) => check(h.vpc.routeTableIds ?? [], `${formatPath(['hubs', i], raw)}.vpc.routeTableIds`, `hub ${h.name}`, false));
  config.spokes.forEach((sp, i) => check(sp.vpc.routeTableIds, `${formatPath(['spokes', i], raw)}.vpc.routeTableIds`, `spoke ${sp.name}`, true));
  return findings;
}

/** Every overlapping pair, by a sweep over the ranges sorted by start: O(n log n + pairs). */
function overlapFindings(members: NamedCidr[]): Finding[] {
  const findings: Finding[] = [];
  const order = members.map((m, i) => ({ m, i })).sort((a, b) => a.m.cidr.base - b.m.cidr.base || a.i - b.i);
  for (let a = 0; a < order.length; a++) {
    for (let b = a + 1; b < order.length && overlaps(order[a].m.cidr, order[b].m.cidr); b++) {
      // Report at the one listed later in the file, naming the earlier one.
      const [first, later] = order[a].i < order[b].i ? [order[a].m, order[b].m] : [order[b].m, order[a].m];
      findings.push({ severity: 'error', code: 'CidrOverlap', path: later.path, value: later.cidr.text, message: `overlaps ${first.owner} (${first.cidr.text} at ${first.path})`, fix: 'choose a range outside it' });
    }
  }
  return findings;
}


/** hubs.<hub>.clientCidrs: well-formed and canonical, at most a /8, outside the hub's VPCs, no repeats. */
function checkClientCidrs(hub: HubConfig, at: string, vpcs: NamedCidr[]): Finding[] {
  const findings: Finding[] = [];
  const clients: NamedCidr[] = [];
  (hub.clientCidrs ?? []).forEach((text, j) => {
    const path = `${at}.clientCidrs.${j}`;
    const r = parseCidr(text);
    if (!r.ok) {
      findings.push({ severity: 'error', code: 'InvalidCidr', path, value: text, message: r.reason, fix: 'write it as a.b.c.d/n' });
      return;
    }
    if (!r.canonical) findings.push({ severity: 'error', code: 'NonCanonicalCidr', path, value: text, message: 'has host bits set', fix: `use ${r.canonicalText}` });
    const wide = clientRangeWidth(r.cidr, text, path);
    if (wide) findings.push(wide);
    else clients.push({ owner: `client range ${r.cidr.text}`, path, cidr: r.cidr });
  });
  return [...findings, ...clientRangeOverlaps(clients, vpcs)];
}
