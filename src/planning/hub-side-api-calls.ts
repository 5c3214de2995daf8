/**
 * The API calls Terraform makes for each resource type vpce-hub creates through a hub-side role (a
 * spokes stack's provider into a hub account, or a stack's provider into a transit gateway owner's
 * account), per phase: create (with what the provider waits on), read (refresh), update (tags and
 * in-place changes) and delete. One table feeds both the hub-side policy generator
 * (planning/hub-side-policy.ts: which actions each scoped statement holds) and its sufficiency proof
 * (analysis/hub-side-proof.ts: every call of every synthesized resource, evaluated against the policy),
 * so the two cannot drift apart (engineering.md section 4).
 *
 * Each row is what hashicorp/aws 5.100.0 does (internal/service/<service>/<file>.go, cited per
 * resource), and each call names the IAM resources it is authorized on, by their Service Authorization
 * Reference resource types (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html,
 * .../list_amazonroute53.html, .../list_awsresourceaccessmanagerram.html). A call authorized on two
 * resources (CreateVpcPeeringConnection: the requester VPC and the new peering) needs an Allow for each.
 * Reads (Describe*, Get*, List*) that support no resource-level permissions name no resource (`*`).
 *
 * Tags: the provider merges `default_tags` into every resource's `tags_all`; creating calls pass them as
 * TagSpecifications (EC2's tag-on-create, which IAM also authorizes as `ec2:CreateTags` with
 * `ec2:CreateAction`: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html),
 * and a change of tags is CreateTags for new or changed keys and DeleteTags for removed ones
 * (the generated `updateTags` of each `@Tags(identifierAttribute="id")` resource, internal/service/ec2/tags_gen.go).
 */

/** Terraform's phases of a resource's life (its CRUD functions). */
export type Phase = 'create' | 'read' | 'update' | 'delete';

/** Service Authorization Reference resource types the hub-side calls are authorized on. */
export type IamResourceType =
  | 'vpc'
  | 'vpc-peering-connection'
  | 'route-table'
  | 'security-group'
  | 'security-group-rule'
  | 'hostedzone'
  | 'resource-share'
  | 'transit-gateway'
  | 'transit-gateway-attachment'
  | 'transit-gateway-route-table';

/**
 * Where the id of a call's resource comes from: the resource itself (`self`: its id once created), one
 * of its arguments (a Terraform attribute, e.g. `route_table_id`), the transit gateway's default
 * association or propagation route table (read by the accepter from DescribeTransitGateways; the
 * config names it: hubs.<hub>.transitGateway.defaultRouteTableIds), or the route table an attachment
 * is associated with now (`currentRouteTable`: read from DescribeTransitGatewayAttachments; an adopted
 * attachment's, which the config does not know).
 */
export type Locator = 'self' | { attribute: string } | { defaultRouteTable: 'association' | 'propagation' } | { currentRouteTable: true };

/**
 * What a call's request context carries besides each resource's own tags (`aws:ResourceTag/*`):
 * - `requestTags`: the resource's `tags_all` as `aws:RequestTag/*` and `aws:TagKeys`;
 * - `removedTagKeys`: the keys a tag update removes, as `aws:TagKeys`;
 * - `createAction`: EC2's `ec2:CreateAction` of a tag-on-create;
 * - `peeringVpcs`: `ec2:RequesterVpc` and `ec2:AccepterVpc` (vpc_id, and peer_vpc_id in peer_owner_id / peer_region);
 * - `route53Vpc`: `route53:VPCs` as `VPCId=<vpc_id>,VPCRegion=<vpc_region>`;
 * - `ramPrincipal`: `ram:Principal` (principal) and `ram:ResourceShareName` (the share's name).
 */
export type ContextSource = 'requestTags' | 'removedTagKeys' | { createAction: string } | 'peeringVpcs' | 'route53Vpc' | 'ramPrincipal';

export interface ApiCall {
  phase: Phase;
  action: string;
  /** The IAM resources the call is authorized on ([] for actions without resource-level permissions). */
  on: ReadonlyArray<{ type: IamResourceType; id: Locator }>;
  context?: readonly ContextSource[];
  /** Set when the call happens only in some configurations (the proof then asks `appliesTo`). */
  only?: 'tag-change' | 'gateway-has-default-association' | 'gateway-has-default-propagation' | 'replace-existing-association';
}

export interface ResourceApiCalls {
  /** The provider source (hashicorp/terraform-provider-aws, tag v5.100.0) the rows follow. */
  source: string;
  calls: readonly ApiCall[];
}

