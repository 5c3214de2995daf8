/** The transition proof (engineering.md section 4, "Transitions are their own model"). */
export { proveTransition, type TransitionInput, type TransitionOutage, type TransitionProof } from './prove-transition';
export type { Specification } from './cell';
