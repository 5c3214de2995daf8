/**
 * `vpce-hub review` end to end on real synth output: what a reviewer sees for the changes that
 * matter (a spoke added, a zone destroyed by a region move, a spoke removed), how the gate is
 * acknowledged, and every way to name the base.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { main } from '../../src/cli/index';
import { loadConfigFile } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { buildApp } from '../../src/stacks/app';
import type { ResourceChange } from '../../src/review/changes';
import { fitReviewMarkdown, formatReviewMarkdown } from '../../src/review/format-markdown';
import { formatReviewText } from '../../src/review/format-text';
import type { ReviewReport } from '../../src/review/report';
import { ReviewInputError, runReview, type ReviewOptions } from '../../src/review/run-review';

const SHIPPED = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');
const ZONE = 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com';

/** The shipped config edited through the YAML document (comments kept). */
function edit(change: (doc: ReturnType<typeof parseDocument>) => void, text = SHIPPED): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}
const withExtraSpoke = edit((doc) =>
  doc.addIn(['spokes'], doc.createNode({ name: 'reporting', account: 'payments', vpc: { id: 'vpc-0f1e2d3c4b5a69780', cidr: '10.9.0.0/16', routeTableIds: ['rtb-0f1e2d3c4b5a69780'] } })),
);
const withoutAnalytics = edit((doc) => doc.deleteIn(['spokes', 1]));
const withoutAnalyticsAccount = edit((doc) => doc.deleteIn(['accounts', 'analytics']), withoutAnalytics);
const inUsEast2 = edit((doc) => {
  doc.setIn(['hubs', 0, 'region'], 'us-east-2');
  doc.setIn(['hubs', 0, 'vpc', 'availabilityZones'], doc.createNode(['us-east-2a', 'us-east-2b']));
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-review-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function review(current: string, opts: Omit<ReviewOptions, 'configPath' | 'cwd'> = {}): ReviewReport {
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), current);
  return runReview({ ...opts, configPath: 'vpce-hub.yaml', cwd: dir });
}
const changes = (r: ReviewReport): ResourceChange[] => r.stacks.flatMap((s) => s.changes);
const gated = (r: ReviewReport): string[] => r.gate.changes.map((g) => `${g.stack}/${g.address}`);

describe('a spoke added', () => {
  it('shows only additions for the shipped example against a base with one spoke fewer, and exits 0', () => {
    const r = review(SHIPPED, { baseConfig: { text: withoutAnalytics, label: 'base' } });
    expect(new Set(changes(r).map((c) => c.action))).toEqual(new Set(['create']));
    // Both halves of every pair are in the spoke account's stack: the hub stack does not change (issue 9).
    expect(r.stacks.map((s) => [s.stack, s.status, s.changes.length])).toEqual([
      ['network', 'existing', 0],
      ['analytics', 'existing', 23],
      ['network-spokes', 'existing', 0],
      ['payments', 'existing', 0],
    ]);
    expect(r.gate.changes).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.reachability.delta?.added).toEqual(['analytics-prod -> ecr.api', 'analytics-prod -> ecr.dkr', 'analytics-prod -> s3', 'analytics-prod -> sqs', 'analytics-prod -> ssm', 'analytics-prod -> sts']);
    expect(r.reachability.delta?.broken).toEqual([]);
  });

  it('shows only additions when the change adds one spoke to the shipped example, all of them about that spoke', () => {
    const r = review(withExtraSpoke, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    expect(new Set(changes(r).map((c) => c.action))).toEqual(new Set(['create']));
    expect(changes(r).every((c) => c.address.includes('reporting'))).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(r.topology.mermaid).toMatch(/class spoke__reporting added/);
    expect(r.baseCost?.centralized).toBeLessThan(r.cost.total.centralized);
  });
});

