import type { Migration } from './migration'

/**
 * GST document numbers (tax invoice, credit note, refund note) become `K1/2627/000123` — at most
 * 16 characters (GST Rule 46) — from the same per-kiosk counters as before, so nothing stored is
 * rewritten: numbers already issued stay as printed. What the database adds is the guarantee the
 * rule asks for: no number is ever issued twice by this kiosk, whatever the format.
 */
export const m0003DocumentNumberUnique: Migration = {
  id: 3,
  name: 'document-number-unique',
  up: [
    `CREATE UNIQUE INDEX receipts_document_number ON receipts (document_number)
      WHERE document_number IS NOT NULL`,
  ],
  down: ['DROP INDEX receipts_document_number'],
}
