/**
 * Semantic findings name the config line (config-lines.ts): in the finding itself (`line`, JSON output)
 * and in the text (`error Code line N [path] ...`), for every kind of path a finding can have.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { configLines } from '../../src/config/config-lines';
import { formatFinding } from '../../src/config/findings';
import { checkConfigFile, checkConfigText } from '../../src/config/load';
import { FIXTURES, fixtureCases } from '../validation/fixture-cases';

const TEXT = `accounts:
  network: { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/terraform" }
  payments:
    id: "222222222222"
hubs:
  - name: main
    account: network
    region: us-east-1
    vpc:
      cidr: 10.0.0.0/22
      availabilityZones: [us-east-1a, us-east-1b]
    services:
      - sqs
      - sts
    formerNames: [old-main]
    adopt:
      zones:
        sqs.us-east-1.amazonaws.com: Z0123456789ABCDEFGHIJ
spokes:
  - name: payments-prod
    account: payments
    vpc: { id: vpc-0a1b2c3d4e5f67890, cidr: 10.1.0.0/16, routeTableIds: [rtb-0a1b2c3d4e5f67890] }
`;

const lineCounter = new LineCounter();
const lines = configLines(parseDocument(TEXT, { lineCounter }), lineCounter);

describe('the line of a field path', () => {
  it.each([
    ['accounts.network.id', 2], // a key inside a one-line flow mapping
    ['accounts.payments.id', 4],
    ['hubs.main', 6], // a list item by its name
    ['hubs.0.region', 8], // a list item by its index
    ['hubs.main.vpc.cidr', 10],
    ['hubs.main.vpc.availabilityZones.1', 11], // an item of a flow list
    ['hubs.main.services.1', 14], // an item of a block list
    ['hubs.main.formerNames[0]', 15], // bracket indexes (validate-names.ts)
    ['hubs.main.adopt.zones.sqs.us-east-1.amazonaws.com', 18], // a key with dots
    ['spokes.payments-prod.vpc.cidr', 22],
  ])('%s is line %i', (p, line) => {
    expect(lines.lineOf(p)).toBe(line);
  });

  it('a field the file lacks points at its nearest parent, where it belongs', () => {
    expect(lines.lineOf('hubs.main.vpc.subnetPrefixLength')).toBe(9);
    expect(lines.lineOf('spokes.payments-prod.vpc.secondaryCidrs.0')).toBe(22);
    expect(lines.lineOf('hubs.main.services.7')).toBe(12);
  });

  it('the whole file, or a top-level key it does not have, has no line', () => {
    expect(lines.lineOf('')).toBeUndefined();
    expect(lines.lineOf('ramSharing')).toBeUndefined();
  });
});

describe('findings carry their line, in text and JSON', () => {
  it('a semantic error names its line', () => {
    const checked = checkConfigText(TEXT.replace('cidr: 10.1.0.0/16', 'cidr: 10.0.1.0/24'), 'vpce-hub.yaml');
    const overlap = checked.findings.find((f) => f.code === 'CidrOverlap');
    expect(overlap).toMatchObject({ path: 'spokes.payments-prod.vpc.cidr', line: 22 });
    expect(formatFinding(overlap as never)).toMatch(/^error CidrOverlap line 22 \[spokes\.payments-prod\.vpc\.cidr\] 10\.0\.1\.0\/24: overlaps/);
    expect(JSON.parse(JSON.stringify(overlap))).toHaveProperty('line', 22);
  });

  it("the README's and docs/validation.md's sample finding is what validate prints for the shipped config with that CIDR", () => {
    const root = path.resolve(__dirname, '..', '..');
    const shipped = readFileSync(path.join(root, 'vpce-hub.yaml'), 'utf8').replace('cidr: 10.1.0.0/16', 'cidr: 10.0.0.0/16');
    const printed = checkConfigText(shipped, 'vpce-hub.yaml').findings.map(formatFinding);
    for (const doc of ['README.md', 'docs/validation.md']) {
      const sample = readFileSync(path.join(root, doc), 'utf8').split('\n').find((l) => l.startsWith('error CidrOverlap line'));
      expect([doc, printed]).toEqual([doc, [sample]]);
    }
  });

  it('a structural error (schema stage) names its line too', () => {
    const checked = (() => {
      try {
        return checkConfigText(TEXT.replace('      cidr: 10.0.0.0/22\n', '      cidr: 10.0.0.0/22\n      cdir: 10.0.0.0/22\n'), 'vpce-hub.yaml').findings;
      } catch (e) {
        return (e as { findings: Array<{ code: string; line?: number }> }).findings;
      }
    })();
    expect(checked).toEqual([expect.objectContaining({ code: 'UnknownKey', path: 'hubs.main.vpc.cdir', line: 11 })]);
  });

  it('every finding of every fixture whose field the file has is given a line on which that field is written', () => {
    let located = 0;
    let exact = 0;
    for (const kind of ['invalid', 'warning'] as const) {
      for (const name of fixtureCases(kind)) {
        const file = path.join(FIXTURES, kind, name, 'vpce-hub.yaml');
        if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue; // the file-missing and not-a-file fixtures
        const text = readFileSync(file, 'utf8');
        const rawLines = text.split('\n');
        let top: Record<string, unknown> | undefined;
        try {
          top = parseDocument(text).toJS() as Record<string, unknown>;
        } catch {
          continue;
        }
        for (const f of checkConfigFile(file).findings) {
          if (f.path === '' || top === null || typeof top !== 'object' || !(f.path.split('.')[0] in top)) continue;
          expect([name, f.code, f.path, f.line === undefined ? 'no line' : 'line']).toEqual([name, f.code, f.path, 'line']);
          // The line shows the field (its key, or an item of a list written on it), or, for a field the
          // file lacks, the mapping it belongs in.
          const shown = rawLines[(f.line as number) - 1];
          const parts = f.path.split(/[.[\]]/).filter(Boolean);
          const last = parts[parts.length - 1];
          const field = shown.includes(last) || /^\d+$/.test(last);
          if (field) exact++;
          expect([name, f.path, shown, field || parts.slice(0, -1).some((p) => shown.includes(p))]).toEqual([name, f.path, shown, true]);
          located++;
        }
      }
    }
    expect(located).toBeGreaterThan(200);
    expect(exact).toBeGreaterThan(180);
  });
});
