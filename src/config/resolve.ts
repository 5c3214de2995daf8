/** Defaults that depend on other parts of the config, shared by validation and planning. */
import type { HubConfig, SpokeConfig, VpceHubConfig } from './schema';

/** A spoke's hub: the one it names, else the only hub, else the only hub in the spoke's region. */
export function hubOfSpoke(config: VpceHubConfig, spoke: SpokeConfig): HubConfig | undefined {
  if (spoke.hub !== undefined) return config.hubs.find((h) => h.name === spoke.hub);
  if (config.hubs.length === 1) return config.hubs[0];
  if (spoke.region === undefined) return undefined;
  const inRegion = config.hubs.filter((h) => h.region === spoke.region);
  return inRegion.length === 1 ? inRegion[0] : undefined;
}

export function spokeRegion(config: VpceHubConfig, spoke: SpokeConfig): string | undefined {
  return spoke.region ?? hubOfSpoke(config, spoke)?.region;
}

/** The AZ-id form (use1-az1) as opposed to the account-relative AZ-name form (us-east-1a). */
export const AZ_ID_PATTERN = /^[a-z]{2,4}\d-az\d+$/;
export const AZ_NAME_PATTERN = /^([a-z]{2}(-[a-z]+)+-\d)[a-z]$/;
