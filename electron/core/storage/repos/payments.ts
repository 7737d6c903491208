import type { PaymentMethod } from '../../../../shared/domain/vocabulary'
import type { GstSplit, Payment } from '../../../../shared/sync/events'
import type { PaymentRow } from '../entities'
import type { Sql } from '../store'

/** A payment as raw SQL returns it. */
export interface RawPayment {
  id: string
  kind: Exclude<PaymentRow['kind'], 'trade-in'>
  method: Payment['method']
  reference: string | null
  amount_paise: number
  document_number: string | null
  gst: string | null
  recipient_gstin?: string | null
  recipient_name?: string | null
  recipient_address?: string | null
  business_date: string
  taken_at: string
  staff_id: string | null
}

/** The registered recipient of a fee invoice (B2B), or null for a consumer's. */
export function recipientOf(
  p: Pick<RawPayment, 'recipient_gstin' | 'recipient_name' | 'recipient_address'> | undefined,
): { gstin: string; legalName: string; address: string } | null {
  return p?.recipient_gstin
    ? {
        gstin: p.recipient_gstin,
        legalName: p.recipient_name ?? '',
        address: p.recipient_address ?? '',
      }
    : null
}

/** A plan's fee payment (the tax invoice). */
export function feePaymentOf(sql: Sql, planId: string): RawPayment | undefined {
  return sql.get<RawPayment>("SELECT * FROM payments WHERE plan_id = ? AND kind = 'fee'", planId)
}

/** One payment by id. */
export function paymentById(sql: Sql, id: string): RawPayment | undefined {
  return sql.get<RawPayment>('SELECT * FROM payments WHERE id = ?', id)
}

/** A plan's payments in the order they were taken. */
export function paymentsOfPlan(sql: Sql, planId: string): RawPayment[] {
  return sql.all<RawPayment>('SELECT * FROM payments WHERE plan_id = ? ORDER BY taken_at', planId)
}

/** The fee's tax invoice of a plan by its number, with the purchase it was enrolled with. */
export function feeInvoiceOf(
  sql: Sql,
  planNumber: string,
):
  | {
      document_number: string | null
      business_date: string
      amount_paise: number
      gst: GstSplit | null
      invoice_number: string
      price_paid_paise: number
      recipient_gstin: string | null
      recipient_name: string | null
      recipient_address: string | null
    }
  | undefined {
  const fee = sql.get<{
    document_number: string | null
    business_date: string
    amount_paise: number
    gst: string | null
    invoice_number: string
    price_paid_paise: number
    recipient_gstin: string | null
    recipient_name: string | null
    recipient_address: string | null
  }>(
    `SELECT pay.document_number, pay.business_date, pay.amount_paise, pay.gst,
            pay.recipient_gstin, pay.recipient_name, pay.recipient_address,
            pl.invoice_number, pl.price_paid_paise
     FROM payments pay JOIN plans pl ON pl.id = pay.plan_id
     WHERE pl.plan_number = ? AND pay.kind = 'fee'`,
    planNumber,
  )
  return fee && { ...fee, gst: JSON.parse(fee.gst ?? 'null') as GstSplit | null }
}

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
