/**
 * `vpce-hub migrate-config`: what a config needs after an upgrade (config/migrate.ts). Prints the
 * automatic changes as a unified diff, and `--write` makes them: written to a temporary file beside the
 * config and renamed over it, so the config is never left half written. Manual steps are listed with
 * their field and line. Exit 0 when nothing is left to do, 1 when manual steps (or other errors) remain,
 * 2 when the config cannot be read or parsed.
 */
import type { Command } from 'commander';
import { readFileSync, renameSync, statSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatFinding, hasErrors } from '../../config/findings';
import { resolveConfigPath } from '../../config/load';
import { MigrationError, migrateConfigText, type MigrationResult } from '../../config/migrate';
import { displayPath } from '../display-path';
import { unifiedDiff } from '../unified-diff';
import type { Register } from '../index';

export function formatMigration(result: MigrationResult, shown: string, original: string, written: boolean): string {
  const lines: string[] = [];
  if (result.applied.length === 0 && result.manual.length === 0) lines.push(`${shown}: nothing to migrate`);
  if (result.applied.length > 0) {
    lines.push(unifiedDiff(original, result.text, `${shown}`, `${shown} (migrated)`).trimEnd(), '');
    for (const a of result.applied) lines.push(`${written ? 'migrated' : 'would migrate'} (${a.id}): ${a.summary}: ${a.detail}`);
    lines.push(written ? `wrote ${shown} (comments and formatting kept)` : `run \`vpce-hub migrate-config --write${shown === 'vpce-hub.yaml' ? '' : ` --config ${shown}`}\` to make these changes`);
  }
  if (result.manual.length > 0) {
    lines.push('', `${result.manual.length} manual step(s) the config alone cannot decide:`);
    for (const m of result.manual) lines.push(`  ${m.line !== undefined ? `line ${m.line} ` : ''}[${m.path}] (${m.id}): ${m.instruction}`);
  }
  const other = result.findings.filter((f) => f.severity === 'error' && !result.manual.some((m) => m.path === f.path));
  if (other.length > 0) lines.push('', 'other errors (vpce-hub validate explains them):', ...other.map((f) => `  ${formatFinding(f)}`));
  return lines.join('\n');
}

function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.migrate-${process.pid}`);
  try {
    writeFileSync(temporary, text);
    chmodSync(temporary, statSync(file).mode);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export const registerMigrateConfig: Register = (program: Command, setExit) => {
  program
    .command('migrate-config')
    .description('the changes a config needs after an upgrade (CHANGELOG.md): prints them as a diff, --write makes them (comments kept); exit 0 nothing left, 1 manual steps remain, 2 bad input')
    .option('-c, --config <file>', 'config file (default: $VPCE_HUB_CONFIG or vpce-hub.yaml)')
    .option('-w, --write', 'write the migrated config (to a temporary file renamed over it)')
    .action((opts: { config?: string; write?: boolean }) => {
      const file = resolveConfigPath(opts.config);
      const shown = displayPath(file);
      let original: string;
      try {
        original = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`vpce-hub migrate-config: cannot read ${shown} (${e instanceof Error ? e.message : String(e)})\n`);
        setExit(2);
        return;
      }
      let result: MigrationResult;
      try {
        result = migrateConfigText(original, shown);
      } catch (e) {
        if (!(e instanceof MigrationError)) throw e;
        process.stderr.write(`vpce-hub migrate-config: ${e.message}\n${e.findings.map((f) => `  ${formatFinding(f)}`).join('\n')}\n`);
        setExit(2);
        return;
      }
      const write = opts.write === true && result.applied.length > 0;
      if (write) writeAtomically(file, result.text);
      process.stdout.write(`${formatMigration(result, shown, original, write)}\n`);
      setExit(result.manual.length > 0 || hasErrors(result.findings) ? 1 : 0);
    });
};
