/**
 * The review report for a pull request comment (GitHub-flavoured Markdown): the verdict and any
 * destructive change first (after any rename, which is their fix), long lists folded into <details>,
 * the topology as a Mermaid block.
 */
import { suggestAcknowledgements } from './acknowledgements';
import { renameLines } from './format-shared';
import { formatPolicyMarkdown } from '../analysis/policy-proof';
import { formatMatrixMarkdown } from '../analysis/prove';
import { formatHeadroomTable } from '../planning/quotas';
import { formatUsd } from './cost';
import {
  assumptionLines,
  breakEvenText,
  changeDetail,
  costDelta,
  countsPhrase,
  gatedWhy,
  GATED_VERB,
  hubCostSummary,
  gatewayCostNote,
  gatewayServiceCostNotes,
  priceRows,
  quotaSummary,
  reachabilityDeltaLines,
  removedStacksLine,
  renamedStackTo,
  resultLine,
  stackSummary,
  VERB,
} from './format-shared';
import type { ReviewReport } from './report';

/** Stacks with more changes than this fold their table. */
const FOLD_AFTER = 15;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

export function formatReviewMarkdown(r: ReviewReport): string {
  const out: string[] = [];
  out.push('## vpce-hub review', '');
  out.push(`Config ${code(r.config)} against ${cell(r.base.label)}.`, '');
  out.push(`**${r.exitCode === 0 ? '✅' : '⛔'} ${cell(resultLine(r))}**`);

  // Renames first: they are the fix for most of the destructive changes listed next.
  const renames = renameLines(r);
  if (renames.length > 0) out.push('', '```', ...renames.filter((l) => l !== ''), '```');
  if (r.gate.changes.length > 0) {
    out.push('', '### ⚠️ Destructive changes', '');
    out.push(row(['', 'stack', 'resource', 'action', 'consequence']), row(['---', '---', '---', '---', '---']));
    for (const g of r.gate.changes) {
      const reason = gatedWhy(g);
      const why = reason ? `<br>why: ${cell(reason)}` : '';
      out.push(row([g.acknowledged ? '✅ acknowledged' : '⛔ blocking', code(g.stack), code(g.address), GATED_VERB[g.action], `${cell(g.consequence)}${why}`]));
    }
    const open = r.gate.changes.filter((g) => !g.acknowledged);
    if (open.length > 0) {
      // The fix that works in CI: lines for the PR description (scripts/ci/allow-destroy-args.ts reads
      // them), a pattern per stack and type where it covers exactly the open changes.
      const lines = suggestAcknowledgements(open, r.gate.changes).map((a) => `vpce-hub allow-destroy: ${a}`);
      out.push('', 'To proceed, add these lines to the pull request description (or pass each value to `vpce-hub review --allow-destroy`):', '', '```', ...lines, '```');
    }
  }
  for (const u of r.gate.unmatched) out.push('', `> Note: \`--allow-destroy ${u}\` matches no destructive change.`);
  const removed = removedStacksLine(r);
  if (removed) out.push('', `> **Warning:** ${cell(removed)}`);

  out.push('', '### Changes in deploy order', '');
  r.stacks.forEach((s, i) => {
    out.push(`${i + 1}. **${code(s.stack)}** ${cell(stackSummary(s, renamedStackTo(r, s.stack)))}`);
  });
  for (const s of r.stacks.filter((x) => x.changes.length > 0)) {
    const table = [row(['action', 'type', 'name', 'detail']), row(['---', '---', '---', '---'])];
    for (const c of s.changes) table.push(row([VERB[c.action], code(c.type), code(c.name), cell(changeDetail(c))]));
    const title = `${code(s.stack)}: ${countsPhrase(s.changes)}`;
    if (s.changes.length > FOLD_AFTER) out.push('', `<details><summary>${title}</summary>`, '', ...table, '', '</details>');
    else out.push('', `**${title}**`, '', ...table);
  }

  if (r.terraform.length > 0) {
    out.push('', '### Terraform (offline: init, validate, plan -refresh=false)', '');
    out.push(row(['stack', 'result', 'detail']), row(['---', '---', '---']));
    for (const t of r.terraform) out.push(row([code(t.stack), t.ok ? '✅' : '❌', cell(t.summary)]));
  }

  out.push('', '### Reachability', '', formatMatrixMarkdown(r.reachability.current), '', ...reachabilityDeltaLines(r).map((l) => `- ${cell(l)}`));
  const policies = formatPolicyMarkdown(r.policies);
  if (policies) out.push('', '### Endpoint policies', '', policies);
  out.push('', '### Topology', '', '```mermaid', r.topology.mermaid, '```');
  out.push('', '### Quota headroom', '', `<details><summary>${cell(quotaSummary(r.quotas))}</summary>`, '', formatHeadroomTable(r.quotas, 'markdown'), '', '</details>');

  out.push('', '### Monthly cost estimate', '');
  out.push(row(['hub', 'region', 'prices', 'spokes', 'centralized', 'one set per VPC', 'savings', 'break-even']), row(['---', '---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const h of r.cost.hubs) {
    out.push(row([code(h.hub), h.region, `${h.pricedAt} rates`, String(h.spokes), formatUsd(h.centralized.total), formatUsd(h.perVpc.total), formatUsd(h.savings), cell(breakEvenText(h))]));
  }
  if (r.cost.hubs.length > 1) out.push(row(['**total**', '', '', '', formatUsd(r.cost.total.centralized), formatUsd(r.cost.total.perVpc), formatUsd(r.cost.total.savings), '']));
  for (const note of r.cost.hubs.flatMap(gatewayServiceCostNotes)) out.push('', `> **Warning:** ${cell(note)}`);
  for (const note of r.cost.hubs.map(gatewayCostNote).filter((n): n is string => n !== undefined)) out.push('', `> **Transit gateway:** ${cell(note)}`);
  const delta = costDelta(r);
  if (delta) out.push('', delta);
  out.push('', '<details><summary>How the estimate is made</summary>', '');
  for (const h of r.cost.hubs) {
    out.push(`**${cell(hubCostSummary(h))}**`, '', row(['model', 'item', 'basis', 'USD / month']), row(['---', '---', '---', '---:']));
    for (const l of h.centralized.lines) out.push(row(['centralized', l.item, cell(l.basis), formatUsd(l.usd)]));
    for (const l of h.perVpc.lines) out.push(row(['one set per VPC', l.item, cell(l.basis), formatUsd(l.usd)]));
    out.push('');
  }
  out.push(...assumptionLines(r.cost).map((l) => `- ${cell(l)}`), '');
  out.push(row(['price', 'USD', 'unit', 'source']), row(['---', '---:', '---', '---']));
  for (const [key, value, unit, source] of priceRows(r.cost)) out.push(row([code(key), value, cell(unit), cell(source)]));
  out.push('', '</details>');
  return out.join('\n');
}
