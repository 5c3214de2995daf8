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

// Maps, not object lookups: a service named like an Object.prototype member (`constructor`, which the
// fuzz test feeds) must find nothing rather than a function.
const COMPANIONS: ReadonlyMap<string, readonly Companion[]> = new Map(Object.entries(data.companions as Record<string, readonly Companion[]>));
const WIDE: ReadonlyMap<string, WideCapture> = new Map(Object.entries(data.wideCapture as Record<string, WideCapture>));

/** The companions `service` needs that `hubServices` lacks. */
export function missingCompanions(service: string, hubServices: readonly string[]): Companion[] {
  return (COMPANIONS.get(service) ?? []).filter((c) => !hubServices.includes(c.service));
}

/** The services of `hubServices` that need `service` as a companion (ecr.dkr for s3). */
export function companionOf(service: string, hubServices: readonly string[]): string[] {
  return hubServices.filter((s) => (COMPANIONS.get(s) ?? []).some((c) => c.service === service));
}

export function wideCapture(service: string, region: string): WideCapture | undefined {
  const w = WIDE.get(service);
  return w && { ...w, name: w.name.replace(/\{region\}/g, region) };
}
