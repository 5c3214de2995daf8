/** Names become addresses and output names, so two that differ only in case would collide. */
import type { Finding } from './findings';
import { formatPath } from './paths';
import type { ValidationContext } from './validate';

export function validateNames({ config, raw, lineOf }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  /** Where the first entry of a name is, so a duplicate's finding points at both entries. */
  const firstPath = new Map<string, string>();
  const check = (kind: 'hubs' | 'spokes', index: number, name: string) => {
    const key = name.toLowerCase();
    const path = `${formatPath([kind, index], raw)}.name`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      const other = firstPath.get(key) as string;
      const line = lineOf?.(other);
      findings.push({
        severity: 'error',
        code: previous.startsWith(kind) ? 'DuplicateName' : 'NameClash',
        path,
        value: name,
        message: `is already used by ${previous} at ${other}${line !== undefined ? ` (line ${line})` : ''} (names are compared case-insensitively across hubs and spokes)`,
        fix: 'give one of the two a unique name',
      });
    } else {
      seen.set(key, `${kind} entry ${JSON.stringify(name)}`);
      firstPath.set(key, path);
    }
  };
  config.hubs.forEach((h, i) => check('hubs', i, h.name));
  config.spokes.forEach((s, i) => check('spokes', i, s.name));

  // A former name is what the state still holds: it must not be a current name (its moved blocks
  // would point at a live resource) nor the former name of two entries (whose state would it be?).
  const formerSeen = new Map<string, string>();
  const former = (kind: 'hubs' | 'spokes', index: number, owner: string, names: readonly string[]) => {
    names.forEach((f, j) => {
      const path = `${formatPath([kind, index], raw)}.formerNames[${j}]`;
      const current = seen.get(f.toLowerCase());
      const previous = formerSeen.get(f.toLowerCase());
      if (f.toLowerCase() === owner.toLowerCase() || current !== undefined) {
        findings.push({ severity: 'error', code: 'FormerNameInUse', path, value: f, message: `is a current name (${f.toLowerCase() === owner.toLowerCase() ? 'its own' : current}); a former name must be one nothing is called any more`, fix: 'remove it from formerNames' });
      } else if (previous !== undefined) {
        findings.push({ severity: 'error', code: 'FormerNameDuplicate', path, value: f, message: `is also a former name of ${previous}; the state under that name can move to only one of them`, fix: 'keep it in the formerNames of the entry that was called so' });
      } else formerSeen.set(f.toLowerCase(), `${kind} entry ${JSON.stringify(owner)}`);
    });
  };
  config.hubs.forEach((h, i) => former('hubs', i, h.name, h.formerNames));
  config.spokes.forEach((s, i) => former('spokes', i, s.name, s.formerNames));

  const accountKeys = new Map<string, string>();
  const accountIds = new Map<string, string>();
  for (const [key, account] of Object.entries(config.accounts)) {
    const lower = key.toLowerCase();
    const clash = accountKeys.get(lower);
    if (clash !== undefined) {
      findings.push({ severity: 'error', code: 'DuplicateName', path: `accounts.${key}`, value: key, message: `differs from account ${clash} only in case (both would name the same stack)`, fix: 'rename one of them' });
    } else accountKeys.set(lower, key);
    const sameId = accountIds.get(account.id);
    if (sameId !== undefined) {
      findings.push({ severity: 'error', code: 'DuplicateAccountId', path: `accounts.${key}.id`, value: account.id, message: `is also the id of account ${sameId}; one account must be one stack`, fix: 'use one account key for it' });
    } else accountIds.set(account.id, key);
  }
  return findings;
}
