import type { PaymentMethod } from '../../../../shared/domain/vocabulary'
import type { Sql } from '../store'

/**
 * The payment method taken most often on `businessDate` for what customers pay (plan fees and
 * upgrade balances; refunds are paid out, so they do not count). A tie goes to the method used
 * last. Null before the day's first payment.
 */
export function mostUsedPaymentMethodOn(sql: Sql, businessDate: string): PaymentMethod | null {
  const row = sql.get<{ method: PaymentMethod }>(
    `SELECT method FROM payments
     WHERE business_date = ? AND kind IN ('fee', 'upgrade')
     GROUP BY method
     ORDER BY COUNT(*) DESC, MAX(taken_at) DESC
     LIMIT 1`,
    businessDate,
  )
  return row?.method ?? null
}
