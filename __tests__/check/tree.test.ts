import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExpression, referencesIn } from '../../src/analysis/expression';
import {
  buildTree,
  findResource,
  identityOf,
  loadTree,
  providerOf,
  remoteStateTarget,
  resolveExpression,
  resolveReferencesIn,
  resourcesOfType,
  stateLocationOf,
  TreeLoadError,
} from '../../src/analysis/tree';
import { stackAccount } from '../../src/analysis/accounts';
import { synthFile } from '../support/synth';
import { example, mutated, SHIPPED } from './support/trees';

describe('expressions: the references a Terraform JSON string makes', () => {
  it('reads plain text as a literal', () => {
    expect(parseExpression('10.0.0.0/16')).toEqual({ kind: 'literal', value: '10.0.0.0/16' });
  });

  it('reads an escaped $${ as literal text', () => {
    expect(parseExpression('$${not.a_ref}')).toEqual({ kind: 'literal', value: '${not.a_ref}' });
  });

  it('reads a whole-string traversal as one reference with its attribute path', () => {
    const e = parseExpression('${aws_vpc_endpoint.hub_main_sqs.dns_entry[0].dns_name}');
    expect(e).toMatchObject({ kind: 'reference', ref: { kind: 'resource', type: 'aws_vpc_endpoint', name: 'hub_main_sqs', path: ['dns_entry', 0, 'dns_name'] } });
  });

  it('keeps hyphens in names (HCL identifiers allow them)', () => {
    const e = parseExpression('${data.terraform_remote_state.remote_state_network.outputs.hub_main_peering_payments-prod}');
    expect(e).toMatchObject({ kind: 'reference', ref: { kind: 'data', type: 'terraform_remote_state', name: 'remote_state_network', path: ['outputs', 'hub_main_peering_payments-prod'] } });
  });

  it('finds references inside function calls but not the function names or string arguments', () => {
    const refs = referencesIn('${replace(aws_vpc_endpoint.hub_main_s3.dns_entry[0].dns_name, "*", "\\\\052")}');
    expect(refs.map((r) => r.text)).toEqual(['aws_vpc_endpoint.hub_main_s3.dns_entry[0].dns_name']);
  });

  it('finds references in templates mixed with text, and in nested objects and lists', () => {
    expect(referencesIn({ a: ['${aws_log_group.x.arn}:*'], b: 'arn:${var.partition}:x' }).map((r) => `${r.kind}:${r.type}.${r.name}`)).toEqual([
      'resource:aws_log_group.x',
      'other:var.partition',
    ]);
  });

  it('reads string-keyed index steps', () => {
    expect(parseExpression('${aws_x.y.tags["Name"]}')).toMatchObject({ kind: 'reference', ref: { path: ['tags', 'Name'] } });
  });
});

