/** The scripts the PR workflow calls (.github/workflows/vpce-hub-pr.yml), without GitHub or AWS. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowDestroyFromBody, allowOutageFromBody, asArgs } from '../../scripts/ci/allow-destroy-args';
import { planStacks, stacksInDeployOrder } from '../../scripts/ci/plan-stacks';
import { commentBody, GitHubApiError, MARKER, MAX_BODY, pullRequestNumber, upsertComment, type Request } from '../../scripts/ci/upsert-comment';

/** An in-memory issue-comments API that records every call. */
function fakeGitHub(comments: Array<{ id: number; body: string }>, status: Partial<Record<'GET' | 'POST' | 'PATCH', number>> = {}) {
  const calls: Array<[string, string, unknown]> = [];
  const request: Request = async (method, p, body) => {
    calls.push([method, p, body]);
    if (status[method]) return { status: status[method] as number, json: { message: 'Resource not accessible by integration' } };
    if (method === 'GET') {
      const page = Number(/[?&]page=(\d+)/.exec(p)?.[1] ?? 1);
      return { status: 200, json: comments.slice((page - 1) * 100, page * 100) };
    }
    if (method === 'PATCH') {
      const id = Number(p.split('/').pop());
      const c = comments.find((x) => x.id === id);
      if (c) c.body = (body as { body: string }).body;
      return { status: 200, json: c };
    }
    const created = { id: 9000 + comments.length, body: (body as { body: string }).body };
    comments.push(created);
    return { status: 201, json: created };
  };
  return { request, calls, comments };
}

describe('upsertComment', () => {
  it('creates the comment with the hidden marker when there is none', async () => {
    const gh = fakeGitHub([{ id: 1, body: 'LGTM' }]);
    expect(await upsertComment(gh.request, 'acme/net', 7, '## vpce-hub review\nok')).toEqual({ action: 'created', id: 9001 });
    expect(gh.calls.map(([m, p]) => `${m} ${p}`)).toEqual(['GET /repos/acme/net/issues/7/comments?per_page=100&page=1', 'POST /repos/acme/net/issues/7/comments']);
    expect(gh.comments[1].body).toBe(`${MARKER}\n## vpce-hub review\nok\n`);
  });

  it('updates the one comment that carries the marker, also past the first page', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, body: i === 120 ? `${MARKER}\nold report` : `comment ${i}` }));
    const gh = fakeGitHub(many);
    expect(await upsertComment(gh.request, 'acme/net', 7, 'new report')).toEqual({ action: 'updated', id: 121 });
    expect(gh.calls.map(([m, p]) => `${m} ${p}`)).toEqual([
      'GET /repos/acme/net/issues/7/comments?per_page=100&page=1',
      'GET /repos/acme/net/issues/7/comments?per_page=100&page=2',
      'PATCH /repos/acme/net/issues/comments/121',
    ]);
    expect(gh.comments[120].body).toBe(`${MARKER}\nnew report\n`);
    expect(gh.comments.filter((c) => c.body.includes(MARKER))).toHaveLength(1);
  });

  it('raises the HTTP status when GitHub refuses (the script turns 403/404 into a warning)', async () => {
    const gh = fakeGitHub([], { POST: 403 });
    await expect(upsertComment(gh.request, 'acme/net', 7, 'x')).rejects.toMatchObject({ status: 403 });
    await expect(upsertComment(fakeGitHub([], { GET: 404 }).request, 'acme/net', 7, 'x')).rejects.toBeInstanceOf(GitHubApiError);
  });
});

describe('commentBody', () => {
  it('cuts a report longer than a comment can be, and says so', () => {
    const body = commentBody('x'.repeat(MAX_BODY * 2));
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('The report was cut');
  });
});

describe('pullRequestNumber', () => {
  it('reads the number of a pull_request event and refuses other events', () => {
    expect(pullRequestNumber({ pull_request: { number: 42 } })).toBe(42);
    expect(() => pullRequestNumber({ ref: 'refs/heads/main' })).toThrow(/not a pull_request event/);
  });
});

