/**
 * Runs the rule pack over a synthesized tree, applies the config's suppressions (each with its written
 * reason, after cdk-nag), and renders the result as a table. Pure: the CLI does the reading and printing.
 */
import type { ConfigFacts } from './config-facts';
import { RULES, type Rule, type RuleFinding } from './rules';
import type { SynthTree } from './tree';

export interface Suppression {
  readonly rule: string;
  /** `stack/type.name` or `type.name` (any stack); absent = every finding of the rule. */
  readonly resource?: string;
  readonly reason: string;
}

export interface SuppressedFinding extends RuleFinding {
  readonly reason: string;
}

export interface CheckResult {
  readonly stacks: readonly string[];
  readonly rulesRun: number;
  /** Unsuppressed findings, in rule order, then stack and resource. */
  readonly findings: readonly RuleFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Suppressions that did nothing: unknown rule, no reason, or no matching finding. */
  readonly notes: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}

export interface CheckOptions {
  readonly facts?: ConfigFacts;
  readonly suppressions?: readonly Suppression[];
  /** Defaults to the whole pack. */
  readonly rules?: readonly Rule[];
}

export function runChecks(tree: SynthTree, options: CheckOptions = {}): CheckResult {
  const rules = options.rules ?? RULES;
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const all = rules.flatMap((r) => r.check(tree, options.facts));
  all.sort((a, b) => (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) || cmp(a.stack, b.stack) || cmp(a.resource, b.resource) || cmp(a.message, b.message));

  const notes: string[] = [];
  const usable = (options.suppressions ?? []).filter((s) => {
    const label = describeSuppression(s);
    if (!order.has(s.rule)) {
      notes.push(`${label} names no rule of this pack: it suppresses nothing`);
      return false;
    }
    if (s.reason.trim() === '') {
      notes.push(`${label} gives no reason: not applied`);
      return false;
    }
    return true;
  });
  const used = new Set<Suppression>();
  const findings: RuleFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of all) {
    const s = usable.find((x) => suppressionMatches(x, f));
    if (s) {
      used.add(s);
      suppressed.push({ ...f, reason: s.reason });
    } else {
      findings.push(f);
    }
  }
  for (const s of usable) if (!used.has(s)) notes.push(`${describeSuppression(s)} matched no finding`);
  return {
    stacks: [...tree.stacks.keys()],
    rulesRun: rules.length,
    findings,
    suppressed,
    notes,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

export function suppressionMatches(s: Suppression, f: RuleFinding): boolean {
  if (s.rule !== f.rule) return false;
  if (s.resource === undefined) return true;
  return s.resource === f.resource || s.resource === `${f.stack}/${f.resource}`;
}

/** 1 when an unsuppressed error remains, else 0 (warnings do not fail a check). */
export function checkExitCode(result: CheckResult): 0 | 1 {
  return result.errors > 0 ? 1 : 0;
}

/** A fixed-width table: rule, severity, stack, resource, message. */
export function formatCheckTable(findings: readonly RuleFinding[]): string {
  if (findings.length === 0) return 'no findings';
  const header = ['RULE', 'SEVERITY', 'STACK', 'RESOURCE', 'MESSAGE'];
  const rows = findings.map((f) => [f.rule, f.severity, f.stack, f.resource, f.message]);
  const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]) : c)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatCheckSummary(result: CheckResult): string {
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const verdict = result.errors > 0 ? 'FAILED' : 'passed';
  const names = result.stacks.length <= 6 ? ` (${result.stacks.join(', ')})` : '';
  return `vpce-hub check ${verdict}: ${n(result.rulesRun, 'rule')} over ${n(result.stacks.length, 'stack')}${names}: ${n(result.errors, 'error')}, ${n(result.warnings, 'warning')}, ${result.suppressed.length} suppressed`;
}

/** The whole text report: table, suppressed findings with their reasons, notes, summary. */
export function formatCheckText(result: CheckResult): string {
  const parts = [formatCheckTable(result.findings)];
  if (result.suppressed.length > 0) {
    parts.push(['suppressed:', ...result.suppressed.map((f) => `  ${f.rule} ${f.stack}/${f.resource}: ${f.reason}`)].join('\n'));
  }
  if (result.notes.length > 0) parts.push(['notes:', ...result.notes.map((n) => `  ${n}`)].join('\n'));
  parts.push(formatCheckSummary(result));
  return parts.join('\n\n');
}

function describeSuppression(s: Suppression): string {
  return `suppression of ${s.rule}${s.resource ? ` for ${s.resource}` : ''}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
