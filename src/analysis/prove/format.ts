/**
 * The proof as a spokes x services matrix: text for terminals (a tick, or the broken link's kind in
 * the cell and its sentence below the table) and Markdown for PRs (the sentence in the cell).
 * Neither adds a heading, so a report can embed them under its own.
 */
import { describeFailure, type ProofCell, type ReachabilityProof } from './result';

const NOT_OFFERED = '-';

export function formatMatrixText(proof: ReachabilityProof): string {
  if (proof.spokes.length === 0) return 'No clients in the config: nothing to prove.';
  const header = ['client', 'hub', ...proof.services];
  const rows = proof.spokes.map((s) => [s.name, s.hub, ...proof.services.map((svc) => textCell(cellOf(proof, s.name, svc)))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const failures = proof.cells.filter((c) => !c.reachable).map(describeFailure);
  return [
    summary(proof),
    '',
    line(header),
    ...rows.map(line),
    ...(proof.cells.length < proof.spokes.length * proof.services.length ? ['', `${NOT_OFFERED} = not a service of the spoke's hub`] : []),
    ...(proof.cells.some((c) => c.ipv6 && c.reachable) ? ['', `${IPV6_TICK} = reachable over IPv4 and IPv6 (a dual-stack endpoint and a client with IPv6)`] : []),
    ...(failures.length > 0 ? ['', ...failures] : []),
  ].join('\n');
}

export function formatMatrixMarkdown(proof: ReachabilityProof): string {
  if (proof.spokes.length === 0) return 'No clients in the config: nothing to prove.';
  const row = (cols: string[]) => `| ${cols.join(' | ')} |`;
  return [
    `**${summary(proof)}**`,
    '',
    row(['client', 'hub', ...proof.services.map(code)]),
    row(['---', '---', ...proof.services.map(() => ':-:')]),
    ...proof.spokes.map((s) => row([code(s.name), code(s.hub), ...proof.services.map((svc) => markdownCell(cellOf(proof, s.name, svc)))])),
  ].join('\n');
}

function summary(proof: ReachabilityProof): string {
  const { cells, broken } = proof.summary;
  const count = (kind: ReachabilityProof['spokes'][number]['kind']) => proof.spokes.filter((s) => s.kind === kind).length;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const rows = [n(count(undefined), 'spoke', 'spokes'), ...(count('hub-vpc') > 0 ? [n(count('hub-vpc'), 'hub VPC', 'hub VPCs')] : []), ...(count('client-range') > 0 ? [n(count('client-range'), 'client range', 'client ranges')] : [])];
  const scope = `${rows.join(', ')} x ${n(proof.services.length, 'service', 'services')}`;
  return broken === 0 ? `Reachability: all ${cells} client/service pairs reachable (${scope})` : `Reachability: ${broken} of ${cells} client/service pairs broken (${scope})`;
}

const cellOf = (proof: ReachabilityProof, spoke: string, service: string): ProofCell | undefined => proof.cells.find((c) => c.spoke === spoke && c.service === service);

/** A cell proven over IPv6 as well (issue 20). */
const IPV6_TICK = '✓6';

function textCell(cell: ProofCell | undefined): string {
  if (!cell) return NOT_OFFERED;
  return cell.reachable ? (cell.ipv6 ? IPV6_TICK : '✓') : `✗ ${cell.broken?.link ?? ''}`.trimEnd();
}

function markdownCell(cell: ProofCell | undefined): string {
  if (!cell) return NOT_OFFERED;
  return cell.reachable ? (cell.ipv6 ? '✅ IPv4+IPv6' : '✅') : `❌ ${escapeMarkdown(cell.broken?.message ?? '')}`.trimEnd();
}

const code = (s: string): string => `\`${s}\``;
// `_` stays: addresses are full of it, and GitHub never reads an underscore inside a word as emphasis.
const escapeMarkdown = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*`<>[\]])/g, '\\$1');
