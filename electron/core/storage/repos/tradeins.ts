import type { Sql } from '../store'

/** A trade-in as raw SQL returns it (migration 0014). */
export interface RawTradeIn {
  id: string
  imei: string
  model_id: string
  model_name: string
  variant_id: string
  variant_name: string
  plan_id: string | null
  catalog_version: string
  inspection_id: string | null
  grade: string | null
  not_acceptable: string | null
  status: 'open' | 'graded' | 'not-acceptable' | 'quoted' | 'accepted' | 'declined' | 'used'
  quote_source: 'partner' | 'grid' | null
  partner_id: string | null
  quote_id: string | null
  amount_paise: number | null
  quote_valid_until: string | null
  provisional: number
  quoted_at: string | null
  partner_error: string | null
  price_changed_from_paise: number | null
  voucher_number: string | null
  voucher_code: string | null
  voucher_valid_to: string | null
  accepted_at: string | null
  accepted_on: string | null
  accepted_by: string | null
  signature_sha256: string | null
  confirmation: 'confirmed' | 'pending' | 'price-changed' | null
  partner_reference: string | null
  confirmed_amount_paise: number | null
  confirmed_at: string | null
  declined_at: string | null
  used_at: string | null
  used_on: string | null
  used_by: string | null
  new_brand: string | null
  new_model_name: string | null
  new_variant_name: string | null
  new_imei: string | null
  new_price_paise: number | null
  new_sales_invoice: string | null
  credit_paise: number | null
  amount_paid_paise: number | null
  payment_id: string | null
  created_by: string
  business_date: string
  created_at: string
}

// The signature image stays out of every listing: only the document that prints it reads it.
const COLUMNS = `id, imei, model_id, model_name, variant_id, variant_name, plan_id, catalog_version,
  inspection_id, grade, not_acceptable, status, quote_source, partner_id, quote_id, amount_paise,
  quote_valid_until, provisional, quoted_at, partner_error, price_changed_from_paise,
  voucher_number, voucher_code, voucher_valid_to, accepted_at, accepted_on, accepted_by,
  signature_sha256, confirmation, partner_reference, confirmed_amount_paise, confirmed_at,
  declined_at, used_at, used_on, used_by, new_brand, new_model_name, new_variant_name, new_imei,
  new_price_paise, new_sales_invoice, credit_paise, amount_paid_paise, payment_id, created_by,
  business_date, created_at`

export function tradeInById(sql: Sql, id: string): RawTradeIn | undefined {
  return sql.get<RawTradeIn>(`SELECT ${COLUMNS} FROM trade_ins WHERE id = ?`, id)
}

export function tradeInByVoucher(sql: Sql, voucherNumber: string): RawTradeIn | undefined {
  return sql.get<RawTradeIn>(
    `SELECT ${COLUMNS} FROM trade_ins WHERE voucher_number = ?`,
    voucherNumber,
  )
}

/** The accepted (or used) trade-in of a phone, if it was traded in here. */
export function acceptedTradeInOfImei(sql: Sql, imei: string): RawTradeIn | undefined {
  return sql.get<RawTradeIn>(
    `SELECT ${COLUMNS} FROM trade_ins WHERE imei = ? AND status IN ('accepted', 'used')`,
    imei,
  )
}

/** Accepted trade-ins the partner has not confirmed yet, oldest first. */
export function pendingConfirmations(sql: Sql): RawTradeIn[] {
  return sql.all<RawTradeIn>(
    `SELECT ${COLUMNS} FROM trade_ins WHERE confirmation = 'pending' ORDER BY accepted_at, voucher_number`,
  )
}

/** The signature the customer drew on accepting (for the voucher's print). */
export function tradeInSignature(sql: Sql, id: string): Buffer | null {
  return (
    sql.get<{ signature_png: Buffer | null }>(
      'SELECT signature_png FROM trade_ins WHERE id = ?',
      id,
    )?.signature_png ?? null
  )
}

/** Trade-ins started on a day and vouchers issued or used on it (end of day). */
export function tradeInsOfDay(sql: Sql, businessDate: string): RawTradeIn[] {
  return sql.all<RawTradeIn>(
    `SELECT ${COLUMNS} FROM trade_ins
      WHERE business_date = ? OR accepted_on = ? OR used_on = ?
      ORDER BY created_at, id`,
    businessDate,
    businessDate,
    businessDate,
  )
}

/**
 * Forgets the signatures of trade-ins whose voucher was used or ran out before `cutoff` (the
 * customer-contact retention, docs/privacy.md); the hash stays as the record that one was given.
 */
export function forgetTradeInSignatures(sql: Sql, cutoff: string): number {
  return sql.run(
    `UPDATE trade_ins SET signature_png = NULL
      WHERE signature_png IS NOT NULL AND COALESCE(used_on, voucher_valid_to) < ?`,
    cutoff,
  ).changes
}
