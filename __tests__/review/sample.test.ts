/** The README's sample report is real: docs/review-sample.md is exactly what the command produces today. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

it('docs/review-sample.md is up to date (regenerate: npx tsx scripts/generate-review-sample.ts)', () => {
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/generate-review-sample.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
