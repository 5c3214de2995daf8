/**
 * Renames (issue 12 section 2): formerNames turns a hub or spoke rename into moved blocks, which the
 * review follows (0 destroys); without them review names the likely rename and the fix; a renamed
 * account key gets the state procedure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfigText } from '../../src/config/load';
import { buildPlan } from '../../src/planning/build-plan';
import { buildApp } from '../../src/stacks/app';
import type { ResourceChange } from '../../src/review/changes';
import { formatReviewMarkdown } from '../../src/review/format-markdown';
import { formatReviewText } from '../../src/review/format-text';
import type { ReviewReport } from '../../src/review/report';
import { runReview } from '../../src/review/run-review';

const SHIPPED = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');

function edit(change: (doc: ReturnType<typeof parseDocument>) => void, text = SHIPPED): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}
const spokeRenamed = (former: boolean) =>
  edit((doc) => {
    doc.setIn(['spokes', 0, 'name'], 'payments-production');
    if (former) doc.setIn(['spokes', 0, 'formerNames'], doc.createNode(['payments-prod']));
  });
const hubAndSpokeRenamed = edit((doc) => {
  doc.setIn(['hubs', 0, 'name'], 'central');
  doc.setIn(['hubs', 0, 'formerNames'], doc.createNode(['main']));
}, spokeRenamed(true));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-renames-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function review(current: string, base = SHIPPED): ReviewReport {
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), current);
  return runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: base, label: 'base' } });
}
const changes = (r: ReviewReport): ResourceChange[] => r.stacks.flatMap((s) => s.changes);
const destructive = (r: ReviewReport) => changes(r).filter((c) => c.action === 'delete' || c.action === 'replace' || (c.action === 'create' && !c.movedFrom));

describe('formerNames', () => {
  it('a spoke rename moves all its resources: 0 destroys, 0 creates, nothing gated', () => {
    const r = review(spokeRenamed(true));
    expect(destructive(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    const payments = r.stacks.find((s) => s.stack === 'payments')?.changes ?? [];
    expect(payments.length).toBeGreaterThan(20);
    expect(payments.every((c) => c.movedFrom?.includes('payments-prod'))).toBe(true);
    expect(formatReviewText(r)).toContain('moved from aws_vpc_peering_connection_accepter.spoke_payments-prod');
  });

  it('without formerNames the same rename destroys and recreates, and review suggests formerNames', () => {
    const r = review(spokeRenamed(false));
    expect(r.gate.changes.length).toBeGreaterThan(0);
    expect(r.renames).toEqual([expect.objectContaining({ kind: 'spoke', from: 'payments-prod', to: 'payments-production', fix: expect.stringContaining('formerNames: [payments-prod]') })]);
    expect(formatReviewMarkdown(r)).toContain('Likely rename: spoke payments-prod is gone and spoke payments-production is new with the same VPC (vpc-0a1b2c3d4e5f67890)');
    expect(review(spokeRenamed(true)).renames).toEqual([]);
  });

  it('shows the likely rename before the destructive changes it fixes', () => {
    const r = review(spokeRenamed(false));
    for (const text of [formatReviewText(r), formatReviewMarkdown(r)]) {
      expect(text.indexOf('Likely rename: spoke payments-prod')).toBeGreaterThan(0);
      expect(text.indexOf('Likely rename: spoke payments-prod')).toBeLessThan(text.indexOf('Destructive changes'));
    }
  });

  it('a hub and a spoke renamed together: one chain per resource, AWS-stored names kept, 0 destroys', () => {
    const r = review(hubAndSpokeRenamed);
    expect(destructive(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    // The security group keeps the name AWS stores (it cannot change in place).
    const sg = changes(r).find((c) => c.address === 'aws_security_group.hub_central_endpoints');
    expect(sg?.movedFrom).toBe('aws_security_group.hub_main_endpoints');
    expect(sg?.attributes).not.toContain('name');
  });

  it('synth writes the moved blocks into the JSON and the HCL', () => {
    const plan = buildPlan(parseConfigText(hubAndSpokeRenamed).config);
    const out = path.join(dir, 'out');
    buildApp(plan, out).synth();
    const json = JSON.parse(readFileSync(path.join(out, 'stacks', 'payments', 'cdk.tf.json'), 'utf8')) as { moved: Array<{ from: string; to: string }> };
    // Chained: hub first (main -> central), then the spoke (payments-prod -> payments-production).
    expect(json.moved).toEqual(
      expect.arrayContaining([
        { from: 'aws_vpc_peering_connection.hub_main_to_payments-prod', to: 'aws_vpc_peering_connection.hub_central_to_payments-prod' },
        { from: 'aws_vpc_peering_connection.hub_central_to_payments-prod', to: 'aws_vpc_peering_connection.hub_central_to_payments-production' },
      ]),
    );
    const hcl = buildApp(plan).node.children.find((c) => c.node.id === 'network') as unknown as { toHclTerraform(): { hcl: string } };
    expect(hcl.toHclTerraform().hcl).toContain('moved {\n  from = aws_vpc.hub_main\n  to   = aws_vpc.hub_central\n}');
  });

  it("a route53-profile hub renamed keeps its profile's name, which AWS cannot change in place", () => {
    const profileBase = readFileSync(path.join(__dirname, '../../examples/route53-profile/vpce-hub.yaml'), 'utf8');
    const renamed = edit((doc) => {
      doc.setIn(['hubs', 0, 'name'], 'central');
      doc.setIn(['hubs', 0, 'formerNames'], doc.createNode(['core']));
    }, profileBase);
    const r = review(renamed, profileBase);
    expect(destructive(r)).toEqual([]);
    const profile = changes(r).find((c) => c.address === 'aws_route53profiles_profile.hub_central');
    expect(profile?.movedFrom).toBe('aws_route53profiles_profile.hub_core');
    // Before the fix the construct named the profile after the current hub name: an update of `name`, which forces a new profile.
    expect(profile?.attributes ?? []).not.toContain('name');
    const out = path.join(dir, 'profile-out');
    buildApp(buildPlan(parseConfigText(renamed).config), out).synth();
    const json = JSON.parse(readFileSync(path.join(out, 'stacks', 'network', 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, { name: string; tags: { Name: string } }>> };
    expect(json.resource.aws_route53profiles_profile.hub_central).toMatchObject({ name: 'scale-core', tags: { Name: 'scale-core' } });
  });

  it('validate rejects a former name that is in use or listed twice', () => {
    const inUse = edit((doc) => doc.setIn(['spokes', 0, 'formerNames'], doc.createNode(['analytics-prod'])));
    expect(() => parseConfigText(inUse)).toThrow(/formerNames/);
  });
});

describe('account key renamed', () => {
  it('names the stacks whose state must be copied, with the commands', () => {
    const renamed = SHIPPED.replace(/\bpayments:( \{ id: "222222222222")/, 'pay:$1').replace(/account: payments\b/g, 'account: pay');
    const r = review(renamed);
    expect(r.accountRenames).toHaveLength(1);
    const a = r.accountRenames[0];
    expect(a.stacks).toEqual([{ from: 'payments', to: 'pay' }]);
    expect(a.commands).toContain('terraform -chdir=cdktf.base.out/stacks/payments state pull > payments.tfstate');
    expect(a.commands).toContain('terraform -chdir=cdktf.out/stacks/pay state push "$PWD/payments.tfstate"');
    expect(formatReviewText(r)).toContain('Account key renamed: payments -> pay');
  });

  it('gives the state procedure instead of "destroy it first", before the blocking list, with --config and the base ref filled in', () => {
    const renamed = SHIPPED.replace(/\bpayments:( \{ id: "222222222222")/, 'pay:$1').replace(/account: payments\b/g, 'account: pay');
    const git = (...args: string[]) => {
      const g = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      expect(g.stderr).not.toMatch(/fatal/);
      return g.stdout;
    };
    git('init', '-q');
    writeFileSync(path.join(dir, 'org.yaml'), SHIPPED);
    git('add', 'org.yaml');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
    writeFileSync(path.join(dir, 'org.yaml'), renamed);
    const r = runReview({ configPath: 'org.yaml', cwd: dir, base: 'HEAD' });

    // Still gated until the state is moved, but nothing tells the user to destroy the stack.
    expect(r.exitCode).toBe(1);
    const stack = r.gate.changes.find((g) => g.stack === 'payments' && g.address === '*');
    expect(stack?.consequence).toContain('Do not destroy it');
    expect(stack?.consequence).toContain('copy its state into pay');
    for (const text of [formatReviewText(r), formatReviewMarkdown(r)]) {
      expect(text).not.toMatch(/Destroy (it|them) first/);
      expect(text).not.toContain('destroy it before removing it from the config');
      expect(text).toContain('stack RENAMED to pay');
      expect(text.indexOf('Account key renamed: payments -> pay')).toBeLessThan(text.indexOf('Destructive changes'));
    }

    const a = r.accountRenames[0];
    // Step 1 names the ref and the file, and the command really writes the base config.
    const show = a.commands.find((c) => c.startsWith('git show '));
    expect(show).toBe('git show HEAD:./org.yaml > vpce-hub.base.yaml');
    expect(spawnSync('bash', ['-c', show ?? 'false'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(path.join(dir, 'vpce-hub.base.yaml'), 'utf8')).toBe(SHIPPED);
    // Step 2 synthesizes the config under review, not ./vpce-hub.yaml.
    expect(a.commands).toContain('npx vpce-hub synth --config org.yaml --out cdktf.out');
  });
});
