/** `vpce-hub prove` end to end: reads a synthesized folder, prints the matrix, exit 0 / 1 / 2. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PolicyProof } from '../../src/analysis/policy-proof';
import type { ReachabilityProof } from '../../src/analysis/prove';
import { runCli } from '../support/cli';
import { ids } from '../../src/planning/naming';
import { PROJECT_ROOT, synthFile, type Synthesized } from '../support/synth';

const CONFIG = path.join(PROJECT_ROOT, 'vpce-hub.yaml');

const run = (args: string[]) => runCli('prove', '--config', CONFIG, ...args);

let synth: Synthesized;
beforeEach(() => {
  synth = synthFile('vpce-hub.yaml');
});
afterEach(() => synth.cleanup());

it('exits 0 and prints a JSON proof of every cell for the shipped example', async () => {
  const { code, stdout } = await run(['--dir', synth.outdir, '--format', 'json']);
  expect(code).toBe(0);
  const proof = JSON.parse(stdout) as ReachabilityProof;
  expect(proof.ok).toBe(true);
  expect(proof.spokes).toEqual([
    { name: 'analytics-prod', hub: 'main' },
    { name: 'payments-prod', hub: 'main' },
    { name: 'main (hub VPC)', hub: 'main', kind: 'hub-vpc' },
  ]);
  expect(proof.services).toEqual(['ecr.api', 'ecr.dkr', 's3', 'sqs', 'ssm', 'sts']);
  expect(proof.cells).toHaveLength(18);
  const { policies } = JSON.parse(stdout) as { policies: PolicyProof };
  expect(policies.ok).toBe(true);
  expect(policies.hubs.map((h) => [h.hub, h.policy, h.services.map((s) => s.name)])).toEqual([['main', 'organization', ['ecr.api', 'ecr.dkr', 's3', 'sqs', 'ssm', 'sts']]]);
});

it('prints the endpoint policy matrix after the reachability matrix', async () => {
  const { code, stdout } = await run(['--dir', synth.outdir]);
  expect(code).toBe(0);
  const reach = stdout.indexOf('Reachability: all 18 client/service pairs reachable');
  const policies = stdout.indexOf('Endpoint policies: all ');
  expect(reach).toBeGreaterThanOrEqual(0);
  expect(policies).toBeGreaterThan(reach);
  expect(stdout).toMatch(/^STS web identity \(EKS IRSA, OIDC CI\), unsigned\s+allow(\s+-){5}\s+✓$/m);
});

it('exits 1 and names the broken link when a spoke route is missing from the written JSON', async () => {
  const file = path.join(synth.stacksDir, 'payments', 'cdk.tf.json');
  const stack = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, unknown>> };
  delete stack.resource.aws_route[ids.spokeRoute('payments-prod', 'rtb-0b1c2d3e4f5a67890', 'main')];
  writeFileSync(file, JSON.stringify(stack));

  const text = await run(['--dir', synth.outdir]); // the old flag name, kept as a hidden alias
  expect(text.code).toBe(1);
  expect(text.stdout).toContain('payments-prod -> sqs: route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22');

  const markdown = await run(['--dir', synth.outdir, '--format', 'markdown']);
  expect(markdown.code).toBe(1);
  expect(markdown.stdout).toContain('| `payments-prod` | `main` | ❌ route table rtb-0b1c2d3e4f5a67890 has no route to 10.0.0.0/22 |');
});

it('exits 2 when nothing was synthesized there, or the format is unknown', async () => {
  const nowhere = path.join(synth.outdir, 'nothing-here');
  const missing = await run(['--dir', nowhere]);
  expect(missing.code).toBe(2);
  // The command that writes that folder, with the flags as given.
  expect(missing.stderr).toMatch(/nothing-here does not exist: run `vpce-hub synth --config \S+vpce-hub\.yaml --out \S+nothing-here` first/);

  const format = await run(['--dir', synth.outdir, '--format', 'html']);
  expect(format.code).toBe(2);
  expect(format.stderr).toContain('--format must be one of text, markdown, json');
});

it("the README's prove excerpt is exactly what the command prints for the shipped example", async () => {
  const { code, stdout } = await run(['--dir', synth.outdir]);
  expect(code).toBe(0);
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const block = /<!-- prove-sample:start -->\n```\n([\s\S]*?)```\n<!-- prove-sample:end -->/.exec(readme)?.[1];
  expect(block).toBe(stdout);
});
