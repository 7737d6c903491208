import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 21 (docs/console.md#staff): a kiosk's heartbeat says which of its staff are locked out by
 * wrong PINs and until when (JSON `[{staffCode, until}]`; null from kiosks before this), so the
 * console's staff list shows who is locked out where and the desk issues the unlock code for
 * that kiosk.
 */
export class HeartbeatLockedStaff1796200000015 implements MigrationInterface {
  name = 'HeartbeatLockedStaff1796200000015'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_kiosk_heartbeat ADD COLUMN locked_staff ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_kiosk_heartbeat DROP COLUMN locked_staff`)
  }
}
