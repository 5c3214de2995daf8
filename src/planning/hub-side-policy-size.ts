/**
 * The hub-side role's policy against IAM's size limits. The per-VPC lists (peering accepters, Route 53
 * authorizations) grow by one entry per spoke of another account, so a large network outgrows one
 * managed policy: the statements are then spread over several managed policies, each within the limit,
 * all attached to the role. Only when even that would need more managed policies than a role takes by
 * default are the lists scoped per spoke account and region instead (fewer, wider entries).
 *
 * IAM's limits (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "IAM and
 * AWS STS character limits" and "IAM object quotas"; whitespace is not counted):
 * - a customer managed policy: 6,144 characters (not adjustable);
 * - managed policies attached to one role: 10 by default, at most 20 after a quota increase.
 */
import { hubSidePolicy, type AccepterScoping, type ConditionBlock, type PolicyDocument, type PolicyStatement } from './hub-side-policy';
import type { NetworkPlan } from './plan';

export const IAM_POLICY_LIMITS = {
  managedPolicyCharacters: 6144,
  managedPoliciesPerRole: 10,
  managedPoliciesPerRoleMax: 20,
} as const;

/** A count as AWS's documentation writes it (6,144). */
export const formatCount = (count: number): string => count.toLocaleString('en-US');

/** Characters IAM counts: everything but whitespace (JSON.stringify leaves none outside strings). */
export const iamPolicyCharacters = (doc: PolicyDocument): number => JSON.stringify(doc).replace(/\s/g, '').length;

export interface FittedHubSidePolicy {
  /** The managed policies to attach, each within IAM's character limit; together the role's whole policy. */
  documents: PolicyDocument[];
  scoping: AccepterScoping;
  /** Characters of each document. */
  characters: number[];
  /** How many managed policies the per-VPC form needs (the per-account form replaced it when over the default quota). */
  perVpcDocuments: number;
  /** Whether the documents fit a role's default quota of managed policies, only a raised one, or none. */
  fits: 'default-quota' | 'raised-quota' | 'none';
}

/**
 * The tightest policy that fits a role's default quota: per VPC when its managed policies are at most
 * 10, else per spoke account (validate warns when even that needs more: HubSidePolicyTooLarge).
 */
export interface PolicyLimits {
  characters: number;
  perRole: number;
  perRoleMax: number;
}

export const DEFAULT_POLICY_LIMITS: PolicyLimits = { characters: IAM_POLICY_LIMITS.managedPolicyCharacters, perRole: IAM_POLICY_LIMITS.managedPoliciesPerRole, perRoleMax: IAM_POLICY_LIMITS.managedPoliciesPerRoleMax };

export function fittedHubSidePolicy(plan: NetworkPlan, accountKey: string, limits: PolicyLimits = DEFAULT_POLICY_LIMITS): FittedHubSidePolicy {
  const fitted = (scoping: AccepterScoping, perVpcDocuments: number): FittedHubSidePolicy => {
    const documents = splitPolicy(hubSidePolicy(plan, accountKey, scoping), limits.characters);
    const fits = documents.length <= limits.perRole ? 'default-quota' : documents.length <= limits.perRoleMax ? 'raised-quota' : 'none';
    return { documents, scoping, characters: documents.map(iamPolicyCharacters), perVpcDocuments: perVpcDocuments || documents.length, fits };
  };
  const perVpc = fitted('vpc', 0);
  if (perVpc.fits === 'default-quota') return perVpc;
  return fitted('account', perVpc.documents.length);
}

const ENVELOPE = iamPolicyCharacters({ Version: '2012-10-17', Statement: [] });
const statementCharacters = (s: PolicyStatement): number => JSON.stringify(s).replace(/\s/g, '').length;

