/**
 * Transit gateways as the tree expresses them (issue 10): VPC attachments (and their accepters),
 * route table associations, propagations and static routes, keyed by the identity of the route table
 * and attachment they name, so that an association in one stack and a propagation in another that
 * name the same table (by id or through remote state) meet. Pure: reads the tree only.
 */
import { str } from './json-value';
import { identityOf, resolveExpression, resourcesOfType, type SynthTree, type TfResource } from './tree';

export interface GatewayLink {
  readonly holder: TfResource;
  /** Identity of the transit gateway route table. */
  readonly table?: string;
  /** The VPC attachment named, directly or through its accepter. */
  readonly attachment?: TfResource;
}

/** The `aws_ec2_transit_gateway_vpc_attachment` an id expression denotes, directly or through an accepter. */
export function attachmentOf(tree: SynthTree, res: TfResource): TfResource | undefined {
  const r = resolveExpression(tree, res.stack, res.body.transit_gateway_attachment_id);
  if (r.kind !== 'resource') return undefined;
  if (r.resource.type === 'aws_ec2_transit_gateway_vpc_attachment') return r.resource;
  if (r.resource.type === 'aws_ec2_transit_gateway_vpc_attachment_accepter') return attachmentOf(tree, r.resource);
  return undefined;
}

const linksOf = (tree: SynthTree, type: string): GatewayLink[] =>
  resourcesOfType(tree, type).map((holder) => {
    const table = identityOf(resolveExpression(tree, holder.stack, holder.body.transit_gateway_route_table_id));
    const attachment = attachmentOf(tree, holder);
    return { holder, ...(table ? { table } : {}), ...(attachment ? { attachment } : {}) };
  });

export const associations = (tree: SynthTree): GatewayLink[] => linksOf(tree, 'aws_ec2_transit_gateway_route_table_association');
export const propagations = (tree: SynthTree): GatewayLink[] => linksOf(tree, 'aws_ec2_transit_gateway_route_table_propagation');
/** Static routes that forward (blackhole routes drop traffic and never open a path). */
export const staticRoutes = (tree: SynthTree): GatewayLink[] => linksOf(tree, 'aws_ec2_transit_gateway_route').filter((l) => l.holder.body.blackhole !== true);

/**
 * Hub attachments: attachments of a VPC that holds interface endpoints (an `aws_vpc_endpoint` of the
 * same stack names the same VPC). Every other attachment is a spoke's (or another network's).
 */
export function isHubAttachment(tree: SynthTree, attachment: TfResource): boolean {
  const vpc = identityOf(resolveExpression(tree, attachment.stack, attachment.body.vpc_id));
  if (vpc === undefined) return false;
  return (tree.stacks.get(attachment.stack)?.resourcesByType.get('aws_vpc_endpoint') ?? []).some((e) => identityOf(resolveExpression(tree, e.stack, e.body.vpc_id)) === vpc);
}

/** `type.name (stack)` for messages. */
export const label = (r: TfResource): string => `${r.address} (stack ${r.stack})`;

/** Transit gateway ids routes point at, per route destination: for VH-SG-003's "routed back" test. */
export function transitGatewayRoutes(tree: SynthTree): Array<{ holder: TfResource; destination?: string; transitGateway?: string }> {
  return resourcesOfType(tree, 'aws_route')
    .filter((r) => r.body.transit_gateway_id !== undefined && r.body.transit_gateway_id !== '')
    .map((holder) => {
      const destination = str(holder.body, 'destination_cidr_block') ?? str(holder.body, 'destination_ipv6_cidr_block');
      const transitGateway = identityOf(resolveExpression(tree, holder.stack, holder.body.transit_gateway_id));
      return { holder, ...(destination ? { destination } : {}), ...(transitGateway ? { transitGateway } : {}) };
    });
}

/** Identities of the transit gateways a VPC (by identity) is attached to. */
export function gatewaysOfVpc(tree: SynthTree, vpc: string): Set<string> {
  const out = new Set<string>();
  for (const a of resourcesOfType(tree, 'aws_ec2_transit_gateway_vpc_attachment')) {
    if (identityOf(resolveExpression(tree, a.stack, a.body.vpc_id)) !== vpc) continue;
    const tgw = identityOf(resolveExpression(tree, a.stack, a.body.transit_gateway_id));
    if (tgw) out.add(tgw);
  }
  return out;
}
