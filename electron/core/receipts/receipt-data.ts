import type { ReceiptData, ReceiptKind } from '../../../shared/contract/receipt-data'
import type { CoreDeps } from '../context'
import type { Sql } from '../storage/store'
import { cancellationReceiptData } from './kinds/cancellation'
import { enrollmentReceiptData } from './kinds/enrollment'
import { inspectionReceiptData } from './kinds/inspection'
import { redemptionReceiptData } from './kinds/redemption'

/** Each kind's stored data, by the kind's one name (receipts/kinds/<kind>.ts). */
const RECEIPT_DATA: {
  [K in ReceiptKind]: (sql: Sql, deps: CoreDeps, ref: string) => ReceiptData & { kind: K }
} = {
  enrollment: enrollmentReceiptData,
  inspection: inspectionReceiptData,
  redemption: redemptionReceiptData,
  cancellation: cancellationReceiptData,
}

/**
 * Builds the plain data of a printed document from the database (inside a transaction or not):
 * what the receipts module renders, for the first print and every reprint alike.
 */
export function buildReceiptData<K extends ReceiptKind>(
  sql: Sql,
  deps: CoreDeps,
  kind: K,
  ref: string,
): ReceiptData & { kind: K } {
  return RECEIPT_DATA[kind](sql, deps, ref)
}
