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
}

const HUB_SCOPE = /^hub=([A-Za-z][A-Za-z0-9-]*)$/;

function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** The hubs a change belongs to: named in its address, or read through one of the hub's outputs. */
export function hubsOfChange(c: AcknowledgeableChange): Set<string> {
  const out = new Set<string>();
  const name = c.address.slice(c.address.indexOf('.') + 1);
  const own = /^hub_([A-Za-z][A-Za-z0-9-]*)_/.exec(name);
  if (own) out.add(own[1]);
  const text = JSON.stringify([c.before ?? {}, c.after ?? {}]);
  for (const m of text.matchAll(/outputs\.hub_([A-Za-z][A-Za-z0-9-]*)_/g)) out.add(m[1]);
  // A reference to a resource of the hub (a peering's accepter names `aws_vpc_peering_connection.hub_<name>_to_...`).
  for (const m of text.matchAll(/\$\{[a-z0-9_]+\.hub_([A-Za-z][A-Za-z0-9-]*)_/g)) out.add(m[1]);
  return out;
}

/** Whether one acknowledgement (exact or pattern) covers a change. */
export function acknowledges(ack: string, c: AcknowledgeableChange): boolean {
  const slash = ack.indexOf('/');
  const scope = slash >= 0 ? ack.slice(0, slash) : undefined;
  const addressGlob = slash >= 0 ? ack.slice(slash + 1) : ack;
  if (!globRegExp(addressGlob).test(c.address)) return false;
  if (scope === undefined) return true;
  const hub = HUB_SCOPE.exec(scope);
  if (hub) return hubsOfChange(c).has(hub[1]);
  return globRegExp(scope).test(c.stack);
}

/**
 * The shape of a valid acknowledgement: `[<stack pattern>|hub=<name>/]<type pattern>.<name pattern>`,
 * a removed stack (`<stack>/*`) or a provider a stack loses (`<stack>/provider.aws.us_east_1`).
 */
export const ACKNOWLEDGEMENT = /^(?:(?:[A-Za-z*][A-Za-z0-9*-]*|hub=[A-Za-z][A-Za-z0-9-]*)\/)?(?:\*|[a-z0-9_*]+(?:\.[A-Za-z0-9_*-]+)+)$/;

/**
 * The fewest acknowledgements that cover exactly the open (unacknowledged) gated changes: a stack's
 * changes of one type become `stack/type.*` when that pattern covers no gated change outside them
 * (there are at least two, and every gated change of that type in that stack is open); others stay
 * exact. For the PR comment, where 96 addresses would make a 4,000-character command.
 */
export function suggestAcknowledgements(open: readonly AcknowledgeableChange[], all: readonly AcknowledgeableChange[]): string[] {
  const typeOf = (c: AcknowledgeableChange) => c.address.slice(0, c.address.indexOf('.'));
  const groups = new Map<string, AcknowledgeableChange[]>();
  const out: string[] = [];
  for (const c of open) {
    // A removed stack is acknowledged as a whole, by the one form main's gate asks for.
    if (c.address === '*') {
      out.push(`${c.stack}/*`);
      continue;
    }
    const k = `${c.stack}/${typeOf(c)}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const [k, members] of groups) {
    const pattern = `${k}.*`;
    const covered = all.filter((c) => acknowledges(pattern, c));
    if (members.length >= 2 && covered.length === members.length) out.push(pattern);
    else for (const c of members) out.push(`${c.stack}/${c.address}`);
  }
  return out.sort();
}
