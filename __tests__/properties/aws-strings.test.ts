/**
 * Issue 8 section 1, as a property: for configs whose names lie anywhere in what the schema allows
 * (shortest, longest, every allowed character, in every DNS mode), every string the synthesized JSON
 * carries under an AWS constraint satisfies its row, or `validate` says which config name breaks it;
 * `validate` errors exactly when the JSON holds a violation. And the pure list of emitted strings
 * (planning/emitted-strings.ts, what validate checks) is exactly what the JSON holds, so the two
 * cannot drift apart; a string argument without a row in the table fails here too.
 */
import fc from 'fast-check';
import { awsStringConstraints } from '../../src/analysis/rules/aws-string-constraints';
import { buildTree } from '../../src/analysis/tree';
import { PROVIDER_ARGUMENTS, RESOURCE_ARGUMENTS, TAGS_BY_TYPE } from '../../src/constraints/aws-string-constraints';
import { configSchema } from '../../src/config/schema';
import { runValidators } from '../../src/config/validate';
import { emittedStrings } from '../../src/planning/emitted-strings';
import { synthConfig } from '../support/synth';

const STRING_CODES = new Set(['AwsStringConstraint', 'AwsNameNotUnique']);
/** Arguments a reader would expect to be constrained: any of them on a resource type needs a row. */
const CONSTRAINED = ['name', 'description', 'comment', 'name_prefix'];

