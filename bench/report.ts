/** The benchmark's result as data (results.json) and as Markdown tables (report.md, pasted into RESULTS.md). */
import { ASSOCIATE_VPC_REQUESTS_PER_SECOND, ASSOCIATION_WAIT_SECONDS, CALLS, ROUTE53_REQUESTS_PER_SECOND, TERRAFORM_PARALLELISM } from './api-calls';
import type { OnboardingResult } from './onboarding';
import type { PlanTiming } from './plan-timing';
import type { SizeTiming } from './synth-timing';
import { HUB_ACCOUNT } from './topology';

export interface Machine {
  nproc: number;
  /** 1-minute load average at the start and the end of the run: the machine is shared. */
  loadAverage: { start: number; end: number };
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  terraform?: string;
}

export interface Targets {
  /** The largest topology synthesizes within these with the shipped (compiled) entry point. */
  largest: { spokes: number; accounts: number; services: number };
  maxWallMs: number;
  maxPeakRssMiB: number;
  /** Onboarding a spoke in route53-profile mode adds at most this many resources, for every S. */
  maxProfileOnboardingResources: number;
}

export const TARGETS: Targets = {
  largest: { spokes: 125, accounts: 40, services: 50 },
  maxWallMs: 3000,
  maxPeakRssMiB: 1024,
  maxProfileOnboardingResources: 8,
};

/** What every synth-timing run records (the benchmark's and the user path's): when, where, how, the timings per size. */
export interface TimingRunResult {
  date: string;
  machine: Machine;
  /** The command that produced this result, as typed in the project root. */
  command: string;
  runs: number;
  warmup: number;
  sizes: SizeTiming[];
  durationMs: number;
}

export interface BenchResult extends TimingRunResult {
  onboarding: OnboardingResult[];
  plan: PlanTiming | { skipped: string };
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
}

const ms = (v: number) => `${Math.round(v)} ms`;
const mib = (v: number) => `${Math.round(v)} MiB`;
const secs = (v: number) => (v < 10 ? `${v.toFixed(1)} s` : `${Math.round(v)} s`);
const x = (v: number) => `${v.toFixed(2)}x`;
const table = (head: string[], rows: Array<Array<string | number>>): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const modeName = (o: OnboardingResult): string => (o.case.dns === 'route53-profile' ? `route53-profile (shared with ${o.case.profileSharing ?? 'organization'})` : o.case.dns);

export function verdicts(result: BenchResult, targets = TARGETS): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const { spokes, accounts, services } = targets.largest;
  for (const s of result.sizes.filter((t) => t.size.spokes === spokes && t.size.accounts === accounts && t.size.services === services)) {
    const shipped = s.variants[0];
    out.push({
      target: `${spokes} spokes / ${accounts} accounts / ${services} services, ${s.size.dns}: synth <= ${targets.maxWallMs / 1000} s wall (${shipped.id})`,
      measured: `${ms(shipped.medianWallMs)} (${shipped.medianWallMs <= targets.maxWallMs ? 'under' : 'over'} by ${ms(Math.abs(targets.maxWallMs - shipped.medianWallMs))})`,
      met: shipped.medianWallMs <= targets.maxWallMs,
    });
    out.push({
      target: `same, peak memory <= ${targets.maxPeakRssMiB / 1024} GiB`,
      measured: mib(shipped.medianPeakRssMiB),
      met: shipped.medianPeakRssMiB <= targets.maxPeakRssMiB,
    });
  }
  const profile = result.onboarding.filter((o) => o.case.dns === 'route53-profile' && !o.newAccount);
  if (profile.length > 0) {
    const counts = [...new Set(profile.map((o) => o.added))];
    out.push({
      target: `route53-profile: onboarding a spoke adds a constant number of resources <= ${targets.maxProfileOnboardingResources}, whatever S`,
      measured: `${counts.join(', ')} for S = ${[...new Set(profile.map((o) => o.case.services))].join(', ')}`,
      met: counts.length === 1 && counts[0] <= targets.maxProfileOnboardingResources,
    });
  }
  return out;
}

