/** Wording both report formats share, so text and Markdown never disagree. */
import { countActions, type ChangeSource, type ResourceChange, type StackChanges } from './changes';
import { formatUsd, type CostEstimate, type HubCost } from './cost';
import type { GatedAction, GatedChange, GatedOutage } from './gate';
import { HOURS_PER_MONTH, PRICE_REGION, PRICES, PRICE_KEYS } from '../catalogue/prices';
import { gatewayServiceLabel } from '../catalogue/gateway-services';
import { isExceeded, type QuotaRow } from '../planning/quotas';
import type { ReviewReport } from './report';
import { suggestAcknowledgements, suggestOutageAcknowledgements } from './acknowledgements';

export const SYMBOL: Record<ResourceChange['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-' };
export const VERB: Record<ResourceChange['action'], string> = { create: 'add', update: 'change', replace: 'replace', delete: 'destroy' };
/** How a gated change is named in the gate's table and lines. */
export const GATED_VERB: Record<GatedAction, string> = { replace: 'replace', delete: 'destroy', reassociate: 're-associate' };
const GATED_PARTICIPLE: Record<GatedAction, string> = { replace: 'replacing', delete: 'destroying', reassociate: 're-associating' };

const SOURCE: Record<ChangeSource, string> = {
  plan: 'from terraform plan',
  'offline-plan': 'from an offline terraform plan against an empty state',
  'synth-diff': 'from comparing the synthesized trees',
};

const STATUS: Record<StackChanges['status'], string> = {
  new: 'new stack',
  existing: 'existing stack',
  removed: 'stack REMOVED from the synthesized output: Terraform will not run for it and its resources stay in AWS; destroy it before removing it from the config',
};

/** The stack a removed stack became by an account key rename, if it did. */
export function renamedStackTo(r: Pick<ReviewReport, 'accountRenames'>, stack: string): string | undefined {
  return r.accountRenames.flatMap((a) => a.stacks).find((s) => s.from === stack)?.to;
}

/** `(existing stack; from comparing the synthesized trees): 3 to add, ...` */
export function stackSummary(s: StackChanges, renamedTo?: string): string {
  const status = s.status === 'removed' && renamedTo !== undefined ? `stack RENAMED to ${renamedTo} (account key renamed): copy its state into ${renamedTo} (see "Account key renamed"), do not destroy it` : STATUS[s.status];
  return `(${status}; ${SOURCE[s.source]}): ${countsPhrase(s.changes)}`;
}

export const stackHeading = (s: StackChanges, renamedTo?: string): string => `${s.stack} ${stackSummary(s, renamedTo)}`;

export function countsPhrase(changes: readonly ResourceChange[]): string {
  if (changes.length === 0) return 'no changes';
  const n = countActions(changes);
  // Imports are creates that take over an existing object, and moves are renames: said apart, as
  // `terraform plan` does ("N to import"), so a reviewer never mistakes them for new or lost objects.
  // A synth diff lists an import as a create with importId, a plan as a no-op or update with importId.
  const importedAs = (a: 'create' | 'update') => changes.filter((c) => c.action === a && c.importId !== undefined).length;
  const imports = importedAs('create') + importedAs('update');
  const moved = changes.filter((c) => c.movedFrom !== undefined).length;
  const pureMoves = changes.filter((c) => c.movedFrom !== undefined && c.importId === undefined && c.action === 'update' && c.attributes.length === 0).length;
  const extra = [...(imports > 0 ? [`${imports} to import`] : []), ...(moved > 0 ? [`${moved} moved`] : [])];
  return `${extra.length > 0 ? `${extra.join(', ')}, ` : ''}${n.create - importedAs('create')} to add, ${n.update - importedAs('update') - pureMoves} to change, ${n.replace} to replace, ${n.delete} to destroy`;
}

/** `changes: tags` / `forced by: name; moves from provider ...` / '' */
export function changeDetail(c: ResourceChange): string {
  const parts: string[] = [];
  if (c.importId !== undefined) parts.push(`import ${c.importId} (adopted: nothing is created)`);
  if (c.movedFrom !== undefined) parts.push(`moved from ${c.movedFrom} (state moves; nothing is recreated)`);
  if (c.action === 'update' && c.attributes.length > 0) parts.push(`changes: ${c.attributes.join(', ')}`);
  if (c.action === 'replace') {
    if (c.attributes.length > 0) parts.push(`forced by: ${c.attributes.join(', ')}`);
    if (c.reason) parts.push(c.reason);
    if (c.replaceOrder) parts.push(c.replaceOrder === 'create-before-delete' ? 'create before destroy' : 'destroy before create');
  }
  return parts.join('; ');
}

