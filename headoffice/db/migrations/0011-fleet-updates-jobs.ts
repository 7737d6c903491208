import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 20: the releases head office rolls out to kiosks (docs/updates.md#staged-rollout) — each
 * version's state (`active`, `held`, `rolled-back`), the percentage of kiosks it reaches and the
 * stores that get it first — and the once-per-period runs of head office's background jobs, so a
 * daily job runs once across several processes (docs/deployment.md#scaling-out).
 */
export class FleetUpdatesJobs1796200000011 implements MigrationInterface {
  name = 'FleetUpdatesJobs1796200000011'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    await q.query(`CREATE TABLE ho_update_release (
      version ${text} PRIMARY KEY,
      status ${text} NOT NULL,
      percent ${int} NOT NULL,
      stores ${text} NOT NULL,
      created_at ${big} NOT NULL,
      updated_at ${big} NOT NULL
    )`)
    await q.query(`CREATE TABLE ho_job_run (
      job ${text} NOT NULL,
      period ${text} NOT NULL,
      started_at ${big} NOT NULL,
      PRIMARY KEY (job, period)
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ho_job_run`)
    await q.query(`DROP TABLE ho_update_release`)
  }
}
