/**
 * Comparing two synthesized trees without Terraform: creates, deletes, in-place updates, and
 * replacements forced by the ForceNew table, spreading through references and remote-state outputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTree, loadTree } from '../../src/analysis/tree';
import type { ResourceChange } from '../../src/review/changes';
import { FORCE_NEW } from '../../src/review/force-new';
import { diffTrees } from '../../src/review/tree-diff';
import { synthFile, synthText } from '../support/synth';

type Doc = Record<string, unknown>;

/** A hub stack with a zone, its record and an authorization, and a spoke stack that associates with it. */
function hubAndSpoke(zoneName = 'sqs.us-east-1.amazonaws.com', extra: (hub: Doc, spoke: Doc) => void = () => undefined): ReturnType<typeof buildTree> {
  const hub: Doc = {
    terraform: { backend: { local: { path: 'network.tfstate' } } },
    resource: {
      aws_vpc: { hub_main: { provider: 'aws.us_east_1', cidr_block: '10.0.0.0/22', tags: { Name: 'hub' } } },
      aws_route53_zone: {
        hub_main_sqs: { provider: 'aws.us_east_1', name: zoneName, vpc: [{ vpc_id: '${aws_vpc.hub_main.id}' }], lifecycle: { ignore_changes: ['vpc'] } },
      },
      aws_route53_record: { hub_main_sqs_apex: { provider: 'aws.us_east_1', zone_id: '${aws_route53_zone.hub_main_sqs.zone_id}', name: zoneName, type: 'A' } },
      aws_route53_vpc_association_authorization: {
        hub_main_sqs_for_payments: { provider: 'aws.us_east_1', zone_id: '${aws_route53_zone.hub_main_sqs.zone_id}', vpc_id: 'vpc-0a', vpc_region: 'us-east-1' },
      },
    },
    output: { hub_main_zone_sqs: { value: '${aws_route53_zone.hub_main_sqs.zone_id}' } },
  };
  const spoke: Doc = {
    terraform: { backend: { local: { path: 'payments.tfstate' } } },
    data: { terraform_remote_state: { remote_state_network: { backend: 'local', config: { path: 'network.tfstate' } } } },
    resource: {
      aws_route53_zone_association: {
        spoke_payments_sqs: { provider: 'aws.us_east_1', zone_id: '${data.terraform_remote_state.remote_state_network.outputs.hub_main_zone_sqs}', vpc_id: 'vpc-0a', vpc_region: 'us-east-1' },
      },
    },
  };
  extra(hub, spoke);
  // Both stacks run in sibling folders, so equal relative state paths would collide: place them.
  return buildTree({ network: hub, payments: spoke }, { stacks: { network: { workingDirectory: 'stacks/x' }, payments: { workingDirectory: 'stacks/x' } } });
}

const all = (stacks: ReturnType<typeof diffTrees>): ResourceChange[] => stacks.flatMap((s) => s.changes);
const find = (stacks: ReturnType<typeof diffTrees>, address: string): ResourceChange | undefined => all(stacks).find((c) => c.address === address);

