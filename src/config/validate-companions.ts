/**
 * Services that need companions (ecr.dkr without s3 and ecr.api, ecs-agent without ecs, ...) and
 * services whose private DNS name captures more than their own API (execute-api): warnings with
 * the fix. The knowledge is data, src/catalogue/companions.json.
 */
import { missingCompanions, wideCapture } from '../catalogue/companions';
import { serviceName } from '../planning/services';
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { ValidationContext } from './validate';

export function validateCompanions({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  config.hubs.forEach((hub, h) => {
    const names = hub.services.map(serviceName);
    hub.services.forEach((entry, i) => {
      // A custom entry reusing a catalogue name is the same service to its clients.
      const name = serviceName(entry);
      const path = `${formatPath(['hubs', h], raw)}.services.${i}`;
      for (const c of missingCompanions(name, names)) {
        findings.push({
          severity: 'warning',
          code: 'CompanionMissing',
          path,
          value: name,
          message: `needs ${c.service} in the same hub: ${c.why} (${c.source})`,
          fix: `add ${c.service} to hub ${hub.name}'s services`,
        });
      }
      // Only zone modes capture names for the spokes; endpoint-url mode creates no zones.
      const wide = hub.dns === 'endpoint-url' ? undefined : wideCapture(name, hub.region);
      if (wide) findings.push({ severity: 'warning', code: 'WideCaptureName', path, value: wide.name, message: `captures more than ${name}'s own API: ${wide.why} (${wide.source})`, fix: wide.fix });
    });
  });
  return findings;
}
