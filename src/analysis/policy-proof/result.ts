/**
 * The endpoint policy proof: per hub, canonical requests x the hub's services, each cell the decision
 * our evaluator reached for the policy the hub's endpoint carries. Plain JSON for reports.
 */

/**
 * ok: the decision the request must get. broken: a must-allow request denied, or (for our templates)
 * a must-deny request allowed. open: a must-deny request allowed where nothing promised otherwise
 * (AWS's default policy, a service without endpoint policies, a custom document). unknown: the
 * evaluator cannot decide (an element it does not evaluate), which is never counted as proven.
 */
export type PolicyCellStatus = 'ok' | 'broken' | 'open' | 'unknown';

export interface PolicyCell {
  service: string;
  request: string;
  expect: 'allow' | 'deny';
  decision: 'allow' | 'deny' | 'cannot-evaluate';
  status: PolicyCellStatus;
  /** For broken and unknown cells: the statement responsible and why. */
  message?: string;
}

export interface HubPolicyProof {
  hub: string;
  /** `organization`, `principals`, `document` or `default`. */
  policy: string;
  services: Array<{ name: string; policy: 'template' | 'document' | 'default' | 'not-supported' }>;
  requests: Array<{ id: string; title: string; expect: 'allow' | 'deny' }>;
  cells: PolicyCell[];
}

export interface PolicyProof {
  ok: boolean;
  summary: { cells: number; broken: number; unknown: number; open: number };
  hubs: HubPolicyProof[];
}
