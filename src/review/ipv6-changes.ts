/**
 * What a change does to IPv6 (issue 20), in words a reviewer can check: a hub turning dual-stack is a
 * wave of in-place updates (VPC, subnets, endpoints, attachments, resolver) and new resources (AAAA
 * records, IPv6 routes and rules) spread over several stacks; this names them by kind. Read from the
 * changes alone (a real plan's or a tree comparison's), so it says what Terraform will do.
 */
import type { JsonObject } from '../analysis/json-value';
import { blocks } from '../analysis/json-value';
import { qualified, type ResourceChange, type StackChanges } from './changes';

type Kind = { label: string; test: (body: JsonObject) => boolean };

/** Resources that exist only for IPv6: created and destroyed with it. */
const IPV6_RESOURCES: Record<string, Kind> = {
  aws_route53_record: { label: 'AAAA alias records', test: (b) => String(b.type).toUpperCase() === 'AAAA' },
  aws_route: { label: 'IPv6 routes', test: (b) => b.destination_ipv6_cidr_block !== undefined },
  aws_vpc_security_group_ingress_rule: { label: 'IPv6 HTTPS rules', test: (b) => b.cidr_ipv6 !== undefined },
};

/** Resources whose IPv6 side is an attribute: turned on or off in place. */
const IPV6_SETTINGS: Record<string, { label: string; on: (b: JsonObject) => boolean }> = {
  aws_vpc: { label: 'hub VPC with an Amazon-provided IPv6 /56', on: (b) => b.assign_generated_ipv6_cidr_block === true },
  aws_subnet: { label: 'endpoint subnets with an IPv6 /64', on: (b) => b.ipv6_cidr_block !== undefined },
  aws_vpc_endpoint: { label: 'dual-stack endpoints (ip_address_type and dns_record_ip_type dualstack)', on: (b) => b.ip_address_type === 'dualstack' },
  aws_ec2_transit_gateway_vpc_attachment: { label: 'transit gateway attachments with IPv6 support', on: (b) => b.ipv6_support === 'enable' },
  aws_route53_resolver_endpoint: { label: 'dual-stack Resolver inbound endpoints', on: (b) => b.resolver_endpoint_type === 'DUALSTACK' },
};

const MAX_LISTED = 6;
const list = (xs: string[]): string => (xs.length <= MAX_LISTED ? xs.join(', ') : `${xs.slice(0, MAX_LISTED).join(', ')} and ${xs.length - MAX_LISTED} more`);

/** One line per kind of IPv6 change, empty when the change touches no IPv6. */
export function ipv6ChangeLines(stacks: readonly StackChanges[]): string[] {
  const changes = stacks.flatMap((s) => s.changes);
  const lines: string[] = [];
  for (const [type, kind] of Object.entries(IPV6_SETTINGS)) {
    const of = changes.filter((c) => c.type === type);
    const before = (c: ResourceChange) => (c.before ? kind.on(c.before) : false);
    const after = (c: ResourceChange) => (c.after ? kind.on(c.after) : false);
    const turnedOn = of.filter((c) => (c.action === 'update' || c.action === 'replace') && after(c) && !before(c));
    const turnedOff = of.filter((c) => (c.action === 'update' || c.action === 'replace') && before(c) && !after(c));
    const created = of.filter((c) => c.action === 'create' && after(c));
    if (turnedOn.length > 0) lines.push(`${turnedOn.length} ${kind.label}, ${inPlace(turnedOn)}: ${list(turnedOn.map(qualified))}`);
    if (created.length > 0) lines.push(`${created.length} new ${kind.label}: ${list(created.map(qualified))}`);
    if (turnedOff.length > 0) lines.push(`${turnedOff.length} ${kind.label} lose IPv6, ${inPlace(turnedOff)}: ${list(turnedOff.map(qualified))}`);
  }
  for (const [type, kind] of Object.entries(IPV6_RESOURCES)) {
    const of = changes.filter((c) => c.type === type && kind.test(c.after ?? c.before ?? {}));
    const added = of.filter((c) => c.action === 'create');
    const removed = of.filter((c) => c.action === 'delete');
    if (added.length > 0) lines.push(`${added.length} ${kind.label} to add: ${list(added.map(qualified))}`);
    if (removed.length > 0) lines.push(`${removed.length} ${kind.label} to destroy: ${list(removed.map(qualified))}`);
  }
  // The record type a dual-stack endpoint's names answer with: an endpoint whose records lose AAAA.
  const recordsOff = changes.filter((c) => c.type === 'aws_vpc_endpoint' && c.action === 'update' && recordType(c.before) === 'dualstack' && recordType(c.after) !== 'dualstack' && c.after?.ip_address_type === 'dualstack');
  if (recordsOff.length > 0) lines.push(`${recordsOff.length} endpoints keep IPv6 addresses but lose their AAAA records (dns_record_ip_type): ${list(recordsOff.map(qualified))}`);
  // Leaving dual-stack: the provider keeps an endpoint's or resolver's unset ip_address_type /
  // resolver_endpoint_type as they are (Optional and Computed in 5.100.0), and AWS refuses to take a
  // subnet's or VPC's IPv6 block away while network interfaces use it (DisassociateSubnetCidrBlock:
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisassociateSubnetCidrBlock.html).
  const blocksOff = changes.filter((c) => (c.type === 'aws_subnet' || c.type === 'aws_vpc') && c.action === 'update' && c.before && c.after && IPV6_SETTINGS[c.type].on(c.before) && !IPV6_SETTINGS[c.type].on(c.after));
  if (blocksOff.length > 0) {
    lines.unshift(
      `A hub leaves dual-stack: this apply fails as it stands (${list(blocksOff.map(qualified))}). Terraform leaves the endpoints and the inbound resolver dual-stack (an unset address type keeps its value), and AWS refuses to remove the IPv6 blocks their network interfaces use. First turn them IPv4 outside Terraform (README, "Dual-stack", leaving it), then apply.`,
    );
  }
  return lines;
}

const inPlace = (cs: ResourceChange[]): string => (cs.every((c) => c.action === 'update') ? 'in place' : 'REPLACED');
const recordType = (b: JsonObject | undefined): unknown => (b ? blocks(b, 'dns_options')[0]?.dns_record_ip_type : undefined);
