/**
 * AWS's "IPv4 CIDR block association restrictions" (Amazon VPC User Guide, VPC CIDR blocks:
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#add-cidr-block-restrictions):
 * which secondary ranges AssociateVpcCidrBlock accepts depends on the range the VPC was created in
 * (its primary CIDR). A VPC created in one RFC 1918 range cannot add a block from another RFC 1918
 * range, and a VPC created in public or 100.64.0.0/10 (RFC 6598) space cannot add RFC 1918 blocks at
 * all. (198.19.0.0/16, restricted for every VPC, is outside private space and already a PublicCidr.)
 *
 * The VPCs of a config exist already, so a forbidden pair means the config does not describe the real
 * VPC (a typo, or the secondary of another VPC): routes and rules would be made for a range it cannot have.
 */
import { cidrOf, contains, type Cidr } from '../planning/cidr';

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(cidrOf);

const rfc1918RangeOf = (c: Cidr): Cidr | undefined => RFC1918.find((r) => contains(r, c));

/** Why AWS refuses `secondary` for a VPC created in `primary`, or undefined when it is allowed. */
export function secondaryRestriction(primary: Cidr, secondary: Cidr): string | undefined {
  const home = rfc1918RangeOf(primary);
  const other = rfc1918RangeOf(secondary);
  if (other === undefined) return undefined;
  if (home === undefined) {
    return `is RFC 1918 space (${other.text}), but the VPC was created in ${primary.text}, outside RFC 1918: AWS associates no RFC 1918 block with such a VPC`;
  }
  if (home.text !== other.text) {
    return `is in ${other.text}, but the VPC was created in ${home.text} (primary ${primary.text}): AWS does not associate a block from another RFC 1918 range`;
  }
  return undefined;
}
