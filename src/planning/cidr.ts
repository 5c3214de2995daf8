/**
 * IPv4 CIDR math for VPC ranges: parsing (ipaddr.js), canonical form, overlap and subnet carving.
 * VPC CIDRs are IPv4 only (/16 to /28), so plain 32-bit integer arithmetic is exact here.
 */
import ipaddr from 'ipaddr.js';

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
  text: string;
}

export type CidrParse = { ok: true; cidr: Cidr; canonical: boolean; canonicalText: string } | { ok: false; reason: string };

const toInt = (ip: ipaddr.IPv4): number => ip.octets.reduce((acc, o) => acc * 256 + o, 0);
const toText = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const size = (prefix: number): number => 2 ** (32 - prefix);

/** Proofs parse the same few CIDRs thousands of times; a parse is a pure function of the text. */
const parsedCidrs = new Map<string, CidrParse>();

export function parseCidr(text: string): CidrParse {
  if (typeof text === 'string') {
    const known = parsedCidrs.get(text);
    if (known) return known;
    if (parsedCidrs.size > 100_000) parsedCidrs.clear();
    const parsed = parseCidrText(text);
    parsedCidrs.set(text, parsed);
    return parsed;
  }
  return parseCidrText(text);
}

function parseCidrText(text: string): CidrParse {
  if (typeof text !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return { ok: false, reason: 'is not an IPv4 CIDR like 10.0.0.0/16' };
  }
  // ipaddr.js reads `010` as octal 8, while the text itself goes to AWS: validation and deployment
  // would disagree about the range.
  if (/(^|[./])0\d/.test(text)) return { ok: false, reason: 'has a number with a leading zero, which some tools read as octal' };
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { ok: false, reason: 'is not an IPv4 CIDR like 10.0.0.0/16' };
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== 'ipv4') return { ok: false, reason: 'must be IPv4' };
  const ip = toInt(addr as ipaddr.IPv4);
  const base = ip - (ip % size(prefix));
  const canonicalText = `${toText(base)}/${prefix}`;
  return { ok: true, cidr: { base, prefix, text: canonicalText }, canonical: base === ip, canonicalText };
}

/** Parses a CIDR the validator already accepted; throws on programming errors only. */
export function cidrOf(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`invalid CIDR ${text}: ${r.reason}`);
  return r.cidr;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b.prefix) && b.base < a.base + size(a.prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && inner.base >= outer.base && inner.base + size(inner.prefix) <= outer.base + size(outer.prefix);
}

/** Is the range inside RFC 1918 / RFC 6598 space, which is what VPCs normally use? */
export function isPrivateRange(c: Cidr): boolean {
  const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(cidrOf);
  return privateRanges.some((r) => contains(r, c));
}

/**
 * The i-th block of length `prefix` inside `parent`. Position-based on purpose and documented:
 * a subnet's CIDR follows its AZ's position in `availabilityZones`, so new AZs go at the end.
 */
export function nthSubnet(parent: Cidr, prefix: number, index: number): Cidr {
  if (prefix < parent.prefix) throw new Error(`/${prefix} does not fit in ${parent.text}`);
  const count = size(parent.prefix) / size(prefix);
  if (index >= count) throw new Error(`${parent.text} has only ${count} /${prefix} blocks`);
  const base = parent.base + index * size(prefix);
  return { base, prefix, text: `${toText(base)}/${prefix}` };
}

/** How many /prefix blocks fit in the parent. */
export function blockCount(parent: Cidr, prefix: number): number {
  return prefix < parent.prefix ? 0 : size(parent.prefix) / size(prefix);
}

/**
 * Default endpoint subnet size: two bits below the hub range (room for 4 AZs), never larger than /24
 * (an endpoint ENI takes one address per service, 50 services by default) and never smaller than /28,
 * the smallest subnet AWS allows.
 */
export function defaultSubnetPrefix(hub: Cidr): number {
  return Math.min(28, Math.max(24, hub.prefix + 2));
}
