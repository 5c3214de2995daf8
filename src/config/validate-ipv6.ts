/**
 * Dual-stack hubs (issue 20): IPv6 blocks are well-formed, canonical, of a size AWS gives a VPC or a
 * subnet, in a range a VPC can hold, and never overlap within one hub network; a dual-stack hub's
 * existing subnets all have IPv6; services whose endpoints do not accept IPv6 are named.
 *
 * AWS facts relied on:
 * - VPC IPv6 blocks are /44 to /60 in steps of /4 (Amazon-provided: /56), subnet blocks /44 to /64 in
 *   steps of /4 ("IP addressing for your VPCs and subnets", compare IPv4 and IPv6:
 *   https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html).
 * - A dual-stack interface endpoint needs IPv4 and IPv6 in every one of its subnets, and an endpoint
 *   service that accepts both (CreateVpcEndpoint IpAddressType:
 *   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html; AWS CDK's
 *   VpcEndpointIpAddressType.DUALSTACK repeats it: "supported only if all selected subnets have both IPv4
 *   and IPv6 address ranges and the endpoint service accepts both IPv4 and IPv6 requests").
 * - Peered VPCs must not have overlapping IPv4 or IPv6 blocks, and IPv6 routes over a peering are
 *   supported ("Update your route tables for a VPC peering connection":
 *   https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html; "Both IPv4 and IPv6 traffic
 *   are supported in VPC peering connections":
 *   https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html).
 */
import { contains6, ipv6Range, overlaps6, parseIpv6Cidr, type Cidr6 } from '../planning/cidr6';
import { resolveHubService, serviceName } from '../planning/services';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { HubConfig } from './schema';
import type { ValidationContext } from './validate';

interface Member {
  owner: string;
  path: string;
  cidr: Cidr6;
}

/** The smallest and largest block AWS gives a VPC and a subnet, both in steps of /4. */
const SIZES = { vpc: { min: 44, max: 60 }, subnet: { min: 44, max: 64 } } as const;

