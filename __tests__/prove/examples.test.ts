/** Every shipped config, synthesized for real and read back from its output folder, proves fully reachable. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describeFailure, proveReachability } from '../../src/analysis/prove';
import { loadTree } from '../../src/analysis/tree';
import { loadConfigFile } from '../../src/config/load';
import { PROJECT_ROOT, synthFile } from '../support/synth';

const examplesDir = path.join(PROJECT_ROOT, 'examples');
const CONFIGS = [
  'vpce-hub.yaml',
  ...readdirSync(examplesDir)
    .filter((d) => existsSync(path.join(examplesDir, d, 'vpce-hub.yaml')))
    .sort()
    .map((d) => `examples/${d}/vpce-hub.yaml`),
];

describe.each(CONFIGS)('%s', (file) => {
  it('proves that every spoke, hub VPC and client range resolves and reaches every service of its hub', () => {
    const synth = synthFile(file);
    try {
      const proof = proveReachability(loadTree(synth.outdir), loadConfigFile(path.join(PROJECT_ROOT, file)).config);
      expect(proof.cells.filter((c) => !c.reachable).map(describeFailure)).toEqual([]);
      // One cell per client (spoke, hub VPC, client range, on-premises range) and service of its hub: a proof that checked nothing would fail here.
      const endpointsOf = (hub: string) => synth.plan.hubs.find((h) => h.name === hub)?.endpoints.length ?? 0;
      const expected =
        synth.plan.spokes.reduce((n, s) => n + endpointsOf(s.hub), 0) +
        synth.plan.hubs.reduce((n, h) => n + (1 + h.clientCidrs.length + (h.onPremises?.cidrs.length ?? 0)) * endpointsOf(h.name), 0);
      expect(expected).toBeGreaterThan(0);
      expect(proof.summary).toEqual({ cells: expected, reachable: expected, broken: 0 });
      expect(proof.ok).toBe(true);
    } finally {
      synth.cleanup();
    }
  });
});

it('covers the shipped example and at least the five examples folders', () => {
  expect(CONFIGS.length).toBeGreaterThanOrEqual(6);
});
