/**
 * vpce-hub's own package: its folder (the repository, or node_modules/vpce-hub once installed) and
 * package.json. Found by walking up from this file, which sits at src/cli in a checkout (run by tsx or
 * jest) and at dist/src/cli when compiled.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`vpce-hub: no package.json above ${__dirname}`);
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as PackageJson;
}
