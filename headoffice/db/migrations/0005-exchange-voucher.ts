import type { MigrationInterface, QueryRunner } from 'typeorm'
import { columnTypes } from './column-types'

/**
 * Issue 16: an upgrade is recorded with its exchange (buyback) voucher's number and the new
 * phone's tax invoice number at the store's POS (docs/tax-documents.md#exchange-voucher).
 * Nullable: redemptions registered before hold neither.
 */
export class ExchangeVoucher1796100000005 implements MigrationInterface {
  name = 'ExchangeVoucher1796100000005'

  async up(q: QueryRunner): Promise<void> {
    const { text } = columnTypes(q)
    await q.query(`ALTER TABLE ho_redemption ADD COLUMN new_sales_invoice ${text}`)
    await q.query(`ALTER TABLE ho_redemption ADD COLUMN exchange_voucher_number ${text}`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ho_redemption DROP COLUMN exchange_voucher_number`)
    await q.query(`ALTER TABLE ho_redemption DROP COLUMN new_sales_invoice`)
  }
}
