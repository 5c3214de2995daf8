/**
 * The parts of the review that run real Terraform (offline, provider from the mirror): `--offline`,
 * and the Terraform Cloud handoff of docs/terraform-cloud.md. Fails, never skips, without terraform.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudWorkspace } from '../../src/constructs/backend';
import { runReview, runReviewAsync } from '../../src/review/run-review';
import { chooseMirror, mirrorNote } from '../../src/review/provider-mirror';
import { synthFile } from '../support/synth';
import { terraformAvailable, terraformOptions } from '../support/terraform';

it('has terraform on PATH', () => {
  expect(terraformAvailable()).toBe(true);
});

describe('review --offline', () => {
  // One account, so one stack: the hub and a same-account spoke (auto-accepted peering).
  const CONFIG = `
project: offline
accounts:
  network: { id: "111111111111" }
hubs:
  - name: main
    account: network
    region: us-east-1
    vpc: { cidr: 10.0.0.0/22, availabilityZones: [us-east-1a, us-east-1b], flowLogs: { enabled: false } }
    services: [sqs, ecr.api, ecr.dkr, s3]   # ecr.dkr with its companions, or prove breaks its cells
spokes:
  - name: tools
    account: network
    vpc: { id: vpc-0a1b2c3d4e5f67890, cidr: 10.1.0.0/16, routeTableIds: [rtb-0a1b2c3d4e5f67890] }
`;
  it('plans every stack with real Terraform, and the plan creates exactly what the tree comparison lists', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-offline-'));
    try {
      writeFileSync(path.join(dir, 'vpce-hub.yaml'), CONFIG);
      const fromTrees = runReview({ configPath: 'vpce-hub.yaml', cwd: dir });
      const r = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, offline: true, terraform: terraformOptions() });
      // The hub stack and, reading its outputs from a stand-in state, the spokes stack with the pair.
      const planned = { ok: true, summary: expect.stringMatching(/^validate ok, plan against an empty state: \d+ to add$/) };
      expect(r.terraform).toEqual([{ stack: 'network', ...planned }, { stack: 'network-spokes', ...planned }]);
      expect(r.stacks[0].source).toBe('offline-plan');
      const addresses = (x: typeof r) => x.stacks.flatMap((s) => s.changes.map((c) => `${c.action} ${c.address}`)).sort();
      expect(addresses(r)).toEqual(addresses(fromTrees));
      expect(r.exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('review --offline as the command runs it (runReviewAsync)', () => {
  it('plans the stacks several at once with one plugin cache, says how far it is, and finds what sequential planning finds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-offline-async-'));
    try {
      writeFileSync(path.join(dir, 'vpce-hub.yaml'), readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8'));
      const lines: string[] = [];
      const r = await runReviewAsync({ configPath: 'vpce-hub.yaml', cwd: dir, offline: true, terraform: terraformOptions(), concurrency: 2, progress: (l) => lines.push(l) });
      // Reported in deploy order, whichever finished first.
      expect(r.terraform.map((t) => [t.stack, t.ok])).toEqual(r.stacks.map((s) => [s.stack, true]));
      expect(r.terraform).toHaveLength(4);
      expect(lines.filter((l) => l.startsWith('terraform: '))).toHaveLength(4);
      expect(lines.some((l) => /^terraform: 4\/4 stacks planned \(.+; \d+ s in all, 2 at a time\)$/.test(l))).toBe(true);
      expect(lines).toContain('proving reachability');
      const sequential = runReview({ configPath: 'vpce-hub.yaml', cwd: dir, offline: true, terraform: terraformOptions() });
      const addresses = (x: typeof r) => x.stacks.flatMap((s) => s.changes.map((c) => `${s.stack} ${c.action} ${c.address}`)).sort();
      expect(addresses(r)).toEqual(addresses(sequential));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('says where the provider comes from, and names VPCE_HUB_PROVIDER_MIRROR when there is none', () => {
    expect(mirrorNote({ source: 'none', skipped: [] })).toMatch(/no provider mirror: VPCE_HUB_PROVIDER_MIRROR is not set .* set VPCE_HUB_PROVIDER_MIRROR=/);
    expect(mirrorNote({ mirror: '/m', source: 'discovered', skipped: [] })).toBe('provider hashicorp/aws from /m (found on this machine)');
    // The test suite's own policy: a named folder that is not a complete mirror is an error, never a fallback.
    expect(() => chooseMirror({ VPCE_HUB_PROVIDER_MIRROR: os.tmpdir() })).toThrow(/VPCE_HUB_PROVIDER_MIRROR=.* is not a complete mirror/);
  });
});

describe('Terraform Cloud handoff (examples/cross-region-cloud)', () => {
  const synth = synthFile('examples/cross-region-cloud/vpce-hub.yaml');
  afterAll(() => synth.cleanup());

  it('names one workspace per stack: workspacePrefix + stack name', () => {
    for (const stack of synth.plan.stacks) {
      const cloud = (synth.stacks[stack.name].terraform as { cloud?: { organization: string; hostname: string; workspaces: { name: string } } }).cloud;
      expect(cloud).toEqual({ organization: 'acme-platform', hostname: 'app.terraform.io', workspaces: { name: `vpce-hub-${stack.name}` } });
      expect(cloudWorkspace('vpce-hub-', stack.name)).toBe(`vpce-hub-${stack.name}`);
    }
    expect(synth.plan.stacks.map((s) => s.name)).toEqual(['hub', 'hub-spokes', 'web']);
  });

  it("lets the spoke workspace read the hub workspace's outputs through remote state", () => {
    const web = synth.stacks.web;
    expect(web.data?.terraform_remote_state).toEqual({
      remote_state_hub: { backend: 'remote', config: { organization: 'acme-platform', hostname: 'app.terraform.io', workspaces: { name: 'vpce-hub-hub' } } },
    });
    const hubOutputs = Object.keys(synth.stacks.hub.output ?? {});
    const read = JSON.stringify(web.resource).match(/remote_state_hub\.outputs\.([\w-]+)/g) ?? [];
    expect(read.length).toBeGreaterThan(0);
    for (const ref of read) expect(hubOutputs).toContain(ref.split('.').pop());
  });

  // Every stack of every cloud config is validated with its cloud block unchanged (init -backend=false)
  // by the Terraform tier: __tests__/terraform/offline-plan.test.ts, "Terraform Cloud backend".
});
