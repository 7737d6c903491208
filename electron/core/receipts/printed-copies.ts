import type { ReceiptKind } from '../../../shared/contract/receipt-data'
import { KioskError } from '../../../shared/errors'
import { findReceipt, updatePrintCounts } from '../storage/repos/receipts'
import type { Store, Tx } from '../storage/store'

/**
 * Counts a printed copy inside the caller's transaction: the first print is the original, every
 * later one a reprint, which the document must say (DUPLICATE) — tax invoices may not be re-issued.
 */
export async function countPrintedCopy(
  tx: Tx,
  kind: ReceiptKind | 'trade-in-voucher',
  ref: string,
  at: string,
): Promise<{ copiesPrinted: number; reprintCount: number }> {
  const row = findReceipt(tx.sql, kind, ref)
  if (!row) throw new KioskError('RECEIPT_NOT_FOUND', `No ${kind} document ${ref}.`)
  const copiesPrinted = row.copies_printed + 1
  const reprintCount = copiesPrinted > 1 ? row.reprint_count + 1 : 0
  await updatePrintCounts(tx, kind, ref, { copiesPrinted, reprintCount }, at)
  return { copiesPrinted, reprintCount }
}

/** Counts a printed copy in a transaction of its own (see {@link countPrintedCopy}). */
export async function recordReceiptPrinted(
  store: Store,
  kind: ReceiptKind | 'trade-in-voucher',
  ref: string,
  at: string,
): Promise<{ copiesPrinted: number; reprintCount: number }> {
  return store.write((tx) => countPrintedCopy(tx, kind, ref, at))
}
