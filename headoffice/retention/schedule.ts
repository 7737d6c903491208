import { RETENTION_ITEMS, type RetentionItem } from '../../shared/domain/retention-policy'

/** Days per item from `RETENTION_<ITEM>_DAYS` (e.g. RETENTION_HO_EVENT_PAYLOADS_DAYS=14). */
export function retentionOverridesFromEnv(
  env: Record<string, string | undefined>,
): Partial<Record<RetentionItem, number>> {
  const out: Partial<Record<RetentionItem, number>> = {}
  for (const item of RETENTION_ITEMS) {
    const name = `RETENTION_${item.toUpperCase().replace(/-/g, '_')}_DAYS`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const days = Number(raw)
    if (!Number.isInteger(days) || days < 0) {
      throw new Error(`${name} must be a whole number of days (0 or more), not '${raw}'.`)
    }
    out[item] = days
  }
  return out
}
