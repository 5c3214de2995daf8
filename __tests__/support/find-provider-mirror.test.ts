/**
 * The provider-mirror choice (scripts/find-provider-mirror.js): an explicit VPCE_HUB_PROVIDER_MIRROR
 * wins, and only a complete package of the pinned hashicorp/aws version is ever taken, never a partial
 * or temporary plugin cache (issue 11: a cache taken while it was being deleted failed 15 tests).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { makePluginCache } from './terraform-setup';

interface Choice {
  mirror?: string;
  source: string;
  skipped: Array<{ dir: string; reason: string }>;
}
interface Options {
  env?: Record<string, string | undefined>;
  candidates?: string[];
  version?: string;
  platform?: string;
  tmp?: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const finder = require('../../scripts/find-provider-mirror.js') as {
  chooseProviderMirror: (o: Options) => Choice;
  mirrorProblem: (root: string, version?: string, platform?: string) => string | undefined;
  pinnedVersion: () => string;
  terraformPlatform: (platform?: string, arch?: string) => string;
};

const VERSION = '5.100.0';
const PLATFORM = 'linux_amd64';

/** A minimal 64-bit little-endian ELF: header, 2 section headers, one 100-byte PROGBITS section. */
function elf(): Buffer {
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(header);
  header.writeBigUInt64LE(64n, 0x28); // e_shoff
  header.writeUInt16LE(64, 0x3a); // e_shentsize
  header.writeUInt16LE(2, 0x3c); // e_shnum
  const sections = Buffer.alloc(128); // [0] is the null section
  sections.writeUInt32LE(1, 64 + 4); // SHT_PROGBITS
  sections.writeBigUInt64LE(192n, 64 + 0x18);
  sections.writeBigUInt64LE(100n, 64 + 0x20);
  return Buffer.concat([header, sections, Buffer.alloc(100, 0xaa)]);
}

/** A one-file stored zip: local header, data, central directory, end-of-central-directory record. */
function zip(): Buffer {
  const name = Buffer.from('terraform-provider-aws_v5.100.0_x5');
  const data = Buffer.from('provider');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

const made: string[] = [];
/** A fresh test folder; opts() names another folder as the temporary directory, so this one counts as permanent. */
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-mirror-'));
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function unpacked(root: string, version = VERSION, content = elf()): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws', version, PLATFORM);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `terraform-provider-aws_v${version}_x5`), content, { mode: 0o755 });
  return root;
}
function packed(root: string, content = zip()): string {
  const dir = path.join(root, 'registry.terraform.io', 'hashicorp', 'aws');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `terraform-provider-aws_${VERSION}_${PLATFORM}.zip`), content);
  return root;
}
/** Options that treat a separate folder as the temporary directory, so test folders count as permanent. */
const opts = (o: Options): Options => ({ env: {}, version: VERSION, platform: PLATFORM, tmp: folder(), ...o });

describe('what counts as a complete mirror', () => {
  it('accepts the unpacked provider binary and the packed zip of the pinned version', () => {
    expect(finder.mirrorProblem(unpacked(folder()), VERSION, PLATFORM)).toBeUndefined();
    expect(finder.mirrorProblem(packed(folder()), VERSION, PLATFORM)).toBeUndefined();
  });

  it('rejects a mirror of another version', () => {
    expect(finder.mirrorProblem(unpacked(folder(), '5.99.0'), VERSION, PLATFORM)).toMatch(/no hashicorp\/aws 5\.100\.0 package for linux_amd64/);
  });

  it('rejects a cache whose folders exist but whose package is missing or truncated (a cache being written or deleted)', () => {
    const empty = folder();
    fs.mkdirSync(path.join(empty, 'registry.terraform.io', 'hashicorp', 'aws', VERSION, PLATFORM), { recursive: true });
    expect(finder.mirrorProblem(empty, VERSION, PLATFORM)).toMatch(/no hashicorp\/aws 5\.100\.0 package/);
    expect(finder.mirrorProblem(unpacked(folder(), VERSION, elf().subarray(0, 250)), VERSION, PLATFORM)).toMatch(/is truncated \(250 bytes, its sections end at 292\)/);
    expect(finder.mirrorProblem(unpacked(folder(), VERSION, Buffer.alloc(0)), VERSION, PLATFORM)).toMatch(/is empty or truncated/);
    const z = zip();
    expect(finder.mirrorProblem(packed(folder(), z.subarray(0, z.length - 22)), VERSION, PLATFORM)).toMatch(/truncated zip/);
    expect(finder.mirrorProblem(folder(), VERSION, PLATFORM)).toMatch(/registry\.terraform\.io\/hashicorp\/aws does not exist/);
  });

  it('reads the pinned version from @cdktf/provider-aws and names the platform as Terraform does', () => {
    expect(finder.pinnedVersion()).toBe(VERSION);
    expect(finder.terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(finder.terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(finder.terraformPlatform('win32', 'x64')).toBe('windows_amd64');
  });
});

describe('which mirror is chosen', () => {
  it('prefers VPCE_HUB_PROVIDER_MIRROR over any discovered mirror', () => {
    const explicit = packed(folder());
    const other = unpacked(folder());
    expect(finder.chooseProviderMirror(opts({ env: { VPCE_HUB_PROVIDER_MIRROR: explicit }, candidates: [other] }))).toEqual({
      mirror: explicit,
      source: 'VPCE_HUB_PROVIDER_MIRROR',
      skipped: [],
    });
  });

  it('refuses an incomplete VPCE_HUB_PROVIDER_MIRROR instead of falling back to another mirror', () => {
    const wrong = unpacked(folder(), '5.99.0');
    expect(() => finder.chooseProviderMirror(opts({ env: { VPCE_HUB_PROVIDER_MIRROR: wrong }, candidates: [unpacked(folder())] }))).toThrow(
      /VPCE_HUB_PROVIDER_MIRROR=.* is not a complete mirror of hashicorp\/aws 5\.100\.0/,
    );
  });

  it('skips partial and wrong-version candidates and takes the first complete one', () => {
    const partial = unpacked(folder(), VERSION, elf().subarray(0, 200));
    const wrongVersion = unpacked(folder(), '5.99.0');
    const complete = unpacked(folder());
    const choice = finder.chooseProviderMirror(opts({ candidates: [partial, wrongVersion, complete] }));
    expect(choice.mirror).toBe(complete);
    expect(choice.source).toBe('discovered');
    expect(choice.skipped.map((s) => s.dir)).toEqual([partial, wrongVersion]);
  });

  it('never takes a plugin cache in the temporary directory, however complete', () => {
    const tmp = folder();
    const cache = unpacked(fs.mkdtempSync(path.join(tmp, 'plugin-cache-')));
    const choice = finder.chooseProviderMirror({ env: {}, version: VERSION, platform: PLATFORM, tmp, candidates: [cache] });
    expect(choice).toEqual({ mirror: undefined, source: 'none', skipped: [{ dir: cache, reason: expect.stringMatching(/temporary directory/) }] });
  });

  it("never takes the test run's own plugin cache (support/terraform-setup.ts), however complete", () => {
    const cache = unpacked(makePluginCache());
    made.push(cache);
    const choice = finder.chooseProviderMirror({ env: {}, version: VERSION, platform: PLATFORM, candidates: [cache] });
    expect(choice).toEqual({ mirror: undefined, source: 'none', skipped: [{ dir: cache, reason: expect.stringMatching(/temporary directory/) }] });
  });
});
