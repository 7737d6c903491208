import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 16: head office knows the GSTIN each store bills under (from the published catalog), so
 * it can refuse a kiosk code already used under the same GSTIN: document numbers are unique per
 * GSTIN, not per store (docs/tax-documents.md#numbers-unique-per-gstin). Filled by the next
 * catalog publication.
 */
export class StoreGstin1796100000006 implements MigrationInterface {
  name = 'StoreGstin1796100000006'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_store ADD COLUMN gstin ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_store DROP COLUMN gstin`)
  }
}
