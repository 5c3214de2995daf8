/**
 * Which stacks a pull request must plan: the stacks whose synthesized Terraform differs, in deploy
 * order; what does not change what Terraform does (cdktf's `//` metadata, key order, formatting) does
 * not count, providers and backends do; readers of a changed output are reported apart.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployOrder, DependencyCycleError } from '../../src/analysis/deploy-order';
import { buildTree, loadTree, type SynthTree } from '../../src/analysis/tree';
import { runChangedStacksCommand, type ChangedStackEntry } from '../../src/cli/commands/changed-stacks';
import { parseConfigText } from '../../src/config/load';
import { changedStacks } from '../../src/review/changed-stacks';
import { generateTopology, type TopologyOptions } from '../../bench/topology';
import { stringify } from 'yaml';
import { synthConfig, type Synthesized } from '../support/synth';

type Doc = Record<string, unknown>;

/** A hub stack with a zone and its output, and a spokes stack that associates its VPC through remote state. */
function hubAndSpoke(edit: (hub: Doc, spoke: Doc) => void = () => undefined): SynthTree {
  const hub: Doc = {
    '//': { metadata: { version: '0.21.0', stackName: 'network' } },
    terraform: { backend: { s3: { bucket: 'acme-state', key: 'network.tfstate', region: 'us-east-1' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
    resource: {
      aws_route53_zone: {
        hub_main_sqs: { '//': { metadata: { path: 'network/hub_main_sqs' } }, provider: 'aws.us_east_1', name: 'sqs.us-east-1.amazonaws.com', vpc: [{ vpc_id: 'vpc-0hub' }], lifecycle: { ignore_changes: ['vpc'] } },
      },
    },
    output: { hub_main_zone_sqs: { value: '${aws_route53_zone.hub_main_sqs.zone_id}' } },
  };
  const spoke: Doc = {
    terraform: { backend: { s3: { bucket: 'acme-state', key: 'payments.tfstate', region: 'us-east-1' } } },
    provider: { aws: [{ alias: 'us_east_1', region: 'us-east-1', allowed_account_ids: ['222222222222'] }] },
    data: { terraform_remote_state: { remote_state_network: { backend: 's3', config: { bucket: 'acme-state', key: 'network.tfstate', region: 'us-east-1' } } } },
    resource: {
      aws_route53_zone_association: {
        spoke_payments_sqs: { provider: 'aws.us_east_1', zone_id: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_zone_sqs}', vpc_id: 'vpc-0a' },
      },
    },
  };
  edit(hub, spoke);
  // JSON round trip: the edits below may share nested objects.
  return buildTree(JSON.parse(JSON.stringify({ network: hub, payments: spoke })) as Record<string, unknown>, { stacks: { network: {}, payments: { dependencies: ['network'] } } });
}

const names = (t: SynthTree, base: SynthTree) => changedStacks(base, t).changed.map((c) => `${c.stack}:${c.change}`);

describe('changedStacks: what counts as a change', () => {
  it('finds nothing between a tree and itself', () => {
    expect(changedStacks(hubAndSpoke(), hubAndSpoke())).toEqual({ compared: 2, changed: [], readers: [] });
  });

  it("ignores cdktf's // metadata, key order and formatting", () => {
    const edited = hubAndSpoke((hub) => {
      hub['//'] = { metadata: { version: '0.21.1', stackName: 'network', backend: 's3' } };
      const zone = (hub.resource as { aws_route53_zone: Record<string, Doc> }).aws_route53_zone.hub_main_sqs;
      zone['//'] = { metadata: { path: 'network/elsewhere', uniqueId: 'x' } };
      // The same body with its keys in another order.
      (hub.resource as { aws_route53_zone: Record<string, Doc> }).aws_route53_zone.hub_main_sqs = Object.fromEntries(Object.entries(zone).reverse());
    });
    expect(names(edited, hubAndSpoke())).toEqual([]);
  });

  it('counts a provider change (another role, another account) though no resource changed', () => {
    const edited = hubAndSpoke((_hub, spoke) => {
      spoke.provider = { aws: [{ alias: 'us_east_1', region: 'us-east-1', allowed_account_ids: ['222222222222'], assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/terraform' }] }] };
    });
    const result = changedStacks(hubAndSpoke(), edited);
    expect(result.changed).toEqual([{ stack: 'payments', change: 'changed', level: 1, dependencies: ['network'], workingDirectory: 'stacks/payments', differences: ['provider aws.us_east_1 changed'] }]);
  });

  it('counts a backend change (state moved to another bucket or to HCP Terraform)', () => {
    const moved = hubAndSpoke((hub) => {
      hub.terraform = { ...(hub.terraform as Doc), backend: { s3: { bucket: 'acme-state-2', key: 'network.tfstate', region: 'us-east-1' } } };
    });
    expect(changedStacks(hubAndSpoke(), moved).changed.map((c) => [c.stack, c.differences])).toEqual([['network', ['backend s3 changed']]]);
    const cloud = hubAndSpoke((hub) => {
      hub.terraform = { cloud: { organization: 'acme', workspaces: { name: 'vpce-hub-network' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } };
    });
    expect(changedStacks(hubAndSpoke(), cloud).changed.map((c) => c.differences)).toEqual([['backend changed (s3 -> cloud)']]);
  });

  it('counts a provider version bump and list order (a list may be ordered)', () => {
    const bumped = hubAndSpoke((hub) => {
      hub.terraform = { ...(hub.terraform as Doc), required_providers: { aws: { source: 'aws', version: '5.100.1' } } };
    });
    expect(changedStacks(hubAndSpoke(), bumped).changed.map((c) => c.differences)).toEqual([['terraform settings changed (required providers or version)']]);
    const twoIds = (ids: string[]) => hubAndSpoke((hub) => ((hub.provider as { aws: Doc[] }).aws[0].allowed_account_ids = ids));
    expect(names(twoIds(['2', '1']), twoIds(['1', '2']))).toEqual(['network:changed']);
  });

  it('lists added stacks and removed stacks, each at its level, and a removed stack from the base', () => {
    const hubOnly = buildTree({ network: hubAndSpoke().stacks.get('network')?.json }, { stacks: { network: {} } });
    expect(changedStacks(hubOnly, hubAndSpoke()).changed).toEqual([
      { stack: 'payments', change: 'added', level: 1, dependencies: ['network'], workingDirectory: 'stacks/payments', differences: ['new stack (1 resource)'] },
    ]);
    expect(changedStacks(hubAndSpoke(), hubOnly).changed).toEqual([
      { stack: 'payments', change: 'removed', level: 1, dependencies: ['network'], workingDirectory: 'stacks/payments', differences: ['no longer synthesized (1 resource in the base)'] },
    ]);
    expect(changedStacks(undefined, hubAndSpoke()).changed.map((c) => `${c.stack}:${c.change}:${c.level}`)).toEqual(['network:added:0', 'payments:added:1']);
  });

  it('reports a stack whose Terraform is identical but reads an output that changes as a reader, not a change', () => {
    // A zone's name forces its replacement: the output's text stays, its value (the zone id) does not.
    const renamed = hubAndSpoke((hub) => {
      (hub.resource as { aws_route53_zone: Record<string, Doc> }).aws_route53_zone.hub_main_sqs.name = 'sqs.us-east-2.amazonaws.com';
    });
    const result = changedStacks(hubAndSpoke(), renamed);
    expect(result.changed.map((c) => c.stack)).toEqual(['network']);
    expect(result.readers).toEqual([
      {
        stack: 'payments',
        level: 1,
        dependencies: ['network'],
        workingDirectory: 'stacks/payments',
        because: ['reads outputs of network, which change', 'aws_route53_zone_association.spoke_payments_sqs: replace (zone_id changes because output hub_main_zone_sqs of stack network changes)'],
      },
    ]);
    // A hub change that leaves every output alone has no readers.
    const tagged = hubAndSpoke((hub) => ((hub.resource as { aws_route53_zone: Record<string, Doc> }).aws_route53_zone.hub_main_sqs.comment = 'managed by vpce-hub'));
    expect(changedStacks(hubAndSpoke(), tagged)).toMatchObject({ changed: [{ stack: 'network' }], readers: [] });
  });
});

describe('deployOrder', () => {
  it('puts each stack one level after the deepest stack it reads, each level by name, and ignores unknown dependencies', () => {
    const order = deployOrder([
      { name: 'payments', dependencies: ['network'] },
      { name: 'network', dependencies: [] },
      { name: 'analytics', dependencies: ['network', 'gone'] },
      { name: 'audit', dependencies: ['payments'] },
      { name: 'network-spokes', dependencies: [] },
    ]);
    expect(order).toEqual([
      { name: 'network', level: 0 },
      { name: 'network-spokes', level: 0 },
      { name: 'analytics', level: 1 },
      { name: 'payments', level: 1 },
      { name: 'audit', level: 2 },
    ]);
  });

  it('refuses a cycle', () => {
    expect(() => deployOrder([{ name: 'a', dependencies: ['b'] }, { name: 'b', dependencies: ['a'] }])).toThrow(DependencyCycleError);
  });
});

/**
 * The bench's changes (bench/changed-stacks.ts measures them at 125 x 40 x 50) on a small topology of
 * the same generator: 6 spokes over 3 accounts, 3 services.
 */
describe('changedStacks on synthesized topologies', () => {
  const size: TopologyOptions = { spokes: 6, accounts: 3, services: 3, dns: 'private-hosted-zones' };
  const synths: Synthesized[] = [];
  const synthText = (text: string): SynthTree => {
    const s = synthConfig(parseConfigText(text).config);
    synths.push(s);
    return loadTree(s.outdir);
  };
  const synth = (config: unknown): SynthTree => synthText(stringify(config));
  let base: SynthTree;
  beforeAll(() => {
    base = synth(generateTopology(size));
  });
  afterAll(() => synths.forEach((s) => s.cleanup()));

  const changed = (head: SynthTree) => changedStacks(base, head).changed.map((c) => `${c.stack}:${c.change}:${c.level}`);

  it('has one hub stack at level 0 and the spokes stacks at level 1', () => {
    expect(changedStacks(undefined, base).changed.map((c) => `${c.stack}:${c.level}`)).toEqual(['network:0', 'network-spokes:0', 'team-01:1', 'team-02:1', 'team-03:1']);
    expect(changedStacks(base, base).changed).toEqual([]);
  });

  it('adding a spoke changes only the spokes stack of its account', () => {
    expect(changed(synth(generateTopology({ ...size, spokes: 7 })))).toEqual(['team-01:changed:1']);
  });

  it('renaming a spoke (formerNames) changes only the spokes stack of its account', () => {
    const config = generateTopology(size);
    const spoke = config.spokes?.[1] as { name: string; formerNames?: string[] };
    config.spokes = config.spokes?.map((s) => (s === spoke ? { ...s, name: 'spoke-002-renamed', formerNames: [spoke.name] } : s));
    const head = synth(config);
    expect(changed(head)).toEqual(['team-02:changed:1']);
    expect(changedStacks(base, head).changed[0].differences).toContain('moved blocks changed');
  });

  it('adding a hub service changes the hub stack and every spokes stack that associates zones (private-hosted-zones)', () => {
    expect(changed(synth(generateTopology({ ...size, services: 4 })))).toEqual(['network:changed:0', 'team-01:changed:1', 'team-02:changed:1', 'team-03:changed:1']);
  });

  it('with the cloud backend (docs/terraform-cloud.md): a spoke lists its workspace only, a new workspace prefix lists every stack', () => {
    const text = readFileSync(path.join(__dirname, '..', '..', 'examples', 'cross-region-cloud', 'vpce-hub.yaml'), 'utf8');
    const cloud = synthText;
    const example = cloud(text);
    const withoutParis = cloud(text.slice(0, text.indexOf('  - name: web-paris')));
    expect(changedStacks(withoutParis, example).changed.map((c) => c.stack)).toEqual(['web']);
    const moved = changedStacks(example, cloud(text.replace('workspacePrefix: vpce-hub-', 'workspacePrefix: network-')));
    expect(moved.changed.map((c) => [c.stack, c.differences.filter((d) => /backend|data source/.test(d))])).toEqual([
      ['hub', ['backend cloud changed']],
      ['hub-spokes', ['backend cloud changed']],
      ['web', ['1 data source changed', 'backend cloud changed']],
    ]);
  });

  it('removing an account removes its stack; the other stacks stay unchanged', () => {
    const config = generateTopology(size);
    delete (config.accounts as Record<string, unknown>)['team-03'];
    config.spokes = config.spokes?.filter((s) => s.account !== 'team-03');
    expect(changed(synth(config))).toEqual(['team-03:removed:1']);
  });
});

describe('vpce-hub changed-stacks', () => {
  let dir: string;
  const write = (folder: string, tree: SynthTree) => {
    const stacks: Record<string, Doc> = {};
    for (const s of tree.stacks.values()) {
      mkdirSync(path.join(dir, folder, s.workingDirectory), { recursive: true });
      writeFileSync(path.join(dir, folder, s.workingDirectory, 'cdk.tf.json'), JSON.stringify(s.json));
      stacks[s.name] = { name: s.name, workingDirectory: s.workingDirectory, synthesizedStackPath: `${s.workingDirectory}/cdk.tf.json`, dependencies: s.dependencies };
    }
    writeFileSync(path.join(dir, folder, 'manifest.json'), JSON.stringify({ stacks, version: '0.21.0' }));
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-changed-stacks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the changed stacks one per line, in deploy order, and a summary on stderr', () => {
    write('base', hubAndSpoke());
    write(
      'cdktf.out',
      hubAndSpoke((hub, spoke) => {
        (hub.output as Doc).extra = { value: 'x' };
        (spoke.resource as Doc).aws_route = { r: { route_table_id: 'rtb-1' } };
      }),
    );
    const out = runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out' }, dir);
    expect(out).toMatchObject({ exitCode: 0, stdout: 'network\npayments\n' });
    expect(out.stderr).toContain('2 of 2 stacks differ from base, in deploy order:');
    expect(out.stderr).toContain('network (level 0): changed: 1 output added');
  });

  it('--json gives each entry the folder to plan it from: the base output for a removed stack', () => {
    write('base', hubAndSpoke());
    write('cdktf.out', buildTree({ network: hubAndSpoke((hub) => ((hub.output as Doc).extra = { value: 'x' })).stacks.get('network')?.json }, { stacks: { network: {} } }));
    const out = runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out', json: true }, dir);
    expect(JSON.parse(out.stdout) as ChangedStackEntry[]).toEqual([
      { stack: 'network', change: 'changed', removed: false, level: 0, dir: 'cdktf.out/stacks/network', dependencies: [], details: ['1 output added'] },
      { stack: 'payments', change: 'removed', removed: true, level: 1, dir: 'base/stacks/payments', dependencies: ['network'], details: ['no longer synthesized (1 resource in the base)'] },
    ]);
  });

  it('leaves readers out unless --include-readers, and says why on stderr', () => {
    write('base', hubAndSpoke());
    write('cdktf.out', hubAndSpoke((hub) => ((hub.resource as { aws_route53_zone: Record<string, Doc> }).aws_route53_zone.hub_main_sqs.name = 'sqs.us-east-2.amazonaws.com')));
    const plain = runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out' }, dir);
    expect(plain.stdout).toBe('network\n');
    expect(plain.stderr).toContain('payments (level 1): its Terraform is unchanged, but it reads outputs of network, which change; not listed');
    const all = runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out', json: true, includeReaders: true }, dir);
    expect((JSON.parse(all.stdout) as ChangedStackEntry[]).map((e) => [e.stack, e.change, e.level])).toEqual([
      ['network', 'changed', 0],
      ['payments', 'reads-changed-outputs', 1],
    ]);
  });

  it('takes a base whose manifest lists no stacks (the config is new): every stack is added', () => {
    mkdirSync(path.join(dir, 'base'));
    writeFileSync(path.join(dir, 'base', 'manifest.json'), '{"stacks":{}}');
    write('cdktf.out', hubAndSpoke());
    expect(runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out' }, dir).stdout).toBe('network\npayments\n');
  });

  it('exits 2 naming the option when a folder is not a synth output', () => {
    write('cdktf.out', hubAndSpoke());
    const out = runChangedStacksCommand({ baseDir: 'nowhere', dir: 'cdktf.out' }, dir);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/^vpce-hub changed-stacks: --base-dir: .*nowhere does not exist/);
    expect(runChangedStacksCommand({ baseDir: 'cdktf.out', dir: 'missing' }, dir).stderr).toMatch(/--dir: .*missing does not exist/);
  });

  it('exits 2 on a manifest whose stacks depend on each other in a cycle', () => {
    const docs = Object.fromEntries([...hubAndSpoke().stacks.values()].map((s) => [s.name, s.json]));
    write('base', hubAndSpoke());
    write('cdktf.out', buildTree(docs, { stacks: { network: { dependencies: ['payments'] }, payments: { dependencies: ['network'] } } }));
    expect(runChangedStacksCommand({ baseDir: 'base', dir: 'cdktf.out' }, dir)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('manifest.json: the stacks depend on each other in a cycle: network, payments') });
  });

  it('reads a real synth output: the shipped example against itself has no changes', () => {
    const example = synthConfig(parseConfigText(readFileSync(path.join(__dirname, '..', '..', 'vpce-hub.yaml'), 'utf8')).config);
    try {
      const out = runChangedStacksCommand({ baseDir: example.outdir, dir: example.outdir }, dir);
      expect(out).toMatchObject({ exitCode: 0, stdout: '' });
      expect(out.stderr).toContain('none of the 4 stacks differs');
    } finally {
      example.cleanup();
    }
  });
});
