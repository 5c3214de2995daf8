/** DNS-mode rules: what route53-profile mode needs from the organization settings and the spokes. */
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke, spokeRegion } from './resolve';
import type { ValidationContext } from './validate';

export function validateDns({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  if (config.organizationArn && config.organizationId && !config.organizationArn.endsWith(`/${config.organizationId}`)) {
    findings.push({ severity: 'error', code: 'OrganizationMismatch', path: 'organizationArn', value: config.organizationArn, message: `names another organization than organizationId ${config.organizationId}`, fix: 'make both name the same organization' });
  }
  config.hubs.forEach((hub, i) => {
    if (!hub.keepZoneAssociations) return;
    const path = `${formatPath(['hubs', i], raw)}.keepZoneAssociations`;
    if (hub.dns !== 'route53-profile') {
      findings.push({
        severity: 'error',
        code: 'KeepZoneAssociationsMode',
        path,
        value: true,
        message: `keeps zone associations next to a Route 53 Profile, but hub ${hub.name}'s dns is ${hub.dns}`,
        fix: 'remove keepZoneAssociations, or set dns: route53-profile (step 1 of the migration in the README)',
      });
    } else {
      findings.push({
        severity: 'warning',
        code: 'ProfileMigrationInProgress',
        path,
        value: true,
        message: `hub ${hub.name}'s spokes keep their direct zone associations next to the profile association (migration step 1 of 2)`,
        fix: `once every spokes stack of hub ${hub.name} is applied and its profile associations are COMPLETE, remove keepZoneAssociations and acknowledge the association deletes with hub=${hub.name}/aws_route53_zone_association.* and hub=${hub.name}/aws_route53_vpc_association_authorization.*`,
      });
    }
  });
  config.spokes.forEach((spoke, i) => {
    const hub = hubOfSpoke(config, spoke);
    if (hub?.dns !== 'route53-profile') return;
    const region = spokeRegion(config, spoke);
    if (region !== hub.region) {
      findings.push({
        severity: 'error',
        code: 'ProfileCrossRegion',
        path: `${formatPath(['spokes', i], raw)}.region`,
        value: region,
        message: `is not hub ${hub.name}'s region (${hub.region}); a Route 53 Profile is regional and can only be associated with VPCs in its own region`,
        fix: `add a hub in ${region}, or give hub ${hub.name} dns: private-hosted-zones`,
      });
    }
  });
  // A hub VPC carries its own zones inline; associating it as another hub's spoke would bring a second
  // zone of the same name to one VPC, which Route 53 refuses (ConflictingDomainExists).
  const hubVpcs = new Map(config.hubs.filter((h) => h.vpc.id !== undefined).map((h) => [h.vpc.id as string, h.name]));
  config.spokes.forEach((spoke, i) => {
    const hubName = hubVpcs.get(spoke.vpc.id);
    const hub = hubOfSpoke(config, spoke);
    // A spoke that is its own hub's VPC is SpokeIsHubVpc (validate-vpcs.ts), a different mistake.
    if (hubName !== undefined && hub && hub.name !== hubName && hub.dns !== 'endpoint-url') {
      findings.push({
        severity: 'error',
        code: 'ZoneConflictOnVpc',
        path: `${formatPath(['spokes', i], raw)}.vpc.id`,
        value: spoke.vpc.id,
        message: `is hub ${hubName}'s VPC, which already holds that hub's zones; hub ${hub.name}'s zones of the same names cannot be associated with it too`,
        fix: `use dns: endpoint-url for hub ${hub.name}, or do not make a hub VPC a spoke`,
      });
    }
  });
  // "A VPC can have only one Profile associated with it" (AssociateProfile,
  // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53profiles_AssociateProfile.html).
  // The Developer Guide now also describes several profiles per VPC, evaluated by the priority of each
  // association (100-9900, unique per VPC; https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/profiles-vpc-update-priority.html),
  // which provider 5.100.0's aws_route53profiles_association cannot set. Either way a spoke VPC that
  // already has a profile needs a look; spoke VPCs are not ours, so whether one has is invisible here.
  config.hubs.forEach((hub, i) => {
    if (hub.dns !== 'route53-profile') return;
    const vpcs = config.spokes.filter((s) => hubOfSpoke(config, s)?.name === hub.name).map((s) => `${s.name} (${s.vpc.id})`);
    if (vpcs.length === 0) return;
    findings.push({
      severity: 'warning',
      code: 'ProfileOnePerVpc',
      path: `${formatPath(['hubs', i], raw)}.dns`,
      value: hub.dns,
      message: `associates hub ${hub.name}'s Route 53 Profile with ${vpcs.length} spoke VPC(s); validate cannot see whether ${vpcs.length > 5 ? `${vpcs.slice(0, 5).join(', ')} or ${vpcs.length - 5} more` : vpcs.join(', ')} already has one. Where AWS allows one profile per VPC the association then fails at apply; where it allows several, they are evaluated by a priority that this provider version cannot set`,
      fix: 'in each spoke account run `aws route53profiles list-profile-associations --resource-id <vpc-id>`; where a profile exists, use dns: private-hosted-zones for that hub, or add these zones to the existing profile outside vpce-hub, or check after apply that no zone of the same name in the other profile takes precedence (`aws route53profiles update-profile-association --priority`)',
    });
  });
  return findings;
}
