/**
 * The AWS services an interface endpoint can reach in another region of the same partition (cross-Region
 * PrivateLink, launched 2024-11; the endpoint names the service's region in ServiceRegion, which
 * hashicorp/aws 5.83+ sets as `service_region` on aws_vpc_endpoint). AWS's list, read 2025:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html
 * (global services without a region in their name, IAM and Route 53, are left out: their names never
 * name another region). Endpoint services of other providers can be cross-region too, when their
 * provider enables it.
 *
 * vpce-hub does not create cross-region endpoints (validate-services.ts says why); this list only lets
 * the error say whether AWS would.
 */
export const CROSS_REGION_SERVICES: readonly string[] = Object.freeze(['s3', 'ecr.api', 'ecr.dkr', 'kms', 'kms-fips', 'ecs', 'lambda', 'kinesis-firehose', 'kinesisanalytics', 'kinesisanalytics-fips']);
