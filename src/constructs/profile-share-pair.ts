/**
 * route53-profile mode (scales past per-zone association limits and Route 53 API rates): the hub
 * account puts every zone into one Route 53 Profile and shares it through AWS RAM; each spoke VPC gets
 * exactly one profile association, however many services the hub carries.
 *
 * Placement (issue 9): the profile, the share and its organization or OU principals are shared and live
 * in the hub stack; an account principal (and, where RAM sends an invitation, its acceptance) is a
 * per-account pair and lives in that account's spokes stack. Who gets an invitation is decided once, in
 * planning/ram-sharing.ts.
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
import { awsNames, ids } from '../planning/naming';
import type { AccountPlan, HubPlan, SpokePlan } from '../planning/plan';
import type { ZoneHandle } from './hub-zones';
import { resource } from './resource';

export interface ProfileHandles {
  profileId: string;
  /** Undefined without a RAM sharing model (only same-account spokes can use the profile). */
  shareArn?: string;
}

/** Hub stack: the profile, one resource association per zone, the RAM share and its organization or OU principals. */
export function hubProfile(scope: Construct, hub: HubPlan, zones: Map<string, ZoneHandle>, provider: AwsProvider, project: string): ProfileHandles {
  const profile = hub.profile;
  if (!profile) throw new Error(`hub ${hub.name} is not in route53-profile mode (planning bug)`);
  const p = resource(Route53ProfilesProfile, scope, ids.hubProfile(hub.name), { provider, name: awsNames.profile(project, hub.name), tags: { Name: awsNames.profile(project, hub.name) } });
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
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html
  const ram = resource(RamResourceShare, scope, ids.hubProfileShare(hub.name), {
    provider,
    name: awsNames.profileShare(project, hub.name),
    // From the config, never from the spokes: adding an account outside the organization must not change the hub stack.
    allowExternalPrincipals: share.allowExternalPrincipals,
    tags: { Name: awsNames.profileShare(project, hub.name) },
  });
  resource(RamResourceAssociation, scope, ids.hubProfileShare(hub.name), { provider, resourceArn: p.arn, resourceShareArn: ram.arn });
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html: an organization or OU ARN is one principal.
  for (const principal of share.sharedPrincipals) {
    resource(RamPrincipalAssociation, scope, ids.hubProfilePrincipal(hub.name, principalKey(principal)), { provider, principal, resourceShareArn: ram.arn });
  }
  return { profileId: p.id, shareArn: ram.arn };
}

/** `organization`, or the OU id of an OU ARN (`ou-ab12-cd34ef56`): address-safe and stable. */
function principalKey(arn: string): string {
  const ou = /\/(ou-[a-z0-9-]+)$/.exec(arn)?.[1];
  return ou ?? 'organization';
}

/**
 * Spokes stack, once per (account, hub) when the account is its own principal: the hub half
 * associates the account with the share; where RAM sends an invitation, the spoke half accepts it.
 * Returns what the profile associations must wait for.
 */
export function profileSharePair(scope: Construct, hub: HubPlan, account: AccountPlan, shareArn: string, invitation: boolean, hubProvider: AwsProvider, spokeProvider: AwsProvider): TerraformResource {
  const principal = resource(RamPrincipalAssociation, scope, ids.hubProfilePrincipal(hub.name, account.key), { provider: hubProvider, principal: account.id, resourceShareArn: shareArn });
  if (!invitation) return principal;
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html
  return resource(RamResourceShareAccepter, scope, ids.profileShareAccepter(hub.name), { provider: spokeProvider, shareArn, dependsOn: [principal] });
}

/** Spoke half: one association of the spoke VPC with the hub's profile. */
export function profileAssociation(scope: Construct, hub: HubPlan, spoke: SpokePlan, profileId: string, provider: AwsProvider, project: string, after?: TerraformResource): void {
  // https://docs.aws.amazon.com/route53/latest/APIReference/API_route53profiles_AssociateProfile.html
  resource(Route53ProfilesAssociation, scope, ids.spokeProfileAssociation(spoke.name), {
    provider,
    name: awsNames.profileAssociation(project, spoke.name, hub.name),
    profileId,
    resourceId: spoke.vpcId,
    ...(after ? { dependsOn: [after] } : {}),
  });
}
