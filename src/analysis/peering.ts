/**
 * VPC peering as the tree expresses it: connections, their two VPCs, and the routes that send traffic
 * over them (standalone `aws_route` and inline `route` blocks of `aws_route_table`).
 */
import { blocks, has, str, type Json, type JsonObject } from './json-value';
import { identityOf, resolveExpression, resourcesOfType, type SynthTree, type TfResource } from './tree';

export interface PeeringRoute {
  /** The `aws_route`, or the `aws_route_table` carrying an inline route. */
  readonly holder: TfResource;
  /** `route[0]` for inline routes, else the holder's address. */
  readonly label: string;
  /** IPv4 or IPv6 destination CIDR (undefined for a prefix-list destination). */
  readonly destination?: string;
  /** The peering connection, when the tree defines it. */
  readonly peering?: TfResource;
}

/** The `aws_vpc_peering_connection` an id expression denotes, directly or through an accepter's id. */
export function peeringConnectionOf(tree: SynthTree, stack: string, value: Json | undefined): TfResource | undefined {
  const r = resolveExpression(tree, stack, value);
  if (r.kind !== 'resource') return undefined;
  if (r.resource.type === 'aws_vpc_peering_connection') return r.resource;
  if (r.resource.type === 'aws_vpc_peering_connection_accepter') {
    const inner = resolveExpression(tree, r.resource.stack, r.resource.body.vpc_peering_connection_id);
    return inner.kind === 'resource' && inner.resource.type === 'aws_vpc_peering_connection' ? inner.resource : undefined;
  }
  return undefined;
}

export function peeringRoutes(tree: SynthTree): PeeringRoute[] {
  const out: PeeringRoute[] = [];
  const route = (holder: TfResource, label: string, b: JsonObject, cidrKeys: [string, string]): void => {
    if (!has(b, 'vpc_peering_connection_id')) return;
    const destination = str(b, cidrKeys[0]) ?? str(b, cidrKeys[1]);
    const peering = peeringConnectionOf(tree, holder.stack, b.vpc_peering_connection_id);
    out.push({ holder, label, ...(destination ? { destination } : {}), ...(peering ? { peering } : {}) });
  };
  for (const r of resourcesOfType(tree, 'aws_route')) route(r, r.address, r.body, ['destination_cidr_block', 'destination_ipv6_cidr_block']);
  for (const t of resourcesOfType(tree, 'aws_route_table')) {
    blocks(t.body, 'route').forEach((b, i) => route(t, `route[${i}]`, b, ['cidr_block', 'ipv6_cidr_block']));
  }
  return out;
}

/** Identity (see tree.identityOf) of the VPC a resource's `vpc_id`-like attribute names. */
export function vpcIdentity(tree: SynthTree, res: TfResource, attribute = 'vpc_id'): string | undefined {
  return identityOf(resolveExpression(tree, res.stack, res.body[attribute]));
}

/** The requester's and the accepter's VPC identities of a peering connection. */
export function peeringVpcs(tree: SynthTree, pcx: TfResource): { requester?: string; accepter?: string } {
  const requester = vpcIdentity(tree, pcx, 'vpc_id');
  const accepter = vpcIdentity(tree, pcx, 'peer_vpc_id');
  return { ...(requester ? { requester } : {}), ...(accepter ? { accepter } : {}) };
}