describe('the hub moved to another region', () => {
  it('exits 1 and names every zone it would destroy, with the consequence', () => {
    const r = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    expect(r.exitCode).toBe(1);
    expect(gated(r)).toContain(`network/${ZONE}`);
    const zone = r.gate.changes.find((g) => g.address === ZONE);
    expect(zone?.consequence).toContain('stops resolving sqs.us-east-1.amazonaws.com privately');
    expect(formatReviewText(r)).toContain(`[BLOCKING]     destroying network/${ZONE}`);
    const md = formatReviewMarkdown(r);
    expect(md.indexOf('Destructive changes')).toBeLessThan(md.indexOf('Changes in deploy order'));
    // The blocked comment gives the lines for the PR description, not a long command.
    expect(md).toMatch(/^vpce-hub allow-destroy: \S+$/m);
    expect(md).not.toMatch(/--allow-destroy \S+ --allow-destroy/);
  });

  it('the blocked comment\'s allow-destroy lines, given back, let the review through', () => {
    const first = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    const md = formatReviewMarkdown(first);
    const lines = [...md.matchAll(/^vpce-hub allow-destroy: (\S+)$/gm)].map((m) => m[1]);
    // Patterns make the list shorter than the gated changes (several associations per spoke stack).
    expect(lines.length).toBeLessThan(first.gate.changes.length);
    expect(lines.some((l) => l.includes('*'))).toBe(true);
    // Moving the hub recreates everything every spoke uses: an outage while it is applied, acknowledged apart.
    const outageLines = [...md.matchAll(/^vpce-hub allow-outage: (\S+)$/gm)].map((m) => m[1]);
    expect(outageLines).toEqual(['hub=main']);
    const r = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: lines, allowOutage: outageLines });
    expect({ failures: r.failures, open: r.gate.changes.filter((g) => !g.acknowledged).map((g) => `${g.stack}/${g.address}`), lines }).toEqual({ failures: [], open: [], lines });
    expect(r.exitCode).toBe(0);
    expect(r.gate.unmatched).toEqual([]);
  });

  it('exits 0 once every destructive change is acknowledged, stack-qualified or not', () => {
    const first = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    // A lost provider is acknowledged stack-qualified only (`<stack>/provider.<key>`); resources either way.
    const allow = first.gate.changes.map((g, i) => (i % 2 === 0 || g.type === 'provider' ? `${g.stack}/${g.address}` : g.address));
    const destroysOnly = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: allow });
    expect(destroysOnly.gate.changes.every((g) => g.acknowledged)).toBe(true);
    expect(destroysOnly.exitCode).toBe(1);
    // Per-spoke lines leave the hub VPC's own pairs open; the hub's line covers every pair of the hub.
    const perSpoke = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: allow, allowOutage: ['spoke=payments-prod', 'spoke=analytics-prod'] });
    expect(perSpoke.gate.outages.filter((o) => !o.acknowledged).map((o) => o.row)).toEqual(['main (hub VPC)']);
    const r = review(inUsEast2, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: allow, allowOutage: ['hub=main'] });
    expect(r.gate.blocked).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(formatReviewText(r)).toContain(`[acknowledged] destroying network/${ZONE}`);
  });
});

describe('the last spoke of an account in one region removed', () => {
  it("blocks on the region's provider the stack loses, since Terraform could not destroy what it created", () => {
    const base = edit((doc) =>
      doc.addIn(['spokes'], doc.createNode({ name: 'payments-eu', account: 'payments', region: 'eu-west-1', hub: 'main', vpc: { id: 'vpc-0e1d2c3b4a5968770', cidr: '10.9.0.0/16', routeTableIds: ['rtb-0e1d2c3b4a5968770'] } })),
    );
    const r = review(SHIPPED, { baseConfig: { text: base, label: 'base' } });
    expect(r.exitCode).toBe(1);
    const g = r.gate.changes.find((c) => c.stack === 'payments' && c.type === 'provider');
    expect(g).toMatchObject({ address: 'provider.aws.eu_west_1', acknowledged: false });
    expect(g?.consequence).toMatch(/terraform destroy -target=<address>/);
    // Only payments created resources in eu-west-1 (the accepter and its routes).
    expect(r.gate.changes.filter((c) => c.type === 'provider').map((c) => c.stack)).toEqual(['payments']);
  });
});

