/**
 * vpce-hub as a library (package.json "main", "types" and "exports" point here): for teams with a
 * cdktf app of their own, load and validate a vpce-hub config, then add vpce-hub's stacks to that app.
 * The CLI (`vpce-hub validate`, `synth`, ...) is built on the same functions.
 *
 * ```ts
 * import { App } from 'cdktf';
 * import { addVpceHubStacks, loadConfig } from 'vpce-hub';
 *
 * const app = new App();
 * // ...the team's own stacks...
 * addVpceHubStacks(app, loadConfig('vpce-hub.yaml'));
 * app.synth();
 * ```
 *
 * Everything not exported here is internal and may change in any release (CHANGELOG.md).
 */
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ConfigError, formatFinding, formatFindings, hasErrors, type Finding, type Severity } from './config/findings';
import { configJsonSchema } from './config/json-schema';
import { checkConfigFile, checkConfigText, loadConfigFile, parseConfigText, resolveConfigPath, type LoadedConfig } from './config/load';
import { buildPlan } from './planning/build-plan';
import { addPlanStacks } from './stacks/app';

export { ConfigError, configJsonSchema, formatFinding, formatFindings, hasErrors };
export type { Finding, LoadedConfig, Severity };
export type { AccountConfig, HubConfig, SpokeConfig, VpceHubConfig } from './config/schema';
export { FINDING_CODES, type FindingCode } from './config/finding-codes';
export { CONFIG_MIGRATIONS, MigrationError, migrateConfigText, type AppliedMigration, type ConfigMigration, type ManualStep, type MigrationResult } from './config/migrate';

/**
 * Reads and validates a config file: YAML, then structure (the schema), then meaning (references,
 * CIDRs, services, quotas, ...), exactly as `vpce-hub validate` does.
 *
 * @param file the config file; default `$VPCE_HUB_CONFIG`, else `vpce-hub.yaml` in the current folder
 * @returns the typed config (defaults filled in) and its warnings
 * @throws ConfigError when the file has any error; `error.findings` lists every finding, each with a
 *   stable `code`, the field `path`, the config `line` where known, the `value` and a `fix`
 */
export function loadConfig(file?: string): LoadedConfig {
  return loadConfigFile(resolveConfigPath(file));
}

/**
 * `loadConfig` for config text held in memory.
 *
 * @param text the YAML text
 * @param file the name findings and errors give the config (default `<config>`)
 * @throws ConfigError when the text has any error
 */
export function parseConfig(text: string, file?: string): LoadedConfig {
  return parseConfigText(text, file);
}

/** The outcome of validating a config without throwing (`vpce-hub validate`). */
export interface ConfigValidation {
  /** The config file (absolute), or the name given to `validateConfigText`. */
  file: string;
  /** No finding is an error: `loadConfig` would succeed. */
  valid: boolean;
  /** Every error and warning, in the order `vpce-hub validate` prints them. */
  findings: Finding[];
}

/**
 * Every finding of a config file, returned rather than thrown: for tools that show them (an editor,
 * a bot). A file that cannot be read or parsed is one finding too.
 *
 * @param file default `$VPCE_HUB_CONFIG`, else `vpce-hub.yaml` in the current folder
 */
export function validateConfig(file?: string): ConfigValidation {
  const checked = checkConfigFile(resolveConfigPath(file));
  return { file: checked.file, valid: checked.config !== undefined && !hasErrors(checked.findings), findings: checked.findings };
}

/** `validateConfig` for config text held in memory (`file` names it in findings; default `<config>`). */
export function validateConfigText(text: string, file = '<config>'): ConfigValidation {
  try {
    const checked = checkConfigText(text, file);
    return { file, valid: checked.config !== undefined && !hasErrors(checked.findings), findings: checked.findings };
  } catch (e) {
    if (e instanceof ConfigError) return { file, valid: false, findings: e.findings };
    throw e;
  }
}

/** What `addVpceHubStacks` added. */
export interface VpceHubStacks {
  /** Each stack by name: one hub stack per hub account, one spokes stack per account (README, "Stacks and state"). */
  stacks: ReadonlyMap<string, TerraformStack>;
  /** Stack names in the order to deploy them: hub stacks first, whose outputs the spokes stacks read. */
  deployOrder: readonly string[];
}

/**
 * Adds vpce-hub's stacks for a validated config to an existing cdktf `App`, exactly the stacks and
 * resources `vpce-hub synth` writes (same names, same resource addresses, same backends, the
 * dependencies between them in cdktf's manifest, moved blocks for renamed hubs and spokes).
 *
 * Stack names are the config's account keys (and `<account>-spokes`): they must not collide with the
 * app's own stacks (cdktf refuses two constructs with one id). Call it once per app.
 *
 * @param app the app (or another construct that may hold stacks); cdktf and constructs must be the
 *   same copies vpce-hub uses (they are its peer dependencies)
 * @param loaded the result of `loadConfig` or `parseConfig`: only a validated config is accepted
 */
export function addVpceHubStacks(app: Construct, loaded: LoadedConfig): VpceHubStacks {
  const plan = buildPlan(loaded.config);
  const stacks = addPlanStacks(app, plan);
  return { stacks, deployOrder: plan.stacks.map((s) => s.name) };
}
