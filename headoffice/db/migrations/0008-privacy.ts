import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 18. `ho_privacy_request`: data principals' requests (DPDP Act 2023 ss.11–14) with their
 * due dates — plan numbers only; a correction's new values stay in `details` until applied, then
 * go. `ho_job`: one row per background job with its last run day and a lease, so when several
 * head-office processes share the database the daily retention runs once (the first process to
 * take the lease in one UPDATE runs it; the others see it taken).
 */
export class Privacy1796200000008 implements MigrationInterface {
  name = 'Privacy1796200000008'

  async up(q: QueryRunner): Promise<void> {
    const { big, text } = columnTypes(q)
    await q.query(`CREATE TABLE ho_privacy_request (
      id ${text} PRIMARY KEY, kind ${text} NOT NULL, status ${text} NOT NULL,
      source ${text} NOT NULL, kiosk_id ${text}, store_code ${text},
      plan_numbers ${text} NOT NULL, received_on ${text} NOT NULL, due_on ${text} NOT NULL,
      completed_on ${text}, outcome ${text}, details ${text},
      created_at ${big} NOT NULL, updated_at ${big} NOT NULL)`)
    await q.query(`CREATE INDEX ho_privacy_request_due ON ho_privacy_request (status, due_on)`)
    await q.query(`CREATE TABLE ho_job (
      name ${text} PRIMARY KEY, last_run_on ${text}, lease_holder ${text},
      lease_until ${big} NOT NULL DEFAULT 0)`)
    await q.query(
      `INSERT INTO ho_job (name, last_run_on, lease_until) VALUES ('retention', NULL, 0)`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ho_job`)
    await q.query(`DROP TABLE ho_privacy_request`)
  }
}
