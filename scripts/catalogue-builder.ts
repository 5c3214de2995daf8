/**
 * Pure part of the catalogue generator: raw EC2 `DescribeVpcEndpointServices` output (17 regions,
 * 2023-09 snapshot, vendored in data/endpoint-services/ with its SOURCE.md) + the hand-written supplement
 * -> the committed `src/catalogue/services.json`. The CLI (generate-catalogue.ts) only writes the file;
 * the tests call these functions to prove the committed file is up to date and the output deterministic.
 */
import fs from 'fs';
import path from 'path';
import type { CatalogueEntry, CatalogueFile, RegionOverride } from '../src/catalogue/catalogue';

/** The data is vendored in the repository (a fresh clone must build and test on its own). */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', 'data', 'endpoint-services');
export const SUPPLEMENT_PATH = path.resolve(__dirname, '..', 'src', 'catalogue', 'supplement.json');
export const OUTPUT_PATH = path.resolve(__dirname, '..', 'src', 'catalogue', 'services.json');

const SOURCE =
  'EC2 DescribeVpcEndpointServices, 17 regions, captured 2023-09-21 (aws-samples/aws-vpc-builder-cdk discovery/, MIT-0), plus src/catalogue/supplement.json';
const REGION_PLACEHOLDER = '{region}';
const DATA_FILE = /^endpoints-([a-z0-9-]+)\.json$/;

/** What one region says about one service, already templated (region -> `{region}`). */
interface Observation {
  rawName: string;
  serviceName: string;
  privateDnsNames: string[];
  endpointPolicySupported: boolean;
  ipAddressTypes: string[];
  availabilityZones: string[];
}

/**
 * `com.amazonaws.<r>.<rest>` -> `<rest>`; `aws.api.<r>.<rest>` -> `<rest>`;
 * `aws.<svc>.<r>.<rest>` -> `<svc>.<rest>` (sagemaker notebook/studio); global `com.amazonaws.<rest>`
 * (iam, s3-global.accesspoint) -> `<rest>`. domain.md section 2 lists these non-standard forms.
 */
export function shortServiceName(rawName: string, region: string): string {
  const regional = `com.amazonaws.${region}.`;
  if (rawName.startsWith(regional)) return rawName.slice(regional.length);
  const aws = /^aws\.([a-z0-9-]+)\.([a-z0-9-]+)\.(.+)$/.exec(rawName);
  if (aws && aws[2] === region) return aws[1] === 'api' ? aws[3] : `${aws[1]}.${aws[3]}`;
  if (rawName.startsWith('com.amazonaws.') && !rawName.includes(region)) return rawName.slice('com.amazonaws.'.length);
  throw new Error(`cannot derive a catalogue name from service "${rawName}" (region ${region})`);
}

export function templatize(value: string, region: string): string {
  if (value.includes('{') || value.includes('}')) throw new Error(`unexpected brace in "${value}"`);
  return value.split(region).join(REGION_PLACEHOLDER);
}

export function buildCatalogue(dataDir: string = DEFAULT_DATA_DIR, supplementPath: string = SUPPLEMENT_PATH): CatalogueFile {
  const regionFiles = listRegionFiles(dataDir);
  const byName = new Map<string, Map<string, Observation>>();
  for (const [region, file] of regionFiles) {
    for (const obs of readRegion(file, region)) {
      const short = shortServiceName(obs.rawName, region);
      const perRegion = byName.get(short) ?? new Map<string, Observation>();
      const clash = perRegion.get(region);
      if (clash) throw new Error(`catalogue name "${short}" is produced by both "${clash.rawName}" and "${obs.rawName}" in ${region}`);
      perRegion.set(region, obs);
      byName.set(short, perRegion);
    }
  }
  const services: Record<string, CatalogueEntry> = {};
  for (const [short, perRegion] of byName) services[short] = toEntry(short, perRegion);

  const regions = regionFiles.map(([region]) => region);
  const supplement = readSupplement(supplementPath);
  for (const [name, entry] of Object.entries(supplement.services)) {
    if (services[name]) throw new Error(`supplement entry "${name}" is now in the EC2 data: remove it from ${supplementPath}`);
    services[name] = expandSupplement(name, entry, regions);
  }
  for (const [name, ipv6] of Object.entries(supplement.ipv6Support)) {
    const entry = services[name];
    if (!entry) throw new Error(`supplement ipv6Support names "${name}", which the data does not have`);
    services[name] = withIpAddressTypes(name, entry, ipv6);
  }
  return { source: SOURCE, regions, services: sortKeys(services) };
}

function listRegionFiles(dataDir: string): Array<[string, string]> {
  if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) {
    throw new Error(
      `endpoint service data not found at ${dataDir}: expected endpoints-<region>.json files ` +
        `(data/endpoint-services in the repository; pass another directory as the first argument)`,
    );
  }
  const files: Array<[string, string]> = [];
  for (const file of fs.readdirSync(dataDir).sort()) {
    const m = DATA_FILE.exec(file);
    if (m) files.push([m[1], path.join(dataDir, file)]);
  }
  if (files.length === 0) throw new Error(`no endpoints-<region>.json files in ${dataDir}`);
  return files;
}

