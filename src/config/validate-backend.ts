/** The state backend: an S3 bucket name S3 accepts (s3-bucket-name.ts). */
import type { Finding } from './findings';
import { bucketNameProblem } from './s3-bucket-name';
import type { ValidationContext } from './validate';

export function validateBackend({ config }: ValidationContext): Finding[] {
  const bucket = config.backend.s3?.bucket;
  if (bucket === undefined) return [];
  const problem = bucketNameProblem(bucket);
  if (!problem) return [];
  return [{ severity: 'error', code: 'InvalidBucketName', path: 'backend.s3.bucket', value: bucket, message: `${problem} (Amazon S3 bucket naming rules)`, fix: 'use the name of the existing state bucket exactly as S3 shows it' }];
}
