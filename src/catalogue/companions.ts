/**
 * Companions and wide-capture names (companions.json): what a hub's service list must also contain
 * for its clients to work, and which private DNS names capture more than the service's own API.
 * Pure data access; validate warns from it and prove marks the cells it affects.
 */
import data from './companions.json';

export interface Companion {
  service: string;
  why: string;
  source: string;
}
export interface WideCapture {
  name: string;
  why: string;
  fix: string;
  source: string;
}

const COMPANIONS: Readonly<Record<string, readonly Companion[]>> = data.companions;
const WIDE: Readonly<Record<string, WideCapture>> = data.wideCapture;

/** The companions `service` needs that `hubServices` lacks. */
export function missingCompanions(service: string, hubServices: readonly string[]): Companion[] {
  return (COMPANIONS[service] ?? []).filter((c) => !hubServices.includes(c.service));
}

/** The services of `hubServices` that need `service` as a companion (ecr.dkr for s3). */
export function companionOf(service: string, hubServices: readonly string[]): string[] {
  return hubServices.filter((s) => (COMPANIONS[s] ?? []).some((c) => c.service === service));
}

export function wideCapture(service: string, region: string): WideCapture | undefined {
  const w = WIDE[service];
  return w && { ...w, name: w.name.replace(/\{region\}/g, region) };
}
