/**
 * The IAM policies of the role VPC Flow Logs assumes to write to CloudWatch Logs, as plain objects
 * (constructs encode them with Terraform's jsonencode, so references inside stay valid HCL too).
 *
 * Trust: AWS recommends conditioning the service principal on aws:SourceAccount and aws:SourceArn
 * against the confused-deputy problem; the flow log's id is unknown before it exists, so the ARN is
 * matched with a wildcard for any flow log of this account and region.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
import { partitionOfRegion } from '../config/partitions';

export function flowLogTrustPolicy(accountId: string, region: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'VpcFlowLogsOfThisAccountOnly',
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ArnLike: { 'aws:SourceArn': `arn:${partitionOfRegion(region)}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/** Write access to one log group (and its streams) only; `logGroupArn` may be a Terraform reference. */
export function flowLogWritePolicy(logGroupArn: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteFlowLogRecords',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
    ],
  };
}
