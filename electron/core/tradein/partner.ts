import type { ChecklistAnswer } from '../../../shared/domain/trade-in'

/**
 * A trade-in partner as the kiosk's flow sees it (issue 22, docs/program-rules.md#trade-in): a
 * quote for an inspected, graded phone, and the confirmation of an accepted quote. A second
 * partner is a second implementation of this interface; the flow never names a partner.
 *
 * Failures are KioskErrors with stable codes: TRADE_IN_PARTNER_UNAVAILABLE (no answer in time,
 * a server error, an answer that is not a quote), TRADE_IN_QUOTE_EXPIRED, and
 * TRADE_IN_PRICE_CHANGED (params `quotedPaise`, `newPaise`) when the partner confirms another
 * amount than it quoted.
 */
export interface TradeInPartner {
  /** Stable id, recorded with every quote (`cashify`, …). */
  readonly id: string
  quote(request: TradeInQuoteRequest): Promise<PartnerQuote>
  confirm(quote: PartnerQuote): Promise<PartnerConfirmation>
}

/** What the partner is asked: the phone, its grade and the checklist behind it. */
export interface TradeInQuoteRequest {
  modelId: string
  modelName: string
  variantId: string
  variantName: string
  imei: string
  grade: string
  answers: ChecklistAnswer[]
}

export interface PartnerQuote {
  partnerId: string
  quoteId: string
  amountPaise: number
  /** ISO instant after which the partner no longer honours the quote. */
  validUntil: string
}

export interface PartnerConfirmation {
  /** The partner's reference, which goes with the phone to the Old phones pickup. */
  reference: string
  amountPaise: number
}