/** ipaddr.js ranges no VPC holds: link-local, multicast, loopback, unspecified, IPv4-mapped and translation prefixes. */
const NOT_VPC_RANGES = new Set(['unspecified', 'loopback', 'linkLocal', 'multicast', 'ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

/** Checks one IPv6 block; returns it when usable for containment and overlap checks. */
export function checkIpv6Cidr(text: string, path: string, kind: keyof typeof SIZES, findings: Finding[]): Cidr6 | undefined {
  const r = parseIpv6Cidr(text);
  if (!r.ok) {
    findings.push({ severity: 'error', code: 'InvalidIpv6Cidr', path, value: text, message: r.reason, fix: 'write it as AWS shows it, like 2600:1f18:abcd:3400::/56' });
    return undefined;
  }
  if (!r.canonical) {
    // The text goes to AWS and into addresses: Terraform would show a lasting diff against AWS's form.
    findings.push({ severity: 'error', code: 'NonCanonicalIpv6Cidr', path, value: text, message: 'is not in canonical form (host bits set, upper case, or zeros not compressed as AWS returns them)', fix: `use ${r.canonicalText}` });
  }
  const { min, max } = SIZES[kind];
  if (r.cidr.prefix < min || r.cidr.prefix > max || r.cidr.prefix % 4 !== 0) {
    const what = kind === 'vpc' ? 'VPC IPv6 blocks are /44 to /60 in steps of /4 (Amazon-provided: /56)' : 'subnet IPv6 blocks are /44 to /64 in steps of /4';
    findings.push({ severity: 'error', code: 'Ipv6CidrPrefix', path, value: text, message: `has prefix /${r.cidr.prefix}; ${what}`, fix: kind === 'vpc' ? "copy the VPC's IPv6 block (aws ec2 describe-vpcs)" : "copy the subnet's IPv6 block (aws ec2 describe-subnets)" });
  }
  const range = ipv6Range(r.cidr);
  if (NOT_VPC_RANGES.has(range)) {
    findings.push({ severity: 'error', code: 'Ipv6CidrRange', path, value: text, message: `is in the ${range} range, which no VPC holds`, fix: 'use the VPC\'s own block: Amazon-provided, BYOIP or from IPAM' });
  }
  return r.ok ? r.cidr : undefined;
}

export function validateIpv6({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const network = new Map<string, Member[]>();
  config.hubs.forEach((hub, i) => {
    const at = formatPath(['hubs', i], raw);
    network.set(hub.name, checkHubVpc(hub, at, findings));
    if (hub.ipAddressType === 'dualstack') findings.push(...ipv4OnlyServices(hub, at), ...aaaaWithoutIpv6Path(config, hub, at));
  });
  config.spokes.forEach((spoke, i) => {
    const cidrs = spoke.vpc.ipv6Cidrs ?? [];
    if (cidrs.length === 0) return;
    const at = `${formatPath(['spokes', i], raw)}.vpc.ipv6Cidrs`;
    const parsed = cidrs.map((text, j) => ({ path: `${at}.${j}`, cidr: checkIpv6Cidr(text, `${at}.${j}`, 'vpc', findings) }));
    const hub = hubOfSpoke(config, spoke);
    if (!hub) return;
    if (hub.ipAddressType !== 'dualstack') {
      findings.push({ severity: 'warning', code: 'Ipv6IgnoredOnIpv4Hub', path: at, value: cidrs, message: `are not used: hub ${hub.name} is IPv4-only (ipAddressType: ipv4), so the spoke gets no IPv6 routes or rules`, fix: `set ipAddressType: dualstack on hub ${hub.name}, or remove ipv6Cidrs` });
    }
    for (const p of parsed) if (p.cidr) network.get(hub.name)?.push({ owner: `spoke ${spoke.name}`, path: p.path, cidr: p.cidr });
  });
  for (const members of network.values()) findings.push(...overlapFindings(members));
  return findings;
}

/** The hub VPC's IPv6 fields; returns its IPv6 block as a member of the hub's network. */
function checkHubVpc(hub: HubConfig, at: string, findings: Finding[]): Member[] {
  const vpc = hub.vpc;
  const dual = hub.ipAddressType === 'dualstack';
  if (vpc.id === undefined) {
    if (vpc.ipv6Cidr !== undefined) {
      findings.push({ severity: 'error', code: 'ConflictingField', path: `${at}.vpc.ipv6Cidr`, value: vpc.ipv6Cidr, message: 'is only for an existing hub VPC (with id); a dual-stack hub VPC that vpce-hub creates gets an Amazon-provided /56', fix: 'remove ipv6Cidr' });
    }
    return [];
  }
  const subnets = vpc.subnets ?? [];
  const given = vpc.ipv6Cidr !== undefined || subnets.some((s) => s.ipv6Cidr !== undefined);
  if (!dual) {
    if (given) findings.push({ severity: 'warning', code: 'Ipv6IgnoredOnIpv4Hub', path: `${at}.vpc`, message: `gives IPv6 blocks, which are not used: hub ${hub.name} is IPv4-only (ipAddressType: ipv4)`, fix: 'set ipAddressType: dualstack, or remove ipv6Cidr' });
  } else if (vpc.ipv6Cidr === undefined) {
    findings.push({ severity: 'error', code: 'MissingField', path: `${at}.vpc.ipv6Cidr`, message: "a dual-stack hub's existing VPC names its IPv6 block: spokes route it to the hub", fix: "add ipv6Cidr (aws ec2 describe-vpcs shows it; associate one first with aws ec2 associate-vpc-cidr-block --amazon-provided-ipv6-cidr-block)" });
  }
  const vpcBlock = vpc.ipv6Cidr !== undefined ? checkIpv6Cidr(vpc.ipv6Cidr, `${at}.vpc.ipv6Cidr`, 'vpc', findings) : undefined;
  const subnetBlocks: Member[] = [];
  subnets.forEach((s, j) => {
    const path = `${at}.vpc.subnets.${j}`;
    if (s.ipv6Cidr === undefined) {
      if (dual) {
        findings.push({
          severity: 'error',
          code: 'Ipv4OnlySubnet',
          path,
          value: s.id,
          message: `has no ipv6Cidr: every subnet of a dual-stack endpoint needs IPv4 and IPv6 (CreateVpcEndpoint refuses ip_address_type dualstack otherwise)`,
          fix: `add the subnet's ipv6Cidr (aws ec2 describe-subnets --subnet-ids ${s.id}); associate a /64 of the VPC's block first (aws ec2 associate-subnet-cidr-block), or keep hub ${hub.name} ipAddressType: ipv4`,
        });
      }
      return;
    }
    const block = checkIpv6Cidr(s.ipv6Cidr, `${path}.ipv6Cidr`, 'subnet', findings);
    if (!block) return;
    if (vpcBlock && !contains6(vpcBlock, block)) {
      findings.push({ severity: 'error', code: 'Ipv6SubnetOutsideVpc', path: `${path}.ipv6Cidr`, value: s.ipv6Cidr, message: `is not inside the hub VPC's IPv6 block ${vpcBlock.text}`, fix: "copy the subnet's block from aws ec2 describe-subnets, and the VPC's from describe-vpcs" });
    }
    subnetBlocks.push({ owner: `subnet ${s.id}`, path: `${path}.ipv6Cidr`, cidr: block });
  });
  findings.push(...overlapFindings(subnetBlocks));
  return vpcBlock ? [{ owner: `hub ${hub.name}`, path: `${at}.vpc.ipv6Cidr`, cidr: vpcBlock }] : [];
}

/**
 * A service of a dual-stack hub whose endpoint service does not accept IPv6 stays IPv4: its endpoint is
 * created without ip_address_type dualstack (AWS would refuse it at apply) and its zones get no AAAA
 * records. IPv6-only clients cannot reach it through the hub; the warning names it, with the way out
 * when AWS has opened it to IPv6 since the catalogue's data.
 */
function ipv4OnlyServices(hub: HubConfig, at: string): Finding[] {
  const findings: Finding[] = [];
  hub.services.forEach((entry, i) => {
    const svc = resolveHubService(entry, hub.region);
    if (!svc || svc.ipAddressTypes.includes('ipv6')) return;
    const name = serviceName(entry);
    findings.push({
      severity: 'warning',
      code: 'ServiceIpv4Only',
      path: `${at}.services.${i}`,
      value: name,
      message: `stays IPv4 in dual-stack hub ${hub.name}: its endpoint service ${svc.serviceName} does not accept IPv6 as far as the catalogue knows (SupportedIpAddressTypes), so its endpoint is IPv4-only and its zones get no AAAA records; IPv6-only clients cannot reach it`,
      fix: `if AWS now lists ipv6 for it (aws ec2 describe-vpc-endpoint-services --service-names ${svc.serviceName} --query 'ServiceDetails[].SupportedIpAddressTypes'), write it as { name: ${name}, ipAddressTypes: [ipv4, ipv6] }`,
    });
  });
  return findings;
}

/** Every overlapping pair, reported at the one listed later, by a sweep over the blocks sorted by start. */
function overlapFindings(members: Member[]): Finding[] {
  const findings: Finding[] = [];
  const order = members.map((m, i) => ({ m, i })).sort((a, b) => (a.m.cidr.base < b.m.cidr.base ? -1 : a.m.cidr.base > b.m.cidr.base ? 1 : a.i - b.i));
  for (let a = 0; a < order.length; a++) {
    for (let b = a + 1; b < order.length && overlaps6(order[a].m.cidr, order[b].m.cidr); b++) {
      const [first, later] = order[a].i < order[b].i ? [order[a].m, order[b].m] : [order[b].m, order[a].m];
      findings.push({ severity: 'error', code: 'CidrOverlap', path: later.path, value: later.cidr.text, message: `overlaps ${first.owner} (${first.cidr.text} at ${first.path}): peered VPCs must not share IPv6 space, and routes to it would be ambiguous`, fix: 'choose a block outside it' });
    }
  }
  return findings;
}

/**
 * A dual-stack hub's names answer AAAA to every VPC and resolver that resolves them, but only spokes
 * that list ipv6Cidrs get IPv6 routes and rules (on-premises ranges are IPv4). A client with an IPv6
 * address in such a VPC (or on premises) prefers the AAAA answer (RFC 6724 default address selection)
 * and sends to the hub's IPv6 address over its own default route, where nothing reaches the hub: it
 * waits for a timeout before it tries IPv4, unless its resolver or SDK falls back fast. One finding per
 * hub, naming what has no IPv6 path: a VPC with no IPv6 at all is fine, so the warning says how to tell.
 */
function aaaaWithoutIpv6Path(config: ValidationContext['config'], hub: HubConfig, at: string): Finding[] {
  const ipv4Only = config.spokes.filter((s) => hubOfSpoke(config, s)?.name === hub.name && (s.vpc.ipv6Cidrs ?? []).length === 0).map((s) => s.name);
  const onPremises = hub.onPremises !== undefined;
  if (ipv4Only.length === 0 && !onPremises) return [];
  const who = [
    ...(ipv4Only.length > 0 ? [`${ipv4Only.length === 1 ? 'spoke' : `${ipv4Only.length} spokes`} ${ipv4Only.slice(0, 5).join(', ')}${ipv4Only.length > 5 ? ` and ${ipv4Only.length - 5} more` : ''} (no vpc.ipv6Cidrs)`] : []),
    ...(onPremises ? ['on-premises clients (onPremises ranges are IPv4)'] : []),
  ].join(' and ');
  return [
    {
      severity: 'warning',
      code: 'AaaaWithoutIpv6Path',
      path: `${at}.ipAddressType`,
      ...(ipv4Only.length > 0 ? { value: ipv4Only } : {}),
      message: `makes the hub's service names answer AAAA to ${who} as well, which get no IPv6 route or rule to the hub: a client there with an IPv6 address tries the AAAA answer first and its calls leave by its own default IPv6 route, if it has one, where they can time out before it falls back to IPv4`,
      fix: [
        ...(ipv4Only.length > 0 ? ['list the IPv6 blocks of each such spoke VPC that has any in its vpc.ipv6Cidrs'] : []),
        ...(onPremises ? ['on premises, IPv6 clients need a fast fallback to IPv4 (Happy Eyeballs), since vpce-hub routes only IPv4 from there'] : []),
      ].join('; ') + '; a network whose clients have no IPv6 addresses is unaffected',
    },
  ];
}
