/**
 * The IAM policy grammar, checked offline the way IAM Access Analyzer's ValidatePolicy reports
 * errors before AWS sees a document: each problem names the statement (by Sid, else by position from
 * 1), the element that is missing or wrong, and the fix. Codes follow Access Analyzer's checks
 * (in brackets below). Pure: no I/O; used by `validate` on custom endpoint policies and by `check`
 * (VH-VPCE-003) on every synthesized one.
 *
 * - grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * - checks: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * - operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - Sid: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html ("must be unique")
 * - variables: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * - endpoint policies "must contain a Principal element":
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 *
 * Not checked: whether an action, condition key or ARN exists (Access Analyzer looks them up in
 * AWS's service reference, which is not available offline), the format of Date, Numeric and IP
 * condition values, and Sid characters (IAM's identity policies allow only A-Z, a-z, 0-9; resource
 * policies such as S3's allow more, and AWS states no rule for endpoint policies).
 */

export type GrammarCode =
  | 'PolicyInvalid'
  | 'PolicyVersionInvalid'
  | 'PolicyVariablesWithoutVersion'
  | 'PolicyElementUnknown'
  | 'PolicyElementMissing'
  | 'PolicyNoPrincipal'
  | 'PolicyElementConflict'
  | 'PolicyElementType'
  | 'PolicyEffectInvalid'
  | 'PolicyPrincipalInvalid'
  | 'PolicyActionInvalid'
  | 'PolicyResourceInvalid'
  | 'PolicyConditionOperator'
  | 'PolicyConditionKey'
  | 'PolicyConditionValue'
  | 'PolicyDuplicateKey'
  | 'PolicySidDuplicate';

export interface GrammarProblem {
  code: GrammarCode;
  severity: 'error' | 'warning';
  /** Starts with where: `statement AllowOrg: ...`, or `Version ...` for the document's own elements. */
  message: string;
  fix: string;
}

export interface GrammarOptions {
  /** Endpoint policies and other resource policies need a Principal; identity policies must not have one. */
  principal: 'required' | 'forbidden';
}

/** INVALID_VERSION: the two versions IAM knows; 2012-10-17 is the current one. */
export const POLICY_VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17'];

const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/**
 * Condition operators (IAM's full list); each but Null takes an `IfExists` suffix, and each may carry
 * a `ForAllValues:` or `ForAnyValue:` set qualifier.
 */
export const CONDITION_OPERATORS: readonly string[] = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike',
  'Null',
];

/**
 * An AWS principal: an account id, or the ARN of an account root, IAM user or role, or an STS session.
 * Wildcards are not allowed inside them (Access Analyzer: "Unsupported wildcard in principal").
 */
export const AWS_PRINCIPAL = /^(\d{12}|arn:aws(-[a-z]+)*:(iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)|sts::\d{12}:(assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)))$/;

/** `service:Action`, wildcards in the action part only (INVALID_ACTION, "Invalid service in action"). */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9_*?-]+$/;
/** `arn:partition:service:region:account:resource`, any part but the first wildcarded (INVALID_ARN_PREFIX, MISSING_ARN_FIELD). */
const RESOURCE = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/s;
/** `prefix:name` (INVALID_CONDITION_KEY_FORMAT); tag keys after the prefix may hold spaces. */
const CONDITION_KEY = /^[A-Za-z0-9-]+:.+$/s;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : isObject(v) ? 'an object' : `a ${typeof v}`);

const sidOf = (st: Json): string | undefined => (isObject(st) && typeof st.Sid === 'string' && st.Sid !== '' ? st.Sid : undefined);

/**
 * How a statement is named: its Sid, else its position counted from 1 (as document.ts's
 * statementLabel); both when another statement has the same Sid.
 */
export function statementName(st: Json, index: number, sharedSids: ReadonlySet<string> = new Set()): string {
  const sid = sidOf(st);
  if (sid === undefined) return `statement ${index + 1}`;
  return sharedSids.has(sid) ? `statement ${index + 1} (Sid ${sid})` : `statement ${sid}`;
}

