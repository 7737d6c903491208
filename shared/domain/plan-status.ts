import type { PlanStatus, StoredPlanStatus } from './vocabulary'

/**
 * A plan's status. A plan is stored `active`, `redeemed` or `cancelled`; the status shown (on
 * screens, in the contract) adds `expired`, which is derived from the date and never stored
 * (docs/program-rules.md#value-bands: the plan expires the day after its last band). Schemas and
 * types: vocabulary.ts.
 */
export const PLAN_STATUSES = ['active', 'redeemed', 'cancelled', 'expired'] as const

/** The status shown on `onDate`: an active plan past `expiresOn`, its last day, is expired. */
export function planStatusOn(
  stored: StoredPlanStatus,
  expiresOn: string,
  onDate: string,
): PlanStatus {
  return stored === 'active' && onDate > expiresOn ? 'expired' : stored
}
