/**
 * The `vpce-hub check` rule pack: every rule, in report order. README generation lists `RULES`
 * (id, severity, summary); suppressions in the config name rules by id.
 */
import { awsStringConstraints } from './aws-string-constraints';
import { endpointPolicyGrammar } from './endpoint-policy-grammar';
import { endpointPrivateDnsExplicit, endpointPrivateDnsOffUnderZone } from './endpoint-private-dns';
import { noAutoAcceptAcross, peeringAccepted } from './peering-accept';
import { noDefaultRouteOverPeering } from './peering-routes';
import { assumedRolesInAccount, providersPinned } from './provider-pinning';
import { ramAccepterHasInvitation } from './ram-accepter';
import type { Rule } from './rule';
import { sgDescriptions } from './security-group-description';
import { sgHttpsOnly, sgSpokeSources } from './security-group-ingress';
import { sgNoMixedRules } from './security-group-mixed';
import { sgNoEgress, sgNoEgressToAnywhere, sgNoIngressFromAnywhere } from './security-group-open';
import { s3StateEncrypted, s3StateLocked, stateNotLocal, stateNotShared } from './state-backend';
import { subnetsPrivate, vpcDefaultSgClosed, vpcDns, vpcFlowLogs } from './vpc-baseline';
import { resolverOpenToDeclared, tgwNoDefaultRouting, tgwNoSpokeToSpoke, tgwRouteWaitsForPath } from './transit-gateway';
import { zoneAaaaForDualStack } from './zone-aaaa';
import { zoneAliasMatchesService } from './zone-alias';
import { authorizationUsed, crossAccountAssociationAuthorized, peeredVpcsAssociated } from './zone-association';
import { zoneApexRecord, zoneIgnoresVpcChanges, zoneNoForceDestroy, zonePrivateWithHubVpc, zoneWildcardRecord } from './zone-shape';

export type { Rule, RuleFinding, RuleInfo } from './rule';

export const RULES: readonly Rule[] = Object.freeze([
  sgDescriptions,
  sgHttpsOnly,
  sgSpokeSources,
  sgNoIngressFromAnywhere,
  sgNoEgressToAnywhere,
  sgNoEgress,
  sgNoMixedRules,
  noDefaultRouteOverPeering,
  vpcDefaultSgClosed,
  vpcFlowLogs,
  subnetsPrivate,
  vpcDns,
  endpointPrivateDnsExplicit,
  endpointPrivateDnsOffUnderZone,
  endpointPolicyGrammar,
  zoneApexRecord,
  zonePrivateWithHubVpc,
  zoneIgnoresVpcChanges,
  zoneNoForceDestroy,
  zoneAliasMatchesService,
  zoneWildcardRecord,
  zoneAaaaForDualStack,
  crossAccountAssociationAuthorized,
  peeredVpcsAssociated,
  authorizationUsed,
  peeringAccepted,
  noAutoAcceptAcross,
  ramAccepterHasInvitation,
  tgwNoSpokeToSpoke,
  tgwNoDefaultRouting,
  resolverOpenToDeclared,
  tgwRouteWaitsForPath,
  stateNotLocal,
  s3StateEncrypted,
  s3StateLocked,
  stateNotShared,
  providersPinned,
  assumedRolesInAccount,
  awsStringConstraints,
]);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
