/**
 * The config's tags (top level, per hub, per spoke; planning/tags.ts) must be ones AWS and the
 * provider take on every resource they land on. Characters, lengths and the `aws:` prefix are held to
 * each resource type's own rows by validate-aws-strings.ts; here what no single string shows:
 * - a key vpce-hub sets itself (Name, Project, ManagedBy, Stack) would be overwritten or, for the
 *   last three, would move resources out of the hub-side role's policy (planning/hub-side-policy.ts);
 * - two keys that differ only in case on one resource: meant as an override, they would be two tags;
 *   IAM role tag keys ignore case ("you cannot have separate Department and department tag keys",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html), so the hub's flow-log role fails;
 * - an empty value: AWS allows it, but provider 5.x still mishandles empty values in default_tags
 *   (terraform-provider-aws issues 34155 and 42247: other tags cleared, plans that never settle);
 * - more than 50 tags on one resource ("Maximum number of tags per resource - 50",
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions), Name and
 *   vpce-hub's three default tags included;
 * - more than 10 on a hub's private hosted zones: "You can add a maximum of 10 tags to a health check
 *   or a hosted zone" (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeTagsForResource.html;
 *   ResourceTagSet: at most 10). CreateHostedZone takes no tags, so the provider adds them all in one
 *   ChangeTagsForResource after the zone exists: the zone is created, then the apply fails.
 */
import { RESERVED_TAG_KEYS } from '../planning/tags';
import type { Finding } from './findings';
import { formatPath, type PathSegment } from './paths';
import { hubOfSpoke } from './resolve';
import type { ValidationContext } from './validate';

/** AWS's per-resource tag limit (user tags; `aws:` tags do not count). */
export const MAX_TAGS_PER_RESOURCE = 50;
/** Route 53's limit on a hosted zone's tags: the hub's zones carry the top level's and the hub's. */
export const MAX_TAGS_PER_HOSTED_ZONE = 10;

interface Level {
  segments: PathSegment[];
  tags: Record<string, string>;
}

export function validateTags({ config, raw }: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const top: Level = { segments: ['tags'], tags: config.tags };
  const hubs = new Map(config.hubs.map((h, i) => [h.name, { segments: ['hubs', i, 'tags'], tags: h.tags } as Level]));
  const spokeLevels = config.spokes.map((s, i): Level => ({ segments: ['spokes', i, 'tags'], tags: s.tags }));
  const where = (level: Level) => formatPath(level.segments, raw);
  // The tags of a resource the levels meet on: their keys, plus Name on the resource and Project, ManagedBy and Stack from the provider.
  const tagCount = (levels: Level[]) => new Set(levels.flatMap((l) => Object.keys(l.tags))).size + RESERVED_TAG_KEYS.length;

  for (const level of [top, ...hubs.values(), ...spokeLevels]) {
    for (const [key, value] of Object.entries(level.tags)) {
      const reserved = RESERVED_TAG_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
      if (reserved !== undefined) {
        findings.push({
          severity: 'error',
          code: 'ReservedTagKey',
          path: `${where(level)}.${key}`,
          value: key,
          message: `is a tag key vpce-hub sets itself (${reserved === 'Name' ? 'Name names each resource' : `${reserved} is in every provider's default_tags, and the hub-side role's policy selects resources by it`})`,
          fix: `use another key, like ${reserved === 'Name' ? 'Application' : `${reserved}Name`}; vpce-hub's own keys are ${RESERVED_TAG_KEYS.join(', ')}`,
        });
      }
      if (value === '') {
        findings.push({
          severity: 'error',
          code: 'EmptyTagValue',
          path: `${where(level)}.${key}`,
          value: '',
          message: 'is an empty tag value: AWS allows it, but the AWS provider 5.x still mishandles empty values (terraform-provider-aws issues 34155 and 42247: other tags cleared, plans that never settle)',
          fix: `give ${key} a value (for example "none"), or remove it`,
        });
      }
    }
  }

  // The levels that meet on one resource: the top level and a hub (its resources), and the top level,
  // the spoke's hub and the spoke (the pair's resources).
  const combos: Level[][] = [
    ...[...hubs.values()].map((h) => [top, h]),
    ...config.spokes.map((s, i) => {
      const hub = hubOfSpoke(config, s);
      const hubLevel = hub ? hubs.get(hub.name) : undefined;
      return [top, ...(hubLevel ? [hubLevel] : []), spokeLevels[i]];
    }),
  ];
  // A hub's zones (zone modes only; endpoint-url hubs have none) carry the top level's tags and the hub's.
  config.hubs.forEach((h) => {
    if (h.dns === 'endpoint-url') return;
    const level = hubs.get(h.name) as Level;
    const total = tagCount([top, level]);
    if (total <= MAX_TAGS_PER_HOSTED_ZONE) return;
    findings.push({
      severity: 'error',
      code: 'TooManyZoneTags',
      // The hub's tags when it has any (they are what differs from hub to hub), else the top level's.
      path: where(Object.keys(h.tags).length > 0 ? level : top),
      message: `puts ${total} tags on each private hosted zone of hub ${h.name} (${total - RESERVED_TAG_KEYS.length} from ${where(top)} and ${where(level)}, and vpce-hub's ${RESERVED_TAG_KEYS.length}), over Route 53's limit of ${MAX_TAGS_PER_HOSTED_ZONE} per hosted zone (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeTagsForResource.html); the zones would be created and the apply would then fail tagging them`,
      fix: `keep ${where(top)} and ${where(level)} to ${MAX_TAGS_PER_HOSTED_ZONE - RESERVED_TAG_KEYS.length} keys together: remove at least ${total - MAX_TAGS_PER_HOSTED_ZONE}`,
    });
  });

  const reportedCase = new Set<string>();
  for (const combo of combos) {
    const byLower = new Map<string, { key: string; level: Level }>();
    for (const level of combo) {
      for (const key of Object.keys(level.tags)) {
        const other = byLower.get(key.toLowerCase());
        if (other && other.key !== key) {
          const path = `${where(level)}.${key}`;
          if (!reportedCase.has(path)) {
            reportedCase.add(path);
            findings.push({
              severity: 'error',
              code: 'TagKeyCaseClash',
              path,
              value: key,
              message: `differs only in case from the tag key ${JSON.stringify(other.key)} of ${where(other.level)}, so resources would carry both instead of one overriding the other; IAM role tag keys ignore case, and AWS rejects the pair on the hub's flow-log role (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html)`,
              fix: `spell the key exactly as ${where(other.level)} does (${JSON.stringify(other.key)}) to override it, or pick another key`,
            });
          }
        }
        byLower.set(key.toLowerCase(), { key, level });
      }
    }
    const total = tagCount(combo);
    // A hub over the limit is reported once, not again with each of its spokes.
    if (total > MAX_TAGS_PER_RESOURCE && (combo.length < 3 || tagCount(combo.slice(0, -1)) <= MAX_TAGS_PER_RESOURCE)) {
      const last = combo[combo.length - 1];
      findings.push({
        severity: 'error',
        code: 'TooManyTags',
        path: where(last),
        message: `puts ${total} tags on one resource (${total - RESERVED_TAG_KEYS.length} from ${combo.map(where).join(', ')} and vpce-hub's ${RESERVED_TAG_KEYS.length}), over AWS's limit of ${MAX_TAGS_PER_RESOURCE} per resource (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions)`,
        fix: `remove at least ${total - MAX_TAGS_PER_RESOURCE} tag${total - MAX_TAGS_PER_RESOURCE === 1 ? '' : 's'} from ${combo.map(where).join(' or ')}`,
      });
    }
  }
  return findings;
}
