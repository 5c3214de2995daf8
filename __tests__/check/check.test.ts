import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkExitCode, formatCheckSummary, formatCheckTable, runChecks, type Suppression } from '../../src/analysis/check';
import { RULES, ruleById, type RuleFinding } from '../../src/analysis/rules';
import { body, EXAMPLES, example, mutated, SHIPPED } from './support/trees';

const shipped = example(SHIPPED);
const LOCAL = 'terraform.backend.local';
const RULE = 'aws_vpc_security_group_ingress_rule.hub_main_https_from_payments-prod_10-1-0-0_16';

describe('the rule registry', () => {
  it('gives every rule a stable id, a severity, a one-line summary and an explanation', () => {
    for (const r of RULES) {
      expect(r.id).toMatch(/^VH-[A-Z]+-\d{3}$/);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.summary).not.toMatch(/\n/);
      expect(r.summary.length).toBeLessThanOrEqual(130);
      expect(r.explanation.length).toBeGreaterThan(r.summary.length);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(ruleById('VH-SG-001')?.severity).toBe('error');
  });

  it('has a specification (a describe block named by its id) for every rule in this folder', () => {
    const specs = readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(__dirname, f), 'utf8'))
      .join('\n');
    const described = new Set([...specs.matchAll(/describe\('(VH-[A-Z]+-\d{3})(?: and (VH-[A-Z]+-\d{3}))?/g)].flatMap((m) => [m[1], m[2]]));
    expect(RULES.map((r) => r.id).filter((id) => !described.has(id))).toEqual([]);
  });

  it('reports findings with the rule\'s own id and severity', () => {
    const findings = runChecks(shipped.tree).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(ruleById(f.rule)?.severity).toBe(f.severity);
  });
});

describe('running the pack', () => {
  it('passes the shipped example with only the local-state warnings', () => {
    const result = runChecks(shipped.tree, { facts: shipped.facts });
    expect(result.errors).toBe(0);
    expect(result.findings.map((f) => `${f.rule} ${f.stack}`)).toEqual(['VH-STATE-001 analytics', 'VH-STATE-001 network', 'VH-STATE-001 network-spokes', 'VH-STATE-001 payments']);
    expect(checkExitCode(result)).toBe(0);
  });

  it.each(EXAMPLES)('passes %s without errors with its config, and without it all but what only the config vouches for', (file) => {
    const ex = example(file);
    expect(runChecks(ex.tree, { facts: ex.facts }).findings.filter((f) => f.severity === 'error')).toEqual([]);
    // A client range is in no route and no aws_vpc of the tree (an existing hub VPC's secondary CIDR is:
    // every spoke routes it).
    const treeOnly = file.includes('existing-hub-vpc') ? ['VH-SG-003 aws_vpc_security_group_ingress_rule.hub_shared_https_from_client_range_172-16-0-0_16'] : [];
    expect(runChecks(ex.tree).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.resource}`)).toEqual(treeOnly);
  });

  it('fails on an error and orders findings by rule, then stack and resource', () => {
    const t = mutated(shipped.stacks, (s) => {
      body(s, 'payments', RULE).cidr_ipv4 = '0.0.0.0/0';
      delete body(s, 'network', 'aws_security_group.hub_main_endpoints').description;
    });
    const result = runChecks(t);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.resource}`)).toEqual([
      'VH-SG-001 aws_security_group.hub_main_endpoints',
      `VH-SG-004 ${RULE}`,
    ]);
    expect(checkExitCode(result)).toBe(1);
  });
});

describe('suppressions (each with its reason)', () => {
  const reason = 'local state while we evaluate vpce-hub';
  const run = (suppressions: Suppression[]) => runChecks(shipped.tree, { suppressions });

  it('silence every finding of a rule when no resource is named, and keep the reason', () => {
    const result = run([{ rule: 'VH-STATE-001', reason }]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => [f.stack, f.reason])).toEqual([
      ['analytics', reason],
      ['network', reason],
      ['network-spokes', reason],
      ['payments', reason],
    ]);
    expect(result.notes).toEqual([]);
  });

  it('match `type.name` in any stack, and `stack/type.name` in that stack only', () => {
    expect(run([{ rule: 'VH-STATE-001', resource: LOCAL, reason }]).findings).toEqual([]);
    expect(run([{ rule: 'VH-STATE-001', resource: `network/${LOCAL}`, reason }]).findings.map((f) => f.stack)).toEqual(['analytics', 'network-spokes', 'payments']);
  });

  it('turn a failing check into a passing one', () => {
    const t = mutated(shipped.stacks, (s) => (body(s, 'payments', RULE).cidr_ipv4 = '0.0.0.0/0'));
    const result = runChecks(t, { suppressions: [{ rule: 'VH-SG-004', resource: `payments/${RULE}`, reason: 'temporary, removed in change 123' }] });
    expect(result.errors).toBe(0);
    expect(checkExitCode(result)).toBe(0);
  });

  it('apply only with a reason', () => {
    const result = run([{ rule: 'VH-STATE-001', reason: '  ' }]);
    expect(result.findings).toHaveLength(4);
    expect(result.notes).toEqual(['suppression of VH-STATE-001 gives no reason: not applied']);
  });

  it('note a suppression that names no rule, or matches nothing', () => {
    const result = run([
      { rule: 'VH-NOPE-001', reason },
      { rule: 'VH-SG-004', resource: RULE, reason },
    ]);
    expect(result.notes).toEqual([
      'suppression of VH-NOPE-001 names no rule of this pack: it suppresses nothing',
      `suppression of VH-SG-004 for ${RULE} matched no finding`,
    ]);
  });
});

describe('the report', () => {
  const findings: RuleFinding[] = [
    { rule: 'VH-SG-004', severity: 'error', stack: 'network', resource: 'aws_vpc_security_group_ingress_rule.x', message: 'admits 0.0.0.0/0' },
    { rule: 'VH-STATE-001', severity: 'warning', stack: 'payments', resource: LOCAL, message: 'the state is a local file' },
  ];

  it('is a table with aligned columns: rule, severity, stack, resource, message', () => {
    expect(formatCheckTable(findings).split('\n')).toEqual([
      'RULE          SEVERITY  STACK     RESOURCE                               MESSAGE',
      'VH-SG-004     error     network   aws_vpc_security_group_ingress_rule.x  admits 0.0.0.0/0',
      'VH-STATE-001  warning   payments  terraform.backend.local                the state is a local file',
    ]);
  });

  it('says so when there is nothing to report', () => {
    expect(formatCheckTable([])).toBe('no findings');
  });

  it('ends with a summary that counts errors, warnings and suppressed findings', () => {
    const result = runChecks(shipped.tree, { suppressions: [{ rule: 'VH-STATE-001', resource: `network/${LOCAL}`, reason: 'evaluation only, no shared state yet' }] });
    expect(formatCheckSummary(result)).toBe(`vpce-hub check passed: ${RULES.length} rules over 4 stacks (analytics, network, network-spokes, payments): 0 errors, 3 warnings, 1 suppressed`);
  });
});
