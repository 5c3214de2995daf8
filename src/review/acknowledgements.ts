/**
 * `--allow-destroy` acknowledgements (and the `vpce-hub allow-destroy:` lines of a PR description):
 * an exact address, or a pattern that covers many gated changes at once.
 *
 *   network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com   one address in one stack
 *   aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com           that address in every stack
 *   payments/aws_route53_zone_association.*                         every association in stack payments
 *   aws_route53_zone_association.spoke_payments-prod_*              every association of one spoke
 *   hub=main/aws_route53_zone_association.*                         every association of hub main's zones
 *
 * `*` matches any run of characters (including none); nothing else is special. The part before `/`
 * is a stack name (pattern) or `hub=<name>`, which selects changes of that hub: resources whose
 * address names the hub (`hub_<name>_...`) or whose body reads one of its outputs or resources (`hub_<name>_...`);
 * hub names contain no `_` (schema), so `hub_main_` can never match hub `main-2`.
 * A pattern acknowledges only gated changes of the review it is given to: nothing that is not
 * destroyed or replaced by this change set is ever affected.
 */
import type { JsonObject } from '../analysis/json-value';

export interface AcknowledgeableChange {
  stack: string;
  address: string;
  before?: JsonObject;
  after?: JsonObject;
  /** The hubs it belongs to, when already worked out from its bodies (gate.ts keeps them, not the bodies). */
  hubs?: readonly string[];
}

const HUB_SCOPE = /^hub=([A-Za-z][A-Za-z0-9-]*)$/;