describe('a service renamed', () => {
  it('destroys the old service zone and blocks', () => {
    const r = review(SHIPPED.replace('services: [sqs, sts,', 'services: [sns, sts,'), { baseConfig: { text: SHIPPED, label: 'shipped' } });
    expect(r.exitCode).toBe(1);
    expect(gated(r)).toEqual(expect.arrayContaining([`network/${ZONE}`, 'network/aws_vpc_endpoint.hub_main_sqs', 'payments/aws_route53_zone_association.spoke_payments-prod_sqs_us-east-1_amazonaws_com']));
  });
});

describe('a spoke removed', () => {
  it('gates the peering, routes, rules and associations, all in the spoke account\'s stack, which stays', () => {
    const r = review(withoutAnalytics, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    expect(r.exitCode).toBe(1);
    expect(gated(r)).toEqual(expect.arrayContaining(['analytics/aws_vpc_peering_connection.hub_main_to_analytics-prod', 'analytics/aws_vpc_peering_connection_accepter.spoke_analytics-prod']));
    expect(gated(r).every((g) => g.startsWith('analytics/'))).toBe(true);
    expect(r.stacks.find((s) => s.stack === 'network')?.changes).toEqual([]);
    expect(r.stacks.find((s) => s.stack === 'analytics')?.status).toBe('existing');
    expect(r.topology.mermaid).toContain('class spoke__analytics_2d_prod removed');
    expect(r.reachability.delta?.removed).toHaveLength(6);
  });

  it('blocks when the account key goes too, so its stack disappears, and says how to destroy it first', () => {
    const r = review(withoutAnalyticsAccount, { baseConfig: { text: SHIPPED, label: 'shipped' } });
    expect(r.exitCode).toBe(1);
    expect(r.stacks.find((s) => s.stack === 'analytics')?.status).toBe('removed');
    const stackGate = r.gate.changes.find((g) => g.stack === 'analytics' && g.address === '*');
    expect(stackGate).toMatchObject({ type: 'stack', action: 'delete', stackRemoved: true, acknowledged: false });
    expect(stackGate?.consequence).toMatch(/keep the account key \(its stack becomes empty\) and apply it, or run `npx cdktf destroy analytics`/);
    expect(formatReviewText(r)).toContain('[BLOCKING]     destroying analytics/*: the stack is no longer synthesized (account key analytics removed from accounts)');
    expect(formatReviewText(r)).toContain('stack REMOVED from the synthesized output');
    expect(formatReviewMarkdown(r)).toContain('> **Warning:** Stack analytics is no longer synthesized: Terraform will never run for it');
    // Acknowledging every resource of the removed stack is not enough: only `<stack>/*` says it was destroyed.
    const perResource = r.gate.changes.filter((g) => g.address !== '*').map((g) => `${g.stack}/${g.address}`);
    expect(review(withoutAnalyticsAccount, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: perResource }).gate.blocked).toBe(true);
    expect(review(withoutAnalyticsAccount, { baseConfig: { text: SHIPPED, label: 'shipped' }, allowDestroy: [...perResource, 'analytics/*'] }).exitCode).toBe(0);
  });
});

