/**
 * The hub-side role's policy against IAM's size limits. The per-VPC accepter list grows by one ARN
 * (about 60 characters) per spoke of another account, so a large network outgrows one managed policy;
 * scoping the accepters per spoke account and region keeps it to one ARN per account.
 *
 * IAM's limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "IAM and
 * AWS STS character limits" and "IAM object quotas"; whitespace is not counted):
 * - a customer managed policy: 6,144 characters (not adjustable);
 * - all inline policies of one role together: 10,240 characters (not adjustable);
 * - managed policies attached to one role: 10 by default, at most 20 on request (why one document that
 *   fits is printed rather than several: each would take one of those slots, and a pipeline attaching
 *   `iam-policy --account` output expects one document).
 */
import { hubSidePolicy, type AccepterScoping, type PolicyDocument } from './hub-side-policy';
import type { NetworkPlan } from './plan';

export const IAM_POLICY_LIMITS = {
  managedPolicyCharacters: 6144,
  roleInlinePolicyCharacters: 10240,
} as const;

/** A count as AWS's documentation writes it (6,144). */
export const formatCount = (count: number): string => count.toLocaleString('en-US');

/** Characters IAM counts: everything but whitespace (JSON.stringify leaves none outside strings). */
export const iamPolicyCharacters = (doc: PolicyDocument): number => JSON.stringify(doc).replace(/\s/g, '').length;

export interface FittedHubSidePolicy {
  document: PolicyDocument;
  scoping: AccepterScoping;
  characters: number;
  /** Characters of the per-VPC form, which `account` scoping replaced because it did not fit. */
  perVpcCharacters: number;
  /** Which IAM limit the document fits: one managed policy, only the role's inline budget, or none. */
  fits: 'managed' | 'inline' | 'none';
}

/**
 * The tightest policy that fits one managed policy: per VPC when it fits, else per spoke account. When
 * even that does not fit, the per-account form (the shortest) with `fits` saying what remains
 * (validate warns: HubSidePolicyTooLarge).
 */
export function fittedHubSidePolicy(plan: NetworkPlan, accountKey: string): FittedHubSidePolicy {
  const perVpc = hubSidePolicy(plan, accountKey, 'vpc');
  const perVpcCharacters = iamPolicyCharacters(perVpc);
  const fitsOf = (n: number): FittedHubSidePolicy['fits'] => (n <= IAM_POLICY_LIMITS.managedPolicyCharacters ? 'managed' : n <= IAM_POLICY_LIMITS.roleInlinePolicyCharacters ? 'inline' : 'none');
  if (perVpcCharacters <= IAM_POLICY_LIMITS.managedPolicyCharacters) return { document: perVpc, scoping: 'vpc', characters: perVpcCharacters, perVpcCharacters, fits: 'managed' };
  const perAccount = hubSidePolicy(plan, accountKey, 'account');
  const characters = iamPolicyCharacters(perAccount);
  return { document: perAccount, scoping: 'account', characters, perVpcCharacters, fits: fitsOf(characters) };
}

/** One line on the scoping and size of a fitted policy, for stderr and the validate finding; undefined when nothing needs saying. */
export function hubSidePolicyNote(accountKey: string, p: FittedHubSidePolicy): string | undefined {
  const { managedPolicyCharacters: managed, roleInlinePolicyCharacters: inline } = IAM_POLICY_LIMITS;
  if (p.scoping === 'vpc') return undefined;
  const why = `the per-VPC list of peering accepters (${formatCount(p.perVpcCharacters)} characters) exceeds IAM's ${formatCount(managed)}-character managed policy limit, so ec2:AccepterVpc is scoped per spoke account and region (vpc/* of configured spoke accounts only)`;
  if (p.fits === 'managed') return `account ${accountKey}: ${why}; ${formatCount(p.characters)} characters`;
  if (p.fits === 'inline') return `account ${accountKey}: ${why}; still ${formatCount(p.characters)} characters, over the managed policy limit: attach it as the role's only inline policy (${formatCount(inline)} characters per role in total)`;
  return `account ${accountKey}: ${why}; still ${formatCount(p.characters)} characters, over both the managed (${formatCount(managed)}) and the role's inline (${formatCount(inline)}) limit: move spokes of some accounts to a hub in another account`;
}
