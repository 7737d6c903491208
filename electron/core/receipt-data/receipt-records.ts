import { randomUUID } from 'node:crypto'
import type { ReceiptKind } from '../../../shared/contract/receipt-data'
import { KioskError } from '../../../shared/errors'
import { ReceiptEntity } from '../storage/entities'
import type { Store, Tx } from '../storage/store'

/** Records that a document exists (inside the business transaction that created its fact). */
export async function createReceiptRecord(
  tx: Tx,
  kind: ReceiptKind,
  ref: string,
  planId: string,
  documentNumber: string | null,
  at: string,
): Promise<void> {
  await tx.insert(ReceiptEntity, {
    id: randomUUID(),
    kind,
    ref,
    planId,
    documentNumber,
    copiesPrinted: 0,
    reprintCount: 0,
    createdAt: at,
    lastPrintedAt: null,
  })
}

/**
 * Counts a printed copy inside the caller's transaction: the first print is the original, every
 * later one a reprint, which the document must say (DUPLICATE) — tax invoices may not be re-issued.
 */
export async function countPrintedCopy(
  tx: Tx,
  kind: ReceiptKind,
  ref: string,
  at: string,
): Promise<{ copiesPrinted: number; reprintCount: number }> {
  const row = tx.sql.get<{ copies_printed: number; reprint_count: number }>(
    'SELECT copies_printed, reprint_count FROM receipts WHERE kind = ? AND ref = ?',
    kind,
    ref,
  )
  if (!row) throw new KioskError('RECEIPT_NOT_FOUND', `No ${kind} document ${ref}.`)
  const copiesPrinted = row.copies_printed + 1
  const reprintCount = copiesPrinted > 1 ? row.reprint_count + 1 : 0
  await tx.update(ReceiptEntity, { kind, ref }, { copiesPrinted, reprintCount, lastPrintedAt: at })
  return { copiesPrinted, reprintCount }
}

/** Counts a printed copy in a transaction of its own (see {@link countPrintedCopy}). */
export async function recordReceiptPrinted(
  store: Store,
  kind: ReceiptKind,
  ref: string,
  at: string,
): Promise<{ copiesPrinted: number; reprintCount: number }> {
  return store.write((tx) => countPrintedCopy(tx, kind, ref, at))
}