const self = 'self' as const;
const attr = (attribute: string): Locator => ({ attribute });
const read = (action: string): ApiCall => ({ phase: 'read', action, on: [] });
/** An accepter takes its attachment out of the gateway's default tables when it is created, and again when its update finds it back there. */
const outOfDefaultTables = (phase: 'create' | 'update'): ApiCall[] => [
  {
    phase,
    action: 'ec2:DisassociateTransitGatewayRouteTable',
    on: [
      { type: 'transit-gateway-route-table', id: { defaultRouteTable: 'association' } },
      { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
    ],
    only: 'gateway-has-default-association',
  },
  {
    phase,
    action: 'ec2:DisableTransitGatewayRouteTablePropagation',
    on: [
      { type: 'transit-gateway-route-table', id: { defaultRouteTable: 'propagation' } },
      { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
    ],
    only: 'gateway-has-default-propagation',
  },
];

/** Tag updates of an EC2 resource with `tags`: CreateTags for new or changed keys, DeleteTags for removed ones. */
const ec2TagUpdates = (type: IamResourceType): ApiCall[] => [
  { phase: 'update', action: 'ec2:CreateTags', on: [{ type, id: self }], context: ['requestTags'], only: 'tag-change' },
  { phase: 'update', action: 'ec2:DeleteTags', on: [{ type, id: self }], context: ['removedTagKeys'], only: 'tag-change' },
];

export const HUB_SIDE_API_CALLS = {
  // internal/service/ec2/vpc_peering_connection.go: Create passes TagSpecifications and waits on
  // DescribeVpcPeeringConnections; Read is DescribeVpcPeeringConnections; Delete deletes and waits.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html
  aws_vpc_peering_connection: {
    source: 'internal/service/ec2/vpc_peering_connection.go',
    calls: [
      {
        phase: 'create',
        action: 'ec2:CreateVpcPeeringConnection',
        on: [
          { type: 'vpc', id: attr('vpc_id') },
          { type: 'vpc-peering-connection', id: self },
        ],
        context: ['requestTags', 'peeringVpcs'],
      },
      { phase: 'create', action: 'ec2:CreateTags', on: [{ type: 'vpc-peering-connection', id: self }], context: ['requestTags', { createAction: 'CreateVpcPeeringConnection' }, 'peeringVpcs'] },
      read('ec2:DescribeVpcPeeringConnections'),
      ...ec2TagUpdates('vpc-peering-connection'),
      { phase: 'delete', action: 'ec2:DeleteVpcPeeringConnection', on: [{ type: 'vpc-peering-connection', id: self }], context: ['peeringVpcs'] },
    ],
  },
  // internal/service/ec2/vpc_route.go: CreateRoute, then DescribeRouteTables until the route shows;
  // ReplaceRoute when the target changes in place; DeleteRoute.
  aws_route: {
    source: 'internal/service/ec2/vpc_route.go',
    calls: [
      { phase: 'create', action: 'ec2:CreateRoute', on: [{ type: 'route-table', id: attr('route_table_id') }] },
      read('ec2:DescribeRouteTables'),
      { phase: 'update', action: 'ec2:ReplaceRoute', on: [{ type: 'route-table', id: attr('route_table_id') }] },
      { phase: 'delete', action: 'ec2:DeleteRoute', on: [{ type: 'route-table', id: attr('route_table_id') }] },
    ],
  },
  // internal/service/ec2/vpc_security_group_ingress_rule.go: AuthorizeSecurityGroupIngress with
  // TagSpecifications (the new rule is a security-group-rule resource), DescribeSecurityGroupRules,
  // ModifySecurityGroupRules for in-place changes, RevokeSecurityGroupIngress by rule id.
  aws_vpc_security_group_ingress_rule: {
    source: 'internal/service/ec2/vpc_security_group_ingress_rule.go',
    calls: [
      {
        phase: 'create',
        action: 'ec2:AuthorizeSecurityGroupIngress',
        on: [
          { type: 'security-group', id: attr('security_group_id') },
          { type: 'security-group-rule', id: self },
        ],
        context: ['requestTags'],
      },
      { phase: 'create', action: 'ec2:CreateTags', on: [{ type: 'security-group-rule', id: self }], context: ['requestTags', { createAction: 'AuthorizeSecurityGroupIngress' }] },
      read('ec2:DescribeSecurityGroupRules'),
      {
        phase: 'update',
        action: 'ec2:ModifySecurityGroupRules',
        on: [
          { type: 'security-group', id: attr('security_group_id') },
          { type: 'security-group-rule', id: self },
        ],
      },
      ...ec2TagUpdates('security-group-rule'),
      { phase: 'delete', action: 'ec2:RevokeSecurityGroupIngress', on: [{ type: 'security-group', id: attr('security_group_id') }] },
    ],
  },
  // internal/service/route53/vpc_association_authorization.go: Create, ListVPCAssociationAuthorizations
  // (read, paginated), Delete. https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html
  aws_route53_vpc_association_authorization: {
    source: 'internal/service/route53/vpc_association_authorization.go',
    calls: [
      { phase: 'create', action: 'route53:CreateVPCAssociationAuthorization', on: [{ type: 'hostedzone', id: attr('zone_id') }], context: ['route53Vpc'] },
      { phase: 'read', action: 'route53:ListVPCAssociationAuthorizations', on: [{ type: 'hostedzone', id: attr('zone_id') }] },
      { phase: 'delete', action: 'route53:DeleteVPCAssociationAuthorization', on: [{ type: 'hostedzone', id: attr('zone_id') }], context: ['route53Vpc'] },
    ],
  },
  // internal/service/ram/principal_association.go: AssociateResourceShare with one principal,
  // GetResourceShareAssociations (read and waits), DisassociateResourceShare. GetResourceShares: earlier
  // 5.x releases read the share before associating an account; a read of share metadata, kept.
  aws_ram_principal_association: {
    source: 'internal/service/ram/principal_association.go',
    calls: [
      { phase: 'create', action: 'ram:AssociateResourceShare', on: [{ type: 'resource-share', id: attr('resource_share_arn') }], context: ['ramPrincipal'] },
      read('ram:GetResourceShareAssociations'),
      read('ram:GetResourceShares'),
      { phase: 'delete', action: 'ram:DisassociateResourceShare', on: [{ type: 'resource-share', id: attr('resource_share_arn') }], context: ['ramPrincipal'] },
    ],
  },
  // internal/service/ec2/transitgateway_vpc_attachment_accepter.go: Accept, wait
  // (DescribeTransitGatewayVpcAttachments), createTags (AcceptTransitGatewayVpcAttachment takes no
  // TagSpecifications, so the owner's tags are written after the acceptance), DescribeTransitGateways,
  // then undo the gateway's default association and propagation (GetTransitGatewayRouteTable*
  // then Disassociate / Disable) when it has default tables; Read repeats those reads; Delete deletes
  // the attachment. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html
  // Update (an adopted attachment's accepter, imported: its Read sets transit_gateway_default_route_table_*
  // to true while the attachment is in the default tables, and the config's false is a change): the tag
  // update first (the provider's tagsResourceInterceptor, internal/provider, runs updateTags in the
  // Before step of Update: DeleteTags of removed keys, then CreateTags), then, only for a changed default_route_table_association /
  // _propagation, DescribeTransitGateways and transitGatewayRouteTableAssociationUpdate /
  // transitGatewayRouteTablePropagationUpdate: GetTransitGatewayRouteTableAssociations (or
  // ...Propagations) on the default table, then DisassociateTransitGatewayRouteTable /
  // DisableTransitGatewayRouteTablePropagation (transitgateway_route_table_association.go,
  // transitgateway_route_table_propagation.go). No ModifyTransitGatewayVpcAttachment: the accepter
  // changes nothing of the attachment itself.
  aws_ec2_transit_gateway_vpc_attachment_accepter: {
    source: 'internal/service/ec2/transitgateway_vpc_attachment_accepter.go',
    calls: [
      { phase: 'create', action: 'ec2:AcceptTransitGatewayVpcAttachment', on: [{ type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') }] },
      { phase: 'create', action: 'ec2:CreateTags', on: [{ type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') }], context: ['requestTags'] },
      ...outOfDefaultTables('create'),
      read('ec2:DescribeTransitGatewayVpcAttachments'),
      read('ec2:DescribeTransitGateways'),
      read('ec2:GetTransitGatewayRouteTableAssociations'),
      read('ec2:GetTransitGatewayRouteTablePropagations'),
      { phase: 'update', action: 'ec2:CreateTags', on: [{ type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') }], context: ['requestTags'], only: 'tag-change' },
      { phase: 'update', action: 'ec2:DeleteTags', on: [{ type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') }], context: ['removedTagKeys'], only: 'tag-change' },
      ...outOfDefaultTables('update'),
      { phase: 'delete', action: 'ec2:DeleteTransitGatewayVpcAttachment', on: [{ type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') }] },
    ],
  },
  // internal/service/ec2/transitgateway_route_table_association.go: Associate and wait
  // (GetTransitGatewayRouteTableAssociations); Read; Delete disassociates. With
  // replace_existing_association = true (vpce-hub sets it on adopted attachments only,
  // constructs/transit-gateway.ts), Create first reads the attachment (findTransitGatewayAttachmentByID:
  // DescribeTransitGatewayAttachments) and, when it is associated (state associated), calls
  // disassociateTransitGatewayRouteTable on that table, the one it has now, whichever it is (also the
  // target table itself), and waits (GetTransitGatewayRouteTableAssociations), then associates
  // (provider PR 31452, issue 16452). The replaced table is no argument: IAM sees a route table the
  // config never names.
  aws_ec2_transit_gateway_route_table_association: {
    source: 'internal/service/ec2/transitgateway_route_table_association.go',
    calls: [
      {
        phase: 'create',
        action: 'ec2:DisassociateTransitGatewayRouteTable',
        on: [
          { type: 'transit-gateway-route-table', id: { currentRouteTable: true } },
          { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
        ],
        only: 'replace-existing-association',
      },
      {
        phase: 'create',
        action: 'ec2:AssociateTransitGatewayRouteTable',
        on: [
          { type: 'transit-gateway-route-table', id: attr('transit_gateway_route_table_id') },
          { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
        ],
      },
      read('ec2:GetTransitGatewayRouteTableAssociations'),
      read('ec2:DescribeTransitGatewayAttachments'),
      {
        phase: 'delete',
        action: 'ec2:DisassociateTransitGatewayRouteTable',
        on: [
          { type: 'transit-gateway-route-table', id: attr('transit_gateway_route_table_id') },
          { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
        ],
      },
    ],
  },
  // internal/service/ec2/transitgateway_route_table_propagation.go: Enable and wait
  // (GetTransitGatewayRouteTablePropagations); Read; Delete disables.
  aws_ec2_transit_gateway_route_table_propagation: {
    source: 'internal/service/ec2/transitgateway_route_table_propagation.go',
    calls: [
      {
        phase: 'create',
        action: 'ec2:EnableTransitGatewayRouteTablePropagation',
        on: [
          { type: 'transit-gateway-route-table', id: attr('transit_gateway_route_table_id') },
          { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
        ],
      },
      read('ec2:GetTransitGatewayRouteTablePropagations'),
      {
        phase: 'delete',
        action: 'ec2:DisableTransitGatewayRouteTablePropagation',
        on: [
          { type: 'transit-gateway-route-table', id: attr('transit_gateway_route_table_id') },
          { type: 'transit-gateway-attachment', id: attr('transit_gateway_attachment_id') },
        ],
      },
    ],
  },
  // internal/service/ec2/transitgateway_route_table.go: CreateTransitGatewayRouteTable with
  // TagSpecifications (on the gateway, making a transit-gateway-route-table), wait and read
  // (DescribeTransitGatewayRouteTables), tag updates, DeleteTransitGatewayRouteTable.
  aws_ec2_transit_gateway_route_table: {
    source: 'internal/service/ec2/transitgateway_route_table.go',
    calls: [
      {
        phase: 'create',
        action: 'ec2:CreateTransitGatewayRouteTable',
        on: [
          { type: 'transit-gateway', id: attr('transit_gateway_id') },
          { type: 'transit-gateway-route-table', id: self },
        ],
        context: ['requestTags'],
      },
      { phase: 'create', action: 'ec2:CreateTags', on: [{ type: 'transit-gateway-route-table', id: self }], context: ['requestTags', { createAction: 'CreateTransitGatewayRouteTable' }] },
      read('ec2:DescribeTransitGatewayRouteTables'),
      ...ec2TagUpdates('transit-gateway-route-table'),
      { phase: 'delete', action: 'ec2:DeleteTransitGatewayRouteTable', on: [{ type: 'transit-gateway-route-table', id: self }] },
    ],
  },
  // internal/service/ec2/tag.go (aws_ec2_tag, one tag of a resource made elsewhere): CreateTags,
  // DescribeTags (read), CreateTags again for a new value, DeleteTags. vpce-hub uses it for the owner's
  // tags of an attachment the gateway accepts by itself (constructs/transit-gateway.ts).
  aws_ec2_tag: {
    source: 'internal/service/ec2/tag.go',
    calls: [
      { phase: 'create', action: 'ec2:CreateTags', on: [{ type: 'transit-gateway-attachment', id: attr('resource_id') }], context: ['requestTags'] },
      read('ec2:DescribeTags'),
      { phase: 'update', action: 'ec2:CreateTags', on: [{ type: 'transit-gateway-attachment', id: attr('resource_id') }], context: ['requestTags'] },
      { phase: 'delete', action: 'ec2:DeleteTags', on: [{ type: 'transit-gateway-attachment', id: attr('resource_id') }], context: ['removedTagKeys'] },
    ],
  },
} as const satisfies Record<string, ResourceApiCalls>;

export type HubSideResourceType = keyof typeof HUB_SIDE_API_CALLS;

export const isHubSideResourceType = (type: string): type is HubSideResourceType => Object.prototype.hasOwnProperty.call(HUB_SIDE_API_CALLS, type);

/** The calls of one resource type (for the generator and the proof). */
export const callsOf = (type: HubSideResourceType): readonly ApiCall[] => HUB_SIDE_API_CALLS[type].calls;
