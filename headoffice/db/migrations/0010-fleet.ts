import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 20 (docs/fleet.md): one-time provisioning codes (only their SHA-256 is kept), the latest
 * heartbeat of each kiosk, the logs kiosks send, the keys head office hands kiosks (sealed under
 * the master key, versioned), and on the kiosk row when it was retired and whether head office
 * asks for its logs.
 */
export class Fleet1796200000010 implements MigrationInterface {
  name = 'Fleet1796200000010'

  async up(q: QueryRunner): Promise<void> {
    const { big, int, text } = columnTypes(q)
    for (const sql of [
      `CREATE TABLE ho_provisioning_code (
        code_hash ${text} PRIMARY KEY, store_code ${text} NOT NULL REFERENCES ho_store(code),
        kiosk_code ${text} NOT NULL, created_at ${big} NOT NULL, expires_at ${big} NOT NULL,
        used_at ${big}, used_by_kiosk ${text})`,
      `CREATE TABLE ho_kiosk_heartbeat (
        kiosk_id ${text} PRIMARY KEY REFERENCES ho_kiosk(id), received_at ${big} NOT NULL,
        app_version ${text} NOT NULL, os ${text} NOT NULL, free_disk_bytes ${big},
        database_bytes ${big}, backlog ${int} NOT NULL, oldest_unsent_age_s ${big},
        printer ${text} NOT NULL, last_error ${text}, clock_offset_ms ${big} NOT NULL)`,
      `CREATE TABLE ho_kiosk_log (
        id ${text} PRIMARY KEY, kiosk_id ${text} NOT NULL REFERENCES ho_kiosk(id),
        received_at ${big} NOT NULL, reason ${text} NOT NULL, bytes ${int} NOT NULL,
        body ${text} NOT NULL)`,
      `CREATE INDEX ho_kiosk_log_kiosk ON ho_kiosk_log (kiosk_id, received_at)`,
      `CREATE TABLE ho_org_key (
        name ${text} NOT NULL, version ${big} NOT NULL, key_sealed ${text} NOT NULL,
        created_at ${big} NOT NULL, PRIMARY KEY (name, version))`,
      `ALTER TABLE ho_kiosk ADD COLUMN retired_at ${big}`,
      `ALTER TABLE ho_kiosk ADD COLUMN logs_requested_at ${big}`,
    ]) {
      await q.query(sql)
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_kiosk DROP COLUMN logs_requested_at`)
    await q.query(`ALTER TABLE ho_kiosk DROP COLUMN retired_at`)
    await q.query(`DROP TABLE ho_org_key`)
    await q.query(`DROP TABLE ho_kiosk_log`)
    await q.query(`DROP TABLE ho_kiosk_heartbeat`)
    await q.query(`DROP TABLE ho_provisioning_code`)
  }
}
