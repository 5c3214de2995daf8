/**
 * Endpoint policy documents. In the hub-and-spoke design `aws:SourceVpc` is always the hub VPC and
 * `aws:SourceIp` is absent, so restrictions use the organization or principals (domain.md section 6).
 */
import type { EndpointPolicyConfig } from '../config/schema';

export function endpointPolicyDocument(policy: EndpointPolicyConfig, organizationId: string | undefined): string | undefined {
  if (policy === 'default') return undefined;
  if (policy === 'organization') {
    if (organizationId === undefined) throw new Error('endpointPolicy organization needs organizationId (validation should have caught this)');
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowCallersOfThisOrganization', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } } },
      ],
    });
  }
  if ('principals' in policy) {
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AllowListedPrincipals', Effect: 'Allow', Principal: { AWS: [...policy.principals].sort() }, Action: '*', Resource: '*' }],
    });
  }
  // A user document: normalize whitespace so reformatting the YAML does not show as a policy change.
  return JSON.stringify(JSON.parse(policy.document));
}
