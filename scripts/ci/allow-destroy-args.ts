/**
 * Acknowledgements of destructive changes written in the pull request description, one per line:
 *
 *   vpce-hub allow-destroy: network/aws_route53_zone.hub_main_sqs_us-east-1_amazonaws_com
 *   vpce-hub allow-destroy: payments/aws_route53_zone_association.*
 *   vpce-hub allow-outage: hub=main        (a transition outage: pairs may lose service during the apply)
 *
 * Prints `--allow-destroy` (or `--allow-outage`) and the value on separate lines, for `mapfile -t` in the workflow, so
 * nothing from the description is ever evaluated by a shell. Editing the description re-runs the
 * workflow (`types: [..., edited]`), and reviewers see every acknowledgement in the PR itself.
 *
 *   node dist/scripts/ci/allow-destroy-args.js      (reads GITHUB_EVENT_PATH)
 */
import { readFileSync } from 'node:fs';
/** A stack-qualified or bare address, or a pattern (src/review/acknowledgements.ts); anything else is ignored. */
import { ACKNOWLEDGEMENT, OUTAGE_ACKNOWLEDGEMENT } from '../../src/review/acknowledgements';

const LINE = /^\s*(?:[-*]\s*)?vpce-hub allow-destroy:\s*(\S+)\s*$/gim;
/** `vpce-hub allow-outage: hub=main` / `spoke=payments-prod`: transition outages, acknowledged apart. */
const OUTAGE_LINE = /^\s*(?:[-*]\s*)?vpce-hub allow-outage:\s*(\S+)\s*$/gim;

export function allowDestroyFromBody(body: string | null | undefined): string[] {
  const out = new Set<string>();
  for (const m of (body ?? '').replace(/`/g, '').matchAll(LINE)) if (ACKNOWLEDGEMENT.test(m[1])) out.add(m[1]);
  return [...out];
}

export function allowOutageFromBody(body: string | null | undefined): string[] {
  const out = new Set<string>();
  for (const m of (body ?? '').replace(/`/g, '').matchAll(OUTAGE_LINE)) if (OUTAGE_ACKNOWLEDGEMENT.test(m[1])) out.add(m[1]);
  return [...out];
}

export const asArgs = (addresses: string[], outages: string[] = []): string[] => [...addresses.flatMap((a) => ['--allow-destroy', a]), ...outages.flatMap((a) => ['--allow-outage', a])];

if (require.main === module) {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const event = eventPath ? (JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { body?: string | null } }) : {};
  const args = asArgs(allowDestroyFromBody(event.pull_request?.body), allowOutageFromBody(event.pull_request?.body));
  if (args.length > 0) process.stdout.write(`${args.join('\n')}\n`);
}
