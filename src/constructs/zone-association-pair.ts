/**
 * Cross-account zone association is one concept with two halves: the hub account authorizes the
 * spoke VPC for each zone, then the spoke account associates it with its own credentials.
 * Same-account spokes need no authorization (domain.md section 3).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import type { Construct } from 'constructs';
import { ids } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { resource } from './resource';

export function zoneAuthorizations(scope: Construct, hub: HubPlan, spoke: SpokePlan, zoneId: (key: string) => string, provider: AwsProvider): void {
  if (!spoke.crossAccount) return;
  for (const z of hub.zones) {
    resource(Route53VpcAssociationAuthorization, scope, ids.hubAuthorization(hub.name, z.key, spoke.name), {
      provider,
      zoneId: zoneId(z.key),
      vpcId: spoke.vpcId,
      vpcRegion: spoke.region,
    });
  }
}

/** `zoneId(key)` gives the zone id: a direct reference in the hub's stack, else the hub stack's output. */
export function zoneAssociations(scope: Construct, hub: HubPlan, spoke: SpokePlan, zoneId: (key: string) => string, provider: AwsProvider): void {
  for (const z of hub.zones) {
    resource(Route53ZoneAssociation, scope, ids.spokeAssociation(spoke.name, z.key), {
      provider,
      zoneId: zoneId(z.key),
      vpcId: spoke.vpcId,
      vpcRegion: spoke.region,
    });
  }
}
