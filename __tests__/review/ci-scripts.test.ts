/** The scripts the PR workflow calls (.github/workflows/vpce-hub-pr.yml), without GitHub or AWS. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { generateTopology } from '../../bench/topology';
import { allowDestroyFromBody, allowOutageFromBody, asArgs } from '../../scripts/ci/allow-destroy-args';
import { githubOutputs, MatrixInputError, parseChangedStacks, parseMatrixStacks, planMatrix, type MatrixJob } from '../../scripts/ci/plan-matrix';
import { planStack, planStacks, stacksInDeployOrder } from '../../scripts/ci/plan-stacks';
import { runChangedStacksCommand } from '../../src/cli/commands/changed-stacks';
import { parseConfigText } from '../../src/config/load';
import { synthConfig } from '../support/synth';
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
    expect(stacksInDeployOrder(out).map((s) => s.stack)).toEqual(['network', 'analytics', 'payments']);
  });

  it('runs init, plan and show per stack and writes <stack>.json; a stack that fails is skipped and reported', () => {
    const calls: string[] = [];
    const log: string[] = [];
    const files = planStacks(
      stacksInDeployOrder(out),
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

  it('plans a removed stack from its base folder with plan -destroy', () => {
    const args: string[][] = [];
    const file = planStack({ stack: 'old', dir: path.join(out, 'stacks', 'payments'), removed: true }, path.join(out, 'plans'), (_cwd, a) => {
      args.push(a);
      return '{}';
    });
    expect(path.basename(file ?? '')).toBe('old.json');
    expect(args[1]).toEqual(['plan', '-input=false', '-lock=false', '-no-color', '-destroy', '-out=tfplan']);
  });
});

describe('plan matrices (plan-matrix.ts) from vpce-hub changed-stacks --json', () => {
  const stack = (name: string, level: number, removed = false) => ({ stack: name, dir: `cdktf.out/stacks/${name}`, removed, level });

  it('builds the matrices from what changed-stacks prints for two real synth outputs: only changed stacks, hub level first', () => {
    const size = { spokes: 4, accounts: 2, services: 2, dns: 'private-hosted-zones' as const };
    const base = synthConfig(parseConfigText(stringify(generateTopology(size))).config);
    // The head adds a service: the hub stack and both spokes stacks change, network-spokes (no spokes) does not.
    const head = synthConfig(parseConfigText(stringify(generateTopology({ ...size, services: 3 }))).config);
    const work = mkdtempSync(path.join(os.tmpdir(), 'vpce-hub-matrix-'));
    try {
      cpSync(base.outdir, path.join(work, 'cdktf.base.out'), { recursive: true });
      cpSync(head.outdir, path.join(work, 'cdktf.out'), { recursive: true });
      const printed = runChangedStacksCommand({ baseDir: 'cdktf.base.out', dir: 'cdktf.out', json: true }, work);
      expect(printed.exitCode).toBe(0);
      const matrix = planMatrix(parseChangedStacks(printed.stdout));
      expect(matrix).toEqual({
        first: [{ name: 'network', stacks: [{ stack: 'network', dir: 'cdktf.out/stacks/network', removed: false }] }],
        then: [
          { name: 'team-01', stacks: [{ stack: 'team-01', dir: 'cdktf.out/stacks/team-01', removed: false }] },
          { name: 'team-02', stacks: [{ stack: 'team-02', dir: 'cdktf.out/stacks/team-02', removed: false }] },
        ],
      });
      // Each job's stacks, as the workflow hands them to plan-stacks.js (toJSON(matrix.stacks)), read back the same.
      expect(parseMatrixStacks(JSON.stringify(matrix.then[0].stacks))).toEqual(matrix.then[0].stacks);
      expect(githubOutputs(matrix).split('\n')).toEqual([`first=${JSON.stringify(matrix.first)}`, `then=${JSON.stringify(matrix.then)}`, 'stacks=3', '']);
    } finally {
      rmSync(work, { recursive: true, force: true });
      base.cleanup();
      head.cleanup();
    }
  });

  it('gives empty matrices when nothing changed, which the workflow skips', () => {
    expect(githubOutputs(planMatrix(parseChangedStacks('[]')))).toBe('first=[]\nthen=[]\nstacks=0\n');
  });

  it('keeps removed stacks (planned with -destroy) at their level', () => {
    expect(planMatrix([stack('network', 0), { ...stack('old', 1, true), dir: 'cdktf.base.out/stacks/old' }]).then).toEqual([{ name: 'old', stacks: [{ stack: 'old', dir: 'cdktf.base.out/stacks/old', removed: true }] }]);
  });

  it('batches a level with more stacks than a matrix may have jobs, in order, every stack once', () => {
    const many = Array.from({ length: 7 }, (_, i) => stack(`team-${i}`, 1));
    const jobs: MatrixJob[] = planMatrix(many, 3).then;
    expect(jobs.map((j) => [j.name, j.stacks.length])).toEqual([
      ['team-0-and-2-more', 3],
      ['team-3-and-2-more', 3],
      ['team-6', 1],
    ]);
    expect(jobs.flatMap((j) => j.stacks.map((s) => s.stack))).toEqual(many.map((s) => s.stack));
  });

  it('refuses entries that would plan outside the workspace or name an artifact badly', () => {
    const entry = (over: object) => JSON.stringify([{ ...stack('team-01', 1), ...over }]);
    expect(() => parseChangedStacks(entry({ dir: '../elsewhere/stacks/x' }))).toThrow(MatrixInputError);
    expect(() => parseChangedStacks(entry({ dir: '/abs/stacks/x' }))).toThrow(/relative to the workspace/);
    expect(() => parseChangedStacks(entry({ stack: 'a/b' }))).toThrow(/stack name/);
    expect(() => parseChangedStacks(entry({ level: -1 }))).toThrow(/level/);
    expect(() => parseChangedStacks('{"stack":"x"}')).toThrow(/JSON array/);
    expect(() => parseMatrixStacks('[]')).toThrow(/non-empty/);
  });
});

describe('the PR workflow (.github/workflows/vpce-hub-pr.yml)', () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }
  interface Job {
    needs?: string | string[];
    if?: string;
    outputs?: Record<string, string>;
    strategy?: { matrix?: { include?: string }; 'fail-fast'?: boolean };
    steps: Step[];
  }
  const workflow = parse(readFileSync(path.join(__dirname, '..', '..', '.github', 'workflows', 'vpce-hub-pr.yml'), 'utf8')) as { jobs: Record<string, Job> };
  const { stacks, 'plan-first': first, 'plan-then': then, review } = workflow.jobs;
  const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

  it('synthesizes the base and the head, and builds the matrices from changed-stacks', () => {
    expect(runs(stacks)).toContain('npx vpce-hub synth');
    expect(runs(stacks)).toContain('git worktree add --detach "$RUNNER_TEMP/vpce-hub-base" "$BASE_SHA"');
    expect(runs(stacks)).toContain('npx vpce-hub changed-stacks --base-dir cdktf.base.out --json > changed-stacks.json');
    expect(runs(stacks)).toContain('node dist/scripts/ci/plan-matrix.js changed-stacks.json');
    // The job's outputs are the ones plan-matrix.ts writes.
    const written = githubOutputs(planMatrix([])).split('\n').filter(Boolean).map((l) => l.split('=')[0]);
    for (const name of written) expect(stacks.outputs?.[name]).toBe(`\${{ steps.matrix.outputs.${name} }}`);
  });

  it('plans only the matrix of changed stacks, level 0 first, then the stacks that read them', () => {
    expect(first.strategy?.matrix?.include).toBe('${{ fromJSON(needs.stacks.outputs.first) }}');
    expect(then.strategy?.matrix?.include).toBe('${{ fromJSON(needs.stacks.outputs.then) }}');
    expect(then.needs).toEqual(['stacks', 'plan-first']);
    expect(first.if).toContain("needs.stacks.outputs.first != '[]'");
    expect(then.if).toContain("needs.stacks.outputs.then != '[]'");
    // The two levels run the same steps.
    expect(then.steps).toEqual(first.steps);
    const plan = first.steps.find((s) => s.run?.includes('plan-stacks.js'));
    expect(plan?.run).toBe('node dist/scripts/ci/plan-stacks.js --stacks "$STACKS" --out plans');
    expect(plan?.env).toEqual({ STACKS: '${{ toJSON(matrix.stacks) }}' });
    // No step anywhere plans every synthesized stack.
    for (const job of Object.values(workflow.jobs)) for (const s of job.steps) if (s.run?.includes('plan-stacks.js')) expect(s.run).toContain('--stacks');
  });

  it('collects every plan artifact and runs one review with --plan over them', () => {
    expect(review.needs).toEqual(['stacks', 'plan-first', 'plan-then']);
    const upload = first.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    const download = review.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(upload?.with?.name).toBe('plan-${{ matrix.name }}');
    expect(download?.with).toMatchObject({ pattern: 'plan-*', path: 'plans', 'merge-multiple': true });
    expect(runs(review)).toContain("for f in plans/*.json; do printf -- '--plan\\n%s\\n' \"$f\"; done > plan-args.txt");
    expect(runs(review).match(/npx vpce-hub review /g)).toHaveLength(1);
    expect(runs(review)).toContain('"${PLAN_ARGS[@]}"');
  });
});
