/**
 * What review says about an adopted hub besides the import count: the pieces Terraform cannot import
 * from what the config knows (planning/adopt.ts explains each), so a reviewer sees them before apply.
 */
import type { NetworkPlan } from '../planning/plan';

export function adoptionNotes(plan: NetworkPlan): string[] {
  const out: string[] = [];
  for (const hub of plan.hubs) {
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
