/** `vpce-hub prove`, second matrix: endpoint policies simulated against canonical requests. */
export { provePolicies } from './simulate';
export { formatPolicyMarkdown, formatPolicyText } from './format';
export type { HubPolicyProof, PolicyCell, PolicyCellStatus, PolicyProof } from './result';
