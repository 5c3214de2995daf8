/**
 * Cross-account zone association is one concept with two halves, both in the spoke account's stack
 * (issue 9): the hub account authorizes the spoke VPC for each zone (through the hub-side provider),
 * then the spoke account associates it with its own credentials. Same-account spokes need no
 * authorization (domain.md section 3). The pattern of the provider's documentation:
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/route53_vpc_association_authorization
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import type { Construct } from 'constructs';
import { ids } from '../planning/naming';
import type { HubPlan, SpokePlan } from '../planning/plan';
import { importIds } from '../planning/adopt';
import { adopt } from './adopt';
import { resource } from './resource';

/** `zoneId(key)` is the hub stack's named output for the zone. */
export function zoneAssociationPair(scope: Construct, hub: HubPlan, spoke: SpokePlan, zoneId: (key: string) => string, hubProvider: AwsProvider, spokeProvider: AwsProvider): void {
  for (const z of hub.zones) {
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateVPCAssociationAuthorization.html
    const authorization = spoke.crossAccount
      ? resource(Route53VpcAssociationAuthorization, scope, ids.hubAuthorization(hub.name, z.key, spoke.name), {
          provider: hubProvider,
          zoneId: zoneId(z.key),
          vpcId: spoke.vpcId,
          vpcRegion: spoke.region,
        })
      : undefined;
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_AssociateVPCWithHostedZone.html
    // The zone id stays the hub's output (what check and prove resolve); depends_on orders the pair.
    const association = resource(Route53ZoneAssociation, scope, ids.spokeAssociation(spoke.name, z.key), {
      provider: spokeProvider,
      zoneId: zoneId(z.key),
      vpcId: spoke.vpcId,
      vpcRegion: spoke.region,
      ...(authorization ? { dependsOn: [authorization] } : {}),
    });
    // An existing spoke of the hand-built hub (spokes.<spoke>.adopt) is associated with each adopted
    // zone already: import, so the first apply never disassociates it. The authorization is created
    // (planning/adopt.ts says why).
    const adoptedZoneId = hub.adopt?.zones[z.zoneName];
    adopt(association, spoke.adoptPeeringConnectionId !== undefined && adoptedZoneId !== undefined ? importIds.zoneAssociation(adoptedZoneId, spoke.vpcId) : undefined);
  }
}
