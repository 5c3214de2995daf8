/** Reference resolution: literals, references inside a stack, and outputs read across stacks through remote state. */
import { refsOf, resolveValue, stateLocation } from '../../src/analysis/prove/resolve';
import type { SynthesizedApp } from '../../src/analysis/prove/synthesized';

const app: SynthesizedApp = {
  stacks: {
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
  },
};

describe('resolveValue', () => {
  it('keeps literals, including numbers and booleans, as strings', () => {
    expect(resolveValue(app, 'hub', 'vpc-0123')).toEqual({ kind: 'literal', value: 'vpc-0123' });
    expect(resolveValue(app, 'hub', 443)).toEqual({ kind: 'literal', value: '443' });
    expect(resolveValue(app, 'hub', true)).toEqual({ kind: 'literal', value: 'true' });
  });

  it('resolves a reference to a resource of the same stack, keeping the attribute path', () => {
    expect(resolveValue(app, 'hub', '${aws_vpc_endpoint.sqs.dns_entry[0].hosted_zone_id}')).toEqual({
      kind: 'ref',
      ref: { stack: 'hub', address: 'aws_vpc_endpoint.sqs', attr: 'dns_entry[0].hosted_zone_id' },
    });
  });

  it('does not resolve a reference to a resource the stack lacks', () => {
    expect(resolveValue(app, 'hub', '${aws_vpc.gone.id}')).toEqual({ kind: 'unresolved', reason: 'stack hub has no aws_vpc.gone' });
  });

  it('follows a remote-state output to the resource behind it, in the stack whose state it reads', () => {
    expect(resolveValue(app, 'spoke', '${data.terraform_remote_state.upstream.outputs.vpc}')).toEqual({ kind: 'ref', ref: { stack: 'hub', address: 'aws_vpc.main', attr: 'id' } });
  });

  it('names the missing output, and the dangling reference behind an output', () => {
    expect(resolveValue(app, 'spoke', '${data.terraform_remote_state.upstream.outputs.nope}')).toEqual({ kind: 'unresolved', reason: 'stack hub has no output nope (read by stack spoke)' });
    expect(resolveValue(app, 'spoke', '${data.terraform_remote_state.upstream.outputs.dangling}')).toEqual({ kind: 'unresolved', reason: 'stack hub has no aws_vpc.gone' });
  });

  it('does not resolve a remote state that reads a state no stack writes, or one that is not declared', () => {
    expect(resolveValue(app, 'spoke', '${data.terraform_remote_state.nowhere.outputs.vpc}')).toEqual({
      kind: 'unresolved',
      reason: 'data.terraform_remote_state.nowhere in stack spoke reads local:../../../state/other.tfstate, which no synthesized stack writes',
    });
    expect(resolveValue(app, 'spoke', '${data.terraform_remote_state.hub.outputs.vpc}')).toEqual({ kind: 'unresolved', reason: 'stack spoke has no data.terraform_remote_state.hub' });
  });

  it('collects every reference inside an expression, across stacks', () => {
    const r = resolveValue(app, 'spoke', '${replace(data.terraform_remote_state.upstream.outputs.sqs_dns, "*", "\\\\052")}');
    expect(r.kind).toBe('expr');
    expect(refsOf(r)).toEqual([{ stack: 'hub', address: 'aws_vpc_endpoint.sqs', attr: 'dns_entry[0].dns_name' }]);
  });
});

describe('stateLocation', () => {
  it('names S3 and Terraform Cloud states by bucket/key and organization/workspace', () => {
    expect(stateLocation({ terraform: { backend: { s3: { bucket: 'b', key: 'p/network.tfstate', region: 'us-east-1' } } } })).toBe('s3:b/p/network.tfstate');
    expect(stateLocation({ terraform: { cloud: { organization: 'o', workspaces: { name: 'vpce-hub-hub' } } } })).toBe('tfc:app.terraform.io/o/vpce-hub-hub');
    expect(stateLocation({})).toBeUndefined();
  });
});
