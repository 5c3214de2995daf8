/**
 * Synthesis is a pure function of the config: the same config gives byte-identical stacks and
 * manifest every time (no timestamps, random ids, machine paths or hash-order effects), and every
 * valid config synthesizes.
 */
import fc from 'fast-check';
import { parseConfigText } from '../../src/config/load';
import { toYaml, validConfigArb, validConfigTextArb } from '../support/arbitraries';
import { synthConfig } from '../support/synth';
import { snapshot } from './snapshot';

it('two synths of the same config are byte-identical for every cdk.tf.json and manifest.json', () => {
  fc.assert(
    fc.property(validConfigArb, (config) => {
      const a = snapshot(config);
      const b = snapshot(config);
      expect([...b.stacks.keys()]).toEqual([...a.stacks.keys()]);
      for (const [name, stack] of a.stacks) expect(b.stacks.get(name)?.text).toBe(stack.text);
      expect(b.manifest).toBe(a.manifest);
    }),
    { numRuns: 25 },
  );
});

it('every generated valid config loads without errors and synthesizes a hub stack and a spokes stack per hub account, and one stack per other account', () => {
  fc.assert(
    fc.property(validConfigTextArb, (text) => {
      const { config, findings } = parseConfigText(text);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      const synth = synthConfig(config);
      try {
        const hubAccounts = new Set(config.hubs.map((h) => h.account));
        const expected = new Set([...[...hubAccounts].flatMap((a) => [a, `${a}-spokes`]), ...Object.keys(config.accounts).filter((a) => !hubAccounts.has(a))]);
        expect(Object.keys(synth.stacks).sort()).toEqual([...expected].sort());
      } finally {
        synth.cleanup();
      }
    }),
    { numRuns: 30 },
  );
});

it('the YAML text and the object form of a generated config load to the same config', () => {
  fc.assert(
    fc.property(validConfigArb, (config) => {
      expect(parseConfigText(toYaml(config)).config).toEqual(parseConfigText(JSON.stringify(config)).config);
    }),
    { numRuns: 30 },
  );
});
