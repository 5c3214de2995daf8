#!/usr/bin/env node
// Picks the offline Terraform provider mirror for hashicorp/aws: the folder that holds
// registry.terraform.io/, or none (then terraform init uses the registry). Used by .ci/run and the test
// harness on machines without registry access (engineering.md section 1).
//
// Policy:
// 1. VPCE_HUB_PROVIDER_MIRROR, when set, wins. It must hold a complete package of the pinned version:
//    a wrong or half-written folder is an error, never a silent fallback to another mirror.
// 2. Otherwise the machine is searched, and a candidate is taken only when it holds a complete package
//    of the pinned version for this platform. Folders under the temporary directory are never taken:
//    a Terraform plugin cache there has the same shape and can be deleted while we read it.
//
// Layouts (Terraform CLI config, "provider_installation" / filesystem_mirror,
// https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror):
//   unpacked  registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_v<version>_x<n>
//   packed    registry.terraform.io/hashicorp/aws/terraform-provider-aws_<version>_<os>_<arch>.zip
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const PROVIDER_DIR = path.join('registry.terraform.io', 'hashicorp', 'aws');

/** The hashicorp/aws version that @cdktf/provider-aws was generated from (its package.json says). */
function pinnedVersion() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@cdktf/provider-aws/package.json').cdktf.provider.version;
}

/** Terraform's platform name for this machine, e.g. linux_amd64. */
function terraformPlatform(platform = process.platform, arch = process.arch) {
  const archName = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' }[arch] ?? arch;
  const osName = platform === 'win32' ? 'windows' : platform;
  return `${osName}_${archName}`;
}

/** Reads `length` bytes at `position`, or fewer at the end of the file. */
function readBytes(file, position, length) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, position);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A zip is whole when it starts with a local file header and its end-of-central-directory record
 * (PK\x05\x06) sits in the last 64 KiB + 22 bytes; a download cut short has no such record.
 */
function zipProblem(file, size) {
  if (!readBytes(file, 0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'is not a zip file';
  const tailLength = Math.min(size, 65536 + 22);
  const tail = readBytes(file, size - tailLength, tailLength);
  if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) return 'is a truncated zip (no end-of-central-directory record)';
  return undefined;
}

/**
 * An ELF executable (Linux) is whole when every section with file content (offset + size, from the
 * section header table) lies inside the file: a copy or download cut short fails that. Go's linker
 * writes the section headers near the start, so they survive truncation and can be checked. Other
 * platforms' executables get the readability check only.
 */
function binaryProblem(file, size) {
  const head = readBytes(file, 0, 64);
  if (head.length < 4) return 'is empty or truncated';
  if (!head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    return process.platform === 'linux' ? 'is not an ELF executable' : undefined;
  }
  if (head.length < 64) return 'is truncated (short ELF header)';
  if (head[4] !== 2) return undefined; // 32-bit ELF: readability only
  const le = head[5] === 1;
  const u64 = (b, at) => Number(le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  const u32 = (b, at) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const u16 = (b, at) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const shoff = u64(head, 0x28);
  const shentsize = u16(head, 0x3a);
  const shnum = u16(head, 0x3c);
  if (shentsize < 0x28 || shoff + shentsize * shnum > size) return `is truncated (${size} bytes, shorter than its section header table)`;
  const table = readBytes(file, shoff, shentsize * shnum);
  let end = 0;
  for (let i = 0; i < shnum; i += 1) {
    const at = i * shentsize;
    const SHT_NOBITS = 8; // .bss and the like occupy no file space
    if (u32(table, at + 4) === SHT_NOBITS) continue;
    end = Math.max(end, u64(table, at + 0x18) + u64(table, at + 0x20));
  }
  if (end > size) return `is truncated (${size} bytes, its sections end at ${end})`;
  return undefined;
}

/**
 * Why `root` is not a complete mirror of hashicorp/aws `version` for `platform`, or undefined when it is.
 * Complete: the unpacked provider binary or the packed zip is present, readable and whole.
 */
function mirrorProblem(root, version = pinnedVersion(), platform = terraformPlatform()) {
  const providerDir = path.join(root, PROVIDER_DIR);
  if (!fs.existsSync(providerDir)) return `${providerDir} does not exist`;
  const candidates = [];
  const unpackedDir = path.join(providerDir, version, platform);
  let unpacked = [];
  try {
    unpacked = fs.readdirSync(unpackedDir).filter((f) => f.startsWith(`terraform-provider-aws_v${version}`));
  } catch {
    // no unpacked package; the packed one may be there
  }
  for (const f of unpacked) candidates.push({ file: path.join(unpackedDir, f), check: binaryProblem });
  candidates.push({ file: path.join(providerDir, `terraform-provider-aws_${version}_${platform}.zip`), check: zipProblem });
  const problems = [];
  for (const { file, check } of candidates) {
    if (!fs.existsSync(file)) continue;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) {
        problems.push(`${file} is not a file`);
        continue;
      }
      fs.accessSync(file, fs.constants.R_OK);
      const problem = check(file, stat.size);
      if (!problem) return undefined;
      problems.push(`${file} ${problem}`);
    } catch (err) {
      problems.push(`${file} cannot be read (${err.code ?? err.message})`);
    }
  }
  if (problems.length > 0) return problems.join('; ');
  return `no hashicorp/aws ${version} package for ${platform} under ${providerDir}`;
}

