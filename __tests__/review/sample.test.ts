/** The README's sample report is real: docs/review-sample.md is exactly what the command produces today. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

it('docs/review-sample.md is up to date (regenerate: npx tsx scripts/generate-review-sample.ts)', () => {
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/generate-review-sample.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

it("the README's excerpt is taken verbatim from docs/review-sample.md", () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const sample = readFileSync(path.join(ROOT, 'docs/review-sample.md'), 'utf8');
  const block = /<!-- review-sample:start -->\n([\s\S]*?)<!-- review-sample:end -->/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const unquoted = (block as string).split('\n').map((l) => l.replace(/^> ?/, '')).join('\n');
  const paragraphs = unquoted.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  expect(paragraphs.length).toBeGreaterThan(3);
  for (const p of paragraphs) expect(sample).toContain(p);
});
