/**
 * route53-profile mode (scales past per-zone association limits and Route 53 API rates): the hub
 * account puts every zone into one Route 53 Profile and shares it through AWS RAM; each spoke VPC gets
 * exactly one profile association, however many services the hub carries. Two halves, one per account.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { Route53ProfilesAssociation } from '@cdktf/provider-aws/lib/route53profiles-association';
import { Route53ProfilesProfile } from '@cdktf/provider-aws/lib/route53profiles-profile';
import { Route53ProfilesResourceAssociation } from '@cdktf/provider-aws/lib/route53profiles-resource-association';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import type { ZoneHandle } from './hub-zones';
import { resource } from './resource';

export interface ProfileHandles {
  profileId: string;
  /** Undefined when no spoke is in another account (nothing to share). */
  shareArn?: string;
}

/** Hub half: the profile, one resource association per zone, and the RAM share to the spoke accounts. */
export function hubProfile(scope: Construct, hub: HubPlan, zones: Map<string, ZoneHandle>, provider: AwsProvider, project: string): ProfileHandles {
  const profile = hub.profile;
  if (!profile) throw new Error(`hub ${hub.name} is not in route53-profile mode (planning bug)`);
  const p = resource(Route53ProfilesProfile, scope, ids.hubProfile(hub.name), { provider, name: tagName(project, hub.name), tags: { Name: tagName(project, hub.name) } });
  for (const z of hub.zones) {
    resource(Route53ProfilesResourceAssociation, scope, ids.hubProfileZone(hub.name, z.key), {
      provider,
      // Not the zone name: AssociateResourceToProfile rejects dots (see awsNames).
      name: awsNames.profileResourceAssociation(z.zoneName),
      profileId: p.id,
      resourceArn: (zones.get(z.key) as ZoneHandle).arn,
    });
  }
  // Same-account spokes associate directly; only other accounts need the share.
  if (profile.accounts.length === 0) return { profileId: p.id };
  const share = resource(RamResourceShare, scope, ids.hubProfileShare(hub.name), {
    provider,
    name: tagName(project, hub.name, 'route53-profile'),
    // Sharing with the organization keeps the share inside it; per-account sharing may reach accounts outside.
    allowExternalPrincipals: profile.shareWith === 'accounts',
    tags: { Name: tagName(project, hub.name, 'route53-profile') },
  });
  resource(RamResourceAssociation, scope, ids.hubProfileShare(hub.name), { provider, resourceArn: p.arn, resourceShareArn: share.arn });
  if (profile.shareWith === 'organization') {
    resource(RamPrincipalAssociation, scope, ids.hubProfilePrincipal(hub.name, 'organization'), { provider, principal: profile.organizationArn as string, resourceShareArn: share.arn });
  } else {
    for (const account of profile.accounts) {
      resource(RamPrincipalAssociation, scope, ids.hubProfilePrincipal(hub.name, account.key), { provider, principal: account.id, resourceShareArn: share.arn });
    }
  }
  return { profileId: p.id, shareArn: share.arn };
}

/** Spoke-account half, once per (account, hub) when invitations must be accepted (account sharing). */
export function profileShareAccepter(scope: Construct, hub: HubPlan, shareArn: string, provider: AwsProvider): RamResourceShareAccepter {
  return resource(RamResourceShareAccepter, scope, ids.profileShareAccepter(hub.name), { provider, shareArn });
}

/** Spoke half: one association of the spoke VPC with the hub's profile. */
export function profileAssociation(scope: Construct, hub: HubPlan, spoke: SpokePlan, profileId: string, provider: AwsProvider, project: string, after?: TerraformResource): void {
  resource(Route53ProfilesAssociation, scope, ids.spokeProfileAssociation(spoke.name), {
    provider,
    name: tagName(project, spoke.name, 'to', hub.name),
    profileId,
    resourceId: spoke.vpcId,
    ...(after ? { dependsOn: [after] } : {}),
  });
}