function readRegion(file: string, region: string): Observation[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON list of ServiceDetails`);
  const seen = new Set<string>();
  const out: Observation[] = [];
  for (const item of parsed) {
    const d = asRecord(item, file);
    const rawName = str(d.ServiceName, `${file}: ServiceName`);
    // Gateway endpoints cannot be used across peering (domain.md section 2); partner services are not ours.
    const types = Array.isArray(d.ServiceType) ? d.ServiceType.map((t) => asRecord(t, file).ServiceType) : [];
    if (!types.includes('Interface') || d.Owner !== 'amazon') continue;
    if (seen.has(rawName)) throw new Error(`${file}: ${rawName} listed twice`);
    seen.add(rawName);
    const azs = strList(d.AvailabilityZones, `${file}: ${rawName} AvailabilityZones`);
    for (const az of azs) if (!az.startsWith(region)) throw new Error(`${file}: ${rawName} has AZ ${az} outside ${region}`);
    out.push({
      rawName,
      serviceName: templatize(rawName, region),
      privateDnsNames: privateDnsNames(d, file, rawName).map((n) => templatize(n, region)),
      endpointPolicySupported: bool(d.VpcEndpointPolicySupported, `${file}: ${rawName} VpcEndpointPolicySupported`),
      // Order carries no meaning here (the data has both ipv4,ipv6 and ipv6,ipv4); sort for stable output.
      ipAddressTypes: strList(d.SupportedIpAddressTypes ?? ['ipv4'], `${file}: ${rawName} SupportedIpAddressTypes`).sort(),
      availabilityZones: [...azs].sort(),
    });
  }
  return out;
}

/** Keep AWS's order: the first name is the primary one (`PrivateDnsName`). */
function privateDnsNames(d: Record<string, unknown>, file: string, rawName: string): string[] {
  if (Array.isArray(d.PrivateDnsNames)) {
    return d.PrivateDnsNames.map((p) => str(asRecord(p, file).PrivateDnsName, `${file}: ${rawName} PrivateDnsNames`));
  }
  return typeof d.PrivateDnsName === 'string' ? [d.PrivateDnsName] : [];
}

/** Base values are the most common across regions; regions that differ get an override. */
function toEntry(short: string, perRegion: Map<string, Observation>): CatalogueEntry {
  const obs = [...perRegion.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const templates = new Set(obs.map(([, o]) => o.serviceName));
  if (templates.size > 1) throw new Error(`catalogue name "${short}" maps to several services: ${[...templates].join(', ')}`);
  const dns = mostCommon(obs.map(([, o]) => o.privateDnsNames));
  const policy = mostCommon(obs.map(([, o]) => o.endpointPolicySupported));
  const ip = mostCommon(obs.map(([, o]) => o.ipAddressTypes));
  const regions: Record<string, string[] | null> = {};
  const overrides: Record<string, RegionOverride> = {};
  for (const [region, o] of obs) {
    regions[region] = o.availabilityZones;
    const override: RegionOverride = {};
    if (!same(o.privateDnsNames, dns)) override.privateDnsNames = o.privateDnsNames;
    if (o.endpointPolicySupported !== policy) override.endpointPolicySupported = o.endpointPolicySupported;
    if (!same(o.ipAddressTypes, ip)) override.ipAddressTypes = o.ipAddressTypes;
    if (Object.keys(override).length > 0) overrides[region] = override;
  }
  const entry: CatalogueEntry = {
    serviceName: obs[0][1].serviceName,
    privateDnsNames: dns,
    endpointPolicySupported: policy,
    ipAddressTypes: ip,
    regions,
  };
  if (Object.keys(overrides).length > 0) entry.overrides = overrides;
  return entry;
}

/** Highest count wins; ties go to the smallest JSON text so the choice never depends on input order. */
function mostCommon<T>(values: T[]): T {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const slot = counts.get(key) ?? { value, count: 0 };
    slot.count += 1;
    counts.set(key, slot);
  }
  const ranked = [...counts.entries()].sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0));
  return ranked[0][1].value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface SupplementEntry extends Omit<CatalogueEntry, 'regions' | 'overrides'> {
  regions: 'all' | Record<string, string[] | null>;
}
/** A service AWS documents as reachable over IPv6 through PrivateLink after the data was captured. */
interface Ipv6SupportEntry {
  ipAddressTypes: string[];
  /** The AWS page that says so, and its sentence: supplement.json is data with its evidence. */
  source: string;
  quote: string;
}
interface Supplement {
  services: Record<string, SupplementEntry>;
  ipv6Support: Record<string, Ipv6SupportEntry>;
}

function readSupplement(file: string): Supplement {
  const d = asRecord(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  const services: Record<string, SupplementEntry> = {};
  for (const [name, value] of Object.entries(asRecord(d.services ?? {}, file))) {
    const e = asRecord(value, `${file}: ${name}`);
    const at = `${file}: services.${name}`;
    services[name] = {
      serviceName: str(e.serviceName, `${at}.serviceName`),
      privateDnsNames: strList(e.privateDnsNames, `${at}.privateDnsNames`),
      endpointPolicySupported: bool(e.endpointPolicySupported, `${at}.endpointPolicySupported`),
      ipAddressTypes: strList(e.ipAddressTypes ?? ['ipv4'], `${at}.ipAddressTypes`).sort(),
      regions: e.regions === 'all' ? 'all' : regionMap(e.regions, `${at}.regions`),
      ...(e.note === undefined ? {} : { note: str(e.note, `${at}.note`) }),
    };
  }
  const ipv6Support: Record<string, Ipv6SupportEntry> = {};
  const ipv6 = asRecord(d.ipv6Support ?? {}, `${file}: ipv6Support`);
  for (const [name, value] of Object.entries(asRecord(ipv6.services ?? {}, `${file}: ipv6Support.services`))) {
    const e = asRecord(value, `${file}: ipv6Support.services.${name}`);
    const at = `${file}: ipv6Support.services.${name}`;
    const types = strList(e.ipAddressTypes, `${at}.ipAddressTypes`).sort();
    if (!types.includes('ipv6') || types.some((t) => t !== 'ipv4' && t !== 'ipv6')) throw new Error(`${at}.ipAddressTypes: expected ipv6, and ipv4 when the endpoint is dual-stack`);
    ipv6Support[name] = { ipAddressTypes: types, source: str(e.source, `${at}.source`), quote: str(e.quote, `${at}.quote`) };
  }
  if (d.gatewayOnly !== undefined) {
    // S3 and DynamoDB, the only services with gateway endpoints, both have interface endpoints now.
    throw new Error(`${file}: gatewayOnly is no longer supported (no AWS service is gateway-only any more)`);
  }
  return { services, ipv6Support };
}

function regionMap(value: unknown, at: string): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const [region, azs] of Object.entries(asRecord(value, at))) out[region] = azs === null ? null : strList(azs, `${at}.${region}`);
  return out;
}

function expandSupplement(name: string, entry: SupplementEntry, dataRegions: string[]): CatalogueEntry {
  const regions: Record<string, string[] | null> = {};
  if (entry.regions === 'all') for (const r of dataRegions) regions[r] = null;
  else Object.assign(regions, entry.regions);
  if (Object.keys(regions).length === 0) throw new Error(`supplement entry "${name}" is offered in no region`);
  return { ...entry, regions: sortKeys(regions) };
}

/**
 * The documented IP address types in every region of the entry (the data's per-region values are
 * older than the page), with the page named in the entry's note. A supplement the data has caught up
 * with is refused, so it is removed rather than kept as a second source.
 */
function withIpAddressTypes(name: string, entry: CatalogueEntry, ipv6: Ipv6SupportEntry): CatalogueEntry {
  const regions = Object.keys(entry.regions);
  const inData = (r: string) => entry.overrides?.[r]?.ipAddressTypes ?? entry.ipAddressTypes;
  if (regions.every((r) => same(inData(r), ipv6.ipAddressTypes))) throw new Error(`supplement ipv6Support entry "${name}" is now in the EC2 data: remove it`);
  const overrides: Record<string, RegionOverride> = {};
  for (const [region, o] of Object.entries(entry.overrides ?? {})) {
    const { ipAddressTypes: _dropped, ...rest } = o;
    if (Object.keys(rest).length > 0) overrides[region] = rest;
  }
  const note = `ipAddressTypes from src/catalogue/supplement.json (ipv6Support): ${ipv6.source}`;
  const { overrides: _old, ...base } = entry;
  return {
    ...base,
    ipAddressTypes: [...ipv6.ipAddressTypes],
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    note: entry.note ? `${entry.note} ${note}` : note,
  };
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key];
  return out;
}

function asRecord(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at}: expected an object`);
  return value as Record<string, unknown>;
}
function str(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${at}: expected a non-empty string`);
  return value;
}
function bool(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${at}: expected a boolean`);
  return value;
}
function strList(value: unknown, at: string): string[] {
  if (!Array.isArray(value)) throw new Error(`${at}: expected a list of strings`);
  return value.map((v, i) => str(v, `${at}[${i}]`));
}

/**
 * Stable text for the committed file: keys sorted at every level, 2-space indent, objects expanded down
 * to one line per region (so a data refresh shows up as a readable diff), lists and deeper objects inline.
 */
export function serializeCatalogue(catalogue: CatalogueFile): string {
  return `${render(catalogue, 0)}\n`;
}

const EXPAND_DEPTH = 4; // root > services > <name> > regions|overrides are expanded; their values are inline

function render(value: unknown, depth: number): string {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => render(v, EXPAND_DEPTH)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return '{}';
    if (depth >= EXPAND_DEPTH) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${render(v, depth + 1)}`).join(', ')}}`;
    const pad = '  '.repeat(depth + 1);
    const lines = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${render(v, depth + 1)}`);
    return `{\n${lines.join(',\n')}\n${'  '.repeat(depth)}}`;
  }
  throw new Error(`cannot serialize ${typeof value}`);
}
