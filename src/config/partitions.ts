/**
 * AWS partitions: each is a separate AWS with its own accounts, ARNs (`arn:<partition>:...`) and
 * regions (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 * Nothing crosses a partition: no VPC peering, no Route 53 association, no role assumption, and an
 * ARN of another partition names nothing.
 */
const PREFIXES: ReadonlyArray<[prefix: string, partition: string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
];

/** The partition a region belongs to (`us-gov-west-1` -> `aws-us-gov`). */
export function partitionOfRegion(region: string): string {
  return PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/** The partition an ARN names (`arn:aws-cn:iam::...` -> `aws-cn`), or undefined for a non-ARN. */
export function partitionOfArn(arn: string): string | undefined {
  const m = /^arn:([a-z-]+):/.exec(arn);
  return m ? m[1] : undefined;
}

/** `arn:aws:iam::111111111111:role/x` -> `111111111111` (IAM ARNs carry no region). */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(arn)?.[1];
}

/** An S3 bucket ARN, in any partition (`arn:aws-cn:s3:::bucket`): flow logs then go to S3, not CloudWatch Logs. */
export function isS3Arn(arn: string | undefined): boolean {
  return arn !== undefined && /^arn:[a-z-]+:s3:::/.test(arn);
}
