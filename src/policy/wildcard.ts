/**
 * IAM's two wildcard characters: `*` any run of characters (also none), `?` exactly one. Used for
 * Action (case-insensitive), Resource and the *Like condition operators (case-sensitive).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  // Iterative glob with backtracking to the last `*`: linear in practice, no regex built from input.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * ArnLike / ArnEquals: the six colon-separated parts are matched one by one, so a `*` never spans a
 * colon of the first five (the last part, the resource, may itself contain colons).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnMatch(pattern: string, value: string): boolean {
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (!p || !v) return false;
  return p.every((part, i) => wildcardMatch(part, v[i]));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
