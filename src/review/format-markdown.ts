/**
 * The review report for a pull request (GitHub-flavoured Markdown), as sections in the order a
 * reviewer needs them: the verdict; renames (the fix for most destructive changes); transition
 * outages; destructive changes; the acknowledgement lines to paste; the reachability delta; the
 * changes per stack in deploy order; then the detail (change tables, Terraform, the matrix, policies,
 * topology, quotas, cost).
 *
 * Each section comes in variants, from every row to rows grouped (per stack and type, per hub and
 * services) with counts. Given a limit (GitHub rejects comment bodies over 65,536 characters, and a
 * job summary over 1 MiB: domain.md section 11), `fitReviewMarkdown` keeps every section of the first
 * part in its smallest variant, then gives each section, in order, the richest variant that still
 * fits, and says what it shortened and where the whole report is. Without a limit every section is
 * whole (the artifact).
 */
import { groupedAddresses, renameLines } from './format-shared';
import { formatPolicyMarkdown } from '../analysis/policy-proof';
import { formatMatrixMarkdown } from '../analysis/prove';
import { formatHeadroomTable } from '../planning/quotas';
import { formatUsd } from './cost';
import {
  acknowledgementLines,
  assumptionLines,
  breakEvenText,
  outageWitness,
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
  transitionLine,
  VERB,
} from './format-shared';
import type { GatedChange, GatedOutage } from './gate';
import type { ReviewReport } from './report';

/** Stacks with more changes than this fold their table. */
const FOLD_AFTER = 15;

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

export interface FitOptions {
  /** The most the report may take, in characters (a comment) or UTF-8 bytes (a job summary). */
  limit: number;
  unit?: 'chars' | 'bytes';
  /** Where the whole report is (a URL or a sentence), named when something was shortened. */
  fullReport?: string;
}

/** One section: its variants, richest first (an empty variant leaves the section out). */
interface Section {
  title: string;
  /** Part of the first part: never left out, only shortened. */
  essential: boolean;
  variants: string[][];
}

/** The whole report, every section whole. */
export function formatReviewMarkdown(r: ReviewReport): string {
  return assemble(sections(r).map((s) => s.variants[0])).join('\n');
}

/** The report within `limit`: the first part always, in its smallest form if need be; the rest as room allows. */
export function fitReviewMarkdown(r: ReviewReport, opts: FitOptions): string {
  const all = sections(r);
  const size = (text: string) => (opts.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length);
  // Sizes by arithmetic, not by rendering: a first deployment at 125 spokes is megabytes of tables.
  const sizes = all.map((s) => s.variants.map((v) => (v.length === 0 ? -1 : size(v.join('\n')))));
  const total = (pick: number[], note: string[]) => {
    const parts = [...all.map((s, i) => (pick[i] < s.variants.length ? sizes[i][pick[i]] : -1)), note.length > 0 ? size(note.join('\n')) : -1].filter((n) => n >= 0);
    return parts.reduce((a, b) => a + b, 0) + 2 * Math.max(0, parts.length - 1);
  };
  const noteFor = (pick: number[]) => {
    const short = all.filter((s, i) => pick[i] > 0 && s.variants[0].length > 0).map((s) => s.title);
    if (short.length === 0) return [];
    const where = opts.fullReport ? ` The whole report: ${opts.fullReport}.` : ' The whole report: `vpce-hub review` without a limit.';
    return [`> Shortened to fit: ${short.join(', ')} ${short.length === 1 ? 'is' : 'are'} grouped or left out here.${where}`];
  };
  const smallest = (s: Section) => (s.essential ? s.variants.length - 1 : s.variants.length);
  const choice = all.map(smallest);
  // Each section in order gets the richest variant that still fits.
  for (let i = 0; i < all.length; i++) {
    for (let v = 0; v < choice[i]; v++) {
      const trial = [...choice];
      trial[i] = v;
      if (total(trial, noteFor(trial)) <= opts.limit) {
        choice[i] = v;
        break;
      }
    }
  }
  const parts = all.map((s, i) => (choice[i] < s.variants.length ? s.variants[choice[i]] : []));
  const text = assemble([parts[0], noteFor(choice), ...parts.slice(1)]).join('\n');
  if (size(text) <= opts.limit) return text;
  // The first part alone is too long (no review we measured comes near): cut, and say so.
  const cut = '\n\n> The report was cut here to fit; the whole report has the rest.';
  let out = text;
  while (size(out) + size(cut) > opts.limit) out = out.slice(0, Math.floor(out.length * 0.95));
  return `${out}${cut}`;
}

/** Sections joined with one blank line between non-empty ones. */
function assemble(parts: string[][]): string[] {
  const out: string[] = [];
  for (const p of parts.filter((x) => x.length > 0)) out.push(...(out.length > 0 ? [''] : []), ...p);
  return out;
}

