import { type Db, exec, one } from '../sql'

/** Whether a periodic job already ran for `period` (any process). */
export async function periodDone(db: Db, job: string, period: string): Promise<boolean> {
  const row = await one(db, `SELECT 1 AS done FROM ho_job_run WHERE job = ? AND period = ?`, [
    job,
    period,
  ])
  return row !== null
}

export async function markPeriodDone(db: Db, job: string, period: string, now: number) {
  await exec(
    db,
    `INSERT INTO ho_job_run (job, period, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    [job, period, now],
  )
}
