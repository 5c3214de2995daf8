/**
 * `vpce-hub migrate-config`: the config changes that breaking releases ask for (CHANGELOG.md, one
 * migration note each). A migration is recognized by the finding an unmigrated config now gets, so it
 * applies exactly where the new version would reject the config. Where the change follows from the
 * config alone, it is made here, as text inserted at a position found through the YAML document's node
 * ranges: every other byte of the file, comments included, stays as it was. Where it needs something
 * only the user knows (a role ARN, a route table id), it is a manual step naming the field and line.
 *
 * All automatic migrations are applied together or none is: the result is checked again, and a result
 * that does not parse or still has the finding a migration was to fix is refused (MigrationError).
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError, hasErrors, type Finding } from './findings';
import { checkConfigText } from './load';
import type { VpceHubConfig } from './schema';

export interface ConfigMigration {
  id: string;
  /** The release whose change it follows (CHANGELOG.md). */
  since: string;
  /** The finding an unmigrated config gets. */
  code: string;
  summary: string;
  automatic: boolean;
}

/** Every breaking config change with its migration, oldest first (CHANGELOG.md, "Breaking config changes"). */
export const CONFIG_MIGRATIONS: readonly ConfigMigration[] = [
  { id: 'ram-sharing', since: '0.1.0', code: 'RamSharingMissing', automatic: true, summary: 'ramSharing states how route53-profile hubs share through AWS RAM (before: organizationArn set meant the organization, else each spoke account with an invitation)' },
  { id: 'hub-side-role', since: '0.1.0', code: 'HubSideRoleMissing', automatic: false, summary: 'an account other stacks act in has a role to assume there: hubSideRoleArn (or roleArn)' },
  { id: 'tgw-default-route-tables', since: '0.1.0', code: 'TransitGatewayDefaultRouteTablesUnknown', automatic: false, summary: "an existing transit gateway that accepts other accounts' attachments names its default route tables" },
];

export interface AppliedMigration {
  id: string;
  summary: string;
  /** What was written, in words. */
  detail: string;
}

export interface ManualStep {
  id: string;
  summary: string;
  path: string;
  line?: number;
  /** What to do, with the values the config already has filled in. */
  instruction: string;
}

export interface MigrationResult {
  /** The migrated text: the input itself when no automatic migration applied. */
  text: string;
  applied: AppliedMigration[];
  manual: ManualStep[];
  /** The findings of the migrated text (errors and warnings); the manual steps' findings among them. */
  findings: Finding[];
}

/** A config that cannot be migrated: it does not parse or has structural errors, or a migration failed. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

interface Insertion {
  offset: number;
  text: string;
}

function check(text: string, file: string): { findings: Finding[]; config?: VpceHubConfig } {
  try {
    const checked = checkConfigText(text, file);
    return { findings: checked.findings, ...(checked.config ? { config: checked.config } : {}) };
  } catch (e) {
    if (e instanceof ConfigError) throw new MigrationError(`${file} cannot be migrated before its YAML and structure are fixed (vpce-hub validate lists the problems)`, e.findings);
    throw e;
  }
}

/**
 * ramSharing with the behaviour configs had before it existed: shared with the organization when
 * organizationArn was set (which needed RAM's organization sharing), else with each spoke account,
 * each accepting an invitation, external principals allowed. Old configs had no transit gateway hubs.
 */
function ramSharingInsertion(text: string, raw: Record<string, unknown>): { insertion: Insertion; detail: string } | string {
  const hubs = Array.isArray(raw.hubs) ? (raw.hubs as Array<Record<string, unknown>>) : [];
  if (hubs.some((h) => h.connectivity === 'transit-gateway')) {
    return 'a hub creates a transit gateway, which configs before ramSharing could not have: choose the sharing model yourself (README, "RAM sharing")';
  }
  const byOrganization = typeof raw.organizationArn === 'string';
  const value = byOrganization ? '{ shareWith: organization, organizationSharing: enabled }' : '{ shareWith: accounts, organizationSharing: disabled, allowExternalPrincipals: true }';
  const comment = byOrganization
    ? ['# Added by vpce-hub migrate-config (0.1.0): the profile is shared with the organization of organizationArn,', '# as before ramSharing existed (RAM sharing with AWS Organizations enabled).']
    : [
        '# Added by vpce-hub migrate-config (0.1.0): the profile is shared with each spoke account, which accepts',
        "# an invitation, as before ramSharing existed. If RAM sharing with AWS Organizations is enabled, set",
        '# organizationSharing: enabled (accounts of the organization then get no invitation to accept).',
      ];
  const offset = topLevelInsertionPoint(text);
  if (offset === undefined) return 'the top level of the file is not a block mapping: add ramSharing by hand';
  return { insertion: { offset, text: `${[...comment, `ramSharing: ${value}`].join('\n')}\n` }, detail: `ramSharing: ${value}` };
}

type Edit = (text: string, raw: Record<string, unknown>) => { insertion: Insertion; detail: string } | string;

