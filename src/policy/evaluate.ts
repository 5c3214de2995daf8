/**
 * A small evaluator of endpoint policies and identity policies, IAM's evaluation logic restricted to
 * one policy (or, for identity policies, the managed policies of one role, which IAM evaluates as one
 * set of statements): an explicit Deny wins, then any Allow, else the request is implicitly denied.
 * What it cannot evaluate with certainty (an element or operator outside what these policies use)
 * makes the decision "cannot-evaluate" naming the element: it never guesses.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 *
 * Identity policies (`{ kind: 'identity' }`) have no Principal element: the principal is the identity
 * they are attached to (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html:
 * "You cannot use the Principal element in an identity-based policy").
 *
 * Our templates and the tests check every decision against @cloud-copilot/iam-simulate (test-only:
 * it is AGPL-3.0 and must never be imported from src/).
 */
import { evaluateConditions } from './conditions';
import { asList, statementLabel, statementsOf, type PolicyDocument, type PolicyRequest, type PolicyStatement, type RequestPrincipal } from './document';
import { wildcardMatch } from './wildcard';

/** Why an Allow statement did not match; used to name the statement responsible for a denial. */
export interface NearMiss {
  statement: string;
  failed: string;
}

export type Decision =
  | { decision: 'allow'; statement: string }
  | { decision: 'deny'; explicit: true; statement: string }
  | { decision: 'deny'; explicit: false; nearMisses: NearMiss[] }
  | { decision: 'cannot-evaluate'; statement: string; element: string };

type StatementOutcome = { applies: true } | { applies: false; failed: string; principalMatched: boolean } | { cannot: string };

/** Which kind of policy a document is: an endpoint (resource-style) policy, or an identity policy. */
export interface EvaluationOptions {
  kind: 'endpoint' | 'identity';
}

export function evaluatePolicy(doc: PolicyDocument, request: PolicyRequest, options: EvaluationOptions = { kind: 'endpoint' }): Decision {
  const statements = statementsOf(doc);
  const outcomes = statements.map((st, i) => ({
    st,
    label: statementLabel(st, i),
    outcome: evaluateStatement(st, request, options),
  }));
  const denies = outcomes.filter((o) => o.st.Effect === 'Deny');
  const allows = outcomes.filter((o) => o.st.Effect === 'Allow');
  const unknownEffect = outcomes.find((o) => o.st.Effect !== 'Allow' && o.st.Effect !== 'Deny');
  if (unknownEffect)
    return {
      decision: 'cannot-evaluate',
      statement: unknownEffect.label,
      element: `Effect ${String(unknownEffect.st.Effect)}`,
    };

  const deny = denies.find((o) => 'applies' in o.outcome && o.outcome.applies);
  if (deny) return { decision: 'deny', explicit: true, statement: deny.label };
  // An undecidable Deny could still deny: only a certain answer is given.
  const unsureDeny = denies.find((o) => 'cannot' in o.outcome);
  if (unsureDeny && 'cannot' in unsureDeny.outcome)
    return {
      decision: 'cannot-evaluate',
      statement: unsureDeny.label,
      element: unsureDeny.outcome.cannot,
    };
  const allow = allows.find((o) => 'applies' in o.outcome && o.outcome.applies);
  if (allow) return { decision: 'allow', statement: allow.label };
  const unsureAllow = allows.find((o) => 'cannot' in o.outcome);
  if (unsureAllow && 'cannot' in unsureAllow.outcome)
    return {
      decision: 'cannot-evaluate',
      statement: unsureAllow.label,
      element: unsureAllow.outcome.cannot,
    };
  // Implicit deny: the Allow statements that named this principal but failed on something else are
  // the ones a reader has to change.
  const nearMisses = allows.flatMap((o) => ('failed' in o.outcome && o.outcome.principalMatched ? [{ statement: o.label, failed: o.outcome.failed }] : []));
  return { decision: 'deny', explicit: false, nearMisses };
}

/** The managed policies of one role, evaluated together (each statement keeps its Sid for findings). */
export function evaluateIdentityPolicies(docs: readonly PolicyDocument[], request: PolicyRequest): Decision {
  return evaluatePolicy({ Version: '2012-10-17', Statement: docs.flatMap(statementsOf) }, request, { kind: 'identity' });
}

