import type { SpokeInput, VpceHubConfigInput } from '../support/arbitraries';

/** The stack that holds a spoke's pairs: `<account>-spokes` in a hub account, else the account's stack (planning/naming.ts). */
export const pairStackOf = (config: VpceHubConfigInput, spoke: SpokeInput): string => (config.hubs.some((h) => h.account === spoke.account) ? `${spoke.account}-spokes` : spoke.account);
