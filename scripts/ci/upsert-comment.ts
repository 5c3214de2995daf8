/**
 * Posts the review report as ONE pull request comment and updates that same comment on every later
 * run, found by a hidden marker, so a PR never collects a pile of stale reports.
 *
 *   node dist/scripts/ci/upsert-comment.js review.md
 *
 * Reads GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH (the pull_request event) and
 * GITHUB_API_URL (GitHub Enterprise). A token without write access (pull requests from forks) only
 * produces a warning: the job still fails on a gated change in its own step.
 */
import { readFileSync } from 'node:fs';

export const MARKER = '<!-- vpce-hub-review -->';
/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_BODY = 65536;

export interface ApiResponse {
  status: number;
  json: unknown;
}
export type Request = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) => Promise<ApiResponse>;

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The REST client: `fetch` against the API with the token; `fetchFn` is replaceable for tests. */
export function githubRequest(token: string, apiUrl = 'https://api.github.com', fetchFn: typeof fetch = fetch): Request {
  return async (method, path, body) => {
    const res = await fetchFn(`${apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28', 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  };
}

/** The marker first (hidden when rendered), the report cut to GitHub's limit with a note when too long. */
export function commentBody(report: string, marker = MARKER): string {
  const body = `${marker}\n${report.trim()}\n`;
  if (body.length <= MAX_BODY) return body;
  const note = '\n\n> The report was cut to fit a comment; the job log and the step summary have all of it.\n';
  return `${body.slice(0, MAX_BODY - note.length)}${note}`;
}

interface Comment {
  id: number;
  body?: string;
}

const isComments = (v: unknown): v is Comment[] => Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && typeof (c as Comment).id === 'number');

/** Updates the comment that carries the marker, or creates it. */
export async function upsertComment(request: Request, repo: string, issue: number, report: string, marker = MARKER): Promise<{ action: 'created' | 'updated'; id: number }> {
  const body = commentBody(report, marker);
  let existing: Comment | undefined;
  for (let page = 1; existing === undefined; page++) {
    const res = await request('GET', `/repos/${repo}/issues/${issue}/comments?per_page=100&page=${page}`);
    if (res.status !== 200 || !isComments(res.json)) throw new GitHubApiError(res.status, `listing the comments of #${issue} failed (HTTP ${res.status})`);
    existing = res.json.find((c) => c.body?.includes(marker));
    if (res.json.length < 100) break;
  }
  if (existing) {
    const res = await request('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body });
    if (res.status !== 200) throw new GitHubApiError(res.status, `updating comment ${existing.id} failed (HTTP ${res.status})`);
    return { action: 'updated', id: existing.id };
  }
  const res = await request('POST', `/repos/${repo}/issues/${issue}/comments`, { body });
  const id = (res.json as Comment | null)?.id;
  if (res.status !== 201 || typeof id !== 'number') throw new GitHubApiError(res.status, `creating a comment on #${issue} failed (HTTP ${res.status})`);
  return { action: 'created', id };
}

/** The pull request number of the event that started the workflow. */
export function pullRequestNumber(eventJson: unknown): number {
  const pr = (eventJson as { pull_request?: { number?: unknown }; number?: unknown } | null) ?? {};
  const n = pr.pull_request?.number ?? pr.number;
  if (typeof n !== 'number') throw new Error('the event is not a pull_request event (no pull_request.number)');
  return n;
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const file = argv[2];
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repo, GITHUB_EVENT_PATH: eventPath } = env;
  if (!file || !token || !repo || !eventPath) {
    process.stderr.write('usage: GITHUB_TOKEN=... GITHUB_REPOSITORY=owner/name GITHUB_EVENT_PATH=... upsert-comment <report.md>\n');
    return 2;
  }
  const issue = pullRequestNumber(JSON.parse(readFileSync(eventPath, 'utf8')));
  try {
    const { action, id } = await upsertComment(githubRequest(token, env.GITHUB_API_URL), repo, issue, readFileSync(file, 'utf8'));
    process.stdout.write(`vpce-hub: ${action} comment ${id} on #${issue}\n`);
  } catch (e) {
    if (e instanceof GitHubApiError && (e.status === 403 || e.status === 404)) {
      process.stdout.write(`::warning::vpce-hub could not comment on #${issue} (${e.message}); a pull request from a fork gets a read-only token. The report is in the step summary.\n`);
      return 0;
    }
    throw e;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv, process.env).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`vpce-hub: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
