/**
 * The retention periods CloudWatch Logs accepts: PutRetentionPolicy's retentionInDays
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 * Any other number fails the log group's creation at apply; the AWS provider checks the same list,
 * but only at plan, after synth has written the stacks.
 */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The allowed values around `days`: the next lower and the next higher. */
export function nearestRetentions(days: number): number[] {
  const lower = [...LOG_RETENTION_DAYS].reverse().find((d) => d < days);
  const higher = LOG_RETENTION_DAYS.find((d) => d > days);
  return [lower, higher].filter((d): d is number => d !== undefined);
}