/** The element name IAM spells, when `key` differs only in case (`effect` -> `Effect`). */
function spelled(key: string, known: readonly string[]): string | undefined {
  return known.find((k) => k.toLowerCase() === key.toLowerCase());
}

export function checkPolicyGrammar(doc: Json, options: GrammarOptions): GrammarProblem[] {
  const out: GrammarProblem[] = [];
  const error = (code: GrammarCode, message: string, fix: string) => out.push({ code, severity: 'error', message, fix });
  if (!isObject(doc)) {
    error('PolicyInvalid', `is ${typeName(doc)}, not a policy: a JSON object with a Statement list is expected`, 'start from {"Version": "2012-10-17", "Statement": [...]}');
    return out;
  }
  for (const key of Object.keys(doc)) {
    if (DOCUMENT_ELEMENTS.includes(key)) continue;
    const known = spelled(key, DOCUMENT_ELEMENTS);
    error('PolicyElementUnknown', `has the element "${key}", which is not part of a policy (Version, Id, Statement)`, known ? `write it "${known}": element names are case-sensitive` : 'remove it, or move it into a statement');
  }
  if (doc.Version !== undefined) {
    if (typeof doc.Version !== 'string') error('PolicyElementType', `Version is ${typeName(doc.Version)}, not a string`, 'write "Version": "2012-10-17"');
    else if (!POLICY_VERSIONS.includes(doc.Version)) error('PolicyVersionInvalid', `Version "${doc.Version}" is not a policy language version (${POLICY_VERSIONS.join(' or ')})`, 'write "Version": "2012-10-17" (it is the policy language\'s version, not a date of yours)');
  }
  if (doc.Id !== undefined && typeof doc.Id !== 'string') error('PolicyElementType', `Id is ${typeName(doc.Id)}, not a string`, 'write the Id as a string, or remove it');
  const statements = doc.Statement;
  if (statements === undefined || (Array.isArray(statements) && statements.length === 0)) {
    error('PolicyInvalid', statements === undefined ? 'has no Statement' : 'has an empty Statement list', 'start from {"Version": "2012-10-17", "Statement": [...]}');
    return out;
  }
  if (!Array.isArray(statements) && !isObject(statements)) {
    error('PolicyElementType', `Statement is ${typeName(statements)}, not a statement object or a list of them`, 'write "Statement": [{ "Effect": ..., "Principal": ..., "Action": ..., "Resource": ... }]');
    return out;
  }
  const list = Array.isArray(statements) ? statements : [statements];
  // UNIQUE_SIDS_REQUIRED: statements sharing a Sid are named by position too.
  const sids = new Map<string, number>();
  const shared = new Set<string>();
  list.forEach((st, i) => {
    const sid = sidOf(st);
    if (sid === undefined) return;
    const first = sids.get(sid);
    if (first === undefined) sids.set(sid, i);
    else {
      shared.add(sid);
      error('PolicySidDuplicate', `statements ${first + 1} and ${i + 1} share the Sid "${sid}"`, 'give each statement its own Sid (IAM requires them unique within a policy)');
    }
  });
  list.forEach((st, i) => {
    const name = statementName(st, i, shared);
    if (!isObject(st)) {
      error('PolicyInvalid', `${name} is ${typeName(st)}, not a JSON object`, 'write each statement as { "Effect": ..., "Principal": ..., "Action": ..., "Resource": ... }');
      return;
    }
    out.push(...checkStatement(st, name, options));
  });
  if (doc.Version !== '2012-10-17' && usesVariables(list)) {
    out.push({
      severity: 'warning',
      code: 'PolicyVariablesWithoutVersion',
      message: `uses policy variables (\${...}), but ${doc.Version === undefined ? 'has no Version' : `has Version ${String(doc.Version)}`}: IAM then reads them as literal text, not as the request's values`,
      fix: 'add "Version": "2012-10-17"',
    });
  }
  return out;
}