describe('the tree model of the shipped example', () => {
  const { tree } = example(SHIPPED);

  it('lists every stack with its resources by address, without cdktf metadata', () => {
    expect([...tree.stacks.keys()].sort()).toEqual(['analytics', 'network', 'network-spokes', 'payments']);
    const vpc = findResource(tree, 'network', 'aws_vpc', 'hub_main');
    expect(vpc?.address).toBe('aws_vpc.hub_main');
    expect(vpc?.body).not.toHaveProperty('//');
    expect(resourcesOfType(tree, 'aws_route53_zone_association').map((r) => r.stack)).toEqual(expect.arrayContaining(['analytics', 'payments']));
  });

  it('is read-only all the way down', () => {
    const vpc = findResource(tree, 'network', 'aws_vpc', 'hub_main');
    expect(Object.isFrozen(vpc?.body)).toBe(true);
    expect(Object.isFrozen(vpc?.body.tags)).toBe(true);
  });

  it('gives each resource the provider configuration it names, with region and pinned accounts', () => {
    const vpc = findResource(tree, 'network', 'aws_vpc', 'hub_main');
    const provider = vpc && providerOf(tree, vpc);
    expect(provider).toMatchObject({ key: 'aws.us_east_1', region: 'us-east-1', allowedAccountIds: ['111111111111'], assumeRoleArns: ['arn:aws:iam::111111111111:role/terraform'] });
    expect(stackAccount(tree, 'payments')).toBe('222222222222');
  });

  it('reads the backend, remote states and outputs', () => {
    const payments = tree.stacks.get('payments');
    expect(payments?.backend).toMatchObject({ kind: 'local', address: 'terraform.backend.local' });
    expect(payments?.remoteStates.get('remote_state_network')).toMatchObject({ backend: 'local' });
    expect(tree.stacks.get('network')?.outputs.get('hub_main_vpc_id')?.value).toBe('${aws_vpc.hub_main.id}');
  });

  it('resolves a reference to the resource and attribute it names', () => {
    const r = resolveExpression(tree, 'network', '${aws_vpc.hub_main.id}');
    expect(r).toMatchObject({ kind: 'resource', resource: { stack: 'network', address: 'aws_vpc.hub_main' }, attribute: ['id'], hops: [] });
  });

  it('follows a remote-state output to the hub stack, its output value and the resource behind it', () => {
    const r = resolveExpression(tree, 'payments', '${data.terraform_remote_state.remote_state_network.outputs.hub_main_zone_sqs_us-east-1_amazonaws_com}');
    expect(r).toMatchObject({
      kind: 'resource',
      resource: { stack: 'network', address: 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com' },
      attribute: ['zone_id'],
      hops: [{ fromStack: 'payments', remoteState: 'remote_state_network', toStack: 'network', output: 'hub_main_zone_sqs_us-east-1_amazonaws_com' }],
    });
  });

  it('resolves an output whose value is plain text to that text', () => {
    const r = resolveExpression(tree, 'payments', '${data.terraform_remote_state.remote_state_network.outputs.hub_main_cidr}');
    expect(r).toMatchObject({ kind: 'literal', stack: 'network', value: '10.0.0.0/22' });
  });

  it('reports what it cannot resolve instead of guessing', () => {
    expect(resolveExpression(tree, 'payments', '${aws_vpc.hub_main.id}')).toMatchObject({ kind: 'unresolved' });
    expect(resolveExpression(tree, 'payments', '${data.terraform_remote_state.remote_state_network.outputs.nope}')).toMatchObject({ kind: 'unresolved', reason: 'stack network has no output nope' });
    expect(resolveExpression(tree, 'network', '${var.x}')).toMatchObject({ kind: 'unresolved' });
    expect(resolveExpression(tree, 'network', 'prefix-${aws_vpc.hub_main.id}')).toMatchObject({ kind: 'unresolved' });
  });

  it('gives one identity to the same value read directly and through a remote state', () => {
    const direct = identityOf(resolveExpression(tree, 'network', '${aws_route_table.hub_main_endpoints.id}'));
    const remote = identityOf(resolveExpression(tree, 'payments', '${data.terraform_remote_state.remote_state_network.outputs.hub_main_route_table_endpoints}'));
    expect(direct).toBeDefined();
    expect(remote).toBe(direct);
    expect(identityOf(resolveExpression(tree, 'payments', 'vpc-0a1b2c3d4e5f67890'))).toBe(identityOf(resolveExpression(tree, 'network', 'vpc-0a1b2c3d4e5f67890')));
  });

  it('decides which stack a remote state reads by the state location, not by its name', () => {
    const renamed = mutated(example(SHIPPED).stacks, (s) => {
      const data = s.payments.data as Record<string, Record<string, unknown>>;
      data.terraform_remote_state = { whatever: data.terraform_remote_state.remote_state_network };
    });
    const rs = renamed.stacks.get('payments')?.remoteStates.get('whatever');
    expect(rs && remoteStateTarget(renamed, rs)?.name).toBe('network');
  });
});

describe('remote states of the other backends', () => {
  it.each([
    ['S3 (bucket and key)', 'examples/existing-hub-vpc/vpce-hub.yaml', 'data', 'remote_state_network', 'network'],
    ['Terraform Cloud (organization and workspace)', 'examples/cross-region-cloud/vpce-hub.yaml', 'web', 'remote_state_hub', 'hub'],
  ])('finds the stack behind a %s remote state', (_label, file, stack, name, target) => {
    const { tree } = example(file);
    const rs = tree.stacks.get(stack)?.remoteStates.get(name);
    expect(rs && remoteStateTarget(tree, rs)?.name).toBe(target);
  });
});

describe('loading a synth output folder', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-tree-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads the manifest and every stack it lists, with their dependencies', () => {
    const s = synthFile(SHIPPED);
    try {
      const tree = loadTree(s.outdir);
      expect([...tree.stacks.keys()].sort()).toEqual(['analytics', 'network', 'network-spokes', 'payments']);
      expect(tree.stacks.get('payments')?.dependencies).toEqual(['network']);
      expect(tree.dir).toBe(s.outdir);
    } finally {
      s.cleanup();
    }
  });

  it.each([
    ['a folder that does not exist', (dir: string) => path.join(dir, 'nope'), 'missing', /does not exist: run `vpce-hub synth` first/],
    ['a folder without manifest.json', (dir: string) => dir, 'missing', /has no manifest.json/],
    [
      'a manifest that lists no stacks',
      (dir: string) => {
        writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: {}, version: '0.21.0' }));
        return dir;
      },
      'empty',
      /lists no stacks/,
    ],
    [
      'a stack file that is not JSON',
      (dir: string) => {
        writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { a: { name: 'a', synthesizedStackPath: 'stacks/a/cdk.tf.json' } } }));
        mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
        writeFileSync(path.join(dir, 'stacks', 'a', 'cdk.tf.json'), '{ nope');
        return dir;
      },
      'invalid',
      /is not valid JSON/,
    ],
  ])('refuses %s with a message that says what to do', (_label, prepare, reason, message) => {
    const dir = prepare(tmp);
    let error: unknown;
    try {
      loadTree(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TreeLoadError);
    expect(error).toMatchObject({ reason, message: expect.stringMatching(message) });
  });
});