/** True when `dir` is the temporary directory or inside it. */
function isTemporary(dir, tmp = os.tmpdir()) {
  const rel = path.relative(fs.realpathSync(tmp), dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Folders under `/` (same filesystem, depth 6) shaped like a mirror root of hashicorp/aws. */
function mirrorShapedFolders() {
  const r = spawnSync('find', ['/', '-xdev', '-maxdepth', '6', '-type', 'd', '-path', '*/registry.terraform.io/hashicorp/aws'], {
    encoding: 'utf8',
    timeout: 20000,
  });
  const suffix = `/${PROVIDER_DIR.split(path.sep).join('/')}`;
  return (r.stdout || '')
    .split('\n')
    .filter((line) => line.endsWith(suffix))
    .map((line) => line.slice(0, -suffix.length))
    .sort();
}

/**
 * The mirror to use: { mirror, source, skipped } where source is 'VPCE_HUB_PROVIDER_MIRROR',
 * 'discovered' or 'none', and skipped lists rejected candidates with the reason.
 * Throws when VPCE_HUB_PROVIDER_MIRROR names an incomplete mirror.
 */
function chooseProviderMirror({ env = process.env, candidates = mirrorShapedFolders, version = pinnedVersion(), platform = terraformPlatform(), tmp = os.tmpdir() } = {}) {
  const explicit = env.VPCE_HUB_PROVIDER_MIRROR;
  if (explicit) {
    const problem = mirrorProblem(explicit, version, platform);
    if (problem) throw new Error(`VPCE_HUB_PROVIDER_MIRROR=${explicit} is not a complete mirror of hashicorp/aws ${version}: ${problem}`);
    return { mirror: explicit, source: 'VPCE_HUB_PROVIDER_MIRROR', skipped: [] };
  }
  const skipped = [];
  for (const dir of typeof candidates === 'function' ? candidates() : candidates) {
    if (isTemporary(dir, tmp)) {
      skipped.push({ dir, reason: 'in the temporary directory (a plugin cache that may be deleted at any time)' });
      continue;
    }
    const problem = mirrorProblem(dir, version, platform);
    if (problem) {
      skipped.push({ dir, reason: problem });
      continue;
    }
    return { mirror: dir, source: 'discovered', skipped };
  }
  return { mirror: undefined, source: 'none', skipped };
}

/** The discovered mirror root, or undefined (kept for callers that only want the folder). */
function findProviderMirror() {
  return chooseProviderMirror({ env: {} }).mirror;
}

module.exports = { chooseProviderMirror, findProviderMirror, mirrorProblem, pinnedVersion, terraformPlatform };
// CLI: prints the chosen mirror root on stdout (nothing for none) and on stderr where it came from.
if (require.main === module) {
  try {
    const { mirror, source, skipped } = chooseProviderMirror();
    for (const s of skipped) process.stderr.write(`find-provider-mirror: skipped ${s.dir}: ${s.reason}\n`);
    process.stderr.write(mirror ? `find-provider-mirror: ${mirror} (${source})\n` : 'find-provider-mirror: no complete mirror found\n');
    if (mirror) process.stdout.write(`${mirror}\n`);
  } catch (err) {
    process.stderr.write(`find-provider-mirror: ${err.message}\n`);
    process.exitCode = 1;
  }
}
