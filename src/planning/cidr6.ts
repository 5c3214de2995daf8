/**
 * IPv6 CIDR math for dual-stack hubs (issue 20): parsing (ipaddr.js), canonical text, overlap and
 * containment, on 128-bit BigInts. IPv4 stays in cidr.ts; `cidrFamily` tells the two apart.
 */
import ipaddr from 'ipaddr.js';

export interface Cidr6 {
  /** Network address as an unsigned 128-bit integer. */
  base: bigint;
  prefix: number;
  /** Canonical text (RFC 5952: lower case, longest zero run compressed), as AWS returns it. */
  text: string;
}

export type Cidr6Parse = { ok: true; cidr: Cidr6; canonical: boolean; canonicalText: string } | { ok: false; reason: string };

const BITS = 128n;
const size = (prefix: number): bigint => 1n << (BITS - BigInt(prefix));

/** `ipv6` when the text is written as IPv6 (it has a colon), else `ipv4`: how a CIDR field is read. */
export const cidrFamily = (text: string): 'ipv4' | 'ipv6' => (text.includes(':') ? 'ipv6' : 'ipv4');

function toBigInt(ip: ipaddr.IPv6): bigint {
  return ip.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function toText(n: bigint): string {
  const bytes: number[] = [];
  for (let i = 15; i >= 0; i--) bytes.push(Number((n >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

export function parseIpv6Cidr(text: string): Cidr6Parse {
  if (typeof text !== 'string' || !/^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(text) || !text.includes(':')) {
    return { ok: false, reason: 'is not an IPv6 CIDR like 2600:1f18:abcd:3400::/56' };
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    return { ok: false, reason: 'is not an IPv6 CIDR like 2600:1f18:abcd:3400::/56' };
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== 'ipv6') return { ok: false, reason: 'must be IPv6' };
  const ip = toBigInt(addr as ipaddr.IPv6);
  const base = ip - (ip % size(prefix));
  const canonicalText = `${toText(base)}/${prefix}`;
  return { ok: true, cidr: { base, prefix, text: canonicalText }, canonical: canonicalText === text, canonicalText };
}

/** Parses an IPv6 CIDR the validator already accepted; throws on programming errors only. */
export function cidr6Of(text: string): Cidr6 {
  const r = parseIpv6Cidr(text);
  if (!r.ok) throw new Error(`invalid IPv6 CIDR ${text}: ${r.reason}`);
  return r.cidr;
}

export function overlaps6(a: Cidr6, b: Cidr6): boolean {
  return a.base < b.base + size(b.prefix) && b.base < a.base + size(a.prefix);
}

export function contains6(outer: Cidr6, inner: Cidr6): boolean {
  return outer.prefix <= inner.prefix && inner.base >= outer.base && inner.base + size(inner.prefix) <= outer.base + size(outer.prefix);
}

/**
 * ipaddr.js's name of the special-purpose range the block's network address is in (`linkLocal`,
 * `multicast`, ...), `unicast` for global unicast and `uniqueLocal` for fc00::/7.
 */
export function ipv6Range(c: Cidr6): string {
  return (ipaddr.parse(c.text.split('/')[0]) as ipaddr.IPv6).range();
}
