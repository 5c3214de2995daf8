/**
 * Issue 8 section 7: every stack states the Terraform version it needs (S3 `use_lockfile` needs 1.10),
 * and the flow-log role trusts VPC Flow Logs only on behalf of its own account's flow logs
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html). The Terraform tier
 * (offline-plan.test.ts) checks the evaluated trust policy; here the synthesized JSON.
 */
import { isS3Arn, partitionOfRegion } from '../../src/config/partitions';
import { flowLogTrustPolicy } from '../../src/planning/flow-log-role';
import { REQUIRED_TERRAFORM } from '../../src/stacks/vpce-hub-stack';
import { SHIPPED_CONFIGS } from '../support/shipped-configs';
import { resourcesOf, synthFile } from '../support/synth';

it.each(SHIPPED_CONFIGS)('%s: every stack requires Terraform >= 1.10', (file) => {
  const synth = synthFile(file);
  try {
    expect(REQUIRED_TERRAFORM).toBe('>= 1.10.0');
    for (const [name, stack] of Object.entries(synth.stacks)) expect({ name, v: stack.terraform?.required_version }).toEqual({ name, v: REQUIRED_TERRAFORM });
  } finally {
    synth.cleanup();
  }
});

describe('the flow-log role', () => {
  it('is trusted by vpc-flow-logs only for flow logs of its own account and region', () => {
    const synth = synthFile('vpce-hub.yaml');
    try {
      const role = resourcesOf(synth.stacks.network).get('aws_iam_role.hub_main_flow_log') as { assume_role_policy: string };
      // jsonencode of an HCL object: Terraform evaluates it (offline-plan.test.ts parses the result).
      expect(role.assume_role_policy).toMatch(/^\$\{jsonencode\(/);
      expect(role.assume_role_policy).toContain('"aws:SourceAccount" = "111111111111"');
      expect(role.assume_role_policy).toContain('"aws:SourceArn" = "arn:aws:ec2:us-east-1:111111111111:vpc-flow-log/*"');
      const policy = resourcesOf(synth.stacks.network).get('aws_iam_role_policy.hub_main_flow_log') as { policy: string };
      expect(policy.policy).toMatch(/^\$\{jsonencode\(/);
      expect(policy.policy).toContain('aws_cloudwatch_log_group.hub_main_flow_log.arn');
    } finally {
      synth.cleanup();
    }
  });

  it('recognizes an S3 flow-log destination in every partition, not only arn:aws', () => {
    expect(isS3Arn('arn:aws:s3:::acme-flow-logs')).toBe(true);
    expect(isS3Arn('arn:aws-cn:s3:::acme-flow-logs')).toBe(true);
    expect(isS3Arn('arn:aws-us-gov:s3:::acme-flow-logs/prefix')).toBe(true);
    expect(isS3Arn('arn:aws-cn:logs:cn-north-1:123456789012:log-group:x')).toBe(false);
    expect(isS3Arn(undefined)).toBe(false);
  });

  it('names the partition of the region in the source ARN', () => {
    expect(partitionOfRegion('us-east-1')).toBe('aws');
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    const condition = flowLogTrustPolicy('123456789012', 'cn-northwest-1').Statement[0].Condition;
    expect(condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': 'arn:aws-cn:ec2:cn-northwest-1:123456789012:vpc-flow-log/*' },
    });
  });
});
