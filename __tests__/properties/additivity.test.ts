/**
 * Additivity (engineering.md section 3.4, domain.md section 7): addresses come from names, never from
 * list positions, so adding or removing a spoke touches only that spoke's own resources (its peering,
 * routes, SG rules, authorizations, accepter, associations; and, for the first or last spoke of an
 * account, that account's RAM principal and acceptance) and reordering spokes or services changes
 * nothing at all. Anything else would make Terraform replace zones or endpoints: a DNS outage.
 * Which stack changes is pair-stacks.test.ts's property.
 */
import fc from 'fast-check';
import { configWithSpareArb, type VpceHubConfigInput } from '../support/arbitraries';
import { nonAdditiveChanges, resourcesMentioning, snapshot } from './snapshot';
import { pairStackOf } from './pair-stack-of';

const RUNS = 25;

describe('adding or removing one spoke changes only that spoke\'s resources', () => {
  it('adding a spoke adds its resources and leaves every other address and body in every stack unchanged', () => {
    fc.assert(
      fc.property(configWithSpareArb, fc.nat(), ({ config, spare }, at) => {
        const spokes = config.spokes ?? [];
        // Insert anywhere in the list: the position must not matter.
        const index = at % (spokes.length + 1);
        const added: VpceHubConfigInput = { ...config, spokes: [...spokes.slice(0, index), spare, ...spokes.slice(index)] };
        const before = snapshot(config);
        const after = snapshot(added);
        expect(nonAdditiveChanges(before, after, spare.name, pairStackOf(config, spare))).toEqual([]);
        expect(resourcesMentioning(after, spare.name)).not.toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('removing a spoke removes only its resources', () => {
    const withSpokes = configWithSpareArb.filter(({ config }) => (config.spokes ?? []).length > 0);
    fc.assert(
      fc.property(withSpokes, fc.nat(), ({ config }, at) => {
        const spokes = config.spokes ?? [];
        const removed = spokes[at % spokes.length];
        const smaller: VpceHubConfigInput = { ...config, spokes: spokes.filter((s) => s !== removed) };
        const before = snapshot(config);
        const after = snapshot(smaller);
        expect(nonAdditiveChanges(after, before, removed.name, pairStackOf(config, removed))).toEqual([]);
        expect(resourcesMentioning(after, removed.name)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('reordering is not a change', () => {
  /** A config and the same config with spokes and services in another order. */
  const reorderedArb = configWithSpareArb.chain(({ config }) => {
    const spokes = config.spokes ?? [];
    const services = config.hubs[0].services;
    return fc
      .tuple(
        fc.shuffledSubarray(spokes, { minLength: spokes.length, maxLength: spokes.length }),
        fc.shuffledSubarray(services, { minLength: services.length, maxLength: services.length }),
      )
      .map(([s, v]): [VpceHubConfigInput, VpceHubConfigInput] => [config, { ...config, hubs: [{ ...config.hubs[0], services: v }], spokes: s }]);
  });

  it('reordering spokes and services leaves every stack file byte-identical', () => {
    fc.assert(
      fc.property(reorderedArb, ([original, reordered]) => {
        const a = snapshot(original);
        const b = snapshot(reordered);
        expect([...b.stacks.keys()].sort()).toEqual([...a.stacks.keys()].sort());
        for (const [name, stack] of a.stacks) expect(b.stacks.get(name)?.text).toBe(stack.text);
        expect(b.manifest).toBe(a.manifest);
      }),
      { numRuns: RUNS },
    );
  });
});
