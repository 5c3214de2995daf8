/** Test helper: one shipped example, synthesized once for a describe block, and its proof after a break. */
import path from 'node:path';
import { proveReachability, type ReachabilityProof } from '../../src/analysis/prove';
import { loadConfigFile } from '../../src/config/load';
import type { VpceHubConfig } from '../../src/config/schema';
import { PROJECT_ROOT, synthFile } from '../support/synth';
import { broken, treeOf, type SynthesizedApp } from './break';

export interface Example {
  app: SynthesizedApp;
  config: VpceHubConfig;
  /** The proof of a copy of the app with `edit` applied (the app itself stays as synthesized). */
  prove: (edit: (copy: SynthesizedApp) => void) => ReachabilityProof;
}

/** Synthesizes `file` (relative to the project root) in beforeAll and removes it in afterAll. */
export function example(file: string): Example {
  const ex = {} as Example;
  let cleanup = () => {};
  beforeAll(() => {
    const synth = synthFile(file);
    cleanup = synth.cleanup;
    ex.app = { stacks: synth.stacks };
    ex.config = loadConfigFile(path.join(PROJECT_ROOT, file)).config;
    ex.prove = (edit) => proveReachability(treeOf(broken(ex.app, edit)), ex.config);
  });
  afterAll(() => cleanup());
  return ex;
}
