/** `vpce-hub validate`: every finding at once; exit 0 valid (warnings allowed), 2 invalid. */
import type { Command } from 'commander';
import { ConfigError, formatFinding, type Finding } from '../../config/findings';
import { loadConfigFile, resolveConfigPath } from '../../config/load';
import type { Register } from '../index';

export interface ValidationReport {
  file: string;
  valid: boolean;
  findings: Finding[];
}

export function runValidation(configPath?: string): ValidationReport {
  const file = resolveConfigPath(configPath);
  try {
    const loaded = loadConfigFile(file);
    return { file, valid: true, findings: loaded.findings };
  } catch (e) {
    if (e instanceof ConfigError) return { file, valid: false, findings: e.findings };
    throw e;
  }
}

export function formatValidationText(report: ValidationReport): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const lines = report.findings.map(formatFinding);
  lines.push(report.valid ? `${report.file}: valid (${warnings} warning${warnings === 1 ? '' : 's'})` : `${report.file}: invalid (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  return lines.join('\n');
}

export const registerValidate: Register = (program: Command, setExit) => {
  program
    .command('validate')
    .description('load the config, run every check, print all findings; exit 0 valid, 2 invalid')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action((opts: { config?: string; format: string }) => {
      const report = runValidation(opts.config);
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${formatValidationText(report)}\n`);
      setExit(report.valid ? 0 : 2);
    });
};
