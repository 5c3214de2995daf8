/**
 * A hub's extra client ranges (hubs.<hub>.clientCidrs): networks that reach the endpoints through the
 * hub VPC's own routing. Unlike VPC CIDRs they may be any size and public space (some organizations
 * own public ranges on premises), but:
 * - not wider than a /8: 0.0.0.0/0 (or a /1) would make the hub a proxy to AWS APIs for whatever can
 *   route to it (domain.md section 6);
 * - not inside the hub VPC or one of its spokes: those addresses belong to that VPC, the hub routes
 *   replies to them locally or over the peering, and the VPC's own rule already admits them;
 * - not overlapping each other: a repeated range is a duplicate rule (AWS refuses the second), a
 *   nested one a redundant rule.
 * A range that contains a hub or spoke CIDR (an on-premises aggregate like 10.0.0.0/8) is fine: the
 * VPC's more specific routes still win.
 */
import { contains, overlaps, type Cidr } from '../planning/cidr';
import type { Finding } from './findings';

export const MIN_CLIENT_PREFIX = 8;

export interface NetworkMember {
  owner: string;
  path: string;
  cidr: Cidr;
}

export function clientRangeWidth(cidr: Cidr, text: string, path: string): Finding | undefined {
  if (cidr.prefix >= MIN_CLIENT_PREFIX) return undefined;
  return {
    severity: 'error',
    code: 'ClientCidrTooWide',
    path,
    value: text,
    message: `is a /${cidr.prefix}: it would admit ${cidr.prefix === 0 ? 'every address' : 'a large part of the internet'} to the endpoints`,
    fix: `list the client networks themselves (at most /${MIN_CLIENT_PREFIX} each)`,
  };
}

/** Client ranges inside a VPC of the hub's network, and client ranges that overlap each other. */
export function clientRangeOverlaps(clients: NetworkMember[], vpcs: NetworkMember[]): Finding[] {
  const findings: Finding[] = [];
  clients.forEach((c, i) => {
    const owner = vpcs.find((v) => contains(v.cidr, c.cidr));
    if (owner) {
      findings.push({
        severity: 'error',
        code: 'ClientCidrInsideNetwork',
        path: c.path,
        value: c.cidr.text,
        message: `lies within ${owner.owner} (${owner.cidr.text} at ${owner.path}): those addresses are that VPC's, already admitted by its own rule, and the hub routes replies to them there`,
        fix: 'remove it, or list the client network outside the hub and spoke ranges',
      });
    }
    const earlier = clients.slice(0, i).find((e) => overlaps(e.cidr, c.cidr));
    if (earlier) {
      findings.push({
        severity: 'error',
        code: 'CidrOverlap',
        path: c.path,
        value: c.cidr.text,
        message: `overlaps client range ${earlier.cidr.text} at ${earlier.path}: a repeated range is a duplicate security group rule (AWS refuses it), a nested one is redundant`,
        fix: 'list each client network once (the larger range covers the smaller)',
      });
    }
  });
  return findings;
}