function onboardingGrid(rows: OnboardingResult[], cell: (o: OnboardingResult) => string): string {
  const services = [...new Set(rows.map((o) => o.case.services))].sort((a, b) => a - b);
  const modes = [...new Set(rows.map(modeName))];
  return table(
    ['DNS mode', ...services.map((s) => `S = ${s}`)],
    modes.map((m) => [m, ...services.map((s) => {
      const o = rows.find((r) => modeName(r) === m && r.case.services === s);
      return o ? cell(o) : '';
    })]),
  );
}

/** `hub + spoke` requests: the hub account's stack first, every other stack summed. */
const hubPlusSpoke = (byStack: Record<string, number>): string => {
  const hub = byStack[HUB_ACCOUNT] ?? 0;
  const others = Object.entries(byStack).filter(([stack]) => stack !== HUB_ACCOUNT).reduce((n, [, v]) => n + v, 0);
  return `${hub} + ${others}`;
};

const byTypeText = (o: OnboardingResult): string =>
  Object.entries(o.addedByType)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([t, n]) => `${n} ${t.replace(/^aws_/, '')}`)
    .join(', ');

export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const out: string[] = [];
  out.push(`Measured ${result.date} on ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB.toFixed(0)} GiB RAM, Node ${m.node}, ${m.platform}${m.terraform ? `, ${m.terraform}` : ''}; 1-minute load average ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end.toFixed(1)} at the end.`);
  out.push(`Command: \`${result.command}\` (took ${secs(result.durationMs / 1000)}). Medians of ${result.runs} runs after ${result.warmup} warm-up run(s) per variant, variants interleaved run by run.`);

  out.push('\n### Targets\n');
  out.push(table(['target', 'measured (median)', 'met'], verdicts(result).map((v) => [v.target, v.measured, v.met ? 'yes' : '**no**'])));

  out.push('\n### Synth wall time and peak memory (whole process)\n');
  const variantIds = result.sizes[0]?.variants.map((v) => v.id) ?? [];
  const base = variantIds[0];
  out.push(
    table(
      ['topology (dns, spokes x accounts x services)', 'resources', ...variantIds.flatMap((id) => [`${id} wall`, `${id} peak`]), ...variantIds.slice(1).map((id) => `${id} / ${base} (wall, peak)`), 'same output'],
      result.sizes.map((s) => [
        `${s.size.dns}, ${s.size.spokes} x ${s.size.accounts} x ${s.size.services}`,
        s.resources.total,
        ...s.variants.flatMap((v) => [ms(v.medianWallMs), mib(v.medianPeakRssMiB)]),
        ...s.variants.slice(1).map((v) => `${x(v.wallRatio)}, ${x(v.peakRssRatio)}`),
        s.identicalOutput ? 'yes' : '**no**',
      ]),
    ),
  );
  out.push('\nVariants:\n');
  for (const v of result.sizes[0]?.variants ?? []) out.push(`- \`${v.id}\`: ${v.label}`);
  out.push('\nExact commands (run in the project root; `npm run bench -- --print-config <dns>-<spokes>x<accounts>x<services>` rewrites a config file):\n');
  out.push('```sh');
  for (const s of result.sizes) for (const v of s.variants) out.push(v.command);
  out.push('```');

  out.push('\n### Resources per stack\n');
  out.push(
    table(
      ['topology', 'stacks', 'hub stack', 'spoke stacks (min / median / max)', 'total', 'hub cdk.tf.json'],
      result.sizes.map((s) => [
        `${s.size.dns}, ${s.size.spokes} x ${s.size.accounts} x ${s.size.services}`,
        s.resources.stacks,
        s.resources.hubStack,
        `${s.resources.spokeStackMin} / ${s.resources.spokeStackMedian} / ${s.resources.spokeStackMax}`,
        s.resources.total,
        `${s.resources.hubStackJsonMiB.toFixed(1)} MiB`,
      ]),
    ),
  );

  const existing = result.onboarding.filter((o) => !o.newAccount);
  const fresh = result.onboarding.filter((o) => o.newAccount);
  if (existing.length > 0) {
    const c = existing[0].case;
    out.push(`\n### Onboarding one more spoke (spoke ${c.baseSpokes + 1} of a topology with ${c.baseSpokes} spokes in ${c.accounts} accounts; its account already has spokes)\n`);
    out.push('Resources added (all stacks), as a function of the number of services S:\n');
    out.push(onboardingGrid(existing, (o) => String(o.added)));
    out.push('\nRoute 53 API requests to create them (table below), hub account + spoke account:\n');
    out.push(onboardingGrid(existing, (o) => `${o.route53Calls}${o.profilesCalls ? ` (+${o.profilesCalls} Profiles API)` : ''}`));
    out.push(`\nMinimum apply time implied by ${ROUTE53_REQUESTS_PER_SECOND} Route 53 requests/s per account, AssociateVPCWithHostedZone at most ${ASSOCIATE_VPC_REQUESTS_PER_SECOND}/s (hub stack, then spoke stack):\n`);
    out.push(onboardingGrid(existing, (o) => secs(o.minApplySeconds)));
    out.push('\nDetail:\n');
    out.push(
      table(
        ['DNS mode', 'S', 'zones', 'added (by type)', 'changed / removed', 'R53 requests hub + spoke', `min apply @${ROUTE53_REQUESTS_PER_SECOND}/s (associations @${ASSOCIATE_VPC_REQUESTS_PER_SECOND}/s)`, 'min apply, with burst', `association wait floor`, `refresh of touched stacks (R53 requests, @${ROUTE53_REQUESTS_PER_SECOND}/s)`],
        existing.map((o) => [
          modeName(o),
          o.case.services,
          o.zones,
          `${o.added}: ${byTypeText(o)}`,
          `${o.changed} / ${o.removed}`,
          hubPlusSpoke(o.route53CallsByStack),
          secs(o.minApplySeconds),
          secs(o.minApplySeconds2025),
          secs(o.associationWaitSeconds),
          `${o.refreshCalls}, ${secs(o.refreshSeconds)}`,
        ]),
      ),
    );
  }
  if (fresh.length > 0) {
    const c = fresh[0].case;
    out.push(`\n### Onboarding a spoke in a NEW account (spoke ${c.baseSpokes + 1}, after ${c.baseSpokes} spokes in ${Math.min(c.baseSpokes, c.accounts)} accounts: its stack is new)\n`);
    out.push(
      table(
        ['DNS mode', 'S', 'added (by type)', 'changed / removed', 'R53 requests', `min apply @${ROUTE53_REQUESTS_PER_SECOND}/s (associations @${ASSOCIATE_VPC_REQUESTS_PER_SECOND}/s)`],
        fresh.map((o) => [modeName(o), o.case.services, `${o.added}: ${byTypeText(o)}`, `${o.changed} / ${o.removed}`, o.route53Calls, secs(o.minApplySeconds)]),
      ),
    );
  }

  out.push('\n### Route 53 API requests per resource (the model behind the figures above)\n');
  out.push(
    table(
      ['resource type', 'API', 'requests to create', 'requests per refresh', 'which'],
      Object.entries(CALLS).map(([type, c]) => [type, c.api, c.create || '-', c.refresh || '-', c.requests]),
    ),
  );
  out.push(`\nEvery other resource type (VPC, subnets, routes, peering, security group rules, endpoints, flow logs) calls EC2/Logs/IAM only. Minimum = sustained rate, no retries; the zone association also waits ${ASSOCIATION_WAIT_SECONDS} s before its first GetChange, ${TERRAFORM_PARALLELISM} at a time ("association wait floor").`);

  out.push('\n### Offline `terraform plan` of the largest stack\n');
  if ('skipped' in result.plan) out.push(`Skipped: ${result.plan.skipped}`);
  else {
    const p = result.plan;
    out.push(
      table(
        ['stack', 'resources', 'planned creates', 'valid', 'init + validate + plan + show (offlinePlan, 1 run)', `terraform plan alone (median of ${p.planMs.length})`],
        [[p.stackDir, p.resources, p.planned, p.valid ? 'yes' : '**no**', ms(p.offlinePlanMs), ms(p.medianPlanMs)]],
      ),
    );
    out.push(`\nCommand: \`${p.command}\``);
  }
  return `${out.join('\n')}\n`;
}
