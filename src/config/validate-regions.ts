/**
 * Region names. The catalogue (2023-09) knows 17 regions, and AWS has opened more since, so a region it
 * does not know is not necessarily wrong: a region AWS has opened since (`ap-southeast-5`,
 * `mx-central-1`, listed in catalogue/regions.ts) gets a warning (catalogue checks skipped). A name
 * with a word AWS never uses (`us-est-1`) is a misspelling, and a well-formed name AWS never opened
 * (`us-east-7`) cannot be deployed to: both are errors with the nearest region.
 */
import { closest } from 'fastest-levenshtein';
import { knownRegions } from '../catalogue/catalogue';
import { AWS_REGIONS } from '../catalogue/regions';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';

/** Geography prefixes and direction words of AWS region names (`us-gov-west-1` -> us, gov, west). */
const GEOGRAPHIES = new Set(['af', 'ap', 'ca', 'cn', 'eu', 'il', 'me', 'mx', 'sa', 'us']);
const WORDS = new Set(['north', 'south', 'east', 'west', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'gov', 'iso', 'isob', 'isoe', 'isof']);

export type RegionStatus = 'catalogued' | 'newer' | 'misspelled' | 'nonexistent';

/**
 * `newer`: a region AWS has (regions.ts) that the catalogue lacks. `nonexistent`: built from AWS's
 * words but not a region AWS has opened (`us-east-7`): an error, since nothing could be deployed there.
 */
export function regionStatus(region: string): RegionStatus {
  if (knownRegions().includes(region)) return 'catalogued';
  if (AWS_REGIONS.includes(region)) return 'newer';
  const parts = region.split('-');
  const words = parts.slice(1, -1);
  const plausible = GEOGRAPHIES.has(parts[0]) && words.length > 0 && words.every((w) => WORDS.has(w)) && /^\d$/.test(parts[parts.length - 1]);
  return plausible ? 'nonexistent' : 'misspelled';
}

/** `hubRegion`: catalogue checks depend on it, so a region the catalogue lacks is worth a warning. */
function checkRegion(region: string, path: string, findings: Finding[], hubRegion = true): void {
  const status = regionStatus(region);
  if (status === 'misspelled' || status === 'nonexistent') {
    findings.push({
      severity: 'error',
      code: 'UnknownRegion',
      path,
      value: region,
      message: status === 'misspelled' ? 'is not an AWS region name' : 'is not a region AWS has opened (src/catalogue/regions.ts lists them)',
      fix: status === 'misspelled' ? `did you mean ${closest(region, knownRegions())}?` : `did you mean ${closest(region, [...AWS_REGIONS])}? If AWS opened it recently, add it to src/catalogue/regions.ts`,
    });
  } else if (status === 'newer' && hubRegion) {
    findings.push({
      severity: 'warning',
      code: 'RegionNotInCatalogue',
      path,
      value: region,
      message: 'is not in the service catalogue (2023-09), perhaps a newer region; AZ and service availability checks are skipped and service names follow the usual pattern',
      fix: 'check that every service is offered there, or regenerate the catalogue (npm run catalogue)',
    });
  }
}

export function validateRegions({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, i) => checkRegion(hub.region, `${formatPath(['hubs', i], raw)}.region`, findings));
  config.spokes.forEach((spoke, i) => {
    if (spoke.region === undefined) return;
    const path = `${formatPath(['spokes', i], raw)}.region`;
    // No catalogue check depends on a spoke's region, so only a misspelling matters there.
    checkRegion(spoke.region, path, findings, false);
    const hub = hubOfSpoke(config, spoke);
    // route53-profile hubs reject other regions outright (validate-dns.ts).
    if (hub && hub.region !== spoke.region && hub.dns !== 'route53-profile') {
      findings.push({
        severity: 'warning',
        code: 'CrossRegionSpoke',
        path,
        value: spoke.region,
        message: `differs from hub ${hub.name}'s region (${hub.region}): the spoke resolves only ${hub.region}'s service names (like sqs.${hub.region}.amazonaws.com) through the hub; SDK clients that call their own region's endpoints (sqs.${spoke.region}.amazonaws.com) still go to the public endpoint. Traffic crosses an inter-region peering, billed as inter-region data transfer per GB on top of endpoint processing`,
        fix: `configure clients in the spoke to use region ${hub.region}, or give ${spoke.region} its own hub (also cheaper for heavy traffic)`,
      });
    }
  });
  if (config.backend.s3) checkRegion(config.backend.s3.region, 'backend.s3.region', findings, false);
  return findings;
}
