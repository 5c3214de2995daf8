/**
 * Zone names that would take over a whole AWS domain or region in every VPC associated with the zone
 * (ZoneShadowsRegion). Shared by the service checks and the iot.data checks, which leave such names to it.
 */

/** The domain a zone of this name would hide entirely, if it is an AWS service or endpoint domain. */
export function shadowedDomain(zoneName: string): string | undefined {
  if (zoneName.split('.').length < 3) return `the whole domain ${zoneName}`;
  const region = '[a-z]{2}(-[a-z]+)+-\\d';
  const aws = new RegExp(`^(${region}\\.)?(vpce\\.)?(amazonaws\\.com(\\.cn)?|api\\.aws)$`).exec(zoneName);
  if (!aws) return undefined;
  return aws[1] ? `every service of region ${aws[1].slice(0, -1)}` : `the AWS domain ${zoneName}`;
}