interface Names {
  project: string;
  hub: string;
  local: string;
  remote: string;
  hubAccount: string;
  spokeAccount: string;
  dns: 'private-hosted-zones' | 'endpoint-url' | 'route53-profile';
  /** transit-gateway: a created gateway with on-premises access and an inbound resolver (issue 10). */
  connectivity?: 'peering' | 'transit-gateway';
  /** The config's tags (issue 12): top level, the hub's, the remote spoke's. */
  tags?: { top: Record<string, string>; hub: Record<string, string>; spoke: Record<string, string> };
}

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';
/** A name of the schema's NAME_PATTERN (letter first, then letters, digits, hyphens; 1-48), biased to the extremes. */
const nameArb = (max: number, lower = false): fc.Arbitrary<string> => {
  const first = fc.constantFrom(...(lower ? 'abcdefghijklmnopqrstuvwxyz' : 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ').split(''));
  const rest = fc.constantFrom(...(lower ? CHARS.replace(/[A-Z]/g, '') : CHARS).split(''));
  return fc.oneof(
    fc.tuple(first, fc.array(rest, { maxLength: max - 1 })).map(([f, r]) => f + r.join('')),
    fc.tuple(first, fc.array(rest, { minLength: max - 1, maxLength: max - 1 })).map(([f, r]) => f + r.join('')),
    first,
  );
};

/** Tag keys and values: allowed by every service, allowed by EC2 only (`#`), AWS's reserved prefix, and past the length limits. */
const TAG_CHARS = 'abcXYZ019 _.:/=+-@#';
const tagTextArb = (max: number) =>
  fc.oneof(
    fc.array(fc.constantFrom(...TAG_CHARS.split('')), { minLength: 1, maxLength: 12 }).map((c) => c.join('')),
    fc.constant('aws:team'),
    fc.constant('k'.repeat(max + 1)),
  );
const tagsArb: fc.Arbitrary<Record<string, string>> = fc.dictionary(tagTextArb(128), tagTextArb(256), { maxKeys: 3 });

const namesArb: fc.Arbitrary<Names> = fc.record({
  project: fc.oneof(nameArb(32, true), fc.constant('sg-prefixed')),
  hub: nameArb(48),
  local: nameArb(48),
  remote: nameArb(48),
  hubAccount: nameArb(48),
  spokeAccount: nameArb(48),
  dns: fc.constantFrom('private-hosted-zones' as const, 'endpoint-url' as const, 'route53-profile' as const),
  connectivity: fc.constantFrom('peering' as const, 'transit-gateway' as const),
  tags: fc.record({ top: tagsArb, hub: tagsArb, spoke: tagsArb }),
});

function configOf(n: Names): unknown {
  const tgw = n.connectivity === 'transit-gateway';
  const attach = (id: string) => (tgw ? { attachmentSubnetIds: [`subnet-${id}`] } : {});
  return {
    project: n.project,
    ...(n.tags ? { tags: n.tags.top } : {}),
    organizationId: 'o-a1b2c3d4e5',
    // Shared per account with invitations: every RAM resource (share, principals, accepters) is emitted.
    ramSharing: { shareWith: 'accounts', organizationSharing: 'disabled' },
    accounts: {
      [n.hubAccount]: { id: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/terraform' },
      [n.spokeAccount]: { id: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/terraform' },
    },
    hubs: [
      {
        name: n.hub,
        ...(n.tags ? { tags: n.tags.hub } : {}),
        account: n.hubAccount,
        region: 'us-east-1',
        vpc: { cidr: '10.0.0.0/22', availabilityZones: ['us-east-1a', 'us-east-1b'], flowLogs: { enabled: true } },
        dns: n.dns,
        services: ['sqs', 'ecr.dkr'],
        ...(tgw ? { connectivity: 'transit-gateway', transitGateway: {}, onPremises: { cidrs: ['192.168.0.0/16'], inboundResolver: true } } : {}),
      },
    ],
    spokes: [
      { name: n.local, account: n.hubAccount, vpc: { id: 'vpc-0a1b2c3d4e5f67890', cidr: '10.1.0.0/16', routeTableIds: ['rtb-0a1b2c3d4e5f67890'], ...attach('0a1b2c3d4e5f67890') } },
      { name: n.remote, ...(n.tags ? { tags: n.tags.spoke } : {}), account: n.spokeAccount, vpc: { id: 'vpc-0c1d2e3f4a5b67890', cidr: '10.2.0.0/16', routeTableIds: ['rtb-0c1d2e3f4a5b67890'], ...attach('0c1d2e3f4a5b67890') } },
    ],
  };
}

type Doc = { resource?: Record<string, Record<string, Record<string, unknown>>>; provider?: { aws?: Array<Record<string, unknown>> } };

/** Every literal string under a table row in the JSON, as `stack resource argument = value`. */
function constrainedStrings(stacks: Record<string, Doc>): string[] {
  const out = new Set<string>();
  const add = (stack: string, resource: string, argument: string, value: unknown) => {
    if (typeof value === 'string' && !value.includes('${')) out.add(`${stack} ${resource} ${argument} = ${value}`);
  };
  for (const [stack, doc] of Object.entries(stacks)) {
    for (const [type, byName] of Object.entries(doc.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const address = `${type}.${name}`;
        for (const argument of Object.keys(RESOURCE_ARGUMENTS[type] ?? {})) add(stack, address, argument, body[argument]);
        for (const [k, v] of Object.entries((body.tags as Record<string, string> | undefined) ?? {})) {
          add(stack, address, `tags key ${k}`, k);
          add(stack, address, `tags.${k}`, v);
        }
      }
    }
    for (const p of doc.provider?.aws ?? []) {
      const address = `provider.aws.${String(p.alias)}`;
      for (const block of (p.default_tags as Array<{ tags: Record<string, string> }> | undefined) ?? []) {
        for (const [k, v] of Object.entries(block.tags)) {
          add(stack, address, `default_tags key ${k}`, k);
          add(stack, address, `default_tags.${k}`, v);
        }
      }
      for (const path of Object.keys(PROVIDER_ARGUMENTS)) {
        const [blockName, argument] = path.split('.');
        for (const block of (p[blockName] as Array<Record<string, unknown>> | undefined) ?? []) add(stack, address, path, block[argument]);
      }
    }
  }
  return [...out].sort();
}

/** String arguments a constraint would apply to, on resource types the table does not cover. */
function uncovered(stacks: Record<string, Doc>): string[] {
  const out = new Set<string>();
  for (const doc of Object.values(stacks)) {
    for (const [type, byName] of Object.entries(doc.resource ?? {})) {
      for (const body of Object.values(byName)) {
        for (const argument of CONSTRAINED) if (typeof body[argument] === 'string' && !RESOURCE_ARGUMENTS[type]?.[argument]) out.add(`${type}.${argument}`);
        if (body.tags !== undefined && !TAGS_BY_TYPE[type]) out.add(`${type}.tags`);
      }
    }
  }
  return [...out].sort();
}

function checkNames(n: Names): void {
  const raw = configOf(n);
  const config = configSchema.parse(raw);
  const { findings, plan } = runValidators(config, raw);
  const other = findings.filter((f) => f.severity === 'error' && !STRING_CODES.has(f.code));
  // Names that clash (case-insensitively) are another validator's business.
  fc.pre(other.length === 0 && plan !== undefined);
  if (plan === undefined) return;
  const synth = synthConfig(config);
  try {
    const stacks = synth.stacks as unknown as Record<string, Doc>;
    expect(uncovered(stacks)).toEqual([]);
    const fromPlan = [...new Set(emittedStrings(plan).map((e) => `${e.stack} ${e.resource} ${e.argument} = ${e.value}`))].sort();
    expect(fromPlan).toEqual(constrainedStrings(stacks));
    const inJson = awsStringConstraints.check(buildTree(stacks as Record<string, unknown>));
    const validateErrors = findings.filter((f) => f.code === 'AwsStringConstraint');
    expect({ validateErrors: validateErrors.length > 0, inJson: inJson.length > 0 }).toEqual({ validateErrors: inJson.length > 0, inJson: inJson.length > 0 });
  } finally {
    synth.cleanup();
  }
}

const longest: Names = {
  project: 'p'.repeat(32),
  hub: `H${'u-9'.repeat(15)}bX`,
  local: `L${'o'.repeat(47)}`,
  remote: `R${'e'.repeat(46)}9`,
  hubAccount: `A${'a'.repeat(47)}`,
  spokeAccount: `S${'-'.repeat(46)}s`,
  dns: 'route53-profile',
};
const shortest: Names = { project: 'p', hub: 'h', local: 'l', remote: 'r', hubAccount: 'a', spokeAccount: 's', dns: 'route53-profile' };

describe('emitted strings and AWS constraints', () => {
  it.each([
    ['the longest names', longest],
    ['the shortest names', shortest],
    ['a project starting with sg-', { ...shortest, project: 'sg-x' }],
    ['transit gateway and on-premises, shortest names', { ...shortest, connectivity: 'transit-gateway' as const }],
    ['transit gateway and on-premises, longest names', { ...longest, connectivity: 'transit-gateway' as const }],
    ['tags at every level, one with a character only EC2 allows', { ...shortest, dns: 'route53-profile' as const, tags: { top: { CostCenter: 'network' }, hub: { Owner: 'team#1' }, spoke: { CostCenter: 'payments', Tier: 'w' } } }],
    ['every allowed character', { ...shortest, hub: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV', local: 'WXYZ0123456789-', dns: 'private-hosted-zones' as const }],
  ])('%s', (_label, names) => checkNames(names));

  it('the longest names and an sg- project are rejected by validate, each naming the field', () => {
    for (const n of [longest, { ...shortest, project: 'sg-x' }]) {
      const raw = configOf(n);
      const { findings } = runValidators(configSchema.parse(raw), raw);
      expect(findings.filter((f) => f.code === 'AwsStringConstraint').length).toBeGreaterThan(0);
    }
    const raw = configOf({ ...shortest, project: 'sg-x' });
    const sg = runValidators(configSchema.parse(raw), raw).findings.find((f) => f.code === 'AwsStringConstraint');
    expect(sg).toMatchObject({ path: 'project', value: 'sg-x', fix: expect.stringContaining('does not start with sg-') });
  });

  it('holds for generated names in every DNS mode', () => {
    fc.assert(fc.property(namesArb, (n) => checkNames(n)), { numRuns: 60 });
  });
});
