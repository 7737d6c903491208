import { Cron } from 'croner'
import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { getSetting } from '../storage/repos/settings'
import { RETENTION_LAST_RUN_KEY, runRetention, type RetentionOutcome } from './retention'

/** 02:30 in Asia/Kolkata: after every store has closed, before the first opens. */
export const DEFAULT_RETENTION_CRON = '0 30 2 * * *'

/** The daily retention of a running core. */
export interface RetentionSchedule {
  /** Runs retention unless it already ran on today's business date; null when it had. */
  runDue(): Promise<RetentionOutcome | null>
  /** When the timer fires next (null once stopped). */
  nextRunAt(): Date | null
  stop(): void
}

/**
 * Retention runs by itself once a day (issue 18 item 5). The timer is croner's — a maintained
 * scheduler that reads a cron pattern in a time zone, so "02:30 in Kolkata" stays right whatever
 * the machine's zone, with overrun protection so a slow run is never started twice. The last run's
 * business date is kept in the database, so a kiosk that was off at 02:30 runs at its next start,
 * and two firings on one day do the work once.
 */
export function createRetentionSchedule(deps: CoreDeps, logger: Logger): RetentionSchedule {
  const runDue = async (): Promise<RetentionOutcome | null> => {
    const today = deps.businessDate()
    const last = await deps.store.read((sql) => getSetting(sql, RETENTION_LAST_RUN_KEY))
    if (last !== null && last >= today) return null
    const outcome = await runRetention(deps, null, deps.config.clock())
    logger.info('retention ran', {
      anonymised: outcome.anonymised,
      requestsDeleted: outcome.requestsDeleted,
      payloadsScrubbed: outcome.payloadsScrubbed,
      files: outcome.files,
    })
    return outcome
  }
  const job = new Cron(
    deps.config.retentionCron ?? DEFAULT_RETENTION_CRON,
    {
      timezone: 'Asia/Kolkata',
      protect: true,
      // The timer must not keep a closing process alive (tests, the bridge's shutdown).
      unref: true,
      catch: (error) => logger.error('retention failed', { message: (error as Error).message }),
    },
    async () => {
      await runDue()
    },
  )
  return {
    runDue,
    nextRunAt: () => job.nextRun(),
    stop: () => job.stop(),
  }
}
