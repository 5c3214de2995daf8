/**
 * A unified diff of two texts, line by line (`diff -u` format, 3 lines of context), for
 * `vpce-hub migrate-config` to show what it would write. The common head and tail are cut first, so
 * the longest-common-subsequence table only spans the changed region (a migration's few lines).
 */
type Op = { kind: ' ' | '-' | '+'; line: string };

function ops(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
  const width = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      middle.push({ kind: ' ', line: x[i++] });
      j++;
    } else if (i < x.length && (j === y.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) middle.push({ kind: '-', line: x[i++] });
    else middle.push({ kind: '+', line: y[j++] });
  }
  return [...a.slice(0, start).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(endA).map((line) => ({ kind: ' ' as const, line }))];
}

/** '' when the texts are equal; otherwise `--- a` / `+++ b` and one `@@` hunk per group of changes. */
export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  if (before === after) return '';
  const all = ops(before.split('\n'), after.split('\n'));
  const changed = all.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(all.length - 1, k + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  for (const [from, to] of hunks) {
    const before = all.slice(0, from);
    const lineA = before.filter((o) => o.kind !== '+').length + 1;
    const lineB = before.filter((o) => o.kind !== '-').length + 1;
    const body = all.slice(from, to + 1);
    const countA = body.filter((o) => o.kind !== '+').length;
    const countB = body.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${lineA},${countA} +${lineB},${countB} @@`, ...body.map((o) => `${o.kind}${o.line}`));
  }
  return `${out.join('\n')}\n`;
}