/** `replacing network/aws_route53_zone.x: a DNS outage for every spoke: ...` */
export function gatedLine(g: GatedChange): string {
  return `${GATED_PARTICIPLE[g.action]} ${g.stack}/${g.address}: ${g.consequence}`;
}

/** Why a gated resource is replaced: `forced by: name; ...`, or undefined for a destroy. */
export function gatedWhy(g: GatedChange): string | undefined {
  const parts = [...(g.attributes.length > 0 ? [`forced by: ${g.attributes.join(', ')}`] : []), ...(g.reason ? [g.reason] : [])];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export function resultLine(r: ReviewReport): string {
  if (r.exitCode === 0) {
    const acknowledged = r.gate.changes.length;
    return `OK (exit 0): ${r.reachability.current.summary.reachable} of ${r.reachability.current.summary.cells} client/service pairs reachable${acknowledged > 0 ? `; ${acknowledged} destructive change${acknowledged === 1 ? '' : 's'} acknowledged` : '; no destructive changes'}`;
  }
  return `BLOCKED (exit 1): ${r.failures.join('; ')}`;
}

export function reachabilityDeltaLines(r: ReviewReport): string[] {
  const d = r.reachability.delta;
  if (!d) return [r.base.kind === 'dir' ? 'Not compared with the base: --base-dir gives no base config to prove (use --base <git ref>).' : 'No base to compare with.'];
  const list = (xs: string[]) => (xs.length <= 6 ? xs.join(', ') : `${xs.slice(0, 6).join(', ')} and ${xs.length - 6} more`);
  const lines: string[] = [];
  if (d.broken.length > 0) lines.push(`Newly broken: ${d.broken.map((c) => `${c.spoke} -> ${c.service} (${c.broken?.message ?? 'broken'})`).join('; ')}`);
  if (d.fixed.length > 0) lines.push(`Fixed: ${list(d.fixed.map((c) => `${c.spoke} -> ${c.service}`))}`);
  if (d.added.length > 0) lines.push(`New and reachable: ${list(d.added)}`);
  if (d.removed.length > 0) lines.push(`No longer in the matrix: ${list(d.removed)}`);
  if (lines.length === 0) lines.push('Unchanged against the base.');
  return lines;
}

export function hubCostSummary(h: HubCost): string {
  return `hub ${h.hub} (${h.region}, ${h.dns}): ${h.services} services x ${h.azs} AZs, ${h.zones} zones, ${h.spokes} spoke${h.spokes === 1 ? '' : 's'}; ${pricedAtText(h)}`;
}

/** `priced at us-east-1 rates` / `priced at us-east-1 rates, not eu-west-1's` */
export function pricedAtText(h: HubCost): string {
  return h.region === h.pricedAt ? `priced at ${h.pricedAt} rates` : `priced at ${h.pricedAt} rates, not ${h.region}'s`;
}

/** What centralizing each gateway service (s3, dynamodb) costs that gateway endpoints in the spokes would not. */
export function gatewayServiceCostNotes(h: HubCost): string[] {
  return h.gatewayServices.map((g) => {
    const label = gatewayServiceLabel(g.service);
    return `hub ${h.hub} centralizes ${g.service}: its interface endpoint costs ${formatUsd(g.endpointUsd)} per month and every GB of ${label} traffic pays $${g.perGbUsd} (processing and cross-AZ peering), while ${label} gateway endpoints, one in each spoke VPC, cost nothing; keep ${g.service} only for clients that need the interface endpoint (e.g. on-premises)`;
  });
}

/** transit-gateway hubs: what the gateway costs against the same hub over peering. */
export function gatewayCostNote(h: HubCost): string | undefined {
  if (!h.peering) return undefined;
  return `hub ${h.hub} connects through a transit gateway: ${formatUsd(h.peering.extra)} per month more than the same hub over peering (${formatUsd(h.peering.total)}), ${formatUsd(h.peering.extraPerSpoke)} per spoke (an attachment and per-GB processing, against peering's cross-AZ transfer, free within an AZ); peering never breaks even against it on cost, it stops at 125 spokes per hub VPC`;
}

export function breakEvenText(h: HubCost): string {
  return h.breakEvenSpokes === null
    ? 'never: each spoke costs the hub more than its own endpoints would'
    : `from ${h.breakEvenSpokes} spoke${h.breakEvenSpokes === 1 ? '' : 's'} (in the hub's region)`;
}

export function assumptionLines(cost: CostEstimate): string[] {
  const p = cost.prices;
  const share = p.interAzShare !== undefined ? `${p.interAzShare * 100}% of it crosses AZs (configured)` : "the share that crosses AZs is (AZs - 1) / AZs: the endpoint's regional name answers with every AZ";
  return [
    `Traffic: ${p.gbPerSpokeMonth} GB per spoke VPC per month through the endpoints (prices.traffic.gbPerSpokeMonth or --gb-per-spoke); ${share}.`,
    `One set per VPC: every spoke gets the hub's services in as many AZs, with their own private DNS (no zones), and keeps traffic in its AZ.`,
    `Data processing is the same in both models (each GB passes one endpoint), so it cancels out of the break-even. ${HOURS_PER_MONTH} hours per month.`,
    `Flow logs: ${p.flowLogGbPerSpokeMonth} GB of hub VPC flow log records per spoke per month (an assumption; prices.traffic.flowLogGbPerSpokeMonth), delivery only, storage not included.`,
    `Prices: AWS list prices in USD for ${PRICE_REGION} from src/catalogue/prices.ts, used for every region (no regional price table)${p.overridden.length > 0 ? `, overridden in the config: ${p.overridden.join(', ')}` : ''}; other regions often cost more. Not a quote.`,
  ];
}

export function priceRows(cost: CostEstimate): Array<[string, string, string, string]> {
  return PRICE_KEYS.map((k) => [k, `$${cost.prices.usd[k]}${cost.prices.overridden.includes(k) ? ' (config)' : ''}`, PRICES[k].unit, PRICES[k].source]);
}

export function costDelta(r: ReviewReport): string | undefined {
  if (!r.baseCost) return undefined;
  const d = Math.round((r.cost.total.centralized - r.baseCost.centralized) * 100) / 100;
  return `Against the base: ${formatUsd(r.baseCost.centralized)} -> ${formatUsd(r.cost.total.centralized)} per month (${d >= 0 ? '+' : ''}${formatUsd(d)}).`;
}

/** Share of a quota from which the headroom table says `near` (the table's own threshold). */
const NEAR = 0.8;

/** `20 quota rows, all below 80%` / `20 quota rows: 1 over the limit, 2 at 80% or more` */
export function quotaSummary(rows: readonly QuotaRow[]): string {
  const over = rows.filter(isExceeded).length;
  const near = rows.filter((r) => !isExceeded(r) && r.used / r.limit >= NEAR).length;
  if (over + near === 0) return `${rows.length} quota rows, all below ${NEAR * 100}% of their limit`;
  return `${rows.length} quota rows: ${over} over the limit, ${near} at ${NEAR * 100}% or more`;
}

/** The warning for stacks that disappear from the synthesized output, or undefined when none does. */
export function removedStacksLine(r: ReviewReport): string | undefined {
  // A stack renamed with its account key is not gone: its state moves (renameLines says how).
  const removed = r.stacks.filter((s) => s.status === 'removed' && renamedStackTo(r, s.stack) === undefined).map((s) => s.stack);
  if (removed.length === 0) return undefined;
  return `Stack${removed.length === 1 ? '' : 's'} ${removed.join(', ')} ${removed.length === 1 ? 'is' : 'are'} no longer synthesized: Terraform will never run for ${removed.length === 1 ? 'it' : 'them'}, so ${removed.length === 1 ? 'its' : 'their'} resources stay in AWS. Destroy ${removed.length === 1 ? 'it' : 'them'} first (apply ${removed.length === 1 ? 'it' : 'them'} with the account key still in accounts, or npx cdktf destroy ${removed.join(' ')} on the base revision), then remove the account key${removed.length === 1 ? '' : 's'}.`;
}

/** Likely renames (add formerNames) and renamed account keys (the state procedure), as text lines. */
export function renameLines(r: Pick<ReviewReport, 'renames' | 'accountRenames' | 'adoption' | 'migration'>): string[] {
  const out: string[] = [];
  for (const note of r.adoption) out.push('', `Adoption: ${note}`);
  for (const note of r.migration) out.push('', `Peering to transit gateway: ${note}`);
  for (const s of r.renames) out.push('', `Likely rename: ${s.evidence}. Add to the config, so its state moves instead of being destroyed and recreated:`, `  ${s.fix}`);
  for (const a of r.accountRenames) {
    out.push('', `Account key renamed: ${a.from} -> ${a.to} (account ${a.accountId}). Stacks are states, and moved blocks cannot cross states: ${a.stacks.map((s) => `${s.from} -> ${s.to}`).join(', ')}. Copy each state before applying:`);
    for (const c of a.commands) out.push(`  ${c}`);
  }
  return out;
}

/** `while stack payments is applied, payments-prod can lose sqs, sts (dns): <the broken link>` */
export function outageLine(o: GatedOutage): string {
  const who = o.row === o.hub || /\(|\s/.test(o.row) ? o.row : `spoke ${o.row}`;
  return `while stack ${o.stack} is applied, ${who} (hub ${o.hub}) can lose ${o.services.join(', ')} (${o.link}): ${o.message}`;
}

/** The order that shows it: what the stack has done and not yet done at that moment, grouped by type. */
export function outageWitness(o: GatedOutage): string {
  const parts: string[] = [];
  if (o.witness.destroyed.length > 0) parts.push(`destroyed ${groupedAddresses(o.witness.destroyed)}`);
  if (o.witness.updated.length > 0) parts.push(`updated ${groupedAddresses(o.witness.updated)}`);
  if (o.witness.notCreated.length > 0) parts.push(`not yet created ${groupedAddresses(o.witness.notCreated)}`);
  return `in an order Terraform may take (nothing orders the creates first): ${parts.join('; ') || 'the stack part-way applied'}`;
}

/** `aws_route53_zone_association.a, aws_route53_zone_association.b` or `8 aws_route53_zone_association` per type. */
export function groupedAddresses(addresses: readonly string[]): string {
  const byType = new Map<string, string[]>();
  for (const a of addresses) {
    const type = a.slice(0, a.indexOf('.'));
    byType.set(type, [...(byType.get(type) ?? []), a]);
  }
  return [...byType].map(([type, xs]) => (xs.length <= 2 ? xs.join(', ') : `${xs.length} ${type}`)).join(', ');
}

/** The PR-description lines that unblock the review: allow-destroy patterns, then allow-outage lines. */
export function acknowledgementLines(r: Pick<ReviewReport, 'gate'>): string[] {
  const open = r.gate.changes.filter((g) => !g.acknowledged);
  const openOutages = r.gate.outages.filter((o) => !o.acknowledged);
  return [
    ...(open.length > 0 ? suggestAcknowledgements(open, r.gate.changes).map((a) => `vpce-hub allow-destroy: ${a}`) : []),
    ...(openOutages.length > 0 ? suggestOutageAcknowledgements(openOutages, r.gate.outages).map((a) => `vpce-hub allow-outage: ${a}`) : []),
  ];
}

/** What the transition proof looked at and found, in one sentence; undefined without a base. */
export function transitionLine(r: Pick<ReviewReport, 'transition' | 'gate'>): string | undefined {
  const t = r.transition;
  if (!t) return undefined;
  const lost = r.gate.outages.reduce((n, o) => n + o.services.length, 0);
  if (t.events === 0) return 'Transition: nothing to apply.';
  if (t.states === 0) return `Transition: of ${t.events} apply events, none destroys or updates anything in a stack that the ${t.pairs} pairs reachable before and after use: none can lose service.`;
  return `Transition: ${t.pairs} pairs reachable before and after, checked at ${t.states} moment${t.states === 1 ? '' : 's'} of the apply that Terraform may reach (${t.events} apply events): ${lost === 0 ? 'none loses service' : `${lost} can lose service (transition outages above)`}.`;
}
