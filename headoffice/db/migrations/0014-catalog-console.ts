import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 21, the console's Catalog screen (docs/console.md#catalog): who published a version
 * (`published_by`: a console person's e-mail, `admin token` or `command line`; null for versions
 * published before), and which catalog each kiosk runs, from its heartbeat: the version in force
 * on its business date and the newest it holds (a version may be held before its effective date).
 */
export class CatalogConsole1796200000014 implements MigrationInterface {
  name = 'CatalogConsole1796200000014'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_catalog ADD COLUMN published_by ${text}`)
    await q.query(`ALTER TABLE ho_kiosk_heartbeat ADD COLUMN catalog_version ${text}`)
    await q.query(`ALTER TABLE ho_kiosk_heartbeat ADD COLUMN catalog_latest ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_kiosk_heartbeat DROP COLUMN catalog_latest`)
    await q.query(`ALTER TABLE ho_kiosk_heartbeat DROP COLUMN catalog_version`)
    await q.query(`ALTER TABLE ho_catalog DROP COLUMN published_by`)
  }
}
