import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 21, the console's customer-care screens (docs/console.md#plan-story). A data-principal
 * request taken in the console records how the person's identity was checked and by whom
 * (`identity_check`, `raised_by`); the plan's story reads its inspections, cancellations and
 * conflicts and its resends (audit lines) by plan number, and the notifications screen pages the
 * log by time: an index for each, so none is a scan of a table that grows with every plan.
 */
export class ConsoleCare1796200000016 implements MigrationInterface {
  name = 'ConsoleCare1796200000016'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_privacy_request ADD COLUMN identity_check ${text}`)
    await q.query(`ALTER TABLE ho_privacy_request ADD COLUMN raised_by ${text}`)
    await q.query(`CREATE INDEX ho_inspection_plan ON ho_inspection (plan_number)`)
    await q.query(`CREATE INDEX ho_cancellation_plan ON ho_cancellation (plan_number)`)
    await q.query(`CREATE INDEX ho_conflict_plan ON ho_conflict (plan_number)`)
    await q.query(`CREATE INDEX ho_notification_created ON ho_notification (created_at)`)
    await q.query(`CREATE INDEX ho_console_audit_subject ON ho_console_audit (subject, at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ho_console_audit_subject`)
    await q.query(`DROP INDEX ho_notification_created`)
    await q.query(`DROP INDEX ho_conflict_plan`)
    await q.query(`DROP INDEX ho_cancellation_plan`)
    await q.query(`DROP INDEX ho_inspection_plan`)
    await q.query(`ALTER TABLE ho_privacy_request DROP COLUMN raised_by`)
    await q.query(`ALTER TABLE ho_privacy_request DROP COLUMN identity_check`)
  }
}