describe('diffTrees', () => {
  it('reports nothing for identical trees', () => {
    const stacks = diffTrees(hubAndSpoke(), hubAndSpoke(), ['network', 'payments']);
    expect(all(stacks)).toEqual([]);
    expect(stacks.map((s) => [s.stack, s.status, s.source])).toEqual([
      ['network', 'existing', 'synth-diff'],
      ['payments', 'existing', 'synth-diff'],
    ]);
  });

  it('lists everything as a create when there is no base, stacks in the given deploy order', () => {
    const stacks = diffTrees(undefined, hubAndSpoke(), ['network', 'payments']);
    expect(stacks.map((s) => s.stack)).toEqual(['network', 'payments']);
    expect(stacks.every((s) => s.status === 'new')).toBe(true);
    expect(new Set(all(stacks).map((c) => c.action))).toEqual(new Set(['create']));
    expect(all(stacks)).toHaveLength(5);
  });

  it('classifies a tag change as an in-place update naming the attribute', () => {
    const current = hubAndSpoke(undefined, (hub) => {
      ((hub.resource as Doc).aws_vpc as Record<string, Doc>).hub_main.tags = { Name: 'hub-renamed' };
    });
    expect(find(diffTrees(hubAndSpoke(), current), 'aws_vpc.hub_main')).toMatchObject({ action: 'update', attributes: ['tags'] });
  });

  it('classifies a renamed zone at the same address as a replace, and spreads it to records, authorizations and spoke associations', () => {
    const stacks = diffTrees(hubAndSpoke(), hubAndSpoke('sqs.us-east-2.amazonaws.com'));
    expect(find(stacks, 'aws_route53_zone.hub_main_sqs')).toMatchObject({ action: 'replace', attributes: ['name'] });
    // The record's own name changed too; the authorization's text did not, but its zone_id will.
    expect(find(stacks, 'aws_route53_record.hub_main_sqs_apex')).toMatchObject({ action: 'replace', attributes: ['name', 'zone_id'] });
    expect(find(stacks, 'aws_route53_vpc_association_authorization.hub_main_sqs_for_payments')).toMatchObject({
      action: 'replace',
      attributes: ['zone_id'],
      reason: 'zone_id changes because aws_route53_zone.hub_main_sqs is replaced',
    });
    const association = find(stacks, 'aws_route53_zone_association.spoke_payments_sqs');
    expect(association).toMatchObject({ stack: 'payments', action: 'replace', attributes: ['zone_id'] });
    expect(association?.reason).toContain('output hub_main_zone_sqs of stack network changes');
  });

  it('ignores attributes named in lifecycle.ignore_changes and meta-arguments', () => {
    const current = hubAndSpoke(undefined, (hub) => {
      const zone = ((hub.resource as Doc).aws_route53_zone as Record<string, Doc>).hub_main_sqs;
      zone.vpc = [{ vpc_id: 'vpc-other' }];
      zone.depends_on = ['aws_vpc.hub_main'];
    });
    expect(all(diffTrees(hubAndSpoke(), current))).toEqual([]);
  });

  it('updates in place what refers to a replaced resource through an updatable attribute, and leaves the zone (its vpc is ignored)', () => {
    const withEndpoint = (cidr: string) =>
      hubAndSpoke(undefined, (hub) => {
        const resources = hub.resource as Record<string, Record<string, Doc>>;
        resources.aws_vpc.hub_main.cidr_block = cidr;
        resources.aws_vpc_endpoint = { hub_main_sqs: { provider: 'aws.us_east_1', vpc_id: '${aws_vpc.hub_main.id}', service_name: 'com.amazonaws.us-east-1.sqs' } };
        resources.aws_route53_record.hub_main_sqs_apex.alias = { name: '${aws_vpc_endpoint.hub_main_sqs.dns_entry[0].dns_name}' };
      });
    const stacks = diffTrees(withEndpoint('10.0.0.0/22'), withEndpoint('10.0.4.0/22'));
    expect(find(stacks, 'aws_vpc.hub_main')).toMatchObject({ action: 'replace', attributes: ['cidr_block'] });
    expect(find(stacks, 'aws_vpc_endpoint.hub_main_sqs')).toMatchObject({ action: 'replace', attributes: ['vpc_id'] });
    expect(find(stacks, 'aws_route53_record.hub_main_sqs_apex')).toMatchObject({ action: 'update', attributes: ['alias'] });
    expect(find(stacks, 'aws_route53_zone.hub_main_sqs')).toBeUndefined();
  });

  it('classifies a move to another provider configuration as a replace, with the reason', () => {
    const current = hubAndSpoke(undefined, (hub) => {
      ((hub.resource as Doc).aws_vpc as Record<string, Doc>).hub_main.provider = 'aws.us_east_2';
    });
    const vpc = find(diffTrees(hubAndSpoke(), current), 'aws_vpc.hub_main');
    expect(vpc).toMatchObject({ action: 'replace', attributes: [] });
    expect(vpc?.reason).toContain('moves from provider aws.us_east_1 to aws.us_east_2');
  });

  it('marks a stack that only the base has as removed, its resources as deletes', () => {
    const base = hubAndSpoke();
    const current = buildTree({ network: (base.stacks.get('network') as { json: unknown }).json });
    const stacks = diffTrees(base, current, ['network']);
    const payments = stacks.find((s) => s.stack === 'payments');
    expect(payments).toMatchObject({ status: 'removed' });
    expect(payments?.changes.map((c) => [c.action, c.address])).toEqual([['delete', 'aws_route53_zone_association.spoke_payments_sqs']]);
  });

  it('adding a spoke to the shipped example only adds resources (real synth)', () => {
    const base = synthFile('vpce-hub.yaml');
    const text = readFileSync(path.join(__dirname, '../../vpce-hub.yaml'), 'utf8');
    const current = synthText(
      `${text}\n  - name: reporting\n    account: payments\n    vpc: { id: vpc-0f1e2d3c4b5a69780, cidr: 10.9.0.0/16, routeTableIds: [rtb-0f1e2d3c4b5a69780] }\n`,
    );
    try {
      const stacks = diffTrees(loadTree(base.outdir), loadTree(current.outdir));
      const actions = new Set(all(stacks).map((c) => c.action));
      expect(actions).toEqual(new Set(['create']));
      expect(all(stacks).every((c) => c.address.includes('reporting'))).toBe(true);
    } finally {
      base.cleanup();
      current.cleanup();
    }
  });
});

describe('the ForceNew table', () => {
  it('has a row for every resource type the shipped example and every example under examples/ emit', () => {
    const files = ['vpce-hub.yaml', ...readdirSync(path.join(__dirname, '../../examples')).map((d) => `examples/${d}/vpce-hub.yaml`)];
    const missing = new Set<string>();
    for (const file of files) {
      const s = synthFile(file);
      try {
        for (const stack of Object.values(s.stacks)) for (const type of Object.keys(stack.resource ?? {})) if (!(type in FORCE_NEW)) missing.add(type);
      } finally {
        s.cleanup();
      }
    }
    expect([...missing]).toEqual([]);
  });
});
