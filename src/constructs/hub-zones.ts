/**
 * Private hosted zones named like the service's public DNS names, with alias records to the hub
 * endpoint, so SDKs in the spokes work without --endpoint-url (the blog's part 2).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import type { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { awsNames, ids, tagName } from '../planning/naming';
import type { HubPlan } from '../planning/plan';
import { importIds } from '../planning/adopt';
import { adopt } from './adopt';
import { resource } from './resource';
import { hubTags } from '../planning/tags';

export interface ZoneHandle {
  id: string;
  arn: string;
}

/** Returns the zones by `ZonePlan.key`. */
export function hubZones(scope: Construct, hub: HubPlan, vpcId: string, endpoints: Map<string, VpcEndpoint>, provider: AwsProvider, project: string): Map<string, ZoneHandle> {
  const zones = new Map<string, ZoneHandle>();
  for (const z of hub.zones) {
    const zone = resource(Route53Zone, scope, ids.hubZone(hub.name, z.key), {
      provider,
      name: z.zoneName,
      comment: awsNames.zoneComment(project, z.service, hub.name),
      // A private zone needs one VPC of its own account inline. Spokes attach through separate
      // association resources, which Terraform would otherwise try to remove on every plan.
      vpc: [{ vpcId, vpcRegion: hub.region }],
      lifecycle: { ignoreChanges: ['vpc'] },
      tags: hubTags(hub, tagName(project, hub.name, z.zoneName)),
    });
    const adoptedZoneId = hub.adopt?.zones[z.zoneName];
    adopt(zone, adoptedZoneId);
    zones.set(z.key, { id: zone.zoneId, arn: zone.arn });
    const endpoint = endpoints.get(z.service);
    if (!endpoint) throw new Error(`zone ${z.zoneName} has no endpoint ${z.service} (planning bug)`);
    const entry = endpoint.dnsEntry.get(0);
    // The regional DNS entry. S3's starts with `*.`, which Route 53 stores as `\052.`: writing it that
    // way avoids a perpetual alias diff (terraform-provider-aws issues 10843, 21845).
    const alias = { name: Fn.replace(entry.dnsName, '*', '\\\\052'), zoneId: entry.hostedZoneId, evaluateTargetHealth: true };
    const kinds: Array<'apex' | 'wildcard'> = z.wildcard ? ['apex', 'wildcard'] : ['apex'];
    for (const kind of kinds) {
      // Without the `*` record every bucket or registry host is NXDOMAIN: Route 53 does not fall back
      // to public DNS for names inside a zone it is authoritative for.
      const name = kind === 'apex' ? z.zoneName : `*.${z.zoneName}`;
      const record = resource(Route53Record, scope, ids.hubRecord(hub.name, z.key, kind), { provider, zoneId: zone.zoneId, name, type: 'A', alias });
      // An adopted zone's alias records exist too (the blog's pattern creates the same ones).
      adopt(record, adoptedZoneId !== undefined ? importIds.record(adoptedZoneId, name) : undefined);
      // A dual-stack endpoint (issue 20): the AAAA twin of every A alias, to the same regional name, which
      // has AAAA records with dns_record_ip_type dualstack. Without it an IPv6-only client gets no answer
      // for the name (Route 53 answers AAAA queries only from AAAA records), and a dual-stack client falls
      // back to IPv4. In an adopted zone (the blog's pattern makes A records only) an AAAA record of the
      // name may exist or not: allow_overwrite takes it over instead of failing the create, and is never
      // needed in a zone of our own (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/route53_record#allow_overwrite).
      if (z.aaaa) {
        resource(Route53Record, scope, ids.hubRecordAaaa(hub.name, z.key, kind), { provider, zoneId: zone.zoneId, name, type: 'AAAA', alias, ...(adoptedZoneId !== undefined ? { allowOverwrite: true } : {}) });
      }
    }
  }
  return zones;
}
