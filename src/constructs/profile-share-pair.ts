/**
 * route53-profile mode (scales past per-zone association limits and Route 53 API rates): the hub
 * account puts every zone into one Route 53 Profile and shares it through AWS RAM; each spoke VPC gets
 * exactly one profile association, however many services the hub carries.
 *
 * Placement (issue 9): the profile, the share and its organization or OU principals are shared and live
 * in the hub stack; an account principal (and, where RAM sends an invitation, its acceptance) is a
 * per-account pair and lives in that account's spokes stack. Who gets an invitation is decided once, in
 * planning/ram-sharing.ts, and the share is built by ram-share.ts, as for a created transit gateway.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53ProfilesAssociation } from '@cdktf/provider-aws/lib/route53profiles-association';
import { Route53ProfilesProfile } from '@cdktf/provider-aws/lib/route53profiles-profile';
import { Route53ProfilesResourceAssociation } from '@cdktf/provider-aws/lib/route53profiles-resource-association';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { awsNames, ids } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import type { ZoneHandle } from './hub-zones';
import { ramShare } from './ram-share';
import { resource } from './resource';
import { hubTags } from '../planning/tags';

export interface ProfileHandles {
  profileId: string;
  /** Undefined without a RAM sharing model (only same-account spokes can use the profile). */
  shareArn?: string;
}

/** Hub stack: the profile, one resource association per zone, the RAM share and its organization or OU principals. */
export function hubProfile(scope: Construct, hub: HubPlan, zones: Map<string, ZoneHandle>, provider: AwsProvider, project: string): ProfileHandles {
  const profile = hub.profile;
  if (!profile) throw new Error(`hub ${hub.name} is not in route53-profile mode (planning bug)`);
  const p = resource(Route53ProfilesProfile, scope, ids.hubProfile(hub.name), { provider, name: awsNames.profile(project, hub.awsName), tags: hubTags(hub, awsNames.profile(project, hub.awsName)) });
  for (const z of hub.zones) {
    resource(Route53ProfilesResourceAssociation, scope, ids.hubProfileZone(hub.name, z.key), {
      provider,
      // Not the zone name: AssociateResourceToProfile rejects dots (see awsNames).
      name: awsNames.profileResourceAssociation(z.zoneName),
      profileId: p.id,
      resourceArn: (zones.get(z.key) as ZoneHandle).arn,
    });
  }
  const share = profile.share;
  if (!share) return { profileId: p.id };
  return { profileId: p.id, shareArn: ramShare(scope, hub.name, 'profile', p.arn, share, awsNames.profileShare(project, hub.name), hubTags(hub, awsNames.profileShare(project, hub.name)), provider) };
}

/** Spoke half: one association of the spoke VPC with the hub's profile. */
export function profileAssociation(scope: Construct, hub: HubPlan, spoke: SpokePlan, profileId: string, provider: AwsProvider, project: string, after?: TerraformResource): void {
  // https://docs.aws.amazon.com/route53/latest/APIReference/API_route53profiles_AssociateProfile.html
  resource(Route53ProfilesAssociation, scope, ids.spokeProfileAssociation(spoke.name), {
    provider,
    name: awsNames.profileAssociation(project, spoke.awsName, hub.awsName),
    profileId,
    ...(Object.keys(spoke.tags).length > 0 ? { tags: spoke.tags } : {}),
    resourceId: spoke.vpcId,
    ...(after ? { dependsOn: [after] } : {}),
  });
}
