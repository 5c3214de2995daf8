/** Every reference resolves: accounts named by hubs and spokes, the hub of every spoke. */
import { closest } from 'fastest-levenshtein';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';
import { stackNames } from '../planning/naming';

function suggestion(value: string, known: string[]): string {
  return known.length === 0 ? '' : `did you mean "${closest(value, known)}"? known: ${known.join(', ')}`;
}

export function validateReferences({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const accounts = Object.keys(config.accounts);
  const hubs = config.hubs.map((h) => h.name);
  const checkAccount = (path: string, account: string) => {
    if (!(account in config.accounts)) {
      findings.push({ severity: 'error', code: 'UnknownAccount', path, value: account, message: 'is not a key under accounts', fix: suggestion(account, accounts) || 'add it under accounts' });
    }
  };
  config.hubs.forEach((h, i) => checkAccount(`${formatPath(['hubs', i], raw)}.account`, h.account));
  config.spokes.forEach((s, i) => {
    const at = formatPath(['spokes', i], raw);
    checkAccount(`${at}.account`, s.account);
    if (s.hub !== undefined && !hubs.includes(s.hub)) {
      findings.push({ severity: 'error', code: 'UnknownHub', path: `${at}.hub`, value: s.hub, message: 'is not the name of a hub', fix: suggestion(s.hub, hubs) });
    } else if (s.hub === undefined && hubOfSpoke(config, s) === undefined) {
      // Without a region there is no "spoke's region" to match: say so, and offer both ways out.
      const regions = [...new Set(config.hubs.map((h) => h.region))].sort();
      const inRegion = s.region === undefined ? [] : config.hubs.filter((h) => h.region === s.region).map((h) => h.name);
      findings.push(
        s.region === undefined
          ? { severity: 'error', code: 'HubAmbiguous', path: `${at}.hub`, message: `is missing and cannot be inferred: there are ${hubs.length} hubs, and the spoke has no region: to pick the hub of its region`, fix: `set hub to one of ${hubs.join(', ')}, or set region (hubs are in ${regions.join(', ')}) where exactly one hub is` }
          : {
              severity: 'error',
              code: 'HubAmbiguous',
              path: `${at}.hub`,
              message: `is missing and cannot be inferred: there are ${hubs.length} hubs and ${inRegion.length === 0 ? 'none' : `${inRegion.length} (${inRegion.join(', ')})`} in the spoke's region ${s.region}`,
              fix: `set hub to one of ${(inRegion.length > 0 ? inRegion : hubs).join(', ')}`,
            },
      );
    }
  });
  findings.push(...stackNameClashes(config));
  // A transit gateway owner is used too: the owner's halves of every attachment act in its account.
  const used = new Set([...config.hubs.map((h) => h.account), ...config.hubs.flatMap((h) => (h.transitGateway?.account ? [h.transitGateway.account] : [])), ...config.spokes.map((s) => s.account)]);
  for (const key of accounts) {
    if (!used.has(key)) {
      findings.push({ severity: 'warning', code: 'UnusedAccount', path: `accounts.${key}`, message: 'is not used by any hub or spoke; its stack is empty, and applying it destroys whatever an earlier config put there', fix: 'apply its (empty) stack to clean up, then remove the key; or use it' });
    }
  }
  return findings;
}

/**
 * A hub account keeps its spokes' pairs in the stack `<account>-spokes` (planning/naming.ts): an account
 * key with that name would share its stack (and state). Stacks cannot form cycles any more: spokes
 * stacks read hub stacks, and hub stacks read nothing.
 */
function stackNameClashes(config: ValidationContext['config']): Finding[] {
  const findings: Finding[] = [];
  for (const hubAccount of [...new Set(config.hubs.map((h) => h.account))]) {
    const name = stackNames.spokes(hubAccount, true);
    const clash = Object.keys(config.accounts).find((k) => k.toLowerCase() === name.toLowerCase());
    if (clash !== undefined) {
      findings.push({
        severity: 'error',
        code: 'StackNameClash',
        path: `accounts.${clash}`,
        value: clash,
        message: `is the name of the stack that holds the pairs of hub account ${hubAccount}'s own spokes; both stacks would share one state`,
        fix: `rename account key ${clash}`,
      });
    }
  }
  return findings;
}
