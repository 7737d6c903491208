import type { Migration } from './migration'

/**
 * Issue 16 (docs/tax-documents.md):
 * - a business purchase's tax invoice names its registered recipient (Rule 46(e)): GSTIN, legal
 *   name and billing address, kept with the fee's payment row, which is the invoice;
 * - the upgrade's document number is its exchange voucher's, no credit note: the column says so;
 * - an inspection has a short reference printed on the exchange voucher instead of its UUID.
 * Rows written before keep NULLs: consumer invoices, and inspections printed with their id.
 */
export const m0012TaxDocumentsB2b: Migration = {
  id: 12,
  name: 'tax-documents-b2b',
  up: [
    `ALTER TABLE payments ADD COLUMN recipient_gstin TEXT`,
    `ALTER TABLE payments ADD COLUMN recipient_name TEXT`,
    `ALTER TABLE payments ADD COLUMN recipient_address TEXT`,
    `ALTER TABLE redemptions RENAME COLUMN credit_note_number TO exchange_voucher_number`,
    `ALTER TABLE inspections ADD COLUMN reference TEXT`,
  ],
  down: [
    'ALTER TABLE inspections DROP COLUMN reference',
    'ALTER TABLE redemptions RENAME COLUMN exchange_voucher_number TO credit_note_number',
    'ALTER TABLE payments DROP COLUMN recipient_address',
    'ALTER TABLE payments DROP COLUMN recipient_name',
    'ALTER TABLE payments DROP COLUMN recipient_gstin',
  ],
}
