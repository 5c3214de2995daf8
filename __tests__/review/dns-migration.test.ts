/**
 * Changing a hub's DNS mode from private-hosted-zones to route53-profile without a moment in which a
 * spoke has no answer (README, "Changing a hub's DNS mode"). Step 1 (dns: route53-profile with
 * keepZoneAssociations) only adds: the profile, its zone associations and share in the hub stack, a
 * profile association per spoke; zones, records and every direct association stay. Step 2 (remove
 * keepZoneAssociations) only removes the direct associations and authorizations, acknowledged by
 * two patterns per hub. The direct switch instead deletes associations in the very apply that creates
 * the profile associations: a transition outage, which only its own acknowledgement lets through.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseConfigText } from '../../src/config/load';
import type { ResourceChange } from '../../src/review/changes';
import { formatReviewMarkdown } from '../../src/review/format-markdown';
import type { ReviewReport } from '../../src/review/report';
import { runReview } from '../../src/review/run-review';

const SHIPPED = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');

function edit(change: (doc: ReturnType<typeof parseDocument>) => void, text = SHIPPED): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString();
}
const zones = SHIPPED;
const both = edit((doc) => {
  doc.setIn(['ramSharing'], doc.createNode({ shareWith: 'accounts', organizationSharing: 'enabled' }));
  doc.setIn(['hubs', 0, 'dns'], 'route53-profile');
  doc.setIn(['hubs', 0, 'keepZoneAssociations'], true);
});
const profile = edit((doc) => doc.deleteIn(['hubs', 0, 'keepZoneAssociations']), both);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-dns-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function review(current: string, base: string, allowDestroy: string[] = []): ReviewReport {
  writeFileSync(path.join(dir, 'vpce-hub.yaml'), current);
  return runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: base, label: 'base' }, allowDestroy });
}
const changes = (r: ReviewReport): ResourceChange[] => r.stacks.flatMap((s) => s.changes);
const ZONE_TYPES = ['aws_route53_zone', 'aws_route53_record'];

describe('private-hosted-zones -> route53-profile', () => {
  it('step 1 only adds: the profile next to every direct association, zones and records untouched', () => {
    const r = review(both, zones);
    expect(r.exitCode).toBe(0);
    expect(r.gate.changes).toEqual([]);
    const all = changes(r);
    expect(all.filter((c) => c.action === 'delete' || c.action === 'replace')).toEqual([]);
    expect(all.filter((c) => ZONE_TYPES.includes(c.type))).toEqual([]);
    // Each spoke gets its profile association in the same stack that keeps its direct associations.
    for (const spoke of ['payments-prod', 'analytics-prod']) {
      expect(all.some((c) => c.action === 'create' && c.address === `aws_route53profiles_association.spoke_${spoke}`)).toBe(true);
    }
    expect(all.some((c) => c.type === 'aws_route53profiles_resource_association' && c.action === 'create')).toBe(true);
    // The step is announced, with what comes next.
    const { findings } = parseConfigText(both, 'vpce-hub.yaml');
    expect(findings.find((f) => f.code === 'ProfileMigrationInProgress')?.fix).toContain('hub=main/aws_route53_zone_association.*');
  });

  it('step 2 only removes direct associations and authorizations, acknowledged by two patterns', () => {
    const r = review(profile, both);
    expect(r.exitCode).toBe(1);
    const all = changes(r);
    expect(all.filter((c) => c.action !== 'delete')).toEqual([]);
    expect(new Set(all.map((c) => c.type))).toEqual(new Set(['aws_route53_zone_association', 'aws_route53_vpc_association_authorization']));
    // Every spoke keeps its profile association: nothing of the profile path changes.
    expect(all.filter((c) => c.type.startsWith('aws_route53profiles'))).toEqual([]);
    const acknowledged = review(profile, both, ['hub=main/aws_route53_zone_association.*', 'hub=main/aws_route53_vpc_association_authorization.*']);
    expect(acknowledged.exitCode).toBe(0);
    expect(acknowledged.gate.unmatched).toEqual([]);
    // The blocked comment's lines are short: one pattern per stack and type.
    const lines = [...formatReviewMarkdown(r).matchAll(/^vpce-hub allow-destroy: (\S+)$/gm)].map((m) => m[1]);
    expect(lines.length).toBeLessThanOrEqual(4);
  });

  it('the direct switch deletes associations in the apply that creates the profile associations: a transition outage, which the allow-destroy lines of step 2 do not acknowledge', () => {
    const r = review(profile, zones);
    expect(r.exitCode).toBe(1);
    const stacksWithBoth = r.stacks.filter((s) => s.changes.some((c) => c.action === 'delete' && c.type === 'aws_route53_zone_association') && s.changes.some((c) => c.action === 'create' && c.type === 'aws_route53profiles_association'));
    expect(stacksWithBoth.map((s) => s.stack).sort()).toEqual(['analytics', 'payments']);
    // Nothing orders a spoke's profile association before the deletes of its direct ones.
    expect(r.gate.outages.map((o) => [o.stack, o.row, o.link])).toEqual([
      ['analytics', 'analytics-prod', 'dns'],
      ['payments', 'payments-prod', 'dns'],
    ]);
    expect(r.gate.outages[0].services).toEqual(['ecr.api', 'ecr.dkr', 's3', 'sqs', 'ssm', 'sts']);
    expect(r.gate.outages[0].witness.notCreated).toContain('aws_route53profiles_association.spoke_analytics-prod');
    const withStep2Lines = review(profile, zones, ['hub=main/aws_route53_zone_association.*', 'hub=main/aws_route53_vpc_association_authorization.*']);
    expect(withStep2Lines.gate.changes.every((c) => c.acknowledged)).toBe(true);
    expect(withStep2Lines.exitCode).toBe(1);
    expect(withStep2Lines.failures.join('; ')).toMatch(/12 client\/service pairs can lose service during the apply/);
    // Its own line, which the report suggests, lets it through.
    expect(formatReviewMarkdown(withStep2Lines)).toContain('vpce-hub allow-outage: hub=main');
    const accepted = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, baseConfig: { text: zones, label: 'base' }, allowDestroy: ['hub=main/aws_route53_zone_association.*', 'hub=main/aws_route53_vpc_association_authorization.*'], allowOutage: ['hub=main'] });
    expect(accepted.exitCode).toBe(0);
  });

  it('each step of the two-step migration has no transition outage', () => {
    expect(review(both, zones).gate.outages).toEqual([]);
    expect(review(profile, both).gate.outages).toEqual([]);
  });

  it('keepZoneAssociations outside route53-profile mode is an error naming the field', () => {
    const bad = edit((doc) => doc.setIn(['hubs', 0, 'keepZoneAssociations'], true));
    expect(() => parseConfigText(bad, 'vpce-hub.yaml')).toThrow(/keepZoneAssociations/);
  });
});
