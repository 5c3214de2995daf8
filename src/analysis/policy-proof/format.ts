/**
 * The policy proof as one requests x services matrix per hub (spokes all reach the same endpoints,
 * so a per-spoke matrix would repeat the same rows): text for terminals, Markdown for PRs.
 */
import type { HubPolicyProof, PolicyCell, PolicyProof } from './result';

const TEXT: Record<PolicyCell['status'], string> = { ok: '✓', broken: '✗', open: '○', unknown: '?' };
const MARKDOWN: Record<PolicyCell['status'], string> = { ok: '✅', broken: '❌', open: '⚪', unknown: '❔' };
const NONE = '-';

const LEGEND = `✓ as required, ✗ broken, ○ allowed where no template promised a denial, ? cannot evaluate, ${NONE} does not apply`;

export function formatPolicyText(proof: PolicyProof): string {
  if (proof.hubs.length === 0) return '';
  const blocks = proof.hubs.map((hub) => {
    const header = ['request', 'expect', ...hub.services.map(columnName)];
    const rows = hub.requests.map((r) => [r.title, r.expect, ...hub.services.map((s) => textCell(cellOf(hub, r.id, s.name)))]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cols: string[]) =>
      cols
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    const notes = hub.cells.filter((c) => c.message !== undefined).map((c) => `${hub.hub} ${c.service}, ${titleOf(hub, c.request)}: ${c.message}`);
    return [hubSummary(hub), '', line(header), ...rows.map(line), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
  });
  return [summary(proof), '', ...blocks.flatMap((b) => [b, '']), LEGEND, ...footnotes(proof)].join('\n');
}

export function formatPolicyMarkdown(proof: PolicyProof): string {
  if (proof.hubs.length === 0) return '';
  const row = (cols: string[]) => `| ${cols.join(' | ')} |`;
  const blocks = proof.hubs.map((hub) =>
    [
      `*${hubSummary(hub)}*`,
      '',
      row(['request', 'expect', ...hub.services.map((s) => `\`${columnName(s)}\``)]),
      row(['---', ':-:', ...hub.services.map(() => ':-:')]),
      ...hub.requests.map((r) => row([r.title, r.expect, ...hub.services.map((s) => markdownCell(cellOf(hub, r.id, s.name)))])),
    ].join('\n')
  );
  return [`**${summary(proof)}**`, '', ...blocks.flatMap((b) => [b, '']), LEGEND.replace(/✓/, '✅').replace(/✗/, '❌').replace(/○/, '⚪').replace(/\?/, '❔'), ...footnotes(proof)].join('\n');
}

function summary(proof: PolicyProof): string {
  const { cells, broken, unknown } = proof.summary;
  if (broken === 0 && unknown === 0) return `Endpoint policies: all ${cells} canonical requests get the decision they must get`;
  return `Endpoint policies: ${broken} broken, ${unknown} not evaluable, of ${cells} canonical requests`;
}

const FORMS: Record<string, string> = {
  organization: 'organization (per-service templates)',
  principals: 'listed principals (per-service templates)',
  document: 'custom document',
  default: "AWS's default (full access)",
};

function hubSummary(hub: HubPolicyProof): string {
  return `hub ${hub.hub}: endpointPolicy ${FORMS[hub.policy] ?? hub.policy}`;
}

/** A service that takes no endpoint policy keeps AWS's default: the column says so. */
const columnName = (s: HubPolicyProof['services'][number]): string => (s.policy === 'not-supported' ? `${s.name}*` : s.name);

function footnotes(proof: PolicyProof): string[] {
  const unsupported = proof.hubs.some((h) => h.services.some((s) => s.policy === 'not-supported'));
  return unsupported ? ['* = the service does not support endpoint policies: its endpoint keeps full access'] : [];
}

const cellOf = (hub: HubPolicyProof, request: string, service: string): PolicyCell | undefined => hub.cells.find((c) => c.request === request && c.service === service);
const titleOf = (hub: HubPolicyProof, id: string): string => hub.requests.find((r) => r.id === id)?.title ?? id;

const textCell = (c: PolicyCell | undefined): string => (c ? TEXT[c.status] : NONE);

function markdownCell(c: PolicyCell | undefined): string {
  if (!c) return NONE;
  return c.message ? `${MARKDOWN[c.status]} ${c.message.replace(/\|/g, '\\|')}` : MARKDOWN[c.status];
}
