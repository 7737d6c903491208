import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 16: a plan fee invoiced to a registered business (B2B) is recorded with its recipient —
 * GSTIN, legal name, billing address — and the place of supply head office derived from that
 * GSTIN and the store's state, which decides CGST + SGST or IGST
 * (docs/tax-documents.md#b2b-tax-invoice). Nullable: consumers' plans and plans synced before.
 */
export class PlanRecipient1796200000009 implements MigrationInterface {
  name = 'PlanRecipient1796200000009'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    for (const column of ['recipient_gstin', 'recipient_name', 'recipient_address']) {
      await q.query(`ALTER TABLE ho_plan ADD COLUMN ${column} ${text}`)
    }
    await q.query(`ALTER TABLE ho_plan ADD COLUMN place_of_supply ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['place_of_supply', 'recipient_address', 'recipient_name']) {
      await q.query(`ALTER TABLE ho_plan DROP COLUMN ${column}`)
    }
    await q.query(`ALTER TABLE ho_plan DROP COLUMN recipient_gstin`)
  }
}
