import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Money columns are 64-bit (issue 17): on PostgreSQL `INTEGER` is 32-bit, so one amount of 2^31
 * paise or more failed the whole push with a 500 and stalled the kiosk's outbox for good. Amounts
 * are bounded by MAX_MONEY_PAISE on the wire now (shared/domain/money.ts); BIGINT keeps the
 * columns wider than any bound and any sum. SQLite's INTEGER is already 64-bit: nothing to change
 * there. Also indexes `imei2`, which the one-active-plan-per-IMEI check reads as well as `imei1`.
 */
export class MoneyBigint1796000000003 implements MigrationInterface {
  name = 'MoneyBigint1796000000003'

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      for (const sql of [
        `ALTER TABLE ho_plan ALTER COLUMN srp_paise TYPE BIGINT, ALTER COLUMN fee_paise TYPE BIGINT`,
        `ALTER TABLE ho_redemption ALTER COLUMN srp_paise TYPE BIGINT,
           ALTER COLUMN assured_value_paise TYPE BIGINT, ALTER COLUMN credit_paise TYPE BIGINT,
           ALTER COLUMN new_price_paise TYPE BIGINT, ALTER COLUMN amount_paid_paise TYPE BIGINT`,
        `ALTER TABLE ho_cancellation ALTER COLUMN refund_paise TYPE BIGINT`,
      ])
        await q.query(sql)
    }
    await q.query(`CREATE INDEX ho_plan_imei2 ON ho_plan (imei2)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ho_plan_imei2`)
    if (q.connection.options.type === 'postgres') {
      for (const sql of [
        `ALTER TABLE ho_plan ALTER COLUMN srp_paise TYPE INTEGER, ALTER COLUMN fee_paise TYPE INTEGER`,
        `ALTER TABLE ho_redemption ALTER COLUMN srp_paise TYPE INTEGER,
           ALTER COLUMN assured_value_paise TYPE INTEGER, ALTER COLUMN credit_paise TYPE INTEGER,
           ALTER COLUMN new_price_paise TYPE INTEGER, ALTER COLUMN amount_paid_paise TYPE INTEGER`,
        `ALTER TABLE ho_cancellation ALTER COLUMN refund_paise TYPE INTEGER`,
      ])
        await q.query(sql)
    }
  }
}
