/** Quota pre-flight: a quota exhausted at spoke N+1 fails an apply half-way, in several accounts. */
import { isExceeded, quotaUsage, type QuotaRow } from '../planning/quotas';
import type { Finding } from './findings';
import type { PlanValidationContext } from './validate';
import { RENAMED_QUOTAS } from './schema';

export function validateQuotas({ config, plan }: PlanValidationContext): Finding[] {
  const renamed: Finding[] = Object.entries(RENAMED_QUOTAS)
    .filter(([old]) => (config.quotas as Record<string, number | undefined>)[old] !== undefined)
    .map(([old, now]) => ({
      severity: 'warning',
      code: 'QuotaRenamed',
      path: `quotas.${old}`,
      value: (config.quotas as Record<string, number | undefined>)[old],
      message: `is read as quotas.${now}: AWS counts this quota per transit gateway, across all its route tables, not per route table`,
      fix: `rename it to quotas.${now} (it is the same number)`,
    }));
  // A raised quota in the config cannot lift AWS's ceiling (125 peerings per VPC, ...): beyond it, the
  // usage is an error whatever `quotas:` says. A transit-gateway hub has no peering row at all.
  const beyondCeiling = (r: QuotaRow) => r.hardMax !== undefined && r.used > r.hardMax;
  return [...renamed, ...quotaUsage(plan, config.quotas)
    .filter((r) => isExceeded(r) || beyondCeiling(r))
    .map((r) => {
      const limit = beyondCeiling(r) && !isExceeded(r) ? (r.hardMax as number) : r.limit;
      return {
        severity: 'error' as const,
        code: 'QuotaExceeded',
        path: r.path,
        value: `${r.used} > ${limit}`,
        message: `${r.scope} needs ${r.used} against quota ${r.quota} of ${r.limit}${r.hardMax !== undefined ? ` (AWS grants at most ${r.hardMax})` : ''}`,
        fix: r.remedy,
      };
    })];
}
