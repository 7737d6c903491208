import { type Db, rows } from '../sql'

/** A plan fee's tax invoice as head office recorded it: what its GST split is derived from. */
export interface InvoicedFeeRow {
  store_code: string
  day: string
  fee_paise: number | string
  catalog_version: string
  recipient_gstin: string | null
}

/** The plan fees invoiced on business days `from`..`to` (every plan head office applied). */
export function invoicedFees(db: Db, from: string, to: string): Promise<InvoicedFeeRow[]> {
  return rows<InvoicedFeeRow>(
    db,
    `SELECT store_code, business_date AS day, fee_paise, catalog_version, recipient_gstin
     FROM ho_plan WHERE business_date BETWEEN ? AND ?`,
    [from, to],
  )
}

/** A refund that reversed a fee's tax (a credit note): its amount and the invoice's terms. */
export interface CreditedFeeRow {
  store_code: string
  day: string
  refund_paise: number | string
  catalog_version: string
  recipient_gstin: string | null
}

/**
 * Applied cancellations with a refund (inside cooling-off: each has a credit note) by the business
 * day of their event, days `from`..`to`, with the terms of the invoice they reverse.
 */
export function creditedFees(db: Db, from: string, to: string): Promise<CreditedFeeRow[]> {
  return rows<CreditedFeeRow>(
    db,
    `SELECT c.store_code, e.business_date AS day, c.refund_paise, p.catalog_version,
            p.recipient_gstin
     FROM ho_cancellation c
     JOIN ho_sync_event e ON e.id = c.event_id
     JOIN ho_plan p ON p.plan_number = c.plan_number
     WHERE c.status = 'applied' AND c.refund_paise > 0 AND e.business_date BETWEEN ? AND ?`,
    [from, to],
  )
}
