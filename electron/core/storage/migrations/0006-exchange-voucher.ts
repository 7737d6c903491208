import type { Migration } from './migration'

/**
 * Issue 16: an upgrade's document is an exchange (buyback) voucher, which names the new phone's
 * tax invoice issued by the store's POS (required from here on) and the new phone's variant. Rows
 * written before hold neither.
 */
export const m0006ExchangeVoucher: Migration = {
  id: 6,
  name: 'exchange-voucher',
  up: [
    `ALTER TABLE redemptions ADD COLUMN new_sales_invoice TEXT`,
    `ALTER TABLE redemptions ADD COLUMN new_variant_name TEXT`,
  ],
  down: [
    'ALTER TABLE redemptions DROP COLUMN new_variant_name',
    'ALTER TABLE redemptions DROP COLUMN new_sales_invoice',
  ],
}
