/** Writes templates/project/dot-github/workflows/vpce-hub-pr.yml (scripts/project-workflow.ts). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_WORKFLOW, REPO_WORKFLOW, projectWorkflow } from './project-workflow';

mkdirSync(path.dirname(PROJECT_WORKFLOW), { recursive: true });
writeFileSync(PROJECT_WORKFLOW, projectWorkflow(readFileSync(REPO_WORKFLOW, 'utf8')));
process.stdout.write(`wrote ${path.relative(process.cwd(), PROJECT_WORKFLOW)}\n`);
