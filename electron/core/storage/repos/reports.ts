import type { PaymentMethod } from '../../../../shared/domain/vocabulary'
import type { Sql } from '../store'

type Method = PaymentMethod

// The end-of-day figures of one business date.

/** Payments of a kind on a date, counted and summed by method. */
export function paymentTotalsByMethod(
  sql: Sql,
  kind: string,
  date: string,
): Array<{ method: Method; count: number; amountPaise: number }> {
  return sql
    .all<{ method: Method; count: number; amount: number }>(
      `SELECT method, COUNT(*) AS count, SUM(amount_paise) AS amount FROM payments
       WHERE business_date = ? AND kind = ? GROUP BY method ORDER BY method`,
      date,
      kind,
    )
    .map((r) => ({ method: r.method, count: r.count, amountPaise: r.amount }))
}

/** The day's fee payments with their GST split (JSON text). */
export function feePaymentsOn(
  sql: Sql,
  date: string,
): Array<{ method: Method; amount_paise: number; gst: string | null }> {
  return sql.all(
    "SELECT method, amount_paise, gst FROM payments WHERE business_date = ? AND kind = 'fee'",
    date,
  )
}

/**
 * The day's credit notes (refunds of a fee, each a credit note) with their GST split (JSON text),
 * and the split of the invoice each reverses, for credit notes stored before their own split was.
 */
export function creditNotesOn(
  sql: Sql,
  date: string,
): Array<{ amount_paise: number; gst: string | null; invoice_gst: string | null }> {
  return sql.all(
    `SELECT r.amount_paise, r.gst, f.gst AS invoice_gst
     FROM payments r LEFT JOIN payments f ON f.plan_id = r.plan_id AND f.kind = 'fee'
     WHERE r.business_date = ? AND r.kind = 'refund' AND r.document_number IS NOT NULL`,
    date,
  )
}

/** Plans enrolled here on a date, and their fees. */
export function enrollmentTotals(sql: Sql, date: string): { n: number; fees: number | null } {
  return sql.get<{ n: number; fees: number | null }>(
    'SELECT COUNT(*) AS n, SUM(fee_paise) AS fees FROM plans WHERE enrolled_on = ? AND origin = ?',
    date,
    'local',
  )!
}

/**
 * Plan inspections finished on a date, by verdict; a trade-in's checklist (no plan, issue 22)
 * counts with the trade-ins.
 */
export function inspectionTotals(
  sql: Sql,
  date: string,
): { n: number; ok: number | null; ko: number | null } {
  return sql.get<{ n: number; ok: number | null; ko: number | null }>(
    `SELECT COUNT(*) AS n, SUM(verdict = 'eligible') AS ok, SUM(verdict = 'ineligible') AS ko
     FROM inspections WHERE business_date = ? AND submitted_at IS NOT NULL
       AND plan_id IS NOT NULL`,
    date,
  )!
}

/** Redemptions on a date and their sums. */
export function redemptionTotals(
  sql: Sql,
  date: string,
): {
  n: number
  value: number | null
  credit: number | null
  sales: number | null
  paid: number | null
} {
  return sql.get(
    `SELECT COUNT(*) AS n, SUM(assured_value_paise) AS value, SUM(credit_paise) AS credit,
       SUM(new_price_paise) AS sales, SUM(amount_paid_paise) AS paid
     FROM redemptions WHERE on_date = ?`,
    date,
  )!
}

/** Cancellations on a date and their refunds. */
export function cancellationTotals(sql: Sql, date: string): { n: number; refund: number | null } {
  return sql.get<{ n: number; refund: number | null }>(
    'SELECT COUNT(*) AS n, SUM(refund_paise) AS refund FROM cancellations WHERE cancelled_on = ?',
    date,
  )!
}
