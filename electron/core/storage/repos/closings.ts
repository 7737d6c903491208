import type { Sql } from '../store'

// What closed a plan: its redemption (with the phone taken in) or its cancellation.

/** A redemption as raw SQL returns it. */
export interface RawRedemption {
  id: string
  plan_id: string
  inspection_id: string
  on_date: string
  age_month: number
  percent: number
  assured_value_paise: number
  credit_paise: number
  new_brand: string
  new_model_name: string
  new_imei: string
  new_price_paise: number
  new_sales_invoice: string | null
  new_variant_name: string | null
  amount_paid_paise: number
  payment_id: string | null
  exchange_voucher_number: string
  staff_id: string | null
}

/** A cancellation as raw SQL returns it. */
export interface RawCancellation {
  id: string
  plan_id: string
  reason: string
  refund_paise: number
  within_window: number
  payment_id: string | null
  cancelled_on: string
  staff_id: string | null
}

/** The plan's redemption, if it was redeemed here. */
export function redemptionOfPlan(sql: Sql, planId: string): RawRedemption | undefined {
  return sql.get<RawRedemption>('SELECT * FROM redemptions WHERE plan_id = ?', planId)
}

/** The plan's cancellation, if it was cancelled here. */
export function cancellationOfPlan(sql: Sql, planId: string): RawCancellation | undefined {
  return sql.get<RawCancellation>('SELECT * FROM cancellations WHERE plan_id = ?', planId)
}