function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** The hubs a change belongs to: named in its address, or read through one of the hub's outputs. */
export function hubsOfChange(c: AcknowledgeableChange): Set<string> {
  const known = hubCache.get(c);
  if (known) return known;
  if (c.hubs) {
    const given = new Set(c.hubs);
    hubCache.set(c, given);
    return given;
  }
  const out = new Set<string>();
  const name = c.address.slice(c.address.indexOf('.') + 1);
  const own = /^hub_([A-Za-z][A-Za-z0-9-]*)_/.exec(name);
  if (own) out.add(own[1]);
  const text = JSON.stringify([c.before ?? {}, c.after ?? {}]);
  for (const m of text.matchAll(/outputs\.hub_([A-Za-z][A-Za-z0-9-]*)_/g)) out.add(m[1]);
  // A reference to a resource of the hub (a peering's accepter names `aws_vpc_peering_connection.hub_<name>_to_...`).
  for (const m of text.matchAll(/\$\{[a-z0-9_]+\.hub_([A-Za-z][A-Za-z0-9-]*)_/g)) out.add(m[1]);
  hubCache.set(c, out);
  return out;
}

const hubCache = new WeakMap<AcknowledgeableChange, Set<string>>();

/** Whether one acknowledgement (exact or pattern) covers a change. */
export function acknowledges(ack: string, c: AcknowledgeableChange): boolean {
  return matcher(ack)(c);
}

const matchers = new Map<string, (c: AcknowledgeableChange) => boolean>();

function matcher(ack: string): (c: AcknowledgeableChange) => boolean {
  const known = matchers.get(ack);
  if (known) return known;
  const slash = ack.indexOf('/');
  const scope = slash >= 0 ? ack.slice(0, slash) : undefined;
  const address = globRegExp(slash >= 0 ? ack.slice(slash + 1) : ack);
  const hub = scope !== undefined ? HUB_SCOPE.exec(scope)?.[1] : undefined;
  const stack = scope !== undefined && hub === undefined ? globRegExp(scope) : undefined;
  const m = (c: AcknowledgeableChange) => address.test(c.address) && (hub !== undefined ? hubsOfChange(c).has(hub) : stack === undefined || stack.test(c.stack));
  if (matchers.size > 10_000) matchers.clear();
  matchers.set(ack, m);
  return m;
}

/**
 * The shape of a valid acknowledgement: `[<stack pattern>|hub=<name>/]<type pattern>.<name pattern>`,
 * a removed stack (`<stack>/*`) or a provider a stack loses (`<stack>/provider.aws.us_east_1`).
 */
export const ACKNOWLEDGEMENT = /^(?:(?:[A-Za-z*][A-Za-z0-9*-]*|hub=[A-Za-z][A-Za-z0-9-]*)\/)?(?:\*|[a-z0-9_*]+(?:\.[A-Za-z0-9_*-]+)+)$/;

/**
 * The coarsest acknowledgements that cover exactly the open (unacknowledged) gated changes, for the PR
 * comment: a greedy cover that takes, each time, the pattern covering the most open changes among
 * those that cover no other gated change, the coarser kind first on a tie: everything of one hub
 * (`hub=main/*`), everything whose name has one word (`*.*sqs*`: removing a service is one line, not
 * one per zone, record and association), one type (`aws_route53_zone_association.*`), one type of one
 * hub or stack, one stack. What no pattern covers twice stays an exact address; a removed stack is
 * acknowledged as a whole (`<stack>/*`), the one form main's gate asks for.
 */
export function suggestAcknowledgements(open: readonly AcknowledgeableChange[], all: readonly AcknowledgeableChange[]): string[] {
  const out: string[] = [];
  const pending = new Set<AcknowledgeableChange>();
  for (const c of open) {
    if (c.address === '*') out.push(`${c.stack}/*`);
    else pending.add(c);
  }
  const openSet = new Set(open);
  const typeOf = (c: AcknowledgeableChange) => c.address.slice(0, c.address.indexOf('.'));
  const nameOf = (c: AcknowledgeableChange) => c.address.slice(c.address.indexOf('.') + 1);
  const candidates: string[] = [];
  const add = (x: string) => {
    if (!candidates.includes(x)) candidates.push(x);
  };
  const hubs = [...new Set([...pending].flatMap((c) => [...hubsOfChange(c)]))].sort();
  for (const h of hubs) add(`hub=${h}/*`);
  const words = new Map<string, number>();
  for (const c of pending) for (const w of new Set(nameOf(c).split('_'))) if (/^[A-Za-z][A-Za-z0-9-]{2,}$/.test(w)) words.set(w, (words.get(w) ?? 0) + 1);
  for (const [w, n] of [...words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 200)) if (n >= 2) add(`*.*${w}*`);
  const types = [...new Set([...pending].map(typeOf))].sort();
  for (const t of types) add(`${t}.*`);
  for (const t of types) for (const h of hubs) add(`hub=${h}/${t}.*`);
  const stacks = [...new Set([...pending].map((c) => c.stack))].sort();
  for (const t of types) for (const st of stacks) add(`${st}/${t}.*`);
  for (const st of stacks) add(`${st}/*`);
  // A candidate is usable when everything it covers is open.
  const covers = new Map<string, AcknowledgeableChange[]>();
  for (const k of candidates) {
    const m = matcher(k);
    const hit = all.filter(m);
    if (hit.length >= 2 && hit.every((c) => openSet.has(c))) covers.set(k, hit);
  }
  for (;;) {
    let best: string | undefined;
    let bestCount = 1;
    for (const [k, hit] of covers) {
      const n = hit.filter((c) => pending.has(c)).length;
      if (n > bestCount) {
        best = k;
        bestCount = n;
      }
    }
    if (best === undefined) break;
    out.push(best);
    for (const c of covers.get(best) ?? []) pending.delete(c);
    covers.delete(best);
  }
  for (const c of pending) out.push(`${c.stack}/${c.address}`);
  return out.sort();
}

/**
 * `--allow-outage` acknowledgements (and `vpce-hub allow-outage:` lines of a PR description) of
 * transition outages (src/review/transition): `hub=<name>` accepts every outage of that hub's pairs,
 * `spoke=<name>` every outage of that spoke. They are a separate word on purpose: acknowledging that
 * something is destroyed is not acknowledging that spokes lose a service while it happens.
 */
export const OUTAGE_ACKNOWLEDGEMENT = /^(?:hub|spoke)=[A-Za-z][A-Za-z0-9-]*$/;

export interface AcknowledgeableOutage {
  hub: string;
  /** The spoke, or another client row of the hub (acknowledged by its hub only). */
  row: string;
}

export function acknowledgesOutage(ack: string, o: AcknowledgeableOutage): boolean {
  const [kind, name] = ack.split('=');
  return (kind === 'hub' && name === o.hub) || (kind === 'spoke' && name === o.row);
}

/**
 * The coarsest lines that cover exactly the open outages: `hub=<name>` when every outage of that hub
 * is open (usually), else `spoke=<name>` per open spoke (a hub's other clients only by `hub=`).
 */
export function suggestOutageAcknowledgements(open: readonly AcknowledgeableOutage[], all: readonly AcknowledgeableOutage[]): string[] {
  const out = new Set<string>();
  for (const hub of new Set(open.map((o) => o.hub))) {
    const ofHub = all.filter((o) => o.hub === hub);
    const openOfHub = open.filter((o) => o.hub === hub);
    const spokeNamed = openOfHub.every((o) => /^[A-Za-z][A-Za-z0-9-]*$/.test(o.row));
    if (openOfHub.length === ofHub.length || !spokeNamed) out.add(`hub=${hub}`);
    else for (const o of openOfHub) out.add(`spoke=${o.row}`);
  }
  return [...out].sort();
}
