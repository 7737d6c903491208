import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 21: the people who run the program from the head-office console (docs/console.md) —
 * their accounts (role, scrypt password hash, optional TOTP secret sealed by the master key,
 * failed-attempt count and lock), their sessions (only a hash of the cookie is kept, with the
 * last activity that the idle timeout is measured from), and the audit of every change made
 * through the console (who, what, before/after as JSON); plans get an index on mobile, which
 * customer care searches by.
 */
export class ConsoleUsers1796200000012 implements MigrationInterface {
  name = 'ConsoleUsers1796200000012'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    await q.query(`CREATE TABLE ho_console_user (
      user_id ${text} PRIMARY KEY,
      email ${text} NOT NULL UNIQUE,
      role ${text} NOT NULL,
      password_hash ${text} NOT NULL,
      totp_secret ${text},
      totp_pending ${text},
      failed_attempts ${int} NOT NULL,
      locked_until ${big},
      active ${int} NOT NULL,
      created_at ${big} NOT NULL,
      updated_at ${big} NOT NULL
    )`)
    await q.query(`CREATE TABLE ho_console_session (
      token_hash ${text} PRIMARY KEY,
      user_id ${text} NOT NULL,
      stage ${text} NOT NULL,
      created_at ${big} NOT NULL,
      last_seen_at ${big} NOT NULL
    )`)
    await q.query(`CREATE INDEX ho_console_session_user ON ho_console_session (user_id)`)
    await q.query(`CREATE TABLE ho_console_audit (
      audit_id ${text} PRIMARY KEY,
      at ${big} NOT NULL,
      actor ${text} NOT NULL,
      action ${text} NOT NULL,
      subject ${text} NOT NULL,
      before_json ${text},
      after_json ${text}
    )`)
    await q.query(`CREATE INDEX ho_console_audit_at ON ho_console_audit (at)`)
    // Customer care searches plans by mobile too; the list pages newest first.
    await q.query(`CREATE INDEX ho_plan_mobile ON ho_plan (mobile)`)
    await q.query(`CREATE INDEX ho_plan_enrolled ON ho_plan (enrolled_on)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ho_plan_enrolled`)
    await q.query(`DROP INDEX ho_plan_mobile`)
    await q.query(`DROP TABLE ho_console_audit`)
    await q.query(`DROP TABLE ho_console_session`)
    await q.query(`DROP TABLE ho_console_user`)
  }
}
