/**
 * `vpce-hub init`: a new project in the current folder (cli/init-project.ts), then the next steps.
 * Exit 0, also when files were kept (each is named, with --force to overwrite it).
 */
import type { Command } from 'commander';
import path from 'node:path';
import { displayPath } from '../display-path';
import { initProject, type InitResult } from '../init-project';
import type { Register } from '../index';

export function formatInitResult(result: InitResult, dir: string): string {
  const where = displayPath(path.resolve(dir));
  const lines: string[] = [];
  for (const f of result.written) lines.push(`wrote ${f}`);
  for (const f of result.overwritten) lines.push(`overwrote ${f} (--force)`);
  if (result.packageJsonAdded.length > 0) lines.push(`${result.packageJsonCreated ? 'wrote' : 'added to'} package.json: ${result.packageJsonAdded.join(', ')}`);
  if (result.kept.length > 0) {
    lines.push(`kept ${result.kept.length} existing file(s) as they are: ${result.kept.join(', ')}`);
    lines.push('  run `vpce-hub init --force` to replace them with the templates (package.json is only ever added to)');
  }
  const install = result.packageJsonAdded.some((k) => k.startsWith('dependencies.') || k.startsWith('devDependencies.'));
  lines.push('', `Next${where === '.' ? '' : ` (in ${where})`}:`);
  if (install) lines.push('  npm install                  install what package.json now lists (cdktf-cli for `npx cdktf synth`)');
  lines.push('  edit vpce-hub.yaml           your accounts, hub and spokes (every value in it is an example)');
  lines.push('  npx vpce-hub validate        every finding at once, with the line and the fix');
  lines.push('  npx cdktf synth              or `npx vpce-hub synth`: the Terraform stacks in cdktf.out/');
  lines.push('  npm test                     validate, synth, check and prove');
  return lines.join('\n');
}

export const registerInit: Register = (program: Command) => {
  program
    .command('init')
    .description('lay out a vpce-hub project in the current folder: vpce-hub.yaml, cdktf.json, the PR workflow, .gitignore, README.md; never overwrites a file without --force')
    .option('-d, --dir <folder>', 'the project folder', '.')
    .option('--force', 'overwrite existing files with the templates')
    .action((opts: { dir: string; force?: boolean }) => {
      const result = initProject({ dir: path.resolve(opts.dir), force: opts.force === true });
      process.stdout.write(`${formatInitResult(result, opts.dir)}\n`);
    });
};
