/**
 * Attributes whose change makes Terraform replace the resource instead of updating it in place
 * (`ForceNew` in SDKv2 schemas, `RequiresReplace` in framework ones), for every resource type
 * vpce-hub emits. Used only when two synthesized trees are compared without a real plan; a real
 * plan (`--plan`) knows this itself.
 *
 * Checked against hashicorp/terraform-provider-aws (the 5.x line this project pins, 5.100.0):
 * e.g. internal/service/route53/record.go (`name`, `zone_id` ForceNew; `type`, `alias` updatable) and
 * internal/service/ec2/vpc_security_group_ingress_rule.go (`security_group_id` RequiresReplace; the
 * CIDR, ports and description are modified in place). Any attribute not listed is an in-place update.
 * Add a row when a construct starts emitting a new type (a test fails until you do).
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  // IPv6 (issue 20) is associated in place: assign_generated_ipv6_cidr_block (vpc_.go resourceVPCUpdate,
  // modifyVPCIPv6CIDRBlockAssociation), a subnet's ipv6_cidr_block (vpc_subnet.go,
  // modifySubnetIPv6CIDRBlockAssociation), an endpoint's ip_address_type and dns_options (vpc_endpoint.go:
  // Optional and Computed, ModifyVpcEndpoint).
  aws_vpc: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length'],
  aws_subnet: ['vpc_id', 'cidr_block', 'availability_zone', 'availability_zone_id', 'outpost_arn'],
  aws_default_security_group: ['vpc_id'],
  aws_route_table: ['vpc_id'],
  // route_table_id is updatable (ReplaceRouteTableAssociation).
  aws_route_table_association: ['subnet_id', 'gateway_id'],
  // The target (vpc_peering_connection_id, gateway_id, ...) is updatable (ReplaceRoute).
  aws_route: ['route_table_id', 'destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'],
  aws_security_group: ['name', 'name_prefix', 'description', 'vpc_id'],
  aws_vpc_security_group_ingress_rule: ['security_group_id'],
  // internal/service/ec2/vpc_security_group_egress_rule.go shares the ingress rule's schema.
  aws_vpc_security_group_egress_rule: ['security_group_id'],
  // subnet_ids, security_group_ids, policy and private_dns_enabled are updatable.
  aws_vpc_endpoint: ['service_name', 'vpc_id', 'vpc_endpoint_type', 'service_region'],
  // auto_accept is updatable.
  aws_vpc_peering_connection: ['vpc_id', 'peer_vpc_id', 'peer_owner_id', 'peer_region'],
  aws_vpc_peering_connection_accepter: ['vpc_peering_connection_id'],
  // `vpc` blocks are updatable (and ignored by our lifecycle rule); comment is updatable.
  aws_route53_zone: ['name', 'delegation_set_id'],
  aws_route53_record: ['zone_id', 'name'],
  aws_route53_vpc_association_authorization: ['zone_id', 'vpc_id', 'vpc_region'],
  aws_route53_zone_association: ['zone_id', 'vpc_id', 'vpc_region'],
  aws_route53profiles_profile: ['name'],
  aws_route53profiles_resource_association: ['name', 'profile_id', 'resource_arn'],
  aws_route53profiles_association: ['name', 'profile_id', 'resource_id'],
  // name and allow_external_principals are updatable.
  aws_ram_resource_share: ['permission_arns'],
  aws_ram_resource_association: ['resource_arn', 'resource_share_arn'],
  aws_ram_principal_association: ['principal', 'resource_share_arn'],
  aws_ram_resource_share_accepter: ['share_arn'],
  // Transit gateway (issue 10), internal/service/ec2/transitgateway_*.go. The gateway's default
  // association/propagation, auto-accept, DNS support and description are updated in place
  // (ModifyTransitGateway); amazon_side_asn and multicast_support are listed as replacing (conservative).
  aws_ec2_transit_gateway: ['amazon_side_asn', 'multicast_support'],
  aws_ec2_transit_gateway_route_table: ['transit_gateway_id'],
  // subnet_ids, dns_support and the default association/propagation flags are modified in place.
  aws_ec2_transit_gateway_vpc_attachment: ['transit_gateway_id', 'vpc_id'],
  aws_ec2_transit_gateway_vpc_attachment_accepter: ['transit_gateway_attachment_id'],
  // No Update at all (transitgateway_route_table_association.go has Create, Read, Delete), so every argument
  // replaces, replace_existing_association included (never added to a deployed association: constructs/transit-gateway.ts).
  aws_ec2_transit_gateway_route_table_association: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id', 'replace_existing_association'],
  aws_ec2_transit_gateway_route_table_propagation: ['transit_gateway_attachment_id', 'transit_gateway_route_table_id'],
  // internal/service/ec2/tag.go: one tag of a resource made elsewhere; `value` is updated in place.
  aws_ec2_tag: ['resource_id', 'key'],
  // internal/service/route53resolver/endpoint.go: ip_address and name are updatable.
  aws_route53_resolver_endpoint: ['direction', 'security_group_ids', 'outpost_arn', 'preferred_instance_type'],
  aws_cloudwatch_log_group: ['name', 'name_prefix'],
  aws_iam_role: ['name', 'name_prefix'],
  aws_iam_role_policy: ['name', 'name_prefix', 'role'],
  // A flow log cannot be modified, only tagged.
  aws_flow_log: ['vpc_id', 'subnet_id', 'eni_id', 'traffic_type', 'log_destination', 'log_destination_type', 'iam_role_arn', 'max_aggregation_interval', 'log_format', 'destination_options', 'deliver_cross_account_role'],
};

/** Attributes of a type that force replacement; undefined when the type is not in the table. */
export const forceNewAttributes = (type: string): readonly string[] | undefined => FORCE_NEW[type];
