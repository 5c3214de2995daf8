/**
 * Services that have a gateway endpoint besides their interface endpoint: S3 and DynamoDB
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html). The endpoint-service
 * data lists interface services only, so this is kept here.
 *
 * For these, enabling private DNS on the interface endpoint defaults to "private DNS only for inbound
 * Resolver endpoints", which AWS accepts only when the VPC also has the gateway endpoint: "This option
 * is available only for services that support both gateway and interface endpoints. It routes traffic
 * that originates from the VPC to the gateway endpoint"
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DnsOptionsSpecification.html; the
 * CreateVpcEndpoint error is reported in terraform-provider-aws issue 32407).
 */
const GATEWAY_SERVICES: readonly string[] = ['s3', 'dynamodb'];

export const hasGatewayEndpoint = (service: string): boolean => GATEWAY_SERVICES.includes(service);