function checkStatement(st: Record<string, Json>, name: string, options: GrammarOptions): GrammarProblem[] {
  const out: GrammarProblem[] = [];
  const error = (code: GrammarCode, message: string, fix: string) => out.push({ code, severity: 'error', message: `${name} ${message}`, fix });
  for (const key of Object.keys(st)) {
    if (STATEMENT_ELEMENTS.includes(key)) continue;
    const known = spelled(key, STATEMENT_ELEMENTS);
    error('PolicyElementUnknown', `has the element "${key}", which is not a statement element`, known ? `write it "${known}": element names are case-sensitive` : `remove it; a statement holds ${STATEMENT_ELEMENTS.join(', ')}`);
  }
  if (st.Sid !== undefined && typeof st.Sid !== 'string') error('PolicyElementType', `has a Sid that is ${typeName(st.Sid)}, not a string`, 'write the Sid as a string of letters and digits');

  // Effect [MISSING_EFFECT, INVALID_EFFECT]
  if (st.Effect === undefined) error('PolicyElementMissing', 'has no Effect', 'add "Effect": "Allow" or "Effect": "Deny"');
  else if (typeof st.Effect !== 'string') error('PolicyElementType', `has an Effect that is ${typeName(st.Effect)}, not a string`, 'write "Effect": "Allow" or "Effect": "Deny"');
  else if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    const known = spelled(st.Effect, ['Allow', 'Deny']);
    error('PolicyEffectInvalid', `has Effect "${st.Effect}", which is neither Allow nor Deny`, known ? `write "${known}": the value is case-sensitive` : 'write "Effect": "Allow" or "Effect": "Deny"');
  }

  // Exactly one of each pair [MISSING_ACTION, MISSING_RESOURCE, MISSING_PRINCIPAL, UNSUPPORTED_ELEMENT_COMBINATION]
  const pair = (element: string): string | undefined => {
    const negated = `Not${element}`;
    const has = st[element] !== undefined;
    const hasNot = st[negated] !== undefined;
    if (has && hasNot) error('PolicyElementConflict', `has both ${element} and ${negated}`, `keep one of them: a statement takes ${element} or ${negated}, not both`);
    else if (!has && !hasNot) return undefined;
    return has ? element : negated;
  };
  const action = pair('Action');
  if (action === undefined) error('PolicyElementMissing', 'has neither Action nor NotAction', 'add "Action": "*" or a list like ["sqs:SendMessage"]');
  else stringList(st, action, name, out, (v) => (v === '*' || ACTION.test(v) ? undefined : { code: 'PolicyActionInvalid', why: 'is not "*" or service:Action', fix: 'write actions like "sqs:SendMessage" or "s3:Get*" (the service prefix without wildcards, a colon, the action)' }));

  const resource = pair('Resource');
  if (resource === undefined) error('PolicyElementMissing', 'has neither Resource nor NotResource', 'add "Resource": "*" or a list of ARNs');
  else stringList(st, resource, name, out, (v) => (v === '*' || RESOURCE.test(v) ? undefined : { code: 'PolicyResourceInvalid', why: 'is not "*" or an ARN (arn:partition:service:region:account:resource)', fix: 'write "*" or a full ARN, wildcards inside its parts, like "arn:aws:s3:::my-bucket/*"' }));

  const principal = pair('Principal');
  if (options.principal === 'required' && principal === undefined) {
    out.push({ code: 'PolicyNoPrincipal', severity: 'error', message: `${name} has no Principal; an endpoint policy statement must name one`, fix: 'add "Principal": "*" (and restrict with a Condition) or "Principal": {"AWS": [...]}' });
  } else if (options.principal === 'forbidden' && principal !== undefined) {
    error('PolicyElementUnknown', `has a ${principal}, which an identity policy cannot have`, `remove ${principal}: the policy applies to whoever it is attached to`);
  } else if (principal !== undefined) {
    checkPrincipal(st[principal], principal, name, out);
  }

  if (st.Condition !== undefined) checkCondition(st.Condition, name, out);
  return out;
}

type ValueProblem = { code: GrammarCode; why: string; fix: string } | undefined;