/** The CLI writes the comment, the job summary and the artifact from one report: sections are made once. */
const made = new WeakMap<ReviewReport, Section[]>();

function sections(r: ReviewReport): Section[] {
  let known = made.get(r);
  if (!known) made.set(r, (known = makeSections(r)));
  return known;
}

function makeSections(r: ReviewReport): Section[] {
  return [
    { title: 'the verdict', essential: true, variants: [header(r)] },
    { title: 'renames', essential: true, variants: renames(r) },
    { title: 'transition outages', essential: true, variants: outages(r) },
    { title: 'destructive changes', essential: true, variants: destructive(r) },
    { title: 'acknowledgement lines', essential: true, variants: [acknowledgements(r)] },
    { title: 'notes', essential: true, variants: [notes(r)] },
    { title: 'the reachability delta', essential: true, variants: [reachabilityDelta(r)] },
    { title: 'the changes per stack', essential: true, variants: stackCounts(r) },
    { title: 'the change tables', essential: false, variants: changeTables(r) },
    { title: 'the IPv6 changes', essential: false, variants: [ipv6(r)] },
    { title: 'the Terraform results', essential: false, variants: terraform(r) },
    { title: 'the reachability matrix', essential: false, variants: [matrix(r)] },
    { title: 'the endpoint policies', essential: false, variants: [policies(r)] },
    { title: 'the topology', essential: false, variants: [['### Topology', '', '```mermaid', r.topology.mermaid, '```']] },
    { title: 'the quota headroom', essential: false, variants: [['### Quota headroom', '', `<details><summary>${cell(quotaSummary(r.quotas))}</summary>`, '', formatHeadroomTable(r.quotas, 'markdown'), '', '</details>']] },
    { title: 'the cost estimate', essential: false, variants: cost(r) },
  ];
}

/** What the change does to IPv6, by kind (ipv6-changes.ts); nothing when it touches none. */
function ipv6(r: ReviewReport): string[] {
  return r.ipv6.length > 0 ? ['### IPv6 (dual-stack)', '', ...r.ipv6.map((l) => `- ${cell(l)}`)] : [];
}

function header(r: ReviewReport): string[] {
  return ['## vpce-hub review', '', `Config ${code(r.config)} against ${cell(r.base.label)}.`, '', `**${r.exitCode === 0 ? '✅' : '⛔'} ${cell(resultLine(r))}**`];
}

function renames(r: ReviewReport): string[][] {
  const lines = renameLines(r).filter((l) => l !== '');
  if (lines.length === 0) return [[]];
  const block = (xs: string[]) => ['```', ...xs, '```'];
  return lines.length > 20 ? [block(lines), block([...lines.slice(0, 20), `... ${lines.length - 20} more lines in the whole report`])] : [block(lines)];
}

const OUTAGE_INTRO = 'Pairs reachable before and after the change that some order Terraform may take leaves without service while it is applied. `--allow-destroy` lines do not cover them.';

