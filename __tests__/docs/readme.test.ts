/** The README facts a reader deciding on adoption, or deploying offline, must not miss. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

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

  it('documents one Route 53 Profile per VPC', () => {
    expect(README).toContain('A VPC can be associated with **only one** Route 53 Profile');
  });
});
