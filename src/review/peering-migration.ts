/**
 * What review says about a hub moving from peering to its transit gateway (planning/peering-migration.ts),
 * read from the change set itself:
 * - a peering (or its accepter) destroyed while routes that used it move to the transit gateway in the
 *   same apply is the one-step switch: Terraform destroys a resource before it updates the resources that
 *   depended on it, unless create_before_destroy was set when they were created (hashicorp/terraform
 *   issues 29925 and 32136), so those routes point at a deleted peering until they move: blocked, with
 *   the three steps as the fix;
 * - a peering destroyed with no route using it any more is step 3: no path changes;
 * - route updates from a peering to the gateway are step 2 (or a skipped step 1): said in the notes.
 */
import { str, type JsonObject } from '../analysis/json-value';
import type { ResourceChange } from './changes';
import { hubsOfChange } from './acknowledgements';
import type { HubPlan, NetworkPlan } from '../planning/plan';

export type PeeringDelete = 'one-step' | 'unrouted';

const README = 'README, "Move a hub from peering to a transit gateway"';

/**
 * How a body names its peering: `${aws_vpc_peering_connection.<name>.id}` in a synthesized tree, the
 * `pcx-...` id itself in a real plan's before values.
 */
const peeringOf = (body: JsonObject | undefined): string | undefined => {
  const v = str(body ?? {}, 'vpc_peering_connection_id');
  return v === undefined || v === '' ? undefined : (/\$\{aws_vpc_peering_connection\.([^.}]+)\.id\}/.exec(v)?.[1] ?? v);
};
/** The names a peering delete is known by: its resource name, and its id when the plan knows it. */
const namesOf = (change: ResourceChange): Set<string> => {
  if (change.type === 'aws_vpc_peering_connection') return new Set([change.name, ...(str(change.before ?? {}, 'id') ? [str(change.before ?? {}, 'id') as string] : [])]);
  const named = change.type === 'aws_vpc_peering_connection_accepter' ? peeringOf(change.before) : undefined;
  return new Set(named === undefined ? [] : [named]);
};

const movesToGateway = (c: ResourceChange): boolean =>
  c.type === 'aws_route' && (c.action === 'update' || c.action === 'replace') && peeringOf(c.before) !== undefined && c.after !== undefined && (str(c.after, 'transit_gateway_id') ?? '') !== '';

/**
 * How a peering (or accepter) delete relates to the routes of its stack: `one-step` when a route that
 * used it moves to a transit gateway in the same change set; `unrouted` when its hub was at step 2 in
 * the base (`unroutedHubs`: every route moved then) and no route in the change set uses it; otherwise
 * undefined (a spoke removed: the ordinary consequence).
 */
export function peeringDelete(change: ResourceChange, stackChanges: readonly ResourceChange[], unroutedHubs: ReadonlySet<string> = new Set()): PeeringDelete | undefined {
  if (change.action !== 'delete') return undefined;
  const names = namesOf(change);
  if (names.size === 0) return undefined;
  const routes = stackChanges.filter((c) => c.type === 'aws_route' && names.has(peeringOf(c.before) ?? ''));
  if (routes.some(movesToGateway)) return 'one-step';
  if (routes.length === 0 && [...hubsOfChange(change)].some((h) => unroutedHubs.has(h))) return 'unrouted';
  return undefined;
}

export function peeringDeleteConsequence(kind: PeeringDelete, hubs: readonly string[]): string {
  const hub = hubs[0] ?? '<hub>';
  return kind === 'one-step'
    ? `switches the spoke from peering to the transit gateway in one apply: Terraform destroys a peering before it updates the routes that used it (unless create_before_destroy was set when they were created: hashicorp/terraform issues 29925, 32136), so those routes point at a deleted peering, a blackhole, until they move; and where the gateway path is built in the same apply, they move onto a path nobody has checked. ` +
        `Migrate in three pull requests instead (${README}): hubs.${hub}.peeringMigration: attach, then move-routes, then remove it`
    : 'no route uses the peering any more (they moved to the transit gateway in an earlier step): deleting it changes no path (step 3 of the migration from peering)';
}

/** One line per hub whose migration this change set advances, for the report. */
export function migrationNotes(plan: NetworkPlan, base: NetworkPlan | undefined, changes: readonly ResourceChange[]): string[] {
  const out: string[] = [];
  for (const hub of plan.hubs) {
    const before = base?.hubs.find((h) => h.name === hub.name);
    const moved = changes.filter((c) => movesToGateway(c) && hubsOfChange(c).has(hub.name)).length;
    const step = stepOf(hub);
    if (step === 'attach' && before && stepOf(before) !== 'attach') {
      out.push(`hub ${hub.name}, step 1 of 3: the transit gateway path is built (each spoke attached, accepted, associated and propagated) while every spoke keeps routing over its peering. Apply every stack, run vpce-hub prove (it checks the prepared gateway path too), then set peeringMigration: move-routes.`);
    }
    if (step === 'move-routes' && moved > 0) {
      const skipped = before !== undefined && stepOf(before) === 'peering';
      out.push(
        `hub ${hub.name}, step 2 of 3: ${moved} route${moved === 1 ? '' : 's'} move${moved === 1 ? 's' : ''} in place from the peerings to the transit gateway (ReplaceRoute), each after its attachment's association and propagation, both directions in the same apply; the peerings stay, unused. ` +
          (skipped ? 'Step 1 was skipped: the gateway path is built in this same apply, so traffic moves onto a path nobody has checked; apply peeringMigration: attach first unless that is intended. ' : '') +
          'Next: remove peeringMigration.',
      );
    }
    if (step === 'transit-gateway' && before && stepOf(before) === 'move-routes') {
      out.push(`hub ${hub.name}, step 3 of 3: the peerings are destroyed; no route uses them any more. Apply the stacks before narrowing the hub-side role to the policy vpce-hub iam-policy now prints (its peering statements are gone, and the apply still deletes the peerings through that role).`);
    }
    if (step === 'transit-gateway' && before && (stepOf(before) === 'peering' || stepOf(before) === 'attach')) {
      out.push(`hub ${hub.name}: switched from peering to the transit gateway in one change, which the gate blocks (see each peering's consequence). Migrate in three pull requests instead (${README}).`);
    }
  }
  return out;
}

type Step = 'peering' | 'attach' | 'move-routes' | 'transit-gateway';
const stepOf = (hub: HubPlan): Step => (hub.connectivity === 'peering' ? 'peering' : (hub.peeringMigration ?? 'transit-gateway'));
