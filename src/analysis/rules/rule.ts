/**
 * The shape of a `vpce-hub check` rule (after cdk-nag): a stable id, a severity, a one-line summary,
 * an explanation of why it matters, and a pure check over the synthesized tree.
 */
import type { Severity } from '../../config/findings';
import type { ConfigFacts } from '../config-facts';
import type { SynthTree } from '../tree';

export interface RuleFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly stack: string;
  /** `type.name` of the resource, `provider.aws.<alias>`, or `terraform.backend.<kind>`. */
  readonly resource: string;
  readonly message: string;
}

export interface RuleInfo {
  /** `VH-<AREA>-<NNN>`; never reused for another meaning (suppressions name it). */
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly explanation: string;
}

export interface Rule extends RuleInfo {
  /** Pure: reads the tree (and the config's facts when given), returns what violates the rule. */
  readonly check: (tree: SynthTree, facts?: ConfigFacts) => RuleFinding[];
}

/** What a rule body reports; the rule adds its id and severity. */
export interface Violation {
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
}

export function defineRule(info: RuleInfo, body: (tree: SynthTree, facts?: ConfigFacts) => Violation[]): Rule {
  return {
    ...info,
    check: (tree, facts) => body(tree, facts).map((v) => ({ rule: info.id, severity: info.severity, ...v })),
  };
}
