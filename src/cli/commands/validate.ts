/**
 * `vpce-hub validate`: every finding at once, then the quota headroom table (also when all is well);
 * exit 0 valid (warnings allowed), 2 invalid.
 */
import type { Command } from 'commander';
import { formatFinding, hasErrors, type Finding } from '../../config/findings';
import { checkConfigFile, resolveConfigPath } from '../../config/load';
import { formatHeadroomTable, quotaUsage, type QuotaRow } from '../../planning/quotas';
import { displayPath } from '../display-path';
import type { Register } from '../index';

const FORMATS = ['text', 'json'] as const;

export interface ValidationReport {
  /** The config file, relative to the current folder (displayPath). */
  file: string;
  valid: boolean;
  findings: Finding[];
  /** Quota usage; absent when the config is too broken to plan. */
  quotas?: QuotaRow[];
}

export function runValidation(configPath?: string, cwd = process.cwd()): ValidationReport {
  const file = resolveConfigPath(configPath, cwd);
  const checked = checkConfigFile(file);
  const valid = checked.config !== undefined && !hasErrors(checked.findings);
  const quotas = checked.plan && checked.config ? quotaUsage(checked.plan, checked.config.quotas) : undefined;
  return { file: displayPath(file, cwd), valid, findings: checked.findings, ...(quotas ? { quotas } : {}) };
}

export function formatValidationText(report: ValidationReport): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = report.findings.map(formatFinding);
  if (report.quotas) {
    if (lines.length > 0) lines.push('');
    lines.push('Quota headroom (used / limit):', formatHeadroomTable(report.quotas, 'text'), '');
  }
  lines.push(report.valid ? `${report.file}: valid (${plural(warnings, 'warning')})` : `${report.file}: invalid (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  return lines.join('\n');
}

export const registerValidate: Register = (program: Command, setExit) => {
  program
    .command('validate')
    .description('load the config, run every check, print all findings and the quota headroom; exit 0 valid, 2 invalid')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-f, --format <format>', FORMATS.join(' or '), 'text')
    .option('-q, --quiet', 'print the findings only (no quota table, no summary line); nothing when there are none')
    .action((opts: { config?: string; format: string; quiet?: boolean }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        process.stderr.write(`vpce-hub validate: --format must be one of ${FORMATS.join(', ')}\n`);
        setExit(2);
        return;
      }
      const report = runValidation(opts.config);
      if (opts.format === 'json') {
        const shown = opts.quiet ? { file: report.file, valid: report.valid, findings: report.findings } : report;
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      } else if (opts.quiet) {
        if (report.findings.length > 0) process.stdout.write(`${report.findings.map(formatFinding).join('\n')}\n`);
      } else process.stdout.write(`${formatValidationText(report)}\n`);
      setExit(report.valid ? 0 : 2);
    });
};
