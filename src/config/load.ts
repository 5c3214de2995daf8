/**
 * Reads the config file: file -> YAML -> schema -> meaning. Every stage collects all its findings and
 * the pipeline stops after the first stage that has errors, so users see every problem at once but
 * never a cascade of follow-on errors. Throws only `ConfigError`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { ConfigError, hasErrors, type Finding } from './findings';
import { configSchema, type VpceHubConfig } from './schema';
import { issueToFindings } from './schema-findings';
import { validateConfig } from './validate';

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
  if (!existsSync(file)) {
    throw new ConfigError(file, [
      { severity: 'error', code: 'FileNotFound', path: '', value: file, message: 'does not exist', fix: 'create it (see vpce-hub.yaml in the repository) or set VPCE_HUB_CONFIG / --config' },
    ]);
  }
  return parseConfigText(readFileSync(file, 'utf8'), file);
}

export function parseConfigText(text: string, file = '<config>'): LoadedConfig {
  const raw = parseYaml(text, file);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.flatMap((i) => issueToFindings(i, configSchema, raw)));
  }
  const findings = validateConfig(parsed.data, raw);
  if (hasErrors(findings)) throw new ConfigError(file, findings);
  return { file, config: parsed.data, findings };
}

function parseYaml(text: string, file: string): unknown {
  if (text.trim() === '') {
    throw new ConfigError(file, [{ severity: 'error', code: 'EmptyFile', path: '', message: 'the config file is empty', fix: 'start from vpce-hub.yaml in the repository' }]);
  }
  // uniqueKeys: a duplicated key silently overriding the first is how a spoke's routes get lost.
  const doc: Document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const at = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown position';
        const duplicate = e.code === 'DUPLICATE_KEY';
        return {
          severity: 'error' as const,
          code: duplicate ? 'DuplicateKey' : 'YamlSyntax',
          path: '',
          message: `${at}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
          fix: duplicate ? 'keep one of the two keys' : 'fix the YAML syntax at that position',
        };
      }),
    );
  }
  if (!isMap(doc.contents) && !(isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ConfigError(file, [{ severity: 'error', code: 'WrongType', path: '', message: 'the config file must be a YAML mapping (key: value) at the top level' }]);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined) {
    throw new ConfigError(file, [{ severity: 'error', code: 'EmptyFile', path: '', message: 'the config file has no content', fix: 'start from vpce-hub.yaml in the repository' }]);
  }
  return raw;
}
