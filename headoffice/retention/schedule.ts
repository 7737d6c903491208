import { Cron } from 'croner'
import type { DataSource } from 'typeorm'
import { RETENTION_ITEMS, type RetentionItem } from '../../shared/domain/retention-policy'
import type { HeadOfficeLogger } from '../logger'
import { runHeadOfficeRetention } from './retention'

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

/**
 * Starts head office's daily retention: at 02:45 Asia/Kolkata by croner (a maintained cron
 * scheduler: time zone, overrun protection), and once at start so a server that was down at that
 * hour catches up. Every process may start it; the job's lease makes the day's run happen once.
 */
export function startRetentionSchedule(options: {
  ds: DataSource
  clock: () => number
  logger: HeadOfficeLogger
  overrides?: Partial<Record<RetentionItem, number>>
  pattern?: string
}): { stop(): void; runNow(): Promise<void> } {
  const runNow = async () => {
    try {
      const done = await runHeadOfficeRetention(options.ds, options.clock(), options.overrides)
      if (done.ran) options.logger.info('retention ran', { ...done })
    } catch (error) {
      options.logger.error('retention failed', { error: (error as Error).message })
    }
  }
  const job = new Cron(
    options.pattern ?? '0 45 2 * * *',
    { timezone: 'Asia/Kolkata', protect: true, unref: true },
    runNow,
  )
  void runNow()
  return { stop: () => job.stop(), runNow }
}
