/**
 * The Condition element: the operators endpoint policies use, evaluated the way IAM documents them.
 * Anything else (numeric, date, IP address, binary operators, policy variables, a multivalued key
 * under a single-valued operator) is "cannot evaluate", never guessed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { asList, type OneOrMany } from './document';
import { arnMatch, wildcardMatch } from './wildcard';

export type ConditionResult = { matches: boolean; failed?: string } | { cannot: string };

type Compare = (policyValue: string, requestValue: string) => boolean;

/** Positive operators; each has a negated twin that is true where the positive one is false for every value. */
const OPERATORS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  StringNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  // IAM documents ArnEquals and ArnLike as the same comparison (wildcards per ARN part).
  ArnEquals: { compare: arnMatch, negated: false },
  ArnLike: { compare: arnMatch, negated: false },
  ArnNotEquals: { compare: arnMatch, negated: true },
  ArnNotLike: { compare: arnMatch, negated: true },
  Bool: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: false,
  },
};

/** Every operator block and key must match (AND); the values of one key are alternatives (OR). */
export function evaluateConditions(condition: Record<string, Record<string, OneOrMany<string | boolean>>> | undefined, context: Record<string, string | string[]>): ConditionResult {
  if (condition === undefined) return { matches: true };
  const lookup = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, raw] of Object.entries(block)) {
      const values = asList(raw).map(String);
      const where = `Condition ${operator} ${key}`;
      if (values.some((v) => v.includes('${'))) return { cannot: `${where}: policy variables are not evaluated` };
      const result = evaluateOne(operator, values, lookup.get(key.toLowerCase()));
      if (result === undefined) return { cannot: `${where}: operator ${operator} is not evaluated` };
      if (result === 'multivalued')
        return {
          cannot: `${where}: ${key} has several values in the request; use ForAnyValue: or ForAllValues:`,
        };
      if (!result) return { matches: false, failed: where };
    }
  }
  return { matches: true };
}

function evaluateOne(operator: string, values: string[], requestValue: string | string[] | undefined): boolean | 'multivalued' | undefined {
  if (operator === 'Null') {
    if (values.length !== 1 || !/^(true|false)$/i.test(values[0])) return undefined;
    return (requestValue === undefined) === (values[0].toLowerCase() === 'true');
  }
  const qualifier = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  const base = qualifier ? qualifier[2] : operator;
  const ifExists = base.endsWith('IfExists');
  const op = OPERATORS[ifExists ? base.slice(0, -'IfExists'.length) : base];
  if (!op || (qualifier && ifExists)) return undefined;
  const hit = (r: string) => values.some((p) => op.compare(p, r));
  // One request value against the operator: a negated operator is true when no policy value matches.
  const test = (r: string) => (op.negated ? !hit(r) : hit(r));

  if (qualifier?.[1] === 'ForAllValues') {
    // True when every request value passes; vacuously true for a missing or empty key.
    return asList(requestValue).every(test);
  }
  if (qualifier?.[1] === 'ForAnyValue') {
    return asList(requestValue).some(test);
  }
  if (requestValue === undefined) return ifExists || op.negated;
  if (Array.isArray(requestValue)) {
    if (requestValue.length !== 1) return 'multivalued';
    return test(requestValue[0]);
  }
  return test(requestValue);
}
