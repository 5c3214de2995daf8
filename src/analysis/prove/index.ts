/** `vpce-hub prove`: the public surface for the CLI and for reports that embed or diff the matrix. */
export { proveReachability } from './prove';
export { formatMatrixMarkdown, formatMatrixText } from './format';
export { cellKey, describeFailure, LINKS, type BrokenLink, type LinkKind, type ProofCell, type ReachabilityProof } from './result';
