/**
 * Endpoint policy documents, per service. In the hub-and-spoke design `aws:SourceVpc` is always the
 * hub VPC and `aws:SourceIp` is absent, so restrictions use the organization or principals
 * (domain.md section 6). `organization` and `{ principals }` both use the per-service templates of
 * src/policy/templates.ts, which keep AWS's own traffic (federation, AWS-owned buckets, service
 * principals, private APIs) working.
 */
import type { EndpointPolicyConfig } from '../config/schema';
import { templateFor } from '../policy/templates';

export function endpointPolicyDocument(policy: EndpointPolicyConfig, service: string, region: string, organizationId: string | undefined): string | undefined {
  if (policy === 'default') return undefined;
  if (policy === 'organization') {
    if (organizationId === undefined) throw new Error('endpointPolicy organization needs organizationId (validation should have caught this)');
    return JSON.stringify(templateFor(service, { region, identity: { organizationId } }));
  }
  if ('principals' in policy)
    return JSON.stringify(
      templateFor(service, {
        region,
        identity: { principals: policy.principals },
      })
    );
  // A user document: normalize whitespace so reformatting the YAML does not show as a policy change.
  return JSON.stringify(JSON.parse(policy.document));
}
