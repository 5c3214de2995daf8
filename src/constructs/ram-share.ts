/**
 * One AWS RAM share of a hub resource (the Route 53 Profile, a created transit gateway), built the same
 * way for every resource (planning/ram-sharing.ts decides who is a principal and who accepts):
 * - hub stack: the share, its resource association and its organization or OU principals (shared);
 * - spokes stack, once per (account, hub, resource): the account's principal association (hub half, in
 *   the sharing account) and, where RAM sends an invitation, its acceptance (spoke half).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { ids, ramResourceKey } from '../planning/naming';
import type { AccountPlan, RamSharedResource, RamSharePlan } from '../planning/plan';
import { resource } from './resource';

/** Hub stack: the share of `resourceArn`, named `name`, and its shared principals. Returns the share ARN. */
export function ramShare(scope: Construct, hub: string, kind: RamSharedResource, resourceArn: string, share: RamSharePlan, name: string, tags: Record<string, string>, provider: AwsProvider): string {
  const key = ramResourceKey(kind);
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ram_resource_share
  const ram = resource(RamResourceShare, scope, ids.hubRamShare(hub, key), {
    provider,
    name,
    // From the config, never from the spokes: adding an account outside the organization must not change the hub stack.
    allowExternalPrincipals: share.allowExternalPrincipals,
    tags,
  });
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html (resourceArns)
  resource(RamResourceAssociation, scope, ids.hubRamShare(hub, key), { provider, resourceArn, resourceShareArn: ram.arn });
  // ... (principals): an organization or OU ARN is one principal.
  for (const principal of share.sharedPrincipals) {
    resource(RamPrincipalAssociation, scope, ids.hubRamPrincipal(hub, key, principalKey(principal)), { provider, principal, resourceShareArn: ram.arn });
  }
  return ram.arn;
}

/** `organization`, or the OU id of an OU ARN (`ou-ab12-cd34ef56`): address-safe and stable. */
function principalKey(arn: string): string {
  const ou = /\/(ou-[a-z0-9-]+)$/.exec(arn)?.[1];
  return ou ?? 'organization';
}

/**
 * Spokes stack, once per (account, hub, resource) when the account is its own principal: the hub half
 * associates the account with the share; where RAM sends an invitation, the spoke half accepts it.
 * Returns what the resource's users (profile associations, attachments) must wait for.
 */
export function ramSharePair(scope: Construct, hub: string, kind: RamSharedResource, account: AccountPlan, shareArn: string, invitation: boolean, hubProvider: AwsProvider, spokeProvider: AwsProvider): TerraformResource {
  const key = ramResourceKey(kind);
  const principal = resource(RamPrincipalAssociation, scope, ids.hubRamPrincipal(hub, key, account.key), { provider: hubProvider, principal: account.id, resourceShareArn: shareArn });
  if (!invitation) return principal;
  // https://docs.aws.amazon.com/ram/latest/APIReference/API_AcceptResourceShareInvitation.html
  return resource(RamResourceShareAccepter, scope, ids.ramShareAccepter(hub, key), { provider: spokeProvider, shareArn, dependsOn: [principal] });
}
