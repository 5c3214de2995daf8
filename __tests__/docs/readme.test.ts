/** The README facts a reader deciding on adoption, or deploying offline, must not miss. */
import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RULES } from '../../src/analysis/rules';
import { registerChangedStacks } from '../../src/cli/commands/changed-stacks';
import { registerCheck, runCheckCommand } from '../../src/cli/commands/check';
import { registerReview } from '../../src/cli/commands/review';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = (heading: string): string => {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const next = README.indexOf('\n## ', start + heading.length + 2);
  return README.slice(start, next === -1 ? undefined : next);
};

describe('README', () => {
  it("puts cdktf's end of life and the exit plan before the architecture", () => {
    const notice = README.indexOf('CDK for Terraform has reached end of life');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(README.indexOf('## Architecture'));
    expect(README.slice(notice, README.indexOf('## Architecture'))).toContain('exit plan');
  });

  it("gives check's rule count as the rule pack has it (one row of the Commands table)", () => {
    const row = section('## Commands').split('\n').find((l) => l.startsWith('| `vpce-hub check` |'));
    expect(row).toContain(`(${RULES.length} rules, suppressible with a reason)`);
  });

  it('says how to make lock files offline, against a mirror and for each platform', () => {
    expect(README).toContain('terraform providers lock -fs-mirror=');
    expect(README).toMatch(/-platform=linux_amd64 -platform=darwin_arm64/);
  });

  it('says what prove cannot see and how to cover it', () => {
    const commands = section('## Commands');
    for (const blind of ['network ACLs', 'enableDnsSupport', 'zones already associated with a spoke', 'list-hosted-zones-by-vpc']) expect(commands).toContain(blind);
  });

  it('shows the credentials failure and who needs access to the state and the account roles', () => {
    const stacks = section('## Stacks and state');
    expect(stacks).toContain('Error: No valid credential sources found');
    expect(stacks).toContain('sts:AssumeRole');
    expect(stacks).toContain('s3:GetObject');
    expect(stacks).toContain('terraform_remote_state');
  });

  it('says the same everywhere about who creates the Resolver inbound endpoint: vpce-hub for onPremises, the user for clientCidrs', () => {
    // Sentences (the README wraps lines) that mention the inbound endpoint and say vpce-hub does not create it.
    const sentences = README.replace(/```[\s\S]*?```/g, '').split(/\n\s*\n/).flatMap((p) => p.replace(/\n/g, ' ').split(/(?<=\.)\s+(?=[A-Z*`])/));
    const notOurs = sentences.filter((s) => /inbound (endpoint|resolver)/i.test(s) && /not created by vpce-hub|yours to create|that you create/.test(s));
    expect(notOurs.length).toBeGreaterThan(0);
    for (const s of notOurs) expect([s, s.includes('clientCidrs')]).toEqual([s, true]);
    const whoMayCall = README.slice(README.indexOf('**Who may call the endpoints**'), README.indexOf('**Services** come from'));
    expect(whoMayCall).toContain('onPremises.inboundResolver: true');
    expect(README).toContain('`inboundResolver: true` adds a\n  Route 53 Resolver inbound endpoint');
  });

  it('documents one Route 53 Profile per VPC', () => {
    expect(README).toContain('A VPC can be associated with **only one** Route 53 Profile');
  });

  it('says a spokes stack cannot be planned before its hub stack has state, and what the error reads', () => {
    const deploy = section('## Operations');
    expect(deploy).toContain('cannot even be **planned** before its hub stack has been\napplied once');
    expect(deploy).toContain('Unable to find remote state');
  });

  it("gives check's, review's and changed-stacks' exit 2 as their --help does, and as they behave", () => {
    const program = new Command();
    for (const register of [registerCheck, registerReview, registerChangedStacks]) register(program, () => undefined);
    const help = (command: string) => program.commands.find((c) => c.name() === command)?.description() ?? '';
    const row = (command: string) => README.split('\n').find((l) => l.startsWith(`| \`vpce-hub ${command}\` |`)) ?? '';
    const exit2 = (text: string) => /2 on bad input \(([^)]*)\)/.exec(text.replace(/`/g, ''))?.[1];
    for (const command of ['check', 'review', 'changed-stacks']) {
      expect(exit2(help(command))).toBeDefined();
      expect([command, exit2(row(command))]).toEqual([command, exit2(help(command))]);
    }
    expect(exit2(help('check'))).toContain('no synthesized folder');
    expect(exit2(help('check'))).toContain('stale output');
    expect(exit2(help('review'))).toContain('an invalid config');
    // "No synthesized folder" really is exit 2 (stale output and invalid configs: synth-output.test.ts, review.test.ts).
    const empty = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-readme-'));
    try {
      expect(runCheckCommand({ dir: 'cdktf.out', config: false, format: 'text' }, empty).exitCode).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
