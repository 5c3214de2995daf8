/**
 * Names, descriptions, comments and tags the stacks would emit must satisfy AWS's documented
 * constraints (src/constraints/aws-string-constraints.ts), or apply fails with a 400 after plan passed.
 * The values come from the pure plan (planning/emitted-strings.ts), so the finding names the config
 * field they are made of, the generated value, the limit and the fix, before anything is synthesized.
 */
import { rowOf, characters, violation, type StringConstraint } from '../constraints/aws-string-constraints';
import { emittedStrings, type EmittedString, type NameSource } from '../planning/emitted-strings';
import type { Finding } from './findings';
import { formatPath, valueAt, type PathSegment } from './paths';
import type { PlanValidationContext } from './validate';

interface Field {
  path: string;
  value: string;
}

export function validateAwsStrings({ config, raw, plan }: PlanValidationContext): Finding[] {
  const fieldOf = (s: NameSource): Field => {
    switch (s.kind) {
      case 'project':
        return { path: 'project', value: plan.project };
      case 'hub':
        return { path: `${formatPath(['hubs', config.hubs.findIndex((h) => h.name === s.name)], raw)}.name`, value: s.name };
      case 'spoke':
        return { path: `${formatPath(['spokes', config.spokes.findIndex((x) => x.name === s.name)], raw)}.name`, value: s.name };
      case 'account':
        return { path: `accounts.${s.key}`, value: s.key };
      case 'service': {
        const hi = config.hubs.findIndex((h) => h.name === s.hub);
        const si = config.hubs[hi]?.services.findIndex((x) => (typeof x === 'string' ? x : x.name) === s.service) ?? -1;
        return { path: formatPath(['hubs', hi, 'services', si], raw), value: s.service };
      }
      case 'tag': {
        // The most specific level that sets the key: the spoke's, the hub's, else the top level's.
        const si = s.spoke === undefined ? -1 : config.spokes.findIndex((x) => x.name === s.spoke);
        const hi = s.hub === undefined ? -1 : config.hubs.findIndex((h) => h.name === s.hub);
        const segments: PathSegment[] =
          si >= 0 && s.key in config.spokes[si].tags ? ['spokes', si, 'tags'] : hi >= 0 && s.key in config.hubs[hi].tags ? ['hubs', hi, 'tags'] : ['tags'];
        const owner = formatPath(segments, raw);
        return { path: `${owner}.${s.key}`, value: s.part === 'key' ? s.key : (valueAt([...segments, s.key], raw) as string) };
      }
    }
  };
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const emitted = emittedStrings(plan);
  for (const e of emitted) {
    const row = rowOf(e.constraint);
    const why = violation(row, e.value);
    if (why === undefined) continue;
    const fields = responsibleFirst(row, e.value, e.sources.map(fieldOf));
    // One finding per (row, fields): a long project name would otherwise be reported on every resource.
    // A config tag once per field: its characters break the same rule of several services' tags.
    const once = `${e.sources.some((x) => x.kind === 'tag') ? 'tag' : row.id}|${fields.map((f) => f.path).join(',')}`;
    if (reported.has(once)) continue;
    reported.add(once);
    findings.push({
      severity: 'error',
      code: 'AwsStringConstraint',
      path: fields[0]?.path ?? '',
      ...(fields[0] ? { value: fields[0].value } : {}),
      message: `makes ${describe(e)} ${JSON.stringify(e.value)}, which ${why} (${row.field}, ${row.source}); AWS would reject it, and Terraform's provider does not check every such limit before apply`,
      fix: fixFor(row, e.value, fields),
    });
  }
  findings.push(...duplicates(emitted, fieldOf));
  return findings;
}

/** A reserved prefix comes from the name the value starts with (the project, usually): name that field first. */
function responsibleFirst(row: StringConstraint, value: string, fields: Field[]): Field[] {
  const reserved = row.reservedPrefixes?.some((p) => value.toLowerCase().startsWith(p));
  const lead = reserved ? fields.find((f) => value.toLowerCase().startsWith(f.value.toLowerCase())) : undefined;
  return lead ? [lead, ...fields.filter((f) => f !== lead)] : fields;
}

const describe = (e: EmittedString): string => `the ${e.argument} of ${e.resource} in stack ${e.stack}`;

function fixFor(row: StringConstraint, value: string, fields: Field[]): string {
  if (fields.length === 0) return 'this value is fixed by vpce-hub: please report it as a bug';
  const names = fields.map((f) => f.path).join(' or ');
  const reserved = row.reservedPrefixes?.find((p) => value.toLowerCase().startsWith(p));
  if (reserved !== undefined) return `rename ${names} so the value does not start with ${reserved}`;
  const over = characters(value) - row.maxLength;
  if (over > 0) return `shorten ${names} by at least ${over} character${over === 1 ? '' : 's'} in total (the limit is ${row.maxLength})`;
  return `rename ${names} using only ${row.allowed}`;
}

/** Values that AWS requires to be unique in a scope (IAM role names per account, ...) must differ. */
function duplicates(emitted: EmittedString[], fieldOf: (s: NameSource) => Field): Finding[] {
  const groups = new Map<string, EmittedString[]>();
  for (const e of emitted) {
    if (e.uniqueIn === undefined) continue;
    const row = rowOf(e.constraint);
    const normalized = row.uniqueness.includes('case-insensitive') ? e.value.toLowerCase() : e.value;
    const key = `${row.id}|${e.uniqueIn}|${normalized}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const resources = [...new Set(group.map((e) => `${e.stack}/${e.resource}`))];
    if (resources.length < 2) continue;
    const [first] = group;
    const row = rowOf(first.constraint);
    const fields = [...new Map(group.flatMap((e) => e.sources.map(fieldOf)).map((f) => [f.path, f])).values()];
    findings.push({
      severity: 'error',
      code: 'AwsNameNotUnique',
      path: fields[0]?.path ?? '',
      ...(fields[0] ? { value: fields[0].value } : {}),
      message: `makes ${resources.join(' and ')} share the ${first.argument} ${JSON.stringify(first.value)}, which must be unique per ${row.uniqueness} (${row.field}, ${row.source})`,
      fix: `rename ${fields.map((f) => f.path).join(' or ')} so the generated names differ within their first ${row.maxLength} characters`,
    });
  }
  return findings;
}
