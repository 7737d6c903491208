import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 17: the one-time codes head office texts at redemption (only their keyed hash is kept,
 * never the code: docs/security.md#one-time-codes-at-redemption), and with each redemption how
 * the customer proved the plan is theirs (`otp` | `id-check`) and the SHA-256 of the signed
 * hand-over declaration (the image stays at the kiosk: docs/privacy.md).
 */
export class OtpHandover1796200000007 implements MigrationInterface {
  name = 'OtpHandover1796200000007'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    await q.query(`CREATE TABLE ho_otp (
      otp_id ${text} PRIMARY KEY, plan_number ${text} NOT NULL, kiosk_id ${text} NOT NULL,
      code_hash ${text} NOT NULL, created_at ${big} NOT NULL, expires_at ${big} NOT NULL,
      attempts ${int} NOT NULL DEFAULT 0, verified_at ${big})`)
    await q.query(`CREATE INDEX ho_otp_plan ON ho_otp (plan_number, created_at)`)
    await q.query(`ALTER TABLE ho_redemption ADD COLUMN customer_check ${text}`)
    await q.query(`ALTER TABLE ho_redemption ADD COLUMN handover_sha256 ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_redemption DROP COLUMN handover_sha256`)
    await q.query(`ALTER TABLE ho_redemption DROP COLUMN customer_check`)
    await q.query(`DROP TABLE ho_otp`)
  }
}
