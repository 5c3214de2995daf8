/**
 * Tags (issue 12 section 5), asserted on the synthesized JSON of every connectivity and DNS mode: the
 * top level's in every provider's default_tags, a hub's on every taggable resource of its hub stack, a
 * spoke's (over its hub's) on every taggable resource of its pair, in either account; and a level that
 * repeats the top level's value leaves it to default_tags.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { TAGS_BY_TYPE } from '../../src/constraints/aws-string-constraints';
import { parseConfigText } from '../../src/config/load';
import { PROJECT_ROOT, synthConfig } from '../support/synth';

type Body = Record<string, unknown>;
type Doc = { resource?: Record<string, Record<string, Body>>; provider?: { aws?: Body[] } };

const TOP = { CostCenter: 'network-platform', Owner: 'network-team' };
/** Overrides Owner, repeats CostCenter (left to default_tags), adds Tier. */
const HUB = { Owner: 'endpoints-team', CostCenter: 'network-platform', Tier: 'shared' };
/** Overrides the hub's Tier and the top level's CostCenter. */
const SPOKE = { CostCenter: 'payments', Tier: 'workload' };

/** An example with the three levels of tags added: every hub gets HUB, every spoke SPOKE. */
function tagged(file: string): string {
  const doc = parseDocument(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
  doc.set('tags', doc.createNode(TOP));
  for (let i = 0; doc.hasIn(['hubs', i]); i++) doc.setIn(['hubs', i, 'tags'], doc.createNode(HUB));
  for (let i = 0; doc.hasIn(['spokes', i]); i++) doc.setIn(['spokes', i, 'tags'], doc.createNode(SPOKE));
  return doc.toString();
}

const EXAMPLES = ['vpce-hub.yaml', 'examples/route53-profile/vpce-hub.yaml', 'examples/transit-gateway/vpce-hub.yaml', 'examples/hybrid/vpce-hub.yaml', 'examples/existing-hub-vpc/vpce-hub.yaml'];

describe.each(EXAMPLES)('%s with tags at every level', (file) => {
  let stacks: Record<string, Doc>;
  let kinds: Map<string, 'hub' | 'spokes'>;
  let cleanup: () => void;
  beforeAll(() => {
    const s = synthConfig(parseConfigText(tagged(file)).config);
    stacks = s.stacks as unknown as Record<string, Doc>;
    kinds = new Map(s.plan.stacks.map((st) => [st.name, st.kind]));
    cleanup = s.cleanup;
  });
  afterAll(() => cleanup());

  it("puts the top level's tags and vpce-hub's own into every provider's default_tags", () => {
    for (const [stack, doc] of Object.entries(stacks)) {
      for (const p of doc.provider?.aws ?? []) {
        expect(p.default_tags).toEqual([{ tags: { ...TOP, Project: expect.any(String), ManagedBy: 'vpce-hub', Stack: stack } }]);
      }
    }
  });

  it("tags every taggable resource with its hub's or its pair's own tags, beside its Name", () => {
    let checked = 0;
    for (const [stack, doc] of Object.entries(stacks)) {
      // A hub stack holds only hubs' resources; a spokes stack only pairs' (one tag set per example).
      const expected = kinds.get(stack) === 'hub' ? { Owner: 'endpoints-team', Tier: 'shared' } : { Owner: 'endpoints-team', CostCenter: 'payments', Tier: 'workload' };
      for (const [type, byName] of Object.entries(doc.resource ?? {})) {
        if (!TAGS_BY_TYPE[type]) continue;
        for (const [name, body] of Object.entries(byName)) {
          const { Name, ...own } = (body.tags ?? {}) as Record<string, string>;
          // The profile association has a name of its own and no Name tag.
          if (type !== 'aws_route53profiles_association') expect({ address: `${stack}/${type}.${name}`, Name: typeof Name }).toEqual({ address: `${stack}/${type}.${name}`, Name: 'string' });
          expect({ address: `${stack}/${type}.${name}`, own }).toEqual({ address: `${stack}/${type}.${name}`, own: expected });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('tags and safe change', () => {
  const shipped = readFileSync(path.join(PROJECT_ROOT, 'vpce-hub.yaml'), 'utf8');
  const withSpokeTag = (text: string, value: string) => {
    const doc = parseDocument(text);
    doc.setIn(['spokes', 1, 'tags'], doc.createNode({ Team: value }));
    return doc.toString();
  };
  const synthText = (text: string) => synthConfig(parseConfigText(text).config);

  it("a spoke's tags change only its own stack", () => {
    const before = synthText(withSpokeTag(shipped, 'analytics'));
    const after = synthText(withSpokeTag(shipped, 'data'));
    try {
      const changed = Object.keys(after.stacks).filter((s) => JSON.stringify(after.stacks[s]) !== JSON.stringify(before.stacks[s]));
      expect(changed).toEqual(['analytics']);
    } finally {
      before.cleanup();
      after.cleanup();
    }
  });

  it('a config without tags synthesizes no tags beyond Name and default_tags', () => {
    const doc = parseDocument(shipped);
    doc.delete('tags');
    doc.deleteIn(['spokes', 0, 'tags']);
    const s = synthText(doc.toString());
    try {
      for (const doc of Object.values(s.stacks as unknown as Record<string, Doc>)) {
        for (const p of doc.provider?.aws ?? []) expect(Object.keys((p.default_tags as Array<{ tags: object }>)[0].tags).sort()).toEqual(['ManagedBy', 'Project', 'Stack']);
        for (const byName of Object.values(doc.resource ?? {})) for (const body of Object.values(byName)) if (body.tags) expect(Object.keys(body.tags as object)).toEqual(['Name']);
      }
    } finally {
      s.cleanup();
    }
  });
});
