/**
 * @cloud-copilot/iam-simulate as a test-only oracle for src/policy/evaluate.ts. It is AGPL-3.0: a
 * devDependency used only here, never imported from src/ (a test enforces that).
 */
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument, PolicyRequest } from '../../src/policy/document';

const ALLOW_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export type OracleDecision = 'allow' | 'deny';

export async function oracleDecision(policy: PolicyDocument, request: PolicyRequest): Promise<OracleDecision> {
  const p = request.principal;
  const principal = p.type === 'anonymous' ? anonymousPrincipal : p.type === 'service' ? p.service : p.arn;
  const result = await runSimulation(
    {
      request: {
        principal,
        action: request.action,
        resource: {
          resource: request.resource,
          accountId: request.resourceAccount,
        },
        contextVariables: request.context,
      },
      // Everything but the endpoint policy allows, so the endpoint policy's own decision can be read.
      identityPolicies: p.type === 'aws' ? [{ name: 'allow-all', policy: ALLOW_ALL }] : [],
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      },
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      vpcEndpointPolicies: [{ name: 'endpoint', policy }],
    },
    {}
  );
  if (result.resultType === 'error') throw new Error(`iam-simulate rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  // A `*` resource is a wildcard simulation, which lists only the allowed results: with every other
  // policy allowing everything, an empty list means the endpoint policy denied.
  if (result.resultType === 'wildcard' && result.results.length === 0 && result.overallResult !== 'Allowed') return 'deny';
  const analysis = result.resultType === 'single' ? result.result.analysis : result.resultType === 'wildcard' ? result.results[0]?.analysis : undefined;
  const endpoint = analysis?.endpointAnalysis;
  if (!endpoint) throw new Error(`iam-simulate gave no endpoint analysis for ${request.action}: ${JSON.stringify(result).slice(0, 400)}`);
  return endpoint.result === 'Allowed' ? 'allow' : 'deny';
}