function evaluateStatement(st: PolicyStatement, request: PolicyRequest, options: EvaluationOptions): StatementOutcome {
  const principal = options.kind === 'identity' ? identityPrincipal(st) : principalApplies(st, request.principal);
  if (typeof principal === 'object') return principal;
  const action = listApplies(st, 'Action', 'NotAction', (p) => wildcardMatch(p, request.action, true));
  if (typeof action === 'object') return action;
  const resource = listApplies(st, 'Resource', 'NotResource', (p) => wildcardMatch(p, request.resource));
  if (typeof resource === 'object') return resource;
  if (!principal)
    return {
      applies: false,
      failed: st.NotPrincipal !== undefined ? 'NotPrincipal' : 'Principal',
      principalMatched: false,
    };
  if (!action)
    return {
      applies: false,
      failed: st.Action !== undefined ? `Action (${request.action})` : `NotAction (${request.action})`,
      principalMatched: true,
    };
  if (!resource)
    return {
      applies: false,
      failed: st.Resource !== undefined ? `Resource (${request.resource})` : `NotResource (${request.resource})`,
      principalMatched: true,
    };
  const condition = evaluateConditions(st.Condition, request.context);
  if ('cannot' in condition) return condition;
  return condition.matches
    ? { applies: true }
    : {
        applies: false,
        failed: condition.failed ?? 'Condition',
        principalMatched: true,
      };
}

/** An identity policy's statement names no principal: it applies to the identity it is attached to. */
function identityPrincipal(st: PolicyStatement): boolean | { cannot: string } {
  if (st.Principal !== undefined || st.NotPrincipal !== undefined) return { cannot: 'Principal/NotPrincipal: an identity policy cannot name a principal' };
  return true;
}

/** Action/NotAction and Resource/NotResource: exactly one of the pair must be present. */
function listApplies(st: PolicyStatement, positive: 'Action' | 'Resource', negative: 'NotAction' | 'NotResource', matches: (pattern: string) => boolean): boolean | { cannot: string } {
  const pos = st[positive];
  const neg = st[negative];
  if ((pos === undefined) === (neg === undefined))
    return {
      cannot: `${positive}/${negative}: a statement needs exactly one of them`,
    };
  const patterns = asList(pos ?? neg);
  if (patterns.some((p) => typeof p !== 'string')) return { cannot: `${positive}: values must be strings` };
  const any = patterns.some(matches);
  return pos !== undefined ? any : !any;
}

function principalApplies(st: PolicyStatement, principal: RequestPrincipal): boolean | { cannot: string } {
  const pos = st.Principal;
  const neg = st.NotPrincipal;
  if ((pos === undefined) === (neg === undefined))
    return {
      cannot: 'Principal/NotPrincipal: a statement needs exactly one of them',
    };
  const element = pos !== undefined ? 'Principal' : 'NotPrincipal';
  const matched = principalMatches(element, (pos ?? neg) as NonNullable<PolicyStatement['Principal']>, principal);
  if (typeof matched === 'object') return matched;
  return pos !== undefined ? matched : !matched;
}

/**
 * `"*"` and `{"AWS": "*"}` are every principal, anonymous included (IAM documents them as equivalent);
 * an account id or `:root` ARN is every principal of that account; a role ARN also matches the role's
 * sessions; `{"Service": ...}` is an AWS service principal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
function principalMatches(element: string, value: NonNullable<PolicyStatement['Principal']>, principal: RequestPrincipal): boolean | { cannot: string } {
  if (value === '*') return true;
  if (typeof value !== 'object' || value === null)
    return {
      cannot: `${element}: ${JSON.stringify(value)} is not "*" or an object`,
    };
  let matched = false;
  for (const [kind, raw] of Object.entries(value)) {
    const values = asList(raw);
    if (kind === 'AWS') {
      for (const v of values) {
        if (v === '*') {
          matched = true;
          continue;
        }
        if (v.includes('*') || v.includes('?'))
          return {
            cannot: `${element} AWS ${v}: wildcards inside a principal are not allowed`,
          };
        if (principal.type === 'aws' && awsPrincipalMatches(v, principal.arn)) matched = true;
      }
    } else if (kind === 'Service') {
      for (const v of values) {
        if (v.includes('*'))
          return {
            cannot: `${element} Service ${v}: wildcards inside a principal are not allowed`,
          };
        if (principal.type === 'service' && principal.service.toLowerCase() === v.toLowerCase()) matched = true;
      }
    } else {
      return {
        cannot: `${element} ${kind}: only "*", AWS and Service principals are evaluated`,
      };
    }
  }
  return matched;
}

const ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

function awsPrincipalMatches(policyValue: string, arn: string): boolean {
  const caller = ARN.exec(arn);
  if (!caller) return policyValue === arn;
  const [, partition, , account, rest] = caller;
  if (policyValue === account || policyValue === `arn:${partition}:iam::${account}:root`) return true;
  if (policyValue === arn) return true;
  // A role session (sts assumed-role/<role>/<session>) is matched by the role's ARN; roles may have a
  // path, which the session ARN does not carry, so compare the role name.
  const session = /^assumed-role\/([^/]+)\/[^/]+$/.exec(rest);
  const role = ARN.exec(policyValue);
  return session !== null && role !== null && role[3] === account && role[2] === 'iam' && role[4].startsWith('role/') && role[4].split('/').pop() === session[1];
}
