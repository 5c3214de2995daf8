/**
 * Import ids of adopted resources (hubs.<hub>.adopt, spokes.<spoke>.adopt), in the formats the
 * hashicorp/aws provider documents in each resource's "Import" section (5.100.0):
 * - aws_security_group: the group id (sg-...); aws_vpc_endpoint: the endpoint id (vpce-...);
 *   aws_route53_zone: the zone id; aws_vpc_peering_connection and its accepter: the peering id (pcx-...).
 * - aws_route53_record: zone id, record name and type joined by `_`, e.g. `Z4KAPRWWNC7JR_dev.example.com_NS`
 *   (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_record#import).
 * - aws_route53_zone_association: zone id and VPC id joined by `:`, e.g. `Z123456ABCDEFG:vpc-12345678`
 *   (…/resources/route53_zone_association#import; the VPC's region is appended only when it differs
 *   from the provider's, which never happens here: the spoke-side provider is the spoke's region).
 * - aws_route: route table id and destination CIDR joined by `_`, e.g. `rtb-656C65616E6F72_10.42.0.0/16`
 *   (…/resources/route#import).
 * - aws_ec2_transit_gateway_vpc_attachment and aws_ec2_transit_gateway_vpc_attachment_accepter: the
 *   attachment id, e.g. `tgw-attach-12345678`, for both (…/5.100.0/docs/resources/ec2_transit_gateway_vpc_attachment#import,
 *   …/ec2_transit_gateway_vpc_attachment_accepter#import). AWS allows one VPC attachment per VPC and
 *   transit gateway ("A transit gateway cannot have more than one VPC attachment to the same VPC",
 *   https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html), so an attached VPC is
 *   adopted, never attached again (DuplicateTransitGatewayAttachment).
 *
 * What is never imported, and why (README, "Adopt a hand-built hub"):
 * - zone association authorizations: the hand-built setup usually deleted them once the association
 *   existed (AWS's guide does), and importing a missing object fails the apply; they are created, which
 *   changes nothing for resolution;
 * - security group rules (aws_vpc_security_group_ingress_rule): their import id is the rule id
 *   (sgr-...), which the config does not know; they are created, and one identical to a hand-made rule
 *   fails with InvalidPermission.Duplicate (nothing is removed): review lists them;
 * - an adopted attachment's route table association: its current table is not in the config (it is
 *   usually the organization's), so the association to vpce-hub's table is created with
 *   `replace_existing_association`, which disassociates whatever table the attachment has first
 *   (provider PR 31452 for issue 16452; transitgateway_route_table_association.go, Create). That moves
 *   the VPC out of its current segment, which `review` gates (review/consequences.ts, reassociationOf);
 * - its propagations into other route tables: their ids are not known either, and importing one that
 *   does not exist fails the apply. They stay as they are, except the propagation into the gateway's
 *   default propagation table, which the accepter (or, in the owner's account, the attachment
 *   resource) turns off: its `transit_gateway_default_route_table_propagation = false` differs from
 *   what the refresh reads, and the provider's Update then calls DisableTransitGatewayRouteTablePropagation
 *   on the default table (transitgateway_vpc_attachment_accepter.go and transitgateway_vpc_attachment.go,
 *   Update -> transitGatewayRouteTablePropagationUpdate).
 */
export const importIds = {
  record: (zoneId: string, name: string): string => `${zoneId}_${name}_A`,
  zoneAssociation: (zoneId: string, vpcId: string): string => `${zoneId}:${vpcId}`,
  route: (routeTableId: string, cidr: string): string => `${routeTableId}_${cidr}`,
};
