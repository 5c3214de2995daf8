/**
 * A finding is one problem with the config, stated so that a user can fix it without reading code:
 * a stable code, the field path, the offending value, what was expected and how to fix it.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** Stable identifier, e.g. `UnknownKey`, `CidrOverlap`. Tests and suppressions key on it. */
  code: string;
  /** Dotted path with named list items: `spokes.payments-prod.vpc.cidr`. Empty for the whole file. */
  path: string;
  /** The config line of `path` (1-based; config-lines.ts), where the loader could tell. */
  line?: number;
  message: string;
  value?: unknown;
  fix?: string;
}

/** The only error the loader and validators throw for bad input. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly findings: Finding[],
  ) {
    super(formatFindings(findings.filter((f) => f.severity === 'error'), file));
    this.name = 'ConfigError';
  }
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** `error CidrOverlap line 31 [spokes.a.vpc.cidr] 10.0.0.0/16: overlaps hub main (10.0.0.0/22); choose a range outside it` */
export function formatFinding(f: Finding): string {
  const where = `${f.line !== undefined ? ` line ${f.line}` : ''}${f.path ? ` [${f.path}]` : ''}`;
  const value = f.value === undefined ? '' : ` ${formatValue(f.value)}:`;
  const fix = f.fix ? `; ${f.fix}` : '';
  return `${f.severity} ${f.code}${where}${value} ${f.message}${fix}`;
}

export function formatFindings(findings: Finding[], file?: string): string {
  const head = file ? `${file}: ` : '';
  const n = findings.length;
  return `${head}${n} problem${n === 1 ? '' : 's'}\n${findings.map((f) => `  ${formatFinding(f)}`).join('\n')}`;
}
