/**
 * Amazon S3's naming rules for general purpose buckets
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). The state bucket
 * exists already, so a name that breaks them is a typo: `terraform init` would fail on it.
 */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why S3 rejects `name`, or undefined when it is a valid bucket name. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; bucket names have 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lower case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'has two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'is formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with the reserved prefix ${prefix}`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with the reserved suffix ${suffix}`;
  return undefined;
}