describe('allowDestroyFromBody', () => {
  it('takes one address per "vpce-hub allow-destroy:" line, in list items or code spans too', () => {
    const body = [
      'Moves the hub to us-east-2.',
      '',
      'vpce-hub allow-destroy: network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com',
      '- vpce-hub allow-destroy: `aws_vpc_endpoint.hub_main_sqs`',
      'VPCE-HUB ALLOW-DESTROY: payments/aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main',
    ].join('\r\n');
    expect(allowDestroyFromBody(body)).toEqual([
      'network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com',
      'aws_vpc_endpoint.hub_main_sqs',
      'payments/aws_route.spoke_payments-prod_rtb-0a1b2c3d4e5f67890_to_hub_main',
    ]);
  });

  it('takes patterns: every association of a stack, of a spoke, of a hub', () => {
    const body = ['vpce-hub allow-destroy: payments/aws_route53_zone_association.*', 'vpce-hub allow-destroy: aws_route53_zone_association.spoke_payments-prod_*', 'vpce-hub allow-destroy: hub=main/aws_route53_zone_association.*'].join('\n');
    expect(allowDestroyFromBody(body)).toEqual(['payments/aws_route53_zone_association.*', 'aws_route53_zone_association.spoke_payments-prod_*', 'hub=main/aws_route53_zone_association.*']);
  });

  it('ignores anything that is not an address, and empty descriptions', () => {
    expect(allowDestroyFromBody('vpce-hub allow-destroy: $(rm -rf /)\nvpce-hub allow-destroy: everything')).toEqual([]);
    expect(allowDestroyFromBody(null)).toEqual([]);
  });

  it('turns addresses into command-line arguments, one per line', () => {
    expect(asArgs(['a.b', 'n/c.d'])).toEqual(['--allow-destroy', 'a.b', '--allow-destroy', 'n/c.d']);
    expect(asArgs(['a.b'], ['hub=main'])).toEqual(['--allow-destroy', 'a.b', '--allow-outage', 'hub=main']);
  });
});

describe('allowOutageFromBody', () => {
  it('takes hub= and spoke= values of "vpce-hub allow-outage:" lines only, never allow-destroy ones', () => {
    const body = ['vpce-hub allow-outage: hub=main', '- vpce-hub allow-outage: `spoke=payments-prod`', 'vpce-hub allow-destroy: hub=main/aws_route53_zone_association.*', 'vpce-hub allow-outage: hub=main/aws_route.*', 'vpce-hub allow-outage: $(id)'].join('\n');
    expect(allowOutageFromBody(body)).toEqual(['hub=main', 'spoke=payments-prod']);
    expect(allowDestroyFromBody(body)).toEqual(['hub=main/aws_route53_zone_association.*']);
  });
});

describe('planStacks', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-plan-stacks-'));
    const stacks = { payments: ['network'], network: [], analytics: ['network'] };
    writeFileSync(
      path.join(out, 'manifest.json'),
      JSON.stringify({ stacks: Object.fromEntries(Object.entries(stacks).map(([name, deps]) => [name, { name, workingDirectory: `stacks/${name}`, dependencies: deps }])) }),
    );
    for (const name of Object.keys(stacks)) mkdirSync(path.join(out, 'stacks', name), { recursive: true });
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('orders stacks hub first (dependencies before dependents), then by name', () => {
    expect(stacksInDeployOrder(out).map((s) => s.name)).toEqual(['network', 'analytics', 'payments']);
  });

  it('runs init, plan and show per stack and writes <stack>.json; a stack that fails is skipped and reported', () => {
    const calls: string[] = [];
    const log: string[] = [];
    const files = planStacks(
      out,
      path.join(out, 'plans'),
      (cwd, args) => {
        calls.push(`${path.basename(cwd)}: ${args[0]}`);
        if (path.basename(cwd) === 'analytics' && args[0] === 'plan') throw new Error('Unsupported attribute: hub_main_peering_analytics-prod');
        return args[0] === 'show' ? `{"stack":"${path.basename(cwd)}"}` : '';
      },
      (l) => log.push(l),
    );
    expect(files.map((f) => path.basename(f))).toEqual(['network.json', 'payments.json']);
    expect(JSON.parse(readFileSync(files[0], 'utf8'))).toEqual({ stack: 'network' });
    expect(calls).toEqual(['network: init', 'network: plan', 'network: show', 'analytics: init', 'analytics: plan', 'payments: init', 'payments: plan', 'payments: show']);
    expect(log[1]).toMatch(/^could not plan analytics/);
  });
});
