/**
 * Writes docs/review-sample.md by running `vpce-hub review` the way the PR workflow does: the shipped
 * vpce-hub.yaml in a scratch git repository whose `origin/main` has the same config with one spoke
 * fewer, reviewed with `--base origin/main`. The output has no timestamps or machine paths, so a test
 * can require the committed file to be exactly what this produces.
 *
 *   npx tsx scripts/generate-review-sample.ts           rewrite docs/review-sample.md
 *   npx tsx scripts/generate-review-sample.ts --check   exit 1 when it is out of date
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { main as cli } from '../src/cli/index';

const ROOT = path.resolve(__dirname, '..');
export const SAMPLE_FILE = path.join(ROOT, 'docs', 'review-sample.md');
/** The spoke the base branch does not have yet. */
const NEW_SPOKE = 'analytics-prod';

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=vpce-hub', '-c', 'user.email=vpce-hub@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** Runs the CLI in `cwd` and returns what it wrote to --out. */
async function review(cwd: string, format: 'markdown' | 'text'): Promise<string> {
  const out = path.join(cwd, `review.${format}`);
  const before = process.cwd();
  const stderr = process.stderr.write.bind(process.stderr);
  process.chdir(cwd);
  process.stderr.write = () => true;
  try {
    await cli(['node', 'vpce-hub', 'review', '--base', 'origin/main', '--format', format, '--out', out]);
  } finally {
    process.stderr.write = stderr;
    process.chdir(before);
  }
  return readFileSync(out, 'utf8').trimEnd();
}

export async function renderReviewSample(): Promise<string> {
  const shipped = readFileSync(path.join(ROOT, 'vpce-hub.yaml'), 'utf8');
  const base = parseDocument(shipped);
  const spokes = base.toJS().spokes as Array<{ name: string }>;
  base.deleteIn(['spokes', spokes.findIndex((s) => s.name === NEW_SPOKE)]);

  const repo = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-sample-'));
  try {
    writeFileSync(path.join(repo, 'vpce-hub.yaml'), base.toString());
    git(repo, 'init', '-q');
    git(repo, 'add', 'vpce-hub.yaml');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    writeFileSync(path.join(repo, 'vpce-hub.yaml'), shipped);
    const markdown = await review(repo, 'markdown');
    const text = await review(repo, 'text');
    return [
      '# Sample `vpce-hub review` report',
      '',
      `The shipped \`vpce-hub.yaml\` reviewed against a base branch that does not have the spoke`,
      `\`${NEW_SPOKE}\` yet, as the pull request workflow runs it:`,
      '',
      '```sh',
      'vpce-hub review --base origin/main --format markdown',
      '```',
      '',
      'Produced by `npx tsx scripts/generate-review-sample.ts`; a test fails when this file is out of date.',
      'Everything between the rules is the comment the workflow posts.',
      '',
      '---',
      '',
      markdown,
      '',
      '---',
      '',
      '<details><summary>The same report for a terminal (<code>--format text</code>)</summary>',
      '',
      '```text',
      text,
      '```',
      '',
      '</details>',
      '',
    ].join('\n');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

if (require.main === module) {
  renderReviewSample().then(
    (sample) => {
      if (process.argv.includes('--check')) {
        const current = readFileSync(SAMPLE_FILE, 'utf8');
        if (current !== sample) {
          process.stderr.write('docs/review-sample.md is out of date: run npx tsx scripts/generate-review-sample.ts\n');
          process.exitCode = 1;
        }
        return;
      }
      writeFileSync(SAMPLE_FILE, sample);
      process.stdout.write(`wrote ${path.relative(process.cwd(), SAMPLE_FILE)}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
