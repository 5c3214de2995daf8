/** CIDR tests for security analysis, IPv4 and IPv6 alike (planning/cidr.ts is IPv4 VPC math only). */
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parse(text: string): Range | undefined {
  try {
    return ipaddr.parseCIDR(text.trim());
  } catch {
    return undefined;
  }
}

/** 0.0.0.0/0, ::/0, or any other prefix length 0: the whole address space. */
export function isAnywhere(cidr: string): boolean {
  const r = parse(cidr);
  return r !== undefined && r[1] === 0;
}

/** Whether `inner` lies entirely within `outer` (false for unparsable input or mixed families). */
export function cidrWithin(inner: string, outer: string): boolean {
  const i = parse(inner);
  const o = parse(outer);
  if (!i || !o || i[0].kind() !== o[0].kind() || i[1] < o[1]) return false;
  return i[0].kind() === 'ipv4' ? (i[0] as ipaddr.IPv4).match(o[0] as ipaddr.IPv4, o[1]) : (i[0] as ipaddr.IPv6).match(o[0] as ipaddr.IPv6, o[1]);
}
