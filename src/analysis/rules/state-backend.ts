/**
 * VH-STATE-001..004: each stack keeps its state remote, encrypted, locked, and to itself
 * (domain.md section 6: one writer per stack).
 */
import { bool } from '../json-value';
import { stateLocationOf, type TfStack } from '../tree';
import { defineRule, type Violation } from './rule';

const stacksOf = (stacks: ReadonlyMap<string, TfStack>): TfStack[] => [...stacks.values()];
const backendAddress = (s: TfStack): string => s.backend?.address ?? 'terraform.backend.local';

export const stateNotLocal = defineRule(
  {
    id: 'VH-STATE-001',
    severity: 'warning',
    summary: 'State is kept in a remote backend, not on one machine',
    explanation:
      'A local state file is unencrypted, unlocked and on one person\'s disk; spoke stacks of other accounts read the hub\'s ' +
      'outputs from it. Fine to try vpce-hub out; use s3 or cloud for anything shared.',
  },
  (tree) =>
    stacksOf(tree.stacks)
      .filter((s) => !s.backend || s.backend.kind === 'local')
      .map((s) => ({ stack: s.name, resource: backendAddress(s), message: s.backend ? 'the state is a local file' : 'no backend: Terraform keeps a local terraform.tfstate' })),
);

export const s3StateEncrypted = defineRule(
  {
    id: 'VH-STATE-002',
    severity: 'error',
    summary: 'S3 state is encrypted (encrypt = true)',
    explanation:
      'State holds every resource attribute, including outputs marked sensitive. encrypt = true makes the backend ' +
      'request server-side encryption for every write, whatever the bucket\'s default.',
  },
  (tree) =>
    stacksOf(tree.stacks)
      .filter((s) => s.backend?.kind === 's3' && bool(s.backend.config, 'encrypt') !== true)
      .map((s) => ({ stack: s.name, resource: backendAddress(s), message: 'encrypt is not true' })),
);

export const s3StateLocked = defineRule(
  {
    id: 'VH-STATE-003',
    severity: 'error',
    summary: 'S3 state is locked (use_lockfile = true)',
    explanation:
      'Two concurrent applies on one unlocked state corrupt it. Terraform >= 1.10 locks with a lock file next to the state ' +
      '(use_lockfile); DynamoDB locking is deprecated. cdktf 0.21 cannot set use_lockfile, so vpce-hub writes it as an override.',
  },
  (tree) =>
    stacksOf(tree.stacks)
      .filter((s) => s.backend?.kind === 's3' && bool(s.backend.config, 'use_lockfile') !== true)
      .map((s) => ({ stack: s.name, resource: backendAddress(s), message: 'use_lockfile is not true' })),
);

export const stateNotShared = defineRule(
  {
    id: 'VH-STATE-004',
    severity: 'error',
    summary: 'No two stacks write the same state',
    explanation:
      'Each stack must own its state (one writer per stack). Two stacks at one location overwrite each other\'s resources ' +
      'out of the state, and the next apply re-creates or destroys them.',
  },
  (tree) => {
    const byLocation = new Map<string, TfStack[]>();
    for (const s of stacksOf(tree.stacks)) {
      const loc = stateLocationOf(s);
      if (loc !== undefined) byLocation.set(loc, [...(byLocation.get(loc) ?? []), s]);
    }
    const out: Violation[] = [];
    for (const [loc, stacks] of byLocation) {
      if (stacks.length < 2) continue;
      for (const s of stacks) {
        const others = stacks.filter((o) => o !== s).map((o) => o.name).join(', ');
        out.push({ stack: s.name, resource: backendAddress(s), message: `writes the same state as ${others} (${loc})` });
      }
    }
    return out;
  },
);
