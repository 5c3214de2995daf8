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
import { companionOf } from './companions';

const GATEWAY_SERVICES: Readonly<Record<string, string>> = { s3: 'S3', dynamodb: 'DynamoDB' };

export const hasGatewayEndpoint = (service: string): boolean => Object.prototype.hasOwnProperty.call(GATEWAY_SERVICES, service);

/** The service's name in AWS's prose (`S3`, `DynamoDB`), for messages; the catalogue name otherwise. */
export const gatewayServiceLabel = (service: string): string => (hasGatewayEndpoint(service) ? GATEWAY_SERVICES[service] : service);

/**
 * A gateway service centralized for nothing: no other service of the hub needs it as a companion (s3
 * for ecr.dkr's image layers). The one answer validate's GatewayServiceCentralized and the review's
 * cost notes share, so neither tells the user to undo what the other (CompanionMissing) asked for.
 */
export const isAvoidableGatewayService = (service: string, hubServices: readonly string[]): boolean => hasGatewayEndpoint(service) && companionOf(service, hubServices).length === 0;
