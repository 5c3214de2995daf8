/**
 * connectivity: transit-gateway and onPremises (issue 10): what must hold for the transit gateway path
 * and on-premises access to work at all. Quotas are counted on the plan (planning/quotas.ts).
 */
import { overlaps, parseCidr, type Cidr } from '../planning/cidr';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { AZ_ID_PATTERN, AZ_NAME_PATTERN, hubOfSpoke, spokeRegion } from './resolve';
import type { ValidationContext } from './validate';
import type { HubConfig } from './schema';
import { azIdPrefix } from './validate-vpcs';

export function validateTransitGateway({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const push = (f: Omit<Finding, 'severity'>) => findings.push({ severity: 'error', ...f });
  config.hubs.forEach((hub, hi) => {
    const at = formatPath(['hubs', hi], raw);
    const tgw = hub.transitGateway;
    if (hub.connectivity === 'transit-gateway' && !tgw) {
      push({ code: 'TransitGatewayMissing', path: `${at}.transitGateway`, message: 'is required with connectivity: transit-gateway', fix: 'add transitGateway: {} to create one in the hub account, or transitGateway: { id: tgw-..., account: <owner account key> } to use an existing one' });
    }
    if (hub.connectivity === 'peering' && tgw) {
      push({ code: 'ConflictingField', path: `${at}.transitGateway`, message: 'is set, but the hub connects its spokes by peering (connectivity defaults to peering)', fix: 'set connectivity: transit-gateway, or remove transitGateway' });
    }
    if (hub.peeringMigration !== undefined) {
      const path = `${at}.peeringMigration`;
      if (hub.connectivity !== 'transit-gateway') {
        push({ code: 'PeeringMigrationNeedsTransitGateway', path, value: hub.peeringMigration, message: 'is set, but the hub still connects by peering: the migration ends at a transit gateway', fix: 'set connectivity: transit-gateway with transitGateway and peeringMigration: attach (step 1 in the README, "Move a hub from peering to a transit gateway"), or remove peeringMigration' });
      } else {
        findings.push({
          severity: 'warning',
          code: 'PeeringMigrationInProgress',
          path,
          value: hub.peeringMigration,
          message:
            hub.peeringMigration === 'attach'
              ? `step 1 of 3: hub ${hub.name}'s transit gateway path is built (attachments accepted, associated, propagated) while every spoke still routes over its peering`
              : `step 2 of 3: every route of hub ${hub.name}'s spokes goes through the transit gateway (moved in place); the peerings stay, unused`,
          fix:
            hub.peeringMigration === 'attach'
              ? `apply every stack, run vpce-hub prove (it checks the gateway path as well), then set peeringMigration: move-routes (step 2)`
              : `apply every stack and check the traffic, then remove peeringMigration (step 3) and acknowledge the peering deletes with hub=${hub.name}/aws_vpc_peering_connection.* and hub=${hub.name}/aws_vpc_peering_connection_accepter.*; narrow the hub-side role to the policy vpce-hub iam-policy prints for step 3 only after that apply (it still deletes the peerings)`,
        });
      }
    }
    if (hub.connectivity === 'peering' && hub.onPremises) {
      push({ code: 'OnPremisesNeedsTransitGateway', path: `${at}.onPremises`, message: 'is set, but on-premises networks reach the hub through a transit gateway (peering is not transitive)', fix: 'set connectivity: transit-gateway with transitGateway, or remove onPremises' });
    }
    if (tgw) {
      if (tgw.account !== undefined && config.accounts[tgw.account] === undefined) {
        push({ code: 'UnknownAccount', path: `${at}.transitGateway.account`, value: tgw.account, message: 'is not a key under accounts', fix: `add it under accounts, or use one of ${Object.keys(config.accounts).sort().join(', ')}` });
      }
      if (tgw.id === undefined && tgw.account !== undefined && tgw.account !== hub.account) {
        push({ code: 'TransitGatewayOwnerConflict', path: `${at}.transitGateway.account`, value: tgw.account, message: `names another account than the hub's (${hub.account}), but no transitGateway.id: a created transit gateway lives in the hub's account`, fix: `give transitGateway.id of the transit gateway ${tgw.account} owns, or remove transitGateway.account` });
      }
      if (tgw.id === undefined && tgw.routeTables !== undefined) {
        push({ code: 'ConflictingField', path: `${at}.transitGateway.routeTables`, message: 'names existing route tables, but the transit gateway is created here (no transitGateway.id): its route tables are created with it', fix: 'remove routeTables, or give transitGateway.id' });
      }
      const owner = tgw.account ?? hub.account;
      // "A transit gateway cannot have more than one VPC attachment to the same VPC"
      // (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html): in an organization's
      // gateway, spokes (and the hub VPC) are often attached already, and a second attachment fails at
      // apply (DuplicateTransitGatewayAttachment). validate cannot see the gateway: it says how to look.
      if (tgw.id !== undefined) {
        const vpcs = [
          ...(hub.vpc.id !== undefined && hub.adopt?.transitGatewayAttachmentId === undefined ? [{ name: `hub ${hub.name}`, vpc: hub.vpc.id, field: `hubs.${hub.name}.adopt.transitGatewayAttachmentId` }] : []),
          ...config.spokes
            .filter((s) => hubOfSpoke(config, s)?.name === hub.name && s.adopt?.transitGatewayAttachmentId === undefined)
            .map((s) => ({ name: `spoke ${s.name}`, vpc: s.vpc.id, field: `spokes.${s.name}.adopt.transitGatewayAttachmentId` })),
        ];
        if (vpcs.length > 0) {
          findings.push({
            severity: 'warning',
            code: 'TransitGatewayExistingAttachments',
            path: `${at}.transitGateway.id`,
            value: tgw.id,
            message: `is an existing transit gateway, and AWS allows one attachment per VPC and gateway: a VPC already attached to it (${vpcs.map((v) => v.name).join(', ')} not adopted) makes the new attachment fail at apply (DuplicateTransitGatewayAttachment)`,
            fix: `list the attachments first: aws ec2 describe-transit-gateway-vpc-attachments --filters Name=transit-gateway-id,Values=${tgw.id} Name=vpc-id,Values=${vpcs.map((v) => v.vpc).join(',')} (in the owner's account ${owner}); adopt each one found with ${vpcs.length === 1 ? vpcs[0].field : `${vpcs[0].field} (and likewise for the others)`}: tgw-attach-...`,
          });
        }
      }
      if (tgw.routeTables && tgw.routeTables.hub === tgw.routeTables.spokes) {
        push({ code: 'TransitGatewayRouteTablesSame', path: `${at}.transitGateway.routeTables.spokes`, value: tgw.routeTables.spokes, message: 'is the hub route table too: every spoke would learn every other spoke\'s routes, so spokes could reach each other', fix: 'use two route tables: hub (the hub attachment\'s, spokes propagate into it) and spokes (the spokes\', only the hub propagates into it)' });
      }
    }
    // On-premises ranges: valid, distinct, outside the hub and its spokes (their traffic would be routed locally).
    const members: Array<{ owner: string; path: string; cidr: Cidr }> = [];
    const hubCidr = parseCidr(hub.vpc.cidr);
    if (hubCidr.ok) members.push({ owner: `hub ${hub.name}`, path: `${at}.vpc.cidr`, cidr: hubCidr.cidr });
    config.spokes.forEach((s, si) => {
      if (hubOfSpoke(config, s)?.name !== hub.name) return;
      [s.vpc.cidr, ...s.vpc.secondaryCidrs].forEach((c, ci) => {
        const p = parseCidr(c);
        if (p.ok) members.push({ owner: `spoke ${s.name}`, path: ci === 0 ? `${formatPath(['spokes', si], raw)}.vpc.cidr` : `${formatPath(['spokes', si], raw)}.vpc.secondaryCidrs.${ci - 1}`, cidr: p.cidr });
      });
    });
    // A range both in clientCidrs and onPremises would be one HTTPS rule twice (AWS refuses the second).
    (hub.clientCidrs ?? []).forEach((c, ci) => {
      const p = parseCidr(c);
      if (p.ok) members.push({ owner: 'client range', path: `${at}.clientCidrs.${ci}`, cidr: p.cidr });
    });
    const resolverFinding = resolverCapacity(hub, at);
    if (resolverFinding) push(resolverFinding);
    const seen: Array<{ path: string; cidr: Cidr }> = [];
    (hub.onPremises?.cidrs ?? []).forEach((text, ci) => {
      const path = `${at}.onPremises.cidrs.${ci}`;
      const p = parseCidr(text);
      if (!p.ok) {
        push({ code: 'InvalidCidr', path, value: text, message: p.reason, fix: 'write it as a.b.c.d/n' });
        return;
      }
      if (!p.canonical) push({ code: 'NonCanonicalCidr', path, value: text, message: 'has host bits set', fix: `use ${p.canonicalText}` });
      if (p.cidr.prefix < 8) push({ code: 'OnPremisesCidrTooWide', path, value: text, message: `is a /${p.cidr.prefix}: it would open the endpoints (and DNS) to a large part of the internet`, fix: 'list the on-premises networks themselves (at most /8 each)' });
      const clash = members.find((m) => overlaps(m.cidr, p.cidr));
      if (clash) push({ code: 'CidrOverlap', path, value: text, message: `overlaps ${clash.owner} (${clash.cidr.text} at ${clash.path}): the hub would route those addresses locally or to the spoke, never to on-premises`, fix: 'list on-premises ranges outside the hub and spoke ranges' });
      const twice = seen.find((e) => overlaps(e.cidr, p.cidr));
      if (twice) push({ code: 'CidrOverlap', path, value: text, message: `overlaps on-premises range ${twice.cidr.text} at ${twice.path}: a duplicate route and security group rule`, fix: 'list each on-premises network once' });
      seen.push({ path, cidr: p.cidr });
    });
  });

  // A subnet belongs to one VPC: the same id under two VPCs is a copy-paste slip that AWS would only
  // reject at apply (CreateTransitGatewayVpcAttachment: the subnet is not in the VPC).
  const subnetOwner = new Map<string, { vpc: string; path: string }>();
  config.hubs.forEach((hub, hi) => {
    const at = formatPath(['hubs', hi], raw);
    if (hub.vpc.id === undefined) return;
    (hub.vpc.subnets ?? []).forEach((sub, i) => subnetOwner.set(sub.id, { vpc: hub.vpc.id as string, path: `${at}.vpc.subnets.${i}.id` }));
    (hub.transitGateway?.hubAttachmentSubnets ?? []).forEach((sub, i) => {
      if (sub.id !== undefined && !subnetOwner.has(sub.id)) subnetOwner.set(sub.id, { vpc: hub.vpc.id as string, path: `${at}.transitGateway.hubAttachmentSubnets.${i}.id` });
    });
  });
  config.spokes.forEach((spoke, si) => {
    const at = formatPath(['spokes', si], raw);
    const hub = hubOfSpoke(config, spoke);
    if (!hub) return;
    const subnets = spoke.vpc.attachmentSubnetIds;
    if (hub.connectivity !== 'transit-gateway') {
      if (subnets !== undefined) push({ code: 'ConflictingField', path: `${at}.vpc.attachmentSubnetIds`, message: `is only for spokes of a transit-gateway hub; hub ${hub.name} peers`, fix: 'remove attachmentSubnetIds, or set the hub to connectivity: transit-gateway' });
      return;
    }
    const region = spokeRegion(config, spoke) ?? hub.region;
    if (region !== hub.region) {
      push({
        code: 'TransitGatewayCrossRegion',
        path: spoke.region !== undefined ? `${at}.region` : `${at}.hub`,
        value: region,
        message: `is another region than hub ${hub.name}'s transit gateway (${hub.region}): a VPC attaches only to a transit gateway of its own region, and inter-region transit gateway peering is out of scope`,
        fix: `give the spoke a hub in ${region} (a hub there with its own transit gateway), or attach it to a peering hub (connectivity: peering supports inter-region peering)`,
      });
    }
    if (subnets === undefined) {
      push({ code: 'AttachmentSubnetsMissing', path: `${at}.vpc.attachmentSubnetIds`, message: `is required: spoke ${spoke.name}'s hub ${hub.name} connects through a transit gateway, which attaches the VPC in one subnet per AZ`, fix: 'list one subnet per AZ the spoke uses (subnet-... or { id: subnet-..., availabilityZone: ... })' });
      return;
    }
    const ids = new Set<string>();
    const azs = new Map<string, number>();
    subnets.forEach((entry, i) => {
      const id = typeof entry === 'string' ? entry : entry.id;
      const path = `${at}.vpc.attachmentSubnetIds.${i}`;
      if (ids.has(id)) push({ code: 'DuplicateAttachmentSubnet', path, value: id, message: 'is listed twice', fix: 'list each subnet once, one per AZ' });
      ids.add(id);
      const other = subnetOwner.get(id);
      if (other !== undefined && other.vpc !== spoke.vpc.id) {
        push({ code: 'DuplicateAttachmentSubnet', path, value: id, message: `is also listed at ${other.path}, a subnet of VPC ${other.vpc}: a subnet belongs to one VPC, so one of the two attachments would fail (the subnet is not in its VPC)`, fix: `list the subnets of ${spoke.vpc.id} here (aws ec2 describe-subnets --filters Name=vpc-id,Values=${spoke.vpc.id})` });
      } else if (other === undefined) subnetOwner.set(id, { vpc: spoke.vpc.id, path });
      if (typeof entry === 'string') return;
      const az = entry.availabilityZone;
      const name = AZ_NAME_PATTERN.exec(az);
      if (name ? name[1] !== region : AZ_ID_PATTERN.test(az) ? !az.startsWith(`${azIdPrefix(region)}-az`) : true) {
        push({ code: 'AzNotInRegion', path: `${path}.availabilityZone`, value: az, message: `is not an availability zone of spoke ${spoke.name}'s region ${region}`, fix: `use an AZ of ${region}` });
      }
      const earlier = azs.get(az);
      if (earlier !== undefined) {
        push({ code: 'DuplicateAz', path: `${path}.availabilityZone`, value: az, message: `is also the AZ of attachmentSubnetIds.${earlier}: a transit gateway attachment takes one subnet per AZ (CreateTransitGatewayVpcAttachment rejects two)`, fix: 'keep one subnet per AZ' });
      }
      azs.set(az, i);
    });
  });
  return findings;
}

/**
 * Queries per second an inbound endpoint address takes: 10,000 ("Queries per second per IP address in an
 * endpoint", Route 53 Resolver quotas, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver),
 * but "as low as 1500" when restrictive security group rules force connection tracking
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html).
 */
export const RESOLVER_QPS_PER_ADDRESS = { 'per-range': 1500, untracked: 10000 } as const;

/**
 * The inbound endpoint has one address per endpoint subnet: a second auto-assigned address in one subnet
 * collapses into the first in the pinned provider (ip_address is a set hashed on subnet and ip:
 * terraform-provider-aws issue 43724, open for 5.0.0-6.7.0), and fixed addresses could collide with the
 * endpoints' own. So its capacity is addresses x the per-address rate of its security group form.
 */
function resolverCapacity(hub: HubConfig, at: string): Omit<Finding, 'severity'> | undefined {
  const onPrem = hub.onPremises;
  if (!onPrem || onPrem.queriesPerSecond === undefined) return undefined;
  if (!onPrem.inboundResolver) {
    return { code: 'ConflictingField', path: `${at}.onPremises.queriesPerSecond`, value: onPrem.queriesPerSecond, message: 'sizes the inbound resolver, but inboundResolver is off', fix: 'set inboundResolver: true, or remove queriesPerSecond' };
  }
  const addresses = hub.vpc.id !== undefined ? (hub.vpc.subnets ?? []).length : (hub.vpc.availabilityZones ?? []).length;
  const perAddress = RESOLVER_QPS_PER_ADDRESS[onPrem.resolverSecurityGroup];
  if (onPrem.queriesPerSecond <= addresses * perAddress) return undefined;
  return {
    code: 'ResolverCapacityExceeded',
    path: `${at}.onPremises.queriesPerSecond`,
    value: onPrem.queriesPerSecond,
    message: `is more than hub ${hub.name}'s inbound resolver takes: ${addresses} addresses (one per endpoint subnet) x about ${perAddress} queries per second each (${onPrem.resolverSecurityGroup === 'untracked' ? 'the per-address quota' : 'connection-tracked, per AWS "Resolver endpoint scaling"'}) = ${addresses * perAddress}`,
    fix:
      onPrem.resolverSecurityGroup === 'per-range'
        ? `set onPremises.resolverSecurityGroup: untracked (about ${RESOLVER_QPS_PER_ADDRESS.untracked} per address: ${addresses * RESOLVER_QPS_PER_ADDRESS.untracked}), or add AZs to the hub (one address each)`
        : 'add AZs to the hub (one address each, up to the endpoint quota of 6 addresses), or forward some zones to another hub\'s inbound resolver',
  };
}