/** A string or a non-empty list of strings, each checked by `check` [DATA_TYPE_MISMATCH]. */
function stringList(st: Record<string, Json>, element: string, name: string, out: GrammarProblem[], check: (v: string) => ValueProblem): void {
  const value = st[element];
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    out.push({ code: 'PolicyElementMissing', severity: 'error', message: `${name} has an empty ${element} list, which matches nothing`, fix: `list at least one value in ${element}, or remove the statement` });
    return;
  }
  for (const v of values) {
    if (typeof v !== 'string') {
      out.push({ code: 'PolicyElementType', severity: 'error', message: `${name} has ${typeName(v)} in ${element}, where strings are expected`, fix: `write ${element} as a string or a list of strings` });
      continue;
    }
    const problem = check(v);
    if (problem) out.push({ code: problem.code, severity: 'error', message: `${name} has ${element} "${v}", which ${problem.why}`, fix: problem.fix });
  }
}

/** `"*"` or `{ "AWS" | "Service" | "Federated" | "CanonicalUser": string | string[] }` [INVALID_PRINCIPAL_KEY, INVALID_PRINCIPAL_FORMAT]. */
function checkPrincipal(value: Json, element: string, name: string, out: GrammarProblem[]): void {
  const error = (code: GrammarCode, message: string, fix: string) => out.push({ code, severity: 'error', message: `${name} ${message}`, fix });
  if (typeof value === 'string') {
    if (value !== '*') error('PolicyPrincipalInvalid', `has ${element} "${value}"; a ${element} string can only be "*"`, `write "${element}": {"AWS": ["${value}"]} for an account or IAM principal, or "*" for everyone`);
    return;
  }
  if (!isObject(value)) {
    error('PolicyElementType', `has a ${element} that is ${typeName(value)}`, `write "${element}": "*" or {"AWS": [...]}`);
    return;
  }
  if (Object.keys(value).length === 0) error('PolicyElementMissing', `has an empty ${element} object, which names no one`, `write "${element}": "*" or {"AWS": [...]}`);
  for (const [key, entry] of Object.entries(value)) {
    if (!PRINCIPAL_KEYS.includes(key)) {
      const known = spelled(key, PRINCIPAL_KEYS);
      error('PolicyPrincipalInvalid', `has ${element} key "${key}"; the keys are ${PRINCIPAL_KEYS.join(', ')}`, known ? `write "${known}": the keys are case-sensitive` : `use ${PRINCIPAL_KEYS.join(', ')}`);
      continue;
    }
    const entries = Array.isArray(entry) ? entry : [entry];
    if (entries.length === 0) error('PolicyElementMissing', `has an empty ${element} ${key} list`, `list at least one principal under ${key}`);
    for (const p of entries) {
      if (typeof p !== 'string') error('PolicyElementType', `has ${typeName(p)} in ${element} ${key}, where strings are expected`, `write ${key} as a string or a list of strings`);
      else if (key === 'AWS' && p !== '*' && !AWS_PRINCIPAL.test(p))
        error('PolicyPrincipalInvalid', `has ${element} AWS "${p}", which is neither "*", a 12-digit account id, nor the ARN of an account root, IAM user or role, or STS session (wildcards are not allowed inside one)`, 'write it like 111111111111 or arn:aws:iam::111111111111:role/app; match patterns with a Condition on aws:PrincipalArn instead');
    }
  }
}

/** `{ operator: { key: value | [values] } }` [INVALID_CONDITION_OPERATOR, NULL_WITH_IF_EXISTS, INVALID_CONDITION_KEY_FORMAT, DUPLICATE_KEYS_WITH_DIFFERENT_CASE]. */
function checkCondition(condition: Json, name: string, out: GrammarProblem[]): void {
  const error = (code: GrammarCode, message: string, fix: string) => out.push({ code, severity: 'error', message: `${name} ${message}`, fix });
  if (!isObject(condition)) {
    error('PolicyElementType', `has a Condition that is ${typeName(condition)}`, 'write "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-..." } }');
    return;
  }
  for (const [operator, block] of Object.entries(condition)) {
    const problem = operatorProblem(operator);
    if (problem) error('PolicyConditionOperator', `has the condition operator "${operator}", ${problem.why}`, problem.fix);
    if (!isObject(block) || Object.keys(block).length === 0) {
      error('PolicyConditionValue', `has ${operator} with ${isObject(block) ? 'no condition keys' : typeName(block)}, where { "key": value } is expected`, `write "${operator}": { "aws:PrincipalOrgID": "o-..." }`);
      continue;
    }
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(block)) {
      if (!CONDITION_KEY.test(key)) error('PolicyConditionKey', `has the condition key "${key}" under ${operator}, which is not prefix:name`, 'write keys like aws:PrincipalOrgID or s3:prefix');
      const twin = seen.get(key.toLowerCase());
      if (twin !== undefined) error('PolicyDuplicateKey', `has the condition keys "${twin}" and "${key}" under ${operator}; condition keys are case-insensitive, so they are one key given twice`, `merge their values under one "${twin}"`);
      else seen.set(key.toLowerCase(), key);
      checkConditionValues(operator, key, value, name, out);
    }
  }
}

