import type { DataSource } from 'typeorm'
import { markPeriodDone, periodDone } from '../db/repos/job-runs'
import { tryLockNamed, unlockNamed } from '../db/repos/locks'
import { dialectOf, withDb } from '../db/sql'
import type { HeadOfficeLogger } from '../logger'

/**
 * Head office's background jobs, run once across however many head-office processes share the
 * database (docs/deployment.md#scaling-out).
 *
 * A job runs under a PostgreSQL advisory lock held by one connection for the run: while one
 * process runs it, every other process skips it, and if that process dies (SIGKILL, a lost host)
 * PostgreSQL ends its session and the lock goes with it — there is no lease to expire or tune.
 * A job with a period (the day's reminders) also records the period once done, in
 * `ho_job_run`, so it runs once per period across processes and restarts; a run that died before
 * recording is simply run again by the next tick anywhere. On SQLite (one process by design)
 * the lock is not needed; the record is kept the same way.
 *
 * Why not pg-boss or graphile-worker: these jobs are periodic sweeps over tables that carry their
 * own per-row state (notification rows are claimed by a conditional UPDATE with a lease; reminders
 * have a dedupe key), so what they need is "one sweeper at a time", not a queue of job rows; a job
 * library would add its own schema and a second scheduler used on PostgreSQL only, beside the
 * in-process one SQLite still needs, for the same outcome.
 */
export interface BackgroundJob {
  name: string
  /** The period the job runs once in (e.g. the day in Kolkata); absent: every tick. */
  period?: (now: number) => string
  run(): Promise<unknown>
}

/** Runs `work` if this process gets the job's lock; false when another process holds it. */
async function underLock(ds: DataSource, name: string, work: () => Promise<void>) {
  if (dialectOf(ds) === 'sqlite') {
    await work()
    return true
  }
  const runner = ds.createQueryRunner()
  await runner.connect()
  try {
    if (!(await tryLockNamed(runner, `job:${name}`))) return false
    try {
      await work()
    } finally {
      await unlockNamed(runner, `job:${name}`)
    }
    return true
  } finally {
    await runner.release()
  }
}

export function createJobRunner(
  ds: DataSource,
  jobs: readonly BackgroundJob[],
  options: { clock: () => number; logger: HeadOfficeLogger },
) {
  let busy = false
  const done = (job: string, period: string) => withDb(ds, (db) => periodDone(db, job, period))
  async function runOne(job: BackgroundJob): Promise<boolean> {
    const period = job.period?.(options.clock())
    if (period !== undefined && (await done(job.name, period))) return false
    let ran = false
    await underLock(ds, job.name, async () => {
      // Checked again under the lock: another process may have finished it meanwhile.
      if (period !== undefined && (await done(job.name, period))) return
      const result = await job.run()
      if (period !== undefined) {
        await withDb(ds, (db) => markPeriodDone(db, job.name, period, options.clock()))
      }
      ran = true
      // Periodic jobs are news; the every-tick sweeps would fill the log.
      if (period !== undefined)
        options.logger.info('background job ran', { job: job.name, period, result })
    })
    return ran
  }
  return {
    /** One pass over every job; the names of those this process ran. */
    async tick(): Promise<string[]> {
      if (busy) return []
      busy = true
      const ran: string[] = []
      try {
        for (const job of jobs) {
          try {
            if (await runOne(job)) ran.push(job.name)
          } catch (error) {
            options.logger.error('background job failed', {
              job: job.name,
              error: (error as Error).message,
            })
          }
        }
      } finally {
        busy = false
      }
      return ran
    },
  }
}
