/**
 * The PR comment fits GitHub at the bench's largest topology (1 hub, 125 spokes in 40 accounts, 50
 * services): for a first deployment and for a blocked DNS step 2 (14,500 direct associations and
 * authorizations destroyed), the comment the workflow posts is at most 65,536 characters with its
 * marker, and keeps, in order, the verdict, the acknowledgement lines and the reachability delta and
 * the per-stack counts. (Slow: two reviews of 15,000-resource configs.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { topologyYaml } from '../../bench/topology';
import { commentBody, MAX_BODY } from '../../scripts/ci/upsert-comment';
import { acknowledges } from '../../src/review/acknowledgements';
import { fitReviewMarkdown } from '../../src/review/format-markdown';
import type { ReviewReport } from '../../src/review/report';
import { runReview } from '../../src/review/run-review';

const LARGEST = { spokes: 125, accounts: 40, services: 50 } as const;
/** What the workflow passes (.github/workflows/vpce-hub-pr.yml), leaving room for the comment's marker. */
const COMMENT = { limit: 65000, fullReport: 'the [job summary and the vpce-hub-review artifact](https://github.com/o/r/actions/runs/1)' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-report-size-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function review(current: string, base?: string): ReviewReport {
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), current);
  return runReview({ configPath: 'vpce-hub.yaml', cwd: dir, ...(base !== undefined ? { baseConfig: { text: base, label: 'origin/main' } } : {}) });
}

/** The positions of the headings and lines that must come in this order. */
function order(md: string, marks: string[]): number[] {
  return marks.map((m) => md.indexOf(m));
}

describe('the pull request comment at 125 spokes in 40 accounts, 50 services', () => {
  it('a first deployment fits, with the verdict first and every stack counted', () => {
    const r = review(topologyYaml({ ...LARGEST, dns: 'private-hosted-zones' }));
    const md = fitReviewMarkdown(r, COMMENT);
    expect(commentBody(md).length).toBeLessThanOrEqual(MAX_BODY);
    expect(md).toContain('**✅ OK (exit 0): 6300 of 6300 client/service pairs reachable; no destructive changes**');
    const at = order(md, ['**✅ OK', '### Reachability', '### Changes in deploy order']);
    expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]))).toBe(true);
    for (const s of r.stacks) expect(md).toContain(`**\`${s.stack}\`**`);
    // What did not fit is named, with where the rest is.
    expect(md).toMatch(/> Shortened to fit: .*The whole report: the \[job summary/);
  }, 900_000);

  it('a blocked DNS step 2 fits, with the verdict, the grouped destructive changes, the lines to paste, the delta and the counts', () => {
    const profile = topologyYaml({ ...LARGEST, dns: 'route53-profile' });
    const doc = parseDocument(profile);
    doc.setIn(['hubs', 0, 'keepZoneAssociations'], true);
    const r = review(profile, doc.toString());
    expect(r.exitCode).toBe(1);
    expect(r.gate.changes.length).toBe(14500);
    const md = fitReviewMarkdown(r, COMMENT);
    expect(commentBody(md).length).toBeLessThanOrEqual(MAX_BODY);
    const at = order(md, ['**⛔ BLOCKED (exit 1): 14500 destructive changes', '### ⚠️ Destructive changes', 'To proceed, add these lines', '### Reachability', '### Changes in deploy order']);
    expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]))).toBe(true);
    // The lines to paste are few and acknowledge exactly the blocked changes.
    const lines = [...md.matchAll(/^vpce-hub allow-destroy: (\S+)$/gm)].map((m) => m[1]);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(r.gate.changes.every((c) => lines.some((l) => acknowledges(l, c)))).toBe(true);
    // Repeated rows are grouped, with counts: one row per stack and type.
    expect(md).toMatch(/\| ⛔ blocking \| `team-01` \| `aws_route53_zone_association` \| destroy \| 232 \|/);
  }, 900_000);
});