function operatorProblem(operator: string): { why: string; fix: string } | undefined {
  const m = /^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/.exec(operator) as RegExpExecArray;
  const base = m[2];
  if (CONDITION_OPERATORS.includes(base)) {
    if (base === 'Null' && m[3] !== undefined) return { why: 'but Null takes no IfExists (Null already tests whether the key exists)', fix: 'write "Null"' };
    return undefined;
  }
  const known = spelled(base, CONDITION_OPERATORS);
  const qualifier = /^([^:]+):/.exec(operator)?.[1];
  if (qualifier !== undefined && m[1] === undefined) {
    const q = spelled(qualifier, ['ForAllValues', 'ForAnyValue']);
    return { why: `whose set qualifier "${qualifier}" is neither ForAllValues nor ForAnyValue`, fix: q ? `write "${q}:": qualifiers are case-sensitive` : 'use ForAllValues: or ForAnyValue: before the operator' };
  }
  return { why: 'which IAM does not know', fix: known ? `write "${operator.replace(base, known)}": operators are case-sensitive` : `use an IAM operator like StringEquals, StringLike, ArnLike, Bool or Null (${CONDITION_OPERATORS.length} in all)` };
}

/** Values are strings, numbers or booleans, or a non-empty list of them; Bool and Null take true or false [DATA_TYPE_MISMATCH]. */
function checkConditionValues(operator: string, key: string, value: Json, name: string, out: GrammarProblem[]): void {
  const error = (message: string, fix: string) => out.push({ code: 'PolicyConditionValue', severity: 'error', message: `${name} ${message}`, fix });
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) {
    error(`has an empty list for ${key} under ${operator}, which no request matches`, 'give at least one value, or remove the key');
    return;
  }
  const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      error(`has ${typeName(v)} as a value of ${key} under ${operator}, where strings, numbers or booleans are expected`, 'write the value as a string (or a list of strings)');
    } else if ((base === 'Bool' || base === 'Null') && !/^(true|false)$/i.test(String(v))) {
      error(`has ${JSON.stringify(v)} for ${key} under ${operator}, which takes only true or false`, `write "${key}": "true" or "false"`);
    }
  }
}

/** Whether a Resource or Condition value holds a policy variable (`${aws:username}`). */
function usesVariables(statements: Json[]): boolean {
  const strings = (v: Json): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : isObject(v) ? Object.values(v).flatMap(strings) : []);
  return statements.some((st) => isObject(st) && [st.Resource, st.NotResource, st.Condition].flatMap(strings).some((s) => s.includes('${')));
}

/**
 * The document's JSON, or where its syntax breaks: V8 names the character position, which becomes
 * a line and column of the document [JSON_SYNTAX_ERROR names line and character too].
 */
export function parsePolicyJson(text: string): { doc: Json } | { line: number; column: number; reason: string } {
  try {
    return { doc: JSON.parse(text) as Json };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    const position = at ? Number(at[1]) : text.length;
    const before = text.slice(0, position).split('\n');
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^Unexpected end of JSON input$/, 'the document ends before its last { or [ is closed');
    return { line: before.length, column: before[before.length - 1].length + 1, reason: reason.charAt(0).toLowerCase() + reason.slice(1) };
  }
}
