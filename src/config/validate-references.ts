/** Every reference resolves: accounts named by hubs and spokes, the hub of every spoke. */
import { closest } from 'fastest-levenshtein';
import type { Finding } from './findings';
import { formatPath } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';

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
      findings.push({ severity: 'error', code: 'HubAmbiguous', path: `${at}.hub`, message: `is missing and cannot be inferred: there are ${hubs.length} hubs and not exactly one in the spoke's region`, fix: `set hub to one of ${hubs.join(', ')}` });
    }
  });
  findings.push(...stackCycles(config));
  const used = new Set([...config.hubs.map((h) => h.account), ...config.spokes.map((s) => s.account)]);
  for (const key of accounts) {
    if (!used.has(key)) {
      findings.push({ severity: 'warning', code: 'UnusedAccount', path: `accounts.${key}`, message: 'is not used by any hub or spoke; its stack is empty, and applying it destroys whatever an earlier config put there', fix: 'apply its (empty) stack to clean up, then remove the key; or use it' });
    }
  }
  return findings;
}

/**
 * A spoke stack reads its hub stack's outputs, so it must deploy after it. Two accounts that each hold
 * a hub with a spoke in the other would need each other first: cdktf cannot order that.
 */
function stackCycles(config: ValidationContext['config']): Finding[] {
  const edges = new Map<string, Set<string>>();
  for (const spoke of config.spokes) {
    const hub = hubOfSpoke(config, spoke);
    if (!hub || hub.account === spoke.account) continue;
    if (!edges.has(spoke.account)) edges.set(spoke.account, new Set());
    edges.get(spoke.account)?.add(hub.account);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const cycle: string[] = [];
  const visit = (node: string, trail: string[]): boolean => {
    if (state.get(node) === 'done') return false;
    if (state.get(node) === 'visiting') {
      cycle.push(...trail.slice(trail.indexOf(node)), node);
      return true;
    }
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) if (visit(next, [...trail, node])) return true;
    state.set(node, 'done');
    return false;
  };
  for (const node of [...edges.keys()].sort()) if (visit(node, [])) break;
  if (cycle.length === 0) return [];
  return [
    {
      severity: 'error',
      code: 'StackCycle',
      path: 'spokes',
      value: cycle.join(' -> '),
      message: 'these account stacks would each need the other deployed first (each holds a hub with a spoke in the next)',
      fix: 'keep the hubs in one network account, or move the spoke VPCs so that hub accounts never have spokes of each other',
    },
  ];
}