describe('the base', () => {
  const git = (cwd: string, ...args: string[]) => {
    const out = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
  };

  it('--base <ref> reads the config file at that git ref', () => {
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), withoutAnalytics);
    git(dir, 'init', '-q');
    git(dir, 'add', 'vpce-hub.yaml');
    git(dir, 'commit', '-q', '-m', 'base');
    const r = review(SHIPPED, { base: 'HEAD' });
    expect(r.base).toEqual({ kind: 'git', label: 'git ref HEAD' });
    expect(changes(r).filter((c) => c.action !== 'create')).toEqual([]);
    expect(changes(r)).toHaveLength(23);
  });

  it('--base <ref> treats a config that did not exist at the ref as all new, and an unknown ref as bad input', () => {
    writeFileSync(path.join(dir, 'README'), 'x');
    git(dir, 'init', '-q');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'no config yet');
    const r = review(SHIPPED, { base: 'HEAD' });
    expect(r.base.kind).toBe('none');
    expect(r.stacks.every((s) => s.status === 'new')).toBe(true);
    expect(() => review(SHIPPED, { base: 'no-such-ref' })).toThrow(ReviewInputError);
  });

  it('--base-dir compares with an earlier synth output folder', () => {
    const baseDir = path.join(dir, 'base.out');
    writeFileSync(path.join(dir, 'base.yaml'), withoutAnalytics);
    buildApp(buildPlan(loadConfigFile(path.join(dir, 'base.yaml')).config), baseDir).synth();
    const r = review(SHIPPED, { baseDir: 'base.out' });
    expect(r.base).toEqual({ kind: 'dir', label: 'synthesized folder base.out' });
    expect(changes(r)).toHaveLength(23);
    expect(r.reachability.delta).toBeUndefined();
    expect(() => review(SHIPPED, { baseDir: 'missing.out' })).toThrow(/does not exist/);
  });

  it('refuses an invalid base config, naming it', () => {
    expect(() => review(SHIPPED, { baseConfig: { text: 'hubs: []', label: 'broken base' } })).toThrow(/the base config \(broken base\) is invalid/);
  });
});

describe('--plan', () => {
  it("replaces the tree comparison of the plan's stack, and gates what the plan replaces", () => {
    const planFile = path.join(dir, 'network.json');
    writeFileSync(
      planFile,
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          { address: ZONE, mode: 'managed', type: 'aws_route53_zone', name: ZONE.split('.')[1], change: { actions: ['delete', 'create'], before: { name: 'sqs.us-east-1.amazonaws.com' }, after: {}, replace_paths: [['name']] } },
        ],
      }),
    );
    const r = review(SHIPPED, { baseConfig: { text: SHIPPED, label: 'shipped' }, plans: ['network.json'] });
    expect(r.stacks.find((s) => s.stack === 'network')).toMatchObject({ source: 'plan' });
    expect(r.gate.changes.map((g) => [g.address, g.action])).toEqual([[ZONE, 'replace']]);
    expect(r.gate.changes[0].consequence).toMatch(/^a DNS outage for every spoke/);
    expect(r.exitCode).toBe(1);
  });
});

