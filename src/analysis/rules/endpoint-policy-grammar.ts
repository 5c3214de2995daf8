/**
 * VH-VPCE-003: every endpoint policy in the synthesized JSON is one AWS accepts: JSON, within the
 * IAM policy grammar with a Principal in each statement (src/policy/grammar.ts, the check `validate`
 * runs on custom documents), and within 20,480 characters. `validate` checks the documents vpce-hub
 * generates from the config; this covers hand edits and future templates.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html ("must contain a
 * Principal element", "cannot exceed 20,480 characters, including white space")
 */
import { ENDPOINT_POLICY_MAX_CHARACTERS } from '../../planning/quotas';
import { checkPolicyGrammar, parsePolicyJson } from '../../policy/grammar';
import { parseExpression } from '../expression';
import { str } from '../json-value';
import { resourcesOfType } from '../tree';
import { defineRule, type Violation } from './rule';

/** A single HCL quoted string inside `${...}` with no interpolation of its own (constructs/terraform-literal.ts). */
const QUOTED = /^\$\{"((?:[^"\\$%]|\\.|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*)"\}$/s;
const HCL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The text Terraform makes of an attribute: plain text with its `$${` escapes read, or the quoted
 * string of `${"..."}`; undefined for anything computed.
 */
function literalText(written: string): string | undefined {
  const quoted = QUOTED.exec(written);
  if (quoted) return quoted[1].replace(/\\(.)/gs, (_, c: string) => HCL_ESCAPES[c] ?? c).replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
  const e = parseExpression(written);
  return e.kind === 'literal' ? e.value : undefined;
}

export const endpointPolicyGrammar = defineRule(
  {
    id: 'VH-VPCE-003',
    severity: 'error',
    summary: 'Every endpoint policy is JSON in the IAM policy grammar, names a Principal and fits 20,480 characters',
    explanation:
      'CreateVpcEndpoint and ModifyVpcEndpoint reject a policy that is not an IAM policy, lacks a Principal or is over 20,480 characters ' +
      '(white space included), and Terraform plans it without complaint: the apply fails. The grammar is the one IAM Access Analyzer checks.',
  },
  (tree) => {
    const out: Violation[] = [];
    for (const e of resourcesOfType(tree, 'aws_vpc_endpoint')) {
      const written = str(e.body, 'policy');
      // Absent: AWS's default policy. An expression (jsonencode, a reference) is known only at apply.
      const policy = written === undefined ? undefined : literalText(written);
      if (policy === undefined) continue;
      const violation = (message: string) => out.push({ stack: e.stack, resource: e.address, message: `policy: ${message}` });
      if (policy.length > ENDPOINT_POLICY_MAX_CHARACTERS) violation(`is ${policy.length} characters, over the limit of ${ENDPOINT_POLICY_MAX_CHARACTERS}`);
      const parsed = parsePolicyJson(policy);
      if (!('doc' in parsed)) {
        violation(`is not valid JSON (line ${parsed.line}, column ${parsed.column}: ${parsed.reason})`);
        continue;
      }
      for (const p of checkPolicyGrammar(parsed.doc, { principal: 'required' })) if (p.severity === 'error') violation(`${p.code}: ${p.message}`);
    }
    return out;
  },
);
