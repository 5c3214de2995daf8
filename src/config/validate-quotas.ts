/** Quota pre-flight: a quota exhausted at spoke N+1 fails an apply half-way, in several accounts. */
import { isExceeded, quotaUsage } from '../planning/quotas';
import type { Finding } from './findings';
import type { PlanValidationContext } from './validate';

export function validateQuotas({ config, plan }: PlanValidationContext): Finding[] {
  return quotaUsage(plan, config.quotas)
    .filter(isExceeded)
    .map((r) => ({
      severity: 'error' as const,
      code: 'QuotaExceeded',
      path: r.path,
      value: `${r.used} > ${r.limit}`,
      message: `${r.scope} needs ${r.used} against quota ${r.quota} of ${r.limit}${r.hardMax !== undefined ? ` (AWS grants at most ${r.hardMax})` : ''}`,
      fix: r.remedy,
    }));
}
