/**
 * The PR workflow `vpce-hub init` writes into a user's project (templates/project/dot-github/workflows/
 * vpce-hub-pr.yml), derived from this repository's own .github/workflows/vpce-hub-pr.yml so the two never
 * drift: a user's project installs vpce-hub from npm, so there is no `npm run build` and the helper
 * scripts are the installed package's (node_modules/vpce-hub/dist/scripts/ci). Regenerate with
 * `npx tsx scripts/generate-project-workflow.ts`; a test fails while the committed template is stale.
 */
import path from 'node:path';

export const REPO_WORKFLOW = path.resolve(__dirname, '..', '.github', 'workflows', 'vpce-hub-pr.yml');
export const PROJECT_WORKFLOW = path.resolve(__dirname, '..', 'templates', 'project', 'dot-github', 'workflows', 'vpce-hub-pr.yml');

const HEADER = [
  '# Written by `npx vpce-hub init` for a project that installs vpce-hub from npm (generated from',
  "# vpce-hub's own workflow): the helper scripts are the installed package's, node_modules/vpce-hub/dist/scripts/ci.",
  '#',
].join('\n');

export function projectWorkflow(repoWorkflow: string): string {
  const out = repoWorkflow
    // The installed package is compiled already; this repository builds its scripts first.
    .replace(/^[ \t]*- run: npm run build\n/gm, '')
    .replace(/(?<![\w/.-])dist\/scripts\/ci\//g, 'node_modules/vpce-hub/dist/scripts/ci/');
  // Anything the replacements above did not cover would run this repository's files: fail loudly.
  const leftover = /npm run build|(?<!node_modules\/vpce-hub\/)dist\/scripts\//.exec(out);
  if (leftover) throw new Error(`the project workflow would still use "${leftover[0]}" of this repository: teach scripts/project-workflow.ts the new form`);
  return `${HEADER}\n${out}`;
}
