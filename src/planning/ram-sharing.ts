/**
 * The RAM sharing model (issue 8 section 2), designed once for every hub resource shared through AWS
 * RAM: the Route 53 Profile today, the transit gateway next. Pure: config in, plan records out.
 *
 * What RAM does (AWS RAM user guide):
 * - Organization and OU principals can be used only after `EnableSharingWithAwsOrganization` ran in the
 *   management account; accounts of the organization then get access without an invitation
 *   (https://docs.aws.amazon.com/ram/latest/APIReference/API_EnableSharingWithAwsOrganization.html,
 *   https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs).
 * - An account named individually gets an invitation when it is outside the organization, or when
 *   sharing with AWS Organizations is not enabled; it must accept before it sees the resource
 *   (https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html). Inside an
 *   organization with sharing enabled there is no invitation, and an `aws_ram_resource_share_accepter`
 *   fails ("No RAM Resource Share ... invitation found": hashicorp/terraform issue 32068,
 *   terraform-provider-aws issue 11785). So an accepter is emitted exactly where an invitation exists.
 * - Accounts outside the organization can be principals only when the share allows external principals
 *   (`allowExternalPrincipals`, https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html).
 */
import type { AccountConfig, RamSharingConfig, VpceHubConfig } from '../config/schema';
import type { HubPlan, RamAccess, RamJoinPlan, RamSharedResource, RamSharePlan } from './plan';

export function planRamShare(config: VpceHubConfig): RamSharePlan | undefined {
  const sharing = config.ramSharing;
  if (!sharing) return undefined;
  const sharedPrincipals =
    sharing.shareWith === 'organization' ? (config.organizationArn ? [config.organizationArn] : []) : sharing.shareWith === 'organizational-units' ? [...(sharing.organizationalUnits ?? [])].sort() : [];
  return { shareWith: sharing.shareWith, sharedPrincipals, allowExternalPrincipals: sharing.allowExternalPrincipals };
}

/** How an account reaches a share made under `sharing`. */
export function ramAccessOf(sharing: RamSharingConfig, account: AccountConfig): RamAccess {
  const byOrganization = sharing.shareWith === 'organization' || sharing.shareWith === 'organizational-units';
  if (byOrganization && !account.outsideOrganization) return { kind: 'shared-principal' };
  return { kind: 'account', invitation: account.outsideOrganization || sharing.organizationSharing !== 'enabled' };
}

/** The share of each hub resource that has one: the Route 53 Profile, a created transit gateway. */
export function ramSharesOf(hub: HubPlan): Array<{ resource: RamSharedResource; share: RamSharePlan }> {
  const out: Array<{ resource: RamSharedResource; share: RamSharePlan }> = [];
  if (hub.profile?.share) out.push({ resource: 'profile', share: hub.profile.share });
  if (hub.transitGateway?.share) out.push({ resource: 'transit-gateway', share: hub.transitGateway.share });
  return out;
}

/**
 * The shares an account joins as its own principal, given the hubs its cross-account spokes use: once
 * per (hub, resource), with an acceptance exactly where RAM sends an invitation. The same rule for every
 * shared resource, so the profile and the transit gateway can never disagree on who accepts what.
 */
export function planRamJoins(sharing: RamSharingConfig, account: AccountConfig, hubs: HubPlan[]): RamJoinPlan[] {
  const reach = ramAccessOf(sharing, account);
  if (reach.kind !== 'account') return [];
  const joins = new Map<string, RamJoinPlan>();
  for (const hub of hubs) {
    for (const { resource } of ramSharesOf(hub)) joins.set(`${hub.name}\u0000${resource}`, { hub: hub.name, resource, invitation: reach.invitation });
  }
  return [...joins.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
