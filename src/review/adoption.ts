/**
 * What review says about an adopted hub besides the import count: the pieces Terraform cannot import
 * from what the config knows (planning/adopt.ts explains each), so a reviewer sees them before apply.
 */
import type { HubPlan, NetworkPlan } from '../planning/plan';

export function adoptionNotes(plan: NetworkPlan): string[] {
  const out: string[] = [];
  for (const hub of plan.hubs) {
    out.push(...attachmentNotes(plan, hub));
    if (!hub.adopt) continue;
    const spokes = plan.spokes.filter((s) => s.hub === hub.name);
    const adoptedSpokes = spokes.filter((s) => s.adoptPeeringConnectionId !== undefined);
    const adoptedZones = Object.keys(hub.adopt.zones);
    if (hub.adopt.securityGroupId) {
      const rules = spokes.reduce((n, s) => n + s.cidrs.length, 0);
      out.push(
        `hub ${hub.name}: ${rules} spoke HTTPS rule(s) are created in the adopted security group ${hub.adopt.securityGroupId}, not imported (a rule is imported by its sgr- id, which the config does not know). ` +
          `A hand-made rule with the same CIDR and port fails the apply with InvalidPermission.Duplicate and nothing is removed: list them with \`aws ec2 describe-security-group-rules --filters Name=group-id,Values=${hub.adopt.securityGroupId}\` and delete the duplicates right before the apply, or import each with \`terraform import <address> sgr-...\`.`,
      );
    }
    const authorizations = adoptedSpokes.filter((s) => s.crossAccount).length * adoptedZones.length;
    if (authorizations > 0 && hub.zoneAssociations) {
      out.push(`hub ${hub.name}: ${authorizations} zone association authorization(s) of adopted zones are created, not imported (they are often deleted once the association exists, and importing a missing one fails the apply); creating one changes nothing for resolution.`);
    }
    const unadoptedZones = hub.zones.filter((z) => hub.adopt?.zones[z.zoneName] === undefined).map((z) => z.zoneName);
    if (unadoptedZones.length > 0 && adoptedZones.length > 0) out.push(`hub ${hub.name}: zones not under adopt.zones are created: ${unadoptedZones.join(', ')}. A hand-built zone of the same name left associated with a spoke VPC makes the new association fail (ConflictingDomainExists).`);
    const fresh = spokes.filter((s) => s.adoptPeeringConnectionId === undefined && !hub.transitGateway).map((s) => s.name);
    if (fresh.length > 0) out.push(`hub ${hub.name}: spokes without adopt.peeringConnectionId get a new peering, routes and associations: ${fresh.join(', ')}.`);
  }
  return out;
}

/** Adopted transit gateway attachments (planning/adopt.ts): what is imported, and what is not. */
function attachmentNotes(plan: NetworkPlan, hub: HubPlan): string[] {
  const tgw = hub.transitGateway;
  if (!tgw) return [];
  const adopted = [
    ...(hub.adopt?.transitGatewayAttachmentId ? [`hub ${hub.name} (${hub.adopt.transitGatewayAttachmentId})`] : []),
    ...plan.spokes.filter((s) => s.hub === hub.name && s.adoptTransitGatewayAttachmentId !== undefined).map((s) => `spoke ${s.name} (${s.adoptTransitGatewayAttachmentId})`),
  ];
  if (adopted.length === 0) return [];
  return [
    `hub ${hub.name}: adopted transit gateway attachments are imported with their accepter where the stack has one: ${adopted.join(', ')}. ` +
      `Their route table associations are created with replace_existing_association: each attachment leaves the table it is associated with now (gated as a re-association). ` +
      `Their propagations into other route tables stay, except into the gateway's default propagation table, which the accepter turns off; remove the others with the network team if the VPC must leave those segments.`,
  ];
}
