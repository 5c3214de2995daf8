/**
 * Reads the config file: file -> YAML -> schema -> meaning. Every stage collects all its findings and
 * the pipeline stops after the first stage that has errors, so users see every problem at once but
 * never a cascade of follow-on errors. Throws only `ConfigError`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { configLines, type ConfigLines } from './config-lines';
import { decodeConfigText } from './config-text';
import { ConfigError, hasErrors, type Finding } from './findings';
import { configSchema, type VpceHubConfig } from './schema';
import { issueToFindings, reservedKeyFindings } from './schema-findings';
import type { NetworkPlan } from '../planning/plan';
import { runValidators } from './validate';
import { sameKey } from './yaml-duplicate-keys';
import { yamlErrorFindings } from './yaml-errors';

export const DEFAULT_CONFIG_FILE = 'vpce-hub.yaml';

export interface LoadedConfig {
  file: string;
  config: VpceHubConfig;
  /** Warnings (never errors: errors throw). */
  findings: Finding[];
}

/** The config path: explicit argument, else `VPCE_HUB_CONFIG`, else `vpce-hub.yaml` in `cwd`. */
export function resolveConfigPath(explicit?: string, cwd = process.cwd()): string {
  const chosen = explicit ?? process.env.VPCE_HUB_CONFIG ?? DEFAULT_CONFIG_FILE;
  return path.resolve(cwd, chosen);
}

export function loadConfigFile(file: string): LoadedConfig {
  return parseConfigText(readConfigText(file), file);
}

export function parseConfigText(text: string, file = '<config>'): LoadedConfig {
  const checked = checkConfigText(text, file);
  if (checked.config === undefined || hasErrors(checked.findings)) throw new ConfigError(file, checked.findings);
  return { file, config: checked.config, findings: checked.findings };
}

/** Every finding of a config, returned rather than thrown (for `vpce-hub validate`). */
export interface ConfigCheck {
  file: string;
  findings: Finding[];
  /** Set once structure and meaning passed, so the plan could be built (quota errors may remain). */
  config?: VpceHubConfig;
  plan?: NetworkPlan;
}

export function checkConfigFile(file: string): ConfigCheck {
  try {
    return checkConfigText(readConfigText(file), file);
  } catch (e) {
    if (e instanceof ConfigError) return { file, findings: e.findings };
    throw e;
  }
}

function readConfigText(file: string): string {
  if (!existsSync(file)) {
    throw new ConfigError(file, [
      { severity: 'error', code: 'FileNotFound', path: '', value: file, message: 'does not exist', fix: 'create it (see vpce-hub.yaml in the repository) or set VPCE_HUB_CONFIG / --config' },
    ]);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ConfigError(file, [{ severity: 'error', code: 'FileUnreadable', path: '', value: file, message: `cannot be read (${e instanceof Error ? e.message : String(e)})`, fix: 'point --config at a readable file' }]);
  }
  const decoded = decodeConfigText(bytes, file);
  if ('finding' in decoded) throw new ConfigError(file, [decoded.finding]);
  return decoded.text;
}

/** Stages file, YAML and schema throw; the meaning and plan stages return their findings. */
export function checkConfigText(text: string, file: string): ConfigCheck {
  const { raw, lines } = parseYaml(text, file);
  const reserved = reservedKeyFindings(raw);
  if (reserved.length > 0) throw new ConfigError(file, lines.withLines(reserved));
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, lines.withLines(parsed.error.issues.flatMap((i) => issueToFindings(i, configSchema, raw))));
  }
  const { findings, plan } = runValidators(parsed.data, raw, lines.lineOf);
  return { file, findings: lines.withLines(findings), ...(plan ? { config: parsed.data, plan } : {}) };
}

function parseYaml(text: string, file: string): { raw: unknown; lines: ConfigLines } {
  if (text.trim() === '') {
    throw new ConfigError(file, [{ severity: 'error', code: 'EmptyFile', path: '', message: 'the config file is empty', fix: 'start from vpce-hub.yaml in the repository' }]);
  }
  // uniqueKeys: a duplicated key silently overriding the first is how a spoke's routes get lost
  // (sameKey also counts `1` and `"1"` as one key, as the JavaScript object they become does).
  let doc: Document;
  const lineCounter = new LineCounter();
  try {
    doc = parseDocument(text, { uniqueKeys: sameKey, prettyErrors: true, lineCounter });
  } catch (e) {
    // The parser recurses per nesting level: thousands of `[` exhaust the stack.
    throw new ConfigError(file, [{ severity: 'error', code: 'YamlSyntax', path: '', message: `cannot be parsed (${e instanceof Error ? e.message : String(e)})`, fix: 'nest less deeply' }]);
  }
  if (doc.errors.length > 0) throw new ConfigError(file, yamlErrorFindings(doc.errors, text));
  // A file of comments has no contents node at all (null): that is an empty file, not a wrong type.
  const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
  if (!isMap(doc.contents) && !empty) {
    throw new ConfigError(file, [{ severity: 'error', code: 'WrongType', path: '', message: 'the config file must be a YAML mapping (key: value) at the top level' }]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The parser accepts what only conversion rejects: a merge key (<<) of an undefined anchor, and
    // alias expansions past maxAliasCount (a "billion laughs" file).
    throw new ConfigError(file, [{ severity: 'error', code: 'YamlSyntax', path: '', message: e instanceof Error ? e.message : String(e), fix: 'define every anchor (&name) before its alias (*name), and use aliases sparingly' }]);
  }
  if (raw === null || raw === undefined) {
    throw new ConfigError(file, [{ severity: 'error', code: 'EmptyFile', path: '', message: 'the config file has no content', fix: 'start from vpce-hub.yaml in the repository' }]);
  }
  return { raw, lines: configLines(doc, lineCounter) };
}
