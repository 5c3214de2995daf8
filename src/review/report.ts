/**
 * The review report as plain data (JSON-able): what the formatters print and what decides the exit
 * code. Exit 1 when the change is unsafe to apply as is: a destructive change nobody acknowledged,
 * a spoke/service pair the proof finds broken, a quota exceeded, or a stack real Terraform rejects.
 */
import type { AccountRename, RenameSuggestion } from './renames';
import type { PolicyProof } from '../analysis/policy-proof';
import type { ReachabilityProof } from '../analysis/prove';
import { isExceeded, type QuotaRow } from '../planning/quotas';
import type { StackChanges } from './changes';
import type { CostEstimate } from './cost';
import type { GateResult } from './gate';
import type { ReachabilityDelta } from './reachability-delta';

export interface BaseInfo {
  /** `git` ref, synthesized `dir`, an in-memory `config` (scripts, tests), or `none` (everything is new). */
  kind: 'git' | 'dir' | 'config' | 'none';
  /** For humans: `git ref origin/main`, `cdktf.out.base`, `vpce-hub.yaml without spoke x`. */
  label: string;
}

export interface TerraformCheck {
  stack: string;
  ok: boolean;
  /** `validate ok, plan: 12 to add` or the first lines of Terraform's error. */
  summary: string;
}

export interface ReviewReport {
  /** The config file, relative to where the command ran. */
  config: string;
  base: BaseInfo;
  /** In deploy order. */
  stacks: StackChanges[];
  /** `--offline`: real Terraform on every synthesized stack (empty otherwise). */
  terraform: TerraformCheck[];
  gate: GateResult;
  /** What the transition proof looked at (src/review/transition); undefined without a base. Its outages are in the gate. */
  transition?: { events: number; states: number; pairs: number };
  reachability: {
    current: ReachabilityProof;
    /** Undefined when there is no base config to prove (none, or --base-dir). */
    delta?: ReachabilityDelta;
  };
  /** The endpoint policies simulated against the canonical requests (`vpce-hub prove`'s second matrix). */
  policies: PolicyProof;
  /** Mermaid flowchart source (Markdown) and the same as indented lines (text). */
  topology: { mermaid: string; outline: string[] };
  quotas: QuotaRow[];
  cost: CostEstimate;
  /** The base's totals, when the base config is known. */
  baseCost?: CostEstimate['total'];
  /** What the change does to IPv6, one line per kind (ipv6-changes.ts); empty when it touches none. */
  ipv6: string[];
  /** Adopted hubs: what is created rather than imported, and why (adoption.ts). */
  adoption: string[];
  /** Hubs moving from peering to a transit gateway: which step this change is (peering-migration.ts). */
  migration: string[];
  /** Against a known base config: hubs and spokes that look renamed without formerNames. */
  renames: RenameSuggestion[];
  /** Against a known base config: account keys renamed (same id), with the state procedure. */
  accountRenames: AccountRename[];
  /** Why the exit code is 1; empty when it is 0. */
  failures: string[];
  exitCode: 0 | 1;
}

export function failuresOf(r: Pick<ReviewReport, 'gate' | 'reachability' | 'policies' | 'quotas' | 'terraform'>): string[] {
  const out: string[] = [];
  const open = r.gate.changes.filter((c) => !c.acknowledged).length;
  if (open > 0) out.push(`${open} destructive change${open === 1 ? '' : 's'} not acknowledged with --allow-destroy`);
  const outages = r.gate.outages.filter((o) => !o.acknowledged);
  if (outages.length > 0) {
    const pairs = outages.reduce((n, o) => n + o.services.length, 0);
    out.push(`${pairs} client/service pair${pairs === 1 ? '' : 's'} can lose service during the apply (transition outage${outages.length === 1 ? '' : 's'}) not acknowledged with --allow-outage`);
  }
  if (!r.reachability.current.ok) out.push(`${r.reachability.current.summary.broken} client/service pair${r.reachability.current.summary.broken === 1 ? '' : 's'} unreachable`);
  const { broken, unknown } = r.policies.summary;
  if (broken + unknown > 0) out.push(`${broken + unknown} endpoint policy decision${broken + unknown === 1 ? '' : 's'} broken or not evaluable`);
  const over = r.quotas.filter(isExceeded).length;
  if (over > 0) out.push(`${over} quota${over === 1 ? '' : 's'} exceeded`);
  const tf = r.terraform.filter((t) => !t.ok).length;
  if (tf > 0) out.push(`Terraform failed on ${tf} stack${tf === 1 ? '' : 's'}`);
  return out;
}