/**
 * The statements spread over documents of at most `limit` characters, each into the first with room.
 * A statement that alone is over the limit is cut along its longest list of alternatives (a condition
 * key's values under a positive operator, which IAM ORs, or its resources): each part keeps every other
 * condition, so the parts together allow exactly what the statement did.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
export function splitPolicy(doc: PolicyDocument, limit: number): PolicyDocument[] {
  const room = limit - ENVELOPE;
  const parts = doc.Statement.flatMap((s) => cut(s, room));
  // First fit, in statement order: each statement goes into the first document with room for it.
  const docs: PolicyStatement[][] = [];
  const sizes: number[] = [];
  for (const s of parts) {
    const n = statementCharacters(s);
    const i = sizes.findIndex((size) => size + 1 + n <= room);
    if (i >= 0) {
      docs[i].push(s);
      sizes[i] += 1 + n;
    } else {
      docs.push([s]);
      sizes.push(n);
    }
  }
  return docs.map((Statement) => ({ Version: '2012-10-17', Statement }));
}

/** Operators whose values IAM ORs for a single-valued key: a statement may be cut along them. */
const OR_OPERATORS = new Set(['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike', 'StringEqualsIfExists', 'ArnEqualsIfExists', 'ArnLikeIfExists', 'StringLikeIfExists']);

function cut(s: PolicyStatement, room: number): PolicyStatement[] {
  if (statementCharacters(s) <= room) return [s];
  // The longest list of alternatives: a condition key's values, or the resources.
  let best: { values: string[]; rebuild: (values: string[]) => PolicyStatement } | undefined;
  const consider = (values: string[], rebuild: (values: string[]) => PolicyStatement) => {
    if (values.length > 1 && (!best || JSON.stringify(values).length > JSON.stringify(best.values).length)) best = { values, rebuild };
  };
  consider(s.Resource, (values) => ({ ...s, Resource: values }));
  for (const [op, keys] of Object.entries(s.Condition ?? {})) {
    if (!OR_OPERATORS.has(op)) continue;
    for (const [key, value] of Object.entries(keys)) {
      if (!Array.isArray(value)) continue;
      consider(value, (values) => ({ ...s, Condition: { ...(s.Condition as ConditionBlock), [op]: { ...keys, [key]: values.length === 1 ? values[0] : values } } }));
    }
  }
  if (!best) throw new Error(`statement ${s.Sid} is over ${formatCount(room)} characters and has no list to cut (planning bug)`);
  const { values, rebuild } = best;
  const out: PolicyStatement[] = [];
  let chunk: string[] = [];
  const named = (st: PolicyStatement, i: number): PolicyStatement => ({ ...st, Sid: i === 0 ? st.Sid : `${st.Sid}Part${i + 1}` });
  for (const v of values) {
    const next = [...chunk, v];
    if (chunk.length > 0 && statementCharacters(named(rebuild(next), out.length)) > room) {
      out.push(named(rebuild(chunk), out.length));
      chunk = [v];
    } else chunk = next;
  }
  out.push(named(rebuild(chunk), out.length));
  // A part can still be over (another list is long too): cut it again.
  return out.flatMap((p) => cut(p, room));
}

/** One line on the split and scoping of a fitted policy, for stderr and validate; undefined when nothing needs saying. */
export function hubSidePolicyNote(accountKey: string, p: FittedHubSidePolicy): string | undefined {
  const { managedPolicyCharacters: limit, managedPoliciesPerRole: perRole, managedPoliciesPerRoleMax: perRoleMax } = IAM_POLICY_LIMITS;
  const n = p.documents.length;
  if (n === 1) return undefined;
  const split = `the policy needs ${n} managed policies (IAM holds at most ${formatCount(limit)} characters in one): attach all ${n} to the role (iam-policy --account ${accountKey} --part 1 to ${n})`;
  const scoped = p.scoping === 'account' ? `; per VPC it would need ${p.perVpcDocuments}, more than the ${perRole} a role takes by default, so peering accepters are scoped per spoke account and Route 53 authorizations per region` : '';
  const quota = p.fits === 'raised-quota' ? `; more than ${perRole}: raise the role's quota of managed policies (at most ${perRoleMax})` : p.fits === 'none' ? `; more than ${perRoleMax}, the most a role can take: move spokes of some accounts to a hub in another account` : '';
  return `account ${accountKey}: ${split}${scoped}${quota}`;
}
