/** Every shipped config: vpce-hub.yaml and each examples/<name>/vpce-hub.yaml, found on disk so a new example is covered without editing tests. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './synth';

export const SHIPPED_CONFIGS: readonly string[] = [
  'vpce-hub.yaml',
  ...readdirSync(path.join(PROJECT_ROOT, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(PROJECT_ROOT, 'examples', d.name, 'vpce-hub.yaml')))
    .map((d) => path.posix.join('examples', d.name, 'vpce-hub.yaml'))
    .sort(),
];