/** The edit of each automatic migration: an insertion, or why it cannot be made for this config. */
const EDITS: Readonly<Record<string, Edit>> = { 'ram-sharing': ramSharingInsertion };

/** Order of the keys ramSharing goes before, as in the README's config reference. */
const AFTER_RAM_SHARING = ['backend', 'tags', 'accounts', 'hubs', 'spokes'];

/**
 * The offset at which a new top-level key goes before the first of AFTER_RAM_SHARING: the start of that
 * key's line, or of the comment lines right above it (they describe it). Undefined for a flow mapping.
 */
function topLevelInsertionPoint(text: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const contents = doc.contents as Node | null;
  if (!isMap(contents) || contents.flow) return undefined;
  const pair = contents.items.find((p) => isScalar(p.key) && AFTER_RAM_SHARING.includes(String(p.key.value)));
  const keyOffset = pair ? (pair.key as Node).range?.[0] : undefined;
  if (keyOffset === undefined) return text.endsWith('\n') || text === '' ? text.length : undefined;
  const lines = text.split('\n');
  let line = lineCounter.linePos(keyOffset).line - 1; // 0-based index of the key's line
  while (line > 0 && /^#/.test(lines[line - 1])) line--;
  return lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
}

function manualStep(migration: ConfigMigration, finding: Finding, config: VpceHubConfig | undefined): ManualStep {
  let instruction = finding.fix ?? finding.message;
  if (migration.id === 'hub-side-role') {
    const key = /^accounts\.([^.]+)/.exec(finding.path)?.[1];
    const id = key ? config?.accounts[key]?.id : undefined;
    instruction = `add hubSideRoleArn: "arn:aws:iam::${id ?? '<account id>'}:role/<name>" to accounts.${key ?? '<key>'} (a role whose policy \`vpce-hub iam-policy --account ${key ?? '<key>'}\` prints), or its roleArn`;
  } else if (migration.id === 'tgw-default-route-tables') {
    instruction = `set ${finding.path} to the gateway's AssociationDefaultRouteTableId and PropagationDefaultRouteTableId (aws ec2 describe-transit-gateways), or [] when both defaults are disabled`;
  }
  return { id: migration.id, summary: migration.summary, path: finding.path, ...(finding.line !== undefined ? { line: finding.line } : {}), instruction };
}

/**
 * The migrations a config needs, applied to its text where they can be. Validation stops at the first
 * stage with errors, so a fixed finding can reveal the next (HubSideRoleMissing is checked only once
 * RamSharingMissing is gone): the automatic migrations run in rounds, and the manual steps are read
 * from the final text.
 * @throws MigrationError when the config does not parse or has structural errors, or when the
 *   migrated text would not be a config without the findings the migrations were to fix
 */
export function migrateConfigText(text: string, file = '<config>'): MigrationResult {
  let current = text;
  let state = check(text, file);
  const applied: AppliedMigration[] = [];
  /** Automatic migrations that cannot be made for this config: why, by id. */
  const refused = new Map<string, string>();
  for (let round = 0; round < CONFIG_MIGRATIONS.length; round++) {
    const raw = (parseDocument(current).toJS() ?? {}) as Record<string, unknown>;
    const insertions: Insertion[] = [];
    const now: AppliedMigration[] = [];
    for (const migration of CONFIG_MIGRATIONS) {
      if (!migration.automatic || refused.has(migration.id) || applied.some((a) => a.id === migration.id)) continue;
      if (!state.findings.some((f) => f.code === migration.code)) continue;
      const edit = EDITS[migration.id]?.(current, raw) ?? `no automatic edit is known for ${migration.id}`;
      if (typeof edit === 'string') refused.set(migration.id, edit);
      else {
        insertions.push(edit.insertion);
        now.push({ id: migration.id, summary: migration.summary, detail: edit.detail });
      }
    }
    if (insertions.length === 0) break;
    let next = current;
    for (const ins of [...insertions].sort((a, b) => b.offset - a.offset)) next = next.slice(0, ins.offset) + ins.text + next.slice(ins.offset);
    const nextState = check(next, file);
    const unfixed = now.filter((a) => nextState.findings.some((f) => f.code === CONFIG_MIGRATIONS.find((m) => m.id === a.id)?.code));
    if (unfixed.length > 0) throw new MigrationError(`the ${unfixed.map((a) => a.id).join(', ')} migration did not fix ${file}; nothing was changed (please report this with the config)`, nextState.findings);
    applied.push(...now);
    current = next;
    state = nextState;
  }
  const manual: ManualStep[] = [];
  for (const migration of CONFIG_MIGRATIONS) {
    if (migration.automatic && !refused.has(migration.id)) continue;
    for (const finding of state.findings.filter((f) => f.code === migration.code)) {
      const why = refused.get(migration.id);
      manual.push(manualStep(migration, why ? { ...finding, fix: why } : finding, state.config));
    }
  }
  return { text: current, applied, manual, findings: state.findings };
}

/** Whether the migrated config is valid (no errors left, manual steps included). */
export const migratedConfigValid = (result: MigrationResult): boolean => !hasErrors(result.findings);