function outages(r: ReviewReport): string[][] {
  const list = r.gate.outages;
  if (list.length === 0) return [[]];
  const status = (xs: readonly GatedOutage[]) => (xs.every((o) => o.acknowledged) ? '✅ acknowledged' : '⛔ blocking');
  const head = ['### ⛔ Transition outages', '', OUTAGE_INTRO, ''];
  const full = [...head, row(['', 'stack', 'client', 'services', 'while applied']), row(['---', '---', '---', '---', '---'])];
  for (const o of list) full.push(row([status([o]), code(o.stack), code(o.row), o.services.map(code).join(', '), `${cell(o.message)}<br>${cell(outageWitness(o))}`]));
  // Grouped: one row per hub, broken link and set of services, with the stacks and clients counted.
  const groups = new Map<string, GatedOutage[]>();
  for (const o of list) {
    const k = `${o.hub}\u0000${o.link}\u0000${o.services.join(',')}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const grouped = [...head, row(['', 'hub', 'clients', 'services', 'stacks', 'for example']), row(['---', '---', '---', '---', '---', '---'])];
  for (const g of groups.values()) {
    const rows = [...new Set(g.map((o) => o.row))];
    const stacks = [...new Set(g.map((o) => o.stack))];
    grouped.push(row([status(g), code(g[0].hub), `${rows.length}: ${cell(few(rows, 8))}`, `${g[0].services.length}: ${cell(few(g[0].services, 8))}`, `${stacks.length}: ${cell(few(stacks, 5))}`, `${cell(g[0].message)} (${g[0].link})`]));
  }
  // Smallest: a line per hub.
  const byHub = new Map<string, GatedOutage[]>();
  for (const o of list) byHub.set(o.hub, [...(byHub.get(o.hub) ?? []), o]);
  const minimal = [...head];
  for (const [hub, xs] of byHub) {
    const services = new Set(xs.flatMap((o) => o.services));
    minimal.push(`- ${status(xs)} hub ${code(hub)}: ${new Set(xs.map((o) => o.row)).size} clients can lose up to ${services.size} services (${[...new Set(xs.map((o) => o.link))].join(', ')}) while ${new Set(xs.map((o) => o.stack)).size} stacks are applied`);
  }
  return [full, grouped, minimal];
}

/** `a, b, c and 7 more` */
const few = (xs: readonly string[], n: number): string => (xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} and ${xs.length - n} more`);

function destructive(r: ReviewReport): string[][] {
  const list = r.gate.changes;
  if (list.length === 0) return [[]];
  const head = ['### ⚠️ Destructive changes', ''];
  const verb = (g: GatedChange) => GATED_VERB[g.action];
  const status = (xs: readonly GatedChange[]) => (xs.every((g) => g.acknowledged) ? '✅ acknowledged' : xs.some((g) => g.acknowledged) ? '⛔ partly acknowledged' : '⛔ blocking');
  const full = [...head, row(['', 'stack', 'resource', 'action', 'consequence']), row(['---', '---', '---', '---', '---'])];
  for (const g of list) {
    const reason = gatedWhy(g);
    full.push(row([status([g]), code(g.stack), code(g.address), verb(g), `${cell(g.consequence)}${reason ? `<br>why: ${cell(reason)}` : ''}`]));
  }
  const groupedBy = (key: (g: GatedChange) => string, withStack: boolean) => {
    const groups = new Map<string, GatedChange[]>();
    for (const g of list) groups.set(key(g), [...(groups.get(key(g)) ?? []), g]);
    const out = [...head, row(['', withStack ? 'stack' : 'stacks', 'type', 'action', 'count', 'consequence (first of them)']), row(['---', '---', '---', '---', '---:', '---'])];
    for (const g of groups.values()) {
      const stacks = [...new Set(g.map((x) => x.stack))];
      const where = withStack ? code(g[0].stack) : `${stacks.length}: ${cell(few(stacks, 5))}`;
      out.push(row([status(g), where, code(g[0].type), verb(g[0]), String(g.length), cell(brief(g.length === 1 ? `${g[0].address}: ${g[0].consequence}` : g[0].consequence))]));
    }
    return out;
  };
  // Smallest: a line per type and action.
  const byType = new Map<string, GatedChange[]>();
  for (const g of list) byType.set(`${g.type}/${g.action}`, [...(byType.get(`${g.type}/${g.action}`) ?? []), g]);
  const minimal = [...head, ...[...byType.values()].map((g) => `- ${status(g)}: ${g.length} ${code(g[0].type)} ${verb(g[0])} in ${new Set(g.map((x) => x.stack)).size} stack(s)`)];
  return [full, groupedBy((g) => `${g.stack}/${g.type}/${g.action}`, true), groupedBy((g) => `${g.type}/${g.action}`, false), minimal];
}

/** A consequence shortened for grouped rows: the whole sentence is in the whole report. */
const brief = (s: string): string => (s.length <= 200 ? s : `${s.slice(0, 197)}...`);

function acknowledgements(r: ReviewReport): string[] {
  // The fix that works in CI: lines for the PR description (scripts/ci/allow-destroy-args.ts reads
  // them), the coarsest patterns that cover exactly the open changes.
  const lines = acknowledgementLines(r);
  if (lines.length === 0) return [];
  return ['To proceed, add these lines to the pull request description (or pass each value to `vpce-hub review --allow-destroy` / `--allow-outage`):', '', '```', ...lines, '```'];
}

function notes(r: ReviewReport): string[] {
  const out: string[] = [];
  for (const u of r.gate.unmatched) out.push(`> Note: \`--allow-destroy ${u}\` matches no destructive change.`, '');
  for (const u of r.gate.unmatchedOutages) out.push(`> Note: \`--allow-outage ${u}\` matches no transition outage.`, '');
  const removed = removedStacksLine(r);
  if (removed) out.push(`> **Warning:** ${cell(removed)}`, '');
  return out.slice(0, -1);
}

function reachabilityDelta(r: ReviewReport): string[] {
  const s = r.reachability.current.summary;
  const summary = s.broken === 0 ? `all ${s.cells} client/service pairs reachable` : `${s.broken} of ${s.cells} client/service pairs broken`;
  const line = transitionLine(r);
  const transition = line ? [`- ${cell(line)}`] : [];
  return ['### Reachability', '', `**${summary}**`, '', ...reachabilityDeltaLines(r).map((l) => `- ${cell(l)}`), ...transition];
}

function stackCounts(r: ReviewReport): string[][] {
  const head = ['### Changes in deploy order', ''];
  const full = [...head, ...r.stacks.map((s, i) => `${i + 1}. **${code(s.stack)}** ${cell(stackSummary(s, renamedStackTo(r, s.stack)))}`)];
  // Grouped: stacks with the same summary on one line.
  const groups = new Map<string, string[]>();
  for (const s of r.stacks) {
    const k = stackSummary(s, renamedStackTo(r, s.stack));
    groups.set(k, [...(groups.get(k) ?? []), s.stack]);
  }
  const grouped = [...head, ...[...groups].map(([summary, stacks]) => `- ${stacks.length === 1 ? `**${code(stacks[0])}**` : `${stacks.length} stacks (${cell(few(stacks.map(code), 6))})`} ${cell(summary)}`)];
  return groups.size < r.stacks.length ? [full, grouped] : [full];
}

function changeTables(r: ReviewReport): string[][] {
  const changed = r.stacks.filter((x) => x.changes.length > 0);
  if (changed.length === 0) return [[]];
  const full: string[] = [];
  const byType: string[] = [];
  for (const s of changed) {
    const title = `${code(s.stack)}: ${countsPhrase(s.changes)}`;
    const table = [row(['action', 'type', 'name', 'detail']), row(['---', '---', '---', '---'])];
    for (const c of s.changes) table.push(row([VERB[c.action], code(c.type), code(c.name), cell(changeDetail(c))]));
    if (s.changes.length > FOLD_AFTER) full.push(`<details><summary>${title}</summary>`, '', ...table, '', '</details>', '');
    else full.push(`**${title}**`, '', ...table, '');
    // Grouped: a row per action and type, the names shortened to counts.
    const groups = new Map<string, string[]>();
    for (const c of s.changes) groups.set(`${c.action}\u0000${c.type}`, [...(groups.get(`${c.action}\u0000${c.type}`) ?? []), c.address]);
    byType.push(`<details><summary>${title}</summary>`, '', row(['action', 'type', 'count', 'resources']), row(['---', '---', '---:', '---']));
    for (const [k, addresses] of groups) {
      const [action, type] = k.split('\u0000');
      byType.push(row([VERB[action as keyof typeof VERB], code(type), String(addresses.length), cell(groupedAddresses(addresses))]));
    }
    byType.push('', '</details>', '');
  }
  return [full.slice(0, -1), byType.slice(0, -1), []];
}

function terraform(r: ReviewReport): string[][] {
  if (r.terraform.length === 0) return [[]];
  const head = ['### Terraform (offline: init, validate, plan -refresh=false)', ''];
  const failed = r.terraform.filter((t) => !t.ok);
  const full = [...head, row(['stack', 'result', 'detail']), row(['---', '---', '---']), ...r.terraform.map((t) => row([code(t.stack), t.ok ? '✅' : '❌', cell(t.summary)]))];
  const compact = [...head, `${r.terraform.length - failed.length} of ${r.terraform.length} stacks validate and plan.`, ...failed.map((t) => `- ❌ ${code(t.stack)}: ${cell(t.summary.split('\n')[0])}`)];
  return [full, compact, []];
}

function matrix(r: ReviewReport): string[] {
  return ['<details><summary>Reachability matrix</summary>', '', formatMatrixMarkdown(r.reachability.current), '', '</details>'];
}

function policies(r: ReviewReport): string[] {
  const p = formatPolicyMarkdown(r.policies);
  return p ? ['### Endpoint policies', '', p] : [];
}

function cost(r: ReviewReport): string[][] {
  const out: string[] = ['### Monthly cost estimate', ''];
  out.push(row(['hub', 'region', 'prices', 'spokes', 'centralized', 'one set per VPC', 'savings', 'break-even']), row(['---', '---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const h of r.cost.hubs) {
    out.push(row([code(h.hub), h.region, `${h.pricedAt} rates`, String(h.spokes), formatUsd(h.centralized.total), formatUsd(h.perVpc.total), formatUsd(h.savings), cell(breakEvenText(h))]));
  }
  if (r.cost.hubs.length > 1) out.push(row(['**total**', '', '', '', formatUsd(r.cost.total.centralized), formatUsd(r.cost.total.perVpc), formatUsd(r.cost.total.savings), '']));
  for (const note of r.cost.hubs.flatMap(gatewayServiceCostNotes)) out.push('', `> **Warning:** ${cell(note)}`);
  for (const note of r.cost.hubs.map(gatewayCostNote).filter((n): n is string => n !== undefined)) out.push('', `> **Transit gateway:** ${cell(note)}`);
  const delta = costDelta(r);
  if (delta) out.push('', delta);
  const summary = [...out];
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
  return [out, summary, []];
}
