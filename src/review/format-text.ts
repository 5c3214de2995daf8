/** The review report for terminals: plain text, no colour, aligned columns. */
import { renameLines } from './format-shared';
import { formatPolicyText } from '../analysis/policy-proof';
import { formatMatrixText } from '../analysis/prove';
import { formatHeadroomTable } from '../planning/quotas';
import { formatUsd } from './cost';
import {
  assumptionLines,
  breakEvenText,
  changeDetail,
  costDelta,
  gatedLine,
  gatedWhy,
  acknowledgementLines,
  hubCostSummary,
  outageLine,
  outageWitness,
  transitionLine,
  gatewayCostNote,
  gatewayServiceCostNotes,
  priceRows,
  reachabilityDeltaLines,
  removedStacksLine,
  renamedStackTo,
  resultLine,
  stackHeading,
  SYMBOL,
} from './format-shared';
import type { ReviewReport } from './report';

const indent = (text: string, n = 2): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : `${' '.repeat(n)}${l}`))
    .join('\n');

export function formatReviewText(r: ReviewReport): string {
  const out: string[] = [];
  out.push(`vpce-hub review of ${r.config} against ${r.base.label}`);
  out.push(`Result: ${resultLine(r)}`);

  // Renames first: they are the fix for most of the destructive changes listed next.
  for (const line of renameLines(r)) out.push(line);
  if (r.gate.changes.length > 0) {
    out.push('', 'Destructive changes (acknowledge each with --allow-destroy <stack>/<address>, or a pattern such as <stack>/<type>.*):');
    for (const g of r.gate.changes) {
      out.push(`  ${g.acknowledged ? '[acknowledged]' : '[BLOCKING]    '} ${gatedLine(g)}`);
      const why = gatedWhy(g);
      if (why) out.push(`                 why: ${why}`);
    }
  }
  for (const u of r.gate.unmatched) out.push(`  note: --allow-destroy ${u} matches no destructive change`);
  if (r.gate.outages.length > 0) {
    out.push('', 'Transition outages (a pair reachable before and after the change loses service while it is applied; acknowledge with --allow-outage hub=<hub> or spoke=<spoke>, never by --allow-destroy):');
    for (const o of r.gate.outages) {
      out.push(`  ${o.acknowledged ? '[acknowledged]' : '[BLOCKING]    '} ${outageLine(o)}`);
      out.push(`                 ${outageWitness(o)}`);
    }
  }
  for (const u of r.gate.unmatchedOutages) out.push(`  note: --allow-outage ${u} matches no transition outage`);
  const ackLines = acknowledgementLines(r);
  if (ackLines.length > 0) out.push('', 'To proceed, add these lines to the pull request description (or pass each value to vpce-hub review --allow-destroy / --allow-outage):', ...ackLines.map((l) => `  ${l}`));
  const removed = removedStacksLine(r);
  if (removed) out.push('', `Warning: ${removed}`);

  out.push('', 'Changes, in deploy order:');
  r.stacks.forEach((s, i) => {
    out.push(`  ${i + 1}. ${stackHeading(s, renamedStackTo(r, s.stack))}`);
    const width = Math.max(0, ...s.changes.map((c) => SYMBOL[c.action].length));
    for (const c of s.changes) {
      const detail = changeDetail(c);
      out.push(`       ${SYMBOL[c.action].padStart(width)} ${c.address}${detail ? `  (${detail})` : ''}`);
    }
  });

  if (r.ipv6.length > 0) out.push('', 'IPv6 (dual-stack) in this change:', ...r.ipv6.map((l) => `  ${l}`));

  if (r.terraform.length > 0) {
    out.push('', 'Terraform, offline (init, validate, plan -refresh=false):');
    for (const t of r.terraform) out.push(`  ${t.ok ? 'ok    ' : 'FAILED'} ${t.stack}: ${t.summary.split('\n').join('\n         ')}`);
  }

  const transition = transitionLine(r);
  out.push('', 'Reachability:', indent(formatMatrixText(r.reachability.current)), ...reachabilityDeltaLines(r).map((l) => `  ${l}`), ...(transition ? [`  ${transition}`] : []));
  const policies = formatPolicyText(r.policies);
  if (policies) out.push('', indent(policies));
  out.push('', 'Topology (the Markdown report draws it):', ...r.topology.outline.map((l) => `  ${l}`));
  out.push('', 'Quota headroom:', indent(formatHeadroomTable(r.quotas, 'text')));

  out.push('', 'Monthly cost estimate (USD): centralized vs one set of endpoints per VPC');
  for (const h of r.cost.hubs) {
    out.push(`  ${hubCostSummary(h)}`);
    out.push(`    centralized ${formatUsd(h.centralized.total)}, one set per VPC ${formatUsd(h.perVpc.total)}, savings ${formatUsd(h.savings)}; break-even ${breakEvenText(h)}`);
    for (const note of gatewayServiceCostNotes(h)) out.push(`    warning: ${note}`);
    const gateway = gatewayCostNote(h);
    if (gateway) out.push(`    ${gateway}`);
    const rows = [
      ...h.centralized.lines.map((l) => ['centralized', l.item, l.basis, formatUsd(l.usd)]),
      ...h.perVpc.lines.map((l) => ['per VPC', l.item, l.basis, formatUsd(l.usd)]),
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
    for (const row of rows) out.push(`    ${row.map((c, i) => (i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`);
  }
  out.push(`  total: centralized ${formatUsd(r.cost.total.centralized)}, one set per VPC ${formatUsd(r.cost.total.perVpc)}, savings ${formatUsd(r.cost.total.savings)} per month`);
  const delta = costDelta(r);
  if (delta) out.push(`  ${delta}`);
  out.push(...assumptionLines(r.cost).map((l) => `  - ${l}`));
  out.push('  prices:');
  for (const [key, value, unit] of priceRows(r.cost)) out.push(`    ${key}: ${value} ${unit}`);
  return out.join('\n');
}