describe('a hand-written tree', () => {
  it('accepts single-object provider and block forms, and a default (unaliased) provider', () => {
    const tree = buildTree({
      solo: {
        provider: { aws: { region: 'eu-west-1', allowed_account_ids: ['123456789012'] } },
        resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } },
      },
    });
    const vpc = findResource(tree, 'solo', 'aws_vpc', 'v');
    expect(vpc?.providerKey).toBe('aws');
    expect(vpc && providerOf(tree, vpc)?.region).toBe('eu-west-1');
  });
});

/** Literals, references inside a stack, and outputs read across stacks through remote state (the reachability proof's inputs). */
describe('resolution across hand-written stacks', () => {
  const tree = buildTree({
    hub: {
      terraform: { backend: { local: { path: '../../../state/hub.tfstate' } } },
      resource: {
        aws_vpc: { main: { cidr_block: '10.0.0.0/22' } },
        aws_vpc_endpoint: { sqs: { service_name: 'com.amazonaws.us-east-1.sqs' } },
      },
      output: {
        vpc: { value: '${aws_vpc.main.id}' },
        sqs_dns: { value: '${aws_vpc_endpoint.sqs.dns_entry[0].dns_name}' },
        dangling: { value: '${aws_vpc.gone.id}' },
      },
    },
    spoke: {
      terraform: { backend: { local: { path: '../../../state/spoke.tfstate' } } },
      data: {
        terraform_remote_state: {
          // Named after nothing in particular: the state it reads decides which stack it is.
          upstream: { backend: 'local', config: { path: '../../../state/hub.tfstate' } },
          nowhere: { backend: 'local', config: { path: '../../../state/other.tfstate' } },
        },
      },
    },
  });

  it('keeps literals, including numbers and booleans, as their JSON values', () => {
    expect(resolveExpression(tree, 'hub', 'vpc-0123')).toMatchObject({ kind: 'literal', value: 'vpc-0123' });
    expect(resolveExpression(tree, 'hub', 443)).toMatchObject({ kind: 'literal', value: 443 });
    expect(resolveExpression(tree, 'hub', true)).toMatchObject({ kind: 'literal', value: true });
  });

  it('resolves a reference to a resource of the same stack, keeping the attribute path', () => {
    expect(resolveExpression(tree, 'hub', '${aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id}')).toMatchObject({
      kind: 'resource',
      resource: { stack: 'hub', address: 'aws_vpc_endpoint.sqs' },
      attribute: ['dns_entry', 0, 'hosted_zone_id'],
    });
  });

  it('does not resolve a reference to a resource the stack lacks', () => {
    expect(resolveExpression(tree, 'hub', '${aws_vpc.gone.id}')).toMatchObject({ kind: 'unresolved', reason: 'aws_vpc.gone is not in stack hub' });
  });

  it('follows a remote-state output to the resource behind it, in the stack whose state it reads', () => {
    expect(resolveExpression(tree, 'spoke', '${data.terraform_remote_state.upstream.outputs.vpc}')).toMatchObject({ kind: 'resource', resource: { stack: 'hub', address: 'aws_vpc.main' }, attribute: ['id'] });
  });

  it('names the missing output, and the dangling reference behind an output', () => {
    expect(resolveExpression(tree, 'spoke', '${data.terraform_remote_state.upstream.outputs.nope}')).toMatchObject({ kind: 'unresolved', reason: 'stack hub has no output nope' });
    expect(resolveExpression(tree, 'spoke', '${data.terraform_remote_state.upstream.outputs.dangling}')).toMatchObject({ kind: 'unresolved', reason: 'aws_vpc.gone is not in stack hub' });
  });

  it('does not resolve a remote state that reads a state no stack writes, naming that state as configured, or one that is not declared', () => {
    expect(resolveExpression(tree, 'spoke', '${data.terraform_remote_state.nowhere.outputs.vpc}')).toMatchObject({
      kind: 'unresolved',
      reason: 'data.terraform_remote_state.nowhere in stack spoke reads local:../../../state/other.tfstate, which no synthesized stack writes',
    });
    expect(resolveExpression(tree, 'spoke', '${data.terraform_remote_state.hub.outputs.vpc}')).toMatchObject({ kind: 'unresolved', reason: 'data.terraform_remote_state.hub is not in stack spoke' });
  });

  it('resolves every reference inside an expression, through function calls and across stacks', () => {
    const value = '${replace(data.terraform_remote_state.upstream.outputs.sqs_dns, "*", "\\\\052")}';
    expect(resolveExpression(tree, 'spoke', value)).toMatchObject({ kind: 'unresolved' });
    const refs = resolveReferencesIn(tree, 'spoke', value);
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ kind: 'resource', resource: { stack: 'hub', address: 'aws_vpc_endpoint.sqs' }, attribute: ['dns_entry', 0, 'dns_name'] });
  });

  it('finds no references in plain text, and reports each reference it cannot follow', () => {
    expect(resolveReferencesIn(tree, 'hub', 'com.amazonaws.us-east-1.sqs')).toEqual([]);
    expect(resolveReferencesIn(tree, 'hub', '${join(",", [aws_vpc.main.id, aws_vpc.gone.id])}').map((r) => r.kind)).toEqual(['resource', 'unresolved']);
  });
});

describe('state locations', () => {
  it('names S3 and Terraform Cloud states by bucket/key and organization/workspace, and a stack without backend by its local state file', () => {
    const tree = buildTree({
      s3: { terraform: { backend: { s3: { bucket: 'b', key: 'p/network.tfstate', region: 'us-east-1' } } } },
      cloud: { terraform: { cloud: { organization: 'o', workspaces: { name: 'vpce-hub-hub' } } } },
      none: {},
    });
    const location = (name: string) => {
      const stack = tree.stacks.get(name);
      return stack && stateLocationOf(stack);
    };
    expect(location('s3')).toBe('s3:b/p/network.tfstate');
    expect(location('cloud')).toBe('tfc:app.terraform.io/o/vpce-hub-hub');
    expect(location('none')).toBe('local:stacks/none/terraform.tfstate');
  });
});