describe('the command', () => {
  const run = async (...args: string[]): Promise<number> => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return await main(['node', 'vpce-hub', 'review', ...args]);
    } finally {
      stderr.mockRestore();
    }
  };

  it('writes Markdown to --out and exits 1 on a gated change, 0 once acknowledged', async () => {
    writeFileSync(path.join(dir, 'base.yaml'), SHIPPED);
    const baseDir = path.join(dir, 'base.out');
    buildApp(buildPlan(loadConfigFile(path.join(dir, 'base.yaml')).config), baseDir).synth();
    const config = path.join(dir, 'vpce-hub.yaml');
    writeFileSync(config, withoutAnalytics);
    const out = path.join(dir, 'review.md');
    expect(await run('--config', config, '--base-dir', baseDir, '--format', 'markdown', '--out', out)).toBe(1);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^## vpce-hub review/);
    expect(md).toContain('```mermaid');
    const allow = [...md.matchAll(/^vpce-hub allow-destroy: (\S+)$/gm)].map((m) => m[1]);
    expect(allow.length).toBeGreaterThan(0);
    expect(await run('--config', config, '--base-dir', baseDir, '--out', out, ...allow.flatMap((a) => ['--allow-destroy', a]))).toBe(0);
  });

  it('never writes its --out report over the config it reads, nor onto a folder (issue 22)', async () => {
    const config = path.join(dir, 'vpce-hub.yaml');
    writeFileSync(config, SHIPPED);
    let stderr = '';
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      expect(await main(['node', 'vpce-hub', 'review', '--config', config, '--out', config])).toBe(2);
      expect(await main(['node', 'vpce-hub', 'review', '--config', config, '--out', dir])).toBe(2);
    } finally {
      err.mockRestore();
    }
    expect(readFileSync(config, 'utf8')).toBe(SHIPPED);
    expect(stderr).toContain(`vpce-hub review: --out ${config} is the config this command reads; writing the report there would replace it`);
    expect(stderr).toContain(`vpce-hub review: --out ${dir} is a folder; name the report file`);
  });

  it('exits 2 on bad input', async () => {
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), SHIPPED);
    expect(await run('--config', path.join(dir, 'vpce-hub.yaml'), '--format', 'html')).toBe(2);
    expect(await run('--config', path.join(dir, 'missing.yaml'))).toBe(2);
    writeFileSync(path.join(dir, 'invalid.yaml'), SHIPPED.replace('cidr: 10.1.0.0/16', 'cidr: 10.1.0.0/99'));
    expect(await run('--config', path.join(dir, 'invalid.yaml'))).toBe(2);
    expect(await run('--config', path.join(dir, 'vpce-hub.yaml'), '--gb-per-spoke', 'lots')).toBe(2);
    expect(await run('--config', path.join(dir, 'vpce-hub.yaml'), '--max-chars', '65536')).toBe(2);
    expect(await run('--config', path.join(dir, 'vpce-hub.yaml'), '--format', 'markdown', '--max-chars', 'many')).toBe(2);
  });

  it('fits the comment into --max-chars and writes the job summary and the whole report beside it', async () => {
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), inUsEast2);
    const out = path.join(dir, 'review.md');
    const full = path.join(dir, 'review-full.md');
    const summary = path.join(dir, 'review-summary.md');
    const review = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: SHIPPED, label: 'shipped' } });
    const fitted = fitReviewMarkdown(review, { limit: 6000, fullReport: 'the job summary' });
    expect(fitted.length).toBeLessThanOrEqual(6000);
    // In this order: the verdict, the outages, the lines to paste, the delta, the counts; what was cut is named.
    const at = ['**⛔ BLOCKED', '### ⛔ Transition outages', 'vpce-hub allow-outage: hub=main', '### Reachability', '### Changes in deploy order'].map((m) => fitted.indexOf(m));
    expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]))).toBe(true);
    expect(fitted).toMatch(/> Shortened to fit: .*The whole report: the job summary\./);
    expect(fitted).toMatch(/^vpce-hub allow-destroy: \S+$/m);
    writeFileSync(path.join(dir, 'vpce-hub.yaml'), inUsEast2);
    await run('--config', path.join(dir, 'vpce-hub.yaml'), '--format', 'markdown', '--out', out, '--max-chars', '6000', '--summary-out', summary, '--full-out', full);
    expect(readFileSync(out, 'utf8').length).toBeLessThanOrEqual(6001);
    expect(readFileSync(full, 'utf8')).toContain('### Monthly cost estimate');
    expect(readFileSync(summary, 'utf8')).toContain('### Monthly cost estimate');
  });
});

describe('the cost table a reviewer reads', () => {
  it('says which rates priced each hub, and warns in both formats when s3 is centralized', () => {
    const r = review(SHIPPED.replace(/us-east-1/g, 'eu-west-1').replace('services: [sqs, sts, ssm, ecr.api, ecr.dkr, s3]', 'services: [sqs, s3]'));
    const markdown = formatReviewMarkdown(r);
    expect(markdown).toContain('| hub | region | prices | spokes |');
    expect(markdown).toMatch(/\| `main` \| eu-west-1 \| us-east-1 rates \| 2 \|/);
    expect(markdown).toContain('> **Warning:** hub main centralizes s3: its interface endpoint costs $14.60 per month');
    const text = formatReviewText(r);
    expect(text).toContain("priced at us-east-1 rates, not eu-west-1's");
    expect(text).toContain('warning: hub main centralizes s3');
    expect(text).toContain('hub VPC flow logs (CloudWatch Logs)');
  });
});
