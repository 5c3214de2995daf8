/** Reading `terraform show -json` output: which actions are changes, and how a replace is written. */
import { actionOf, parsePlanJson, PlanJsonError } from '../../src/review/plan-json';
import { parsePlanSpec, ReviewInputError } from '../../src/review/run-review';

const rc = (address: string, actions: string[], extra: Record<string, unknown> = {}) => {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, change: { actions, before: null, after: null }, ...extra };
};
const plan = (...changes: unknown[]) => JSON.stringify({ format_version: '1.2', terraform_version: '1.11.0', resource_changes: changes });

describe('parsePlanJson', () => {
  it('reads ["delete","create"] as a replace, destroy before create, with the attributes that force it', () => {
    const text = plan({
      ...rc('aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com', ['delete', 'create']),
      action_reason: 'replace_because_cannot_update',
      change: { actions: ['delete', 'create'], before: { name: 'sqs.us-east-1.amazonaws.com' }, after: { name: 'sqs.us-east-2.amazonaws.com' }, replace_paths: [['name']] },
    });
    const [change] = parsePlanJson(text, 'network');
    expect(change).toMatchObject({
      stack: 'network',
      address: 'aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com',
      type: 'aws_route53_zone',
      action: 'replace',
      replaceOrder: 'delete-before-create',
      attributes: ['name'],
      before: { name: 'sqs.us-east-1.amazonaws.com' },
    });
  });

  it('reads ["create","delete"] as a replace, create before destroy', () => {
    const [change] = parsePlanJson(plan(rc('aws_vpc_endpoint.hub_main_sqs', ['create', 'delete'])), 'network');
    expect(change).toMatchObject({ action: 'replace', replaceOrder: 'create-before-delete' });
  });

  it('reads create, update and delete, skips no-op, read and data sources, and sorts by action then address', () => {
    const text = plan(
      rc('aws_vpc.hub_main', ['no-op']),
      rc('aws_route.b', ['delete']),
      { ...rc('aws_security_group.hub_main_endpoints', ['update']), change: { actions: ['update'], before: { tags: { a: '1' }, name: 'x' }, after: { tags: { a: '2' }, name: 'x' } } },
      rc('aws_route.a', ['create']),
      { ...rc('aws_availability_zones.all', ['read']), mode: 'data' },
    );
    expect(parsePlanJson(text, 'network').map((c) => [c.action, c.address, c.attributes])).toEqual([
      ['create', 'aws_route.a', []],
      ['update', 'aws_security_group.hub_main_endpoints', ['tags']],
      ['delete', 'aws_route.b', []],
    ]);
  });

  it('rejects text that is not a plan, naming what it expected', () => {
    expect(() => parsePlanJson('{"values": {}}', 'network')).toThrow(/terraform show -json/);
    expect(() => parsePlanJson('not json', 'network')).toThrow(PlanJsonError);
    expect(() => actionOf(['create', 'create'])).toThrow(/unknown action list/);
  });
});

describe('parsePlanSpec', () => {
  const stacks = new Set(['network', 'payments']);
  it('takes the stack from stack=file or from the file name', () => {
    expect(parsePlanSpec('network=out/plan.json', stacks)).toEqual({ stack: 'network', file: 'out/plan.json' });
    expect(parsePlanSpec('plans/payments.json', stacks)).toEqual({ stack: 'payments', file: 'plans/payments.json' });
    expect(parsePlanSpec('plans/payments.plan.json', stacks)).toEqual({ stack: 'payments', file: 'plans/payments.plan.json' });
  });
  it('refuses a file it cannot attribute to a stack', () => {
    expect(() => parsePlanSpec('plans/tfplan.json', stacks)).toThrow(ReviewInputError);
  });
});
