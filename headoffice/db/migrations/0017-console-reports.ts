import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 21, the console's dashboard filters, reports and fraud reports (docs/console.md#reports):
 * - stores get their GST state (`state_code`, the region the console filters by), filled at each
 *   catalog publication; stores already known take it from their GSTIN, whose first two digits are
 *   the state (the catalog refuses a GSTIN of another state);
 * - `ho_plan_liability`: a partial index of the live plans on exactly what their assured value
 *   depends on (purchase date, catalog version → schedule, SRP) plus the store, so the liability
 *   is summed from the index alone (index-only scan on PostgreSQL, covering index on SQLite),
 *   already in group order;
 * - `ho_plan_business_day`: enrollments per business day and store (dashboard, activity report);
 * - `ho_inspection_store`, `ho_cancellation_store`: the fraud reports' per-store rates.
 */
export class ConsoleReports1796200000017 implements MigrationInterface {
  name = 'ConsoleReports1796200000017'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_store ADD COLUMN state_code ${text}`)
    await q.query(
      `UPDATE ho_store SET state_code = substr(gstin, 1, 2) WHERE gstin IS NOT NULL AND state_code IS NULL`,
    )
    await q.query(
      `CREATE INDEX ho_plan_liability ON ho_plan (purchase_date, catalog_version, srp_paise, store_code)
       WHERE status = 'active'`,
    )
    await q.query(`CREATE INDEX ho_plan_business_day ON ho_plan (business_date, store_code)`)
    await q.query(`CREATE INDEX ho_inspection_store ON ho_inspection (store_code, submitted_at)`)
    await q.query(`CREATE INDEX ho_cancellation_store ON ho_cancellation (store_code, status)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ho_cancellation_store`)
    await q.query(`DROP INDEX ho_inspection_store`)
    await q.query(`DROP INDEX ho_plan_business_day`)
    await q.query(`DROP INDEX ho_plan_liability`)
    await q.query(`ALTER TABLE ho_store DROP COLUMN state_code`)
  }
}
