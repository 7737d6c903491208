import { randomUUID } from 'node:crypto'
import type { ReceiptKind as StoredKind } from '../../../../shared/contract/receipt-data'
import { ReceiptEntity } from '../entities'
import type { Sql, Tx } from '../store'

/** A stored document's kind: the plan's receipts and the trade-in voucher (issue 22). */
type ReceiptKind = StoredKind | 'trade-in-voucher'

/** A document record as raw SQL returns it. */
export interface RawReceipt {
  kind: ReceiptKind
  ref: string
  plan_id: string
  document_number: string | null
  copies_printed: number
  reprint_count: number
  created_at: string
}

/** Records that a document exists (inside the business transaction that created its fact). */
export async function insertReceiptRecord(
  tx: Tx,
  kind: ReceiptKind,
  ref: string,
  planId: string | null,
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

/** One document record by kind and reference. */
export function findReceipt(sql: Sql, kind: ReceiptKind, ref: string): RawReceipt | undefined {
  return sql.get<RawReceipt>('SELECT * FROM receipts WHERE kind = ? AND ref = ?', kind, ref)
}

/** Paper copies of a document counted so far (0 when there is no record). */
export function copiesPrintedOf(sql: Sql, kind: ReceiptKind, ref: string): number {
  return (
    sql.get<{ copies_printed: number }>(
      'SELECT copies_printed FROM receipts WHERE kind = ? AND ref = ?',
      kind,
      ref,
    )?.copies_printed ?? 0
  )
}

/** Stores a document's new print counts. */
export async function updatePrintCounts(
  tx: Tx,
  kind: ReceiptKind,
  ref: string,
  counts: { copiesPrinted: number; reprintCount: number },
  at: string,
): Promise<void> {
  await tx.update(ReceiptEntity, { kind, ref }, { ...counts, lastPrintedAt: at })
}

/** A plan's documents in the order they were issued. */
export function receiptsOfPlan(sql: Sql, planId: string): (RawReceipt & { kind: StoredKind })[] {
  return sql.all<RawReceipt & { kind: StoredKind }>(
    'SELECT * FROM receipts WHERE plan_id = ? ORDER BY created_at',
    planId,
  )
}
