/**
 * The topology as a Mermaid flowchart, which GitHub renders inside PR comments and Markdown files:
 * one subgraph per AWS account (its hub stack and spokes stack together), the hub VPC with one node per endpoint service, its DNS
 * (zones or profile), and every spoke with its peering and DNS edges; a transit gateway hub draws the
 * gateway in its owner's account, spokes attached to it, and on-premises clients with their resolver. Spokes a change adds or removes
 * are coloured. Node ids are derived from names (never positions) so the text diffs well.
 */
import type { HubPlan, NetworkPlan, SpokePlan } from '../planning/plan';

export interface SpokeDelta {
  /** Spokes the change adds. */
  added: ReadonlySet<string>;
  /** Spokes the change removes (not in the plan any more), with the account id of their VPC when known. */
  removed: ReadonlyArray<{ name: string; hub: string; accountId?: string }>;
}

const NO_DELTA: SpokeDelta = { added: new Set(), removed: [] };

/** Mermaid ids: letters, digits and `_`; every other character is spelled out, so distinct names stay distinct. */
export const mermaidId = (kind: string, ...parts: string[]): string =>
  [kind, ...parts.map((p) => p.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`))].join('__');

/** A quoted label; `"` cannot appear inside one, `#quot;` is Mermaid's escape. */
const label = (...lines: string[]): string => `"${lines.map((l) => l.replace(/"/g, '#quot;')).join('<br/>')}"`;

export function topologyMermaid(plan: NetworkPlan, delta: SpokeDelta = NO_DELTA): string {
  const out: string[] = ['flowchart LR'];
  const edges: string[] = [];
  const classes = { added: [] as string[], removed: [] as string[] };
  // An account with a hub has two stacks (hub and spokes): one subgraph per account, in deploy order.
  const accounts = [...new Map(plan.stacks.map((s) => [s.account.key, s.account])).values()];
  const removedIn = (accountId: string | undefined) => delta.removed.filter((r) => r.accountId !== undefined && r.accountId === accountId);

  for (const account of accounts) {
    out.push(`  subgraph ${mermaidId('account', account.key)}[${label(`account ${account.key} (${account.id})`)}]`);
    for (const hub of plan.hubs.filter((h) => h.account.key === account.key)) out.push(...hubLines(hub));
    // A transit gateway is drawn in its owner's account (the hub's when created there).
    for (const hub of plan.hubs.filter((h) => h.transitGateway?.owner.key === account.key)) out.push(...gatewayLines(hub));
    for (const spoke of plan.spokes.filter((s) => s.account.key === account.key)) {
      const id = mermaidId('spoke', spoke.name);
      out.push(`    ${id}[${label(...spokeLabel(spoke))}]`);
      if (delta.added.has(spoke.name)) classes.added.push(id);
    }
    for (const r of removedIn(account.id)) {
      const id = mermaidId('spoke', r.name);
      out.push(`    ${id}[${label(`spoke ${r.name}`, 'removed')}]`);
      classes.removed.push(id);
    }
    out.push('  end');
  }
  for (const r of delta.removed.filter((x) => !accounts.some((a) => a.id === x.accountId))) {
    const id = mermaidId('spoke', r.name);
    out.push(`  ${id}[${label(`spoke ${r.name}`, 'removed')}]`);
    classes.removed.push(id);
  }

  for (const spoke of plan.spokes) {
    const hub = plan.hubs.find((h) => h.name === spoke.hub);
    if (!hub) continue;
    const s = mermaidId('spoke', spoke.name);
    if (hub.transitGateway) edges.push(`  ${s} <-->|${label('attachment: spokes table, propagates to hub table')}| ${mermaidId('tgw', hub.name)}`);
    else edges.push(`  ${s} <-->|${label(spoke.crossRegion ? `peering, inter-region (${spoke.region})` : 'peering')}| ${mermaidId('hub', hub.name)}`);
    if (hub.dns === 'private-hosted-zones') edges.push(`  ${mermaidId('dns', hub.name)} -.->|${label(spoke.crossAccount ? 'authorized + associated' : 'associated')}| ${s}`);
    if (hub.dns === 'route53-profile') edges.push(`  ${mermaidId('dns', hub.name)} -.->|${label('profile association')}| ${s}`);
  }
  for (const hub of plan.hubs.filter((h) => h.transitGateway)) {
    edges.push(`  ${mermaidId('tgw', hub.name)} <-->|${label('hub attachment: hub table, propagates to spokes table')}| ${mermaidId('hub', hub.name)}`);
    if (hub.onPremises) {
      const onPrem = mermaidId('onprem', hub.name);
      out.push(`  ${onPrem}[${label('on premises', hub.onPremises.cidrs.join(', '))}]`);
      edges.push(`  ${onPrem} <-->|${label('DX / VPN attachment (outside vpce-hub)')}| ${mermaidId('tgw', hub.name)}`);
      if (hub.onPremises.inboundResolver) edges.push(`  ${onPrem} -.->|${label('DNS: conditional forwarding')}| ${mermaidId('resolver', hub.name)}`);
    }
  }
  for (const r of delta.removed) edges.push(`  ${mermaidId('spoke', r.name)} -.-|${label('peering removed')}| ${mermaidId('hub', r.hub)}`);

  out.push(...edges);
  if (classes.added.length > 0) out.push('  classDef added fill:#dafbe1,stroke:#1a7f37,color:#0f3d1f', `  class ${classes.added.join(',')} added`);
  if (classes.removed.length > 0) out.push('  classDef removed fill:#ffebe9,stroke:#cf222e,color:#5c0f0a,stroke-dasharray:4 3', `  class ${classes.removed.join(',')} removed`);
  return out.join('\n');
}

function hubLines(hub: HubPlan): string[] {
  const lines = [`    subgraph ${mermaidId('hub', hub.name)}[${label(`hub ${hub.name}: VPC ${hub.existingVpcId ?? hub.cidr} in ${hub.region}, ${hub.subnets.length} AZs`)}]`];
  for (const ep of hub.endpoints) lines.push(`      ${mermaidId('service', hub.name, ep.service)}[${label(ep.service)}]`);
  lines.push('    end');
  if (hub.dns === 'private-hosted-zones') lines.push(`    ${mermaidId('dns', hub.name)}[(${label(`${hub.zones.length} private hosted zones`, 'alias A -> endpoints')})]`);
  if (hub.dns === 'route53-profile') lines.push(`    ${mermaidId('dns', hub.name)}[(${label(`Route 53 Profile`, `${hub.zones.length} private hosted zones`)})]`);
  if (hub.onPremises?.inboundResolver) lines.push(`    ${mermaidId('resolver', hub.name)}[${label('Route 53 Resolver inbound endpoint', `DNS from ${hub.onPremises.cidrs.join(', ')}`)}]`);
  return lines;
}

function gatewayLines(hub: HubPlan): string[] {
  const tgw = hub.transitGateway;
  if (!tgw) return [];
  const what = tgw.existingId ?? 'created';
  return [`    ${mermaidId('tgw', hub.name)}{{${label(`transit gateway ${what}`, `hub ${hub.name}: tables hub + spokes, no spoke-to-spoke`)}}}`];
}

function spokeLabel(spoke: SpokePlan): string[] {
  return [`spoke ${spoke.name}`, `${spoke.vpcId} ${spoke.cidrs.join(', ')}${spoke.crossRegion ? ` (${spoke.region})` : ''}`];
}

/** The same topology as indented lines, for terminals. */
export function topologyOutline(plan: NetworkPlan, delta: SpokeDelta = NO_DELTA): string[] {
  const lines: string[] = [];
  for (const stack of plan.stacks) {
    lines.push(`account ${stack.account.key} (${stack.account.id}), stack ${stack.name}`);
    for (const hub of plan.hubs.filter((h) => stack.hubs.includes(h.name))) {
      const dns = hub.dns === 'endpoint-url' ? 'endpoint-url (no zones)' : `${hub.dns}, ${hub.zones.length} zones`;
      lines.push(`  hub ${hub.name}: VPC ${hub.existingVpcId ?? hub.cidr} in ${hub.region}, ${hub.subnets.length} AZs, ${dns}`);
      lines.push(`    services: ${hub.endpoints.map((e) => e.service).join(', ')}`);
      if (hub.transitGateway) lines.push(`    transit gateway ${hub.transitGateway.existingId ?? '(created)'} owned by ${hub.transitGateway.owner.key}: spokes reach the hub, never each other`);
      if (hub.onPremises) lines.push(`    on premises ${hub.onPremises.cidrs.join(', ')}${hub.onPremises.inboundResolver ? ', inbound resolver' : ''}`);
    }
    for (const spoke of plan.spokes.filter((s) => stack.spokes.includes(s.name))) {
      lines.push(`  spoke ${spoke.name}: ${spokeLabel(spoke)[1]} -> hub ${spoke.hub}${delta.added.has(spoke.name) ? '  (added)' : ''}`);
    }
  }
  for (const r of delta.removed) lines.push(`removed: spoke ${r.name} (was peered with hub ${r.hub})`);
  return lines;
}
