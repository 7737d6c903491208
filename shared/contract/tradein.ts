import { z } from 'zod'
import { ChecklistItemSchema, LocalizedTextSchema } from '../domain/catalog'
import { ALL_STAFF, channel } from './channel'
import { LocalDateSchema, PaiseSchema, RequestIdSchema } from './common'
import { PaymentInputSchema } from './enrollment'
import { HandoverInputSchema } from './redemption'

/**
 * Trade-in of a phone without a usable plan (issue 22, docs/program-rules.md#trade-in): the
 * kiosk's flow over the partner adapter (electron/core/tradein). Order:
 * `tradein.start` → `tradein.checklist` (grade) → `tradein.quote` (partner online, else the
 * catalog's grid, provisional) → `tradein.accept` (a trade-in voucher, the phone to the Old phones
 * pickup) or `tradein.decline`; later `redemption.voucherCheck` / `redemption.voucherComplete`
 * use the voucher against a new phone of the brand exactly like the assured-value credit.
 */

const INSPECTORS = ['technician', 'manager'] as const
const SELLERS = ['clerk', 'manager'] as const

export const TRADE_IN_STATUSES = [
  /** Started: the checklist is not recorded yet. */
  'open',
  /** Checklist recorded, graded, not priced yet. */
  'graded',
  /** Checklist recorded: a failed item makes the phone not acceptable (no quote possible). */
  'not-acceptable',
  /** Priced: the latest quote is shown to the customer. */
  'quoted',
  /** The customer accepted: the voucher is issued and the phone is in the Old phones pickup. */
  'accepted',
  'declined',
  /** The voucher was used against a new phone. */
  'used',
  /** The voucher's validity passed unused. */
  'expired',
] as const
export const TradeInStatusSchema = z.enum(TRADE_IN_STATUSES)
export type TradeInStatus = z.infer<typeof TradeInStatusSchema>

/**
 * Where the price came from: the partner's quote API (`partner`, firm once confirmed) or the
 * catalog's offline grid (`grid`, provisional until the partner confirms on sync).
 */
export const TradeInQuoteSourceSchema = z.enum(['partner', 'grid'])

export const TradeInQuoteViewSchema = z.object({
  source: TradeInQuoteSourceSchema,
  partnerId: z.string(),
  partnerName: z.string(),
  /** The partner's quote id; null for a grid price. */
  quoteId: z.string().nullable(),
  amountPaise: PaiseSchema,
  /** ISO instant the quote holds until (a grid price: the end of the business day). */
  validUntil: z.string(),
  provisional: z.boolean(),
})

/**
 * The partner's side of an accepted trade-in: `confirmed` (the partner confirmed the amount and
 * gave its reference), `pending` (accepted offline or with the partner unreachable: confirmed
 * on sync), `price-changed` (the partner confirmed another amount on sync: recorded and flagged,
 * the voucher stands — docs/program-rules.md#trade-in).
 */
export const TradeInConfirmationSchema = z.enum(['confirmed', 'pending', 'price-changed'])

export const TradeInVoucherViewSchema = z.object({
  /** `K1/T2627/000001`: the kiosk's own series (electron/core/document-numbers.ts). */
  number: z.string(),
  /** Six characters printed on the voucher (and in its QR): asked when it is used. */
  code: z.string(),
  amountPaise: PaiseSchema,
  issuedOn: LocalDateSchema,
  /** Last business day it can be used (inclusive). */
  validTo: LocalDateSchema,
  status: z.enum(['issued', 'used', 'expired']),
  usedOn: LocalDateSchema.nullable(),
})

export const TradeInViewSchema = z.object({
  tradeInId: z.string(),
  status: TradeInStatusSchema,
  imei: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  variantId: z.string(),
  variantName: z.string(),
  /** The plan this IMEI had at this kiosk (expired, cancelled, failed inspection); else null. */
  planNumber: z.string().nullable(),
  /** The checklist's inspection row (inspections.plan_id is null for a trade-in). */
  inspectionId: z.string().nullable(),
  grade: z.string().nullable(),
  gradeLabel: LocalizedTextSchema.nullable(),
  /** The failed items that make the phone not acceptable (status `not-acceptable`). */
  notAcceptable: z.array(z.object({ itemId: z.string(), label: LocalizedTextSchema })),
  quote: TradeInQuoteViewSchema.nullable(),
  voucher: TradeInVoucherViewSchema.nullable(),
  /** The partner's reference that goes with the phone; null while `pending`. */
  partnerReference: z.string().nullable(),
  confirmation: TradeInConfirmationSchema.nullable(),
  /** Old phones pickup row of the traded-in phone (after accept). */
  deviceIntakeId: z.string().nullable(),
  businessDate: LocalDateSchema,
  createdAt: z.string(),
})

export const TradeInStartRequestSchema = z.object({
  requestId: RequestIdSchema,
  /** The IMEI the phone shows with *#06#. */
  imei: z.string().trim().max(32),
  /**
   * The phone's catalog model and variant. May be left out when the IMEI belongs to a plan this
   * kiosk holds (the plan's phone is used); otherwise TRADE_IN_MODEL_UNKNOWN.
   */
  modelId: z.string().trim().min(1).max(64).optional(),
  variantId: z.string().trim().min(1).max(64).optional(),
})

export const TradeInStartResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  /** The catalog's inspection checklist: the same one as a plan's inspection. */
  checklist: z.array(ChecklistItemSchema),
})

export const TradeInChecklistRequestSchema = z.object({
  tradeInId: z.string().uuid(),
  answers: z
    .array(
      z.object({
        itemId: z.string().min(1).max(64),
        result: z.enum(['pass', 'fail']),
        note: z.string().trim().max(500).nullish(),
      }),
    )
    .max(100),
  notes: z.string().trim().max(2000).nullish(),
})

/** `tradeIn.status` is `graded` or `not-acceptable` (then `tradeIn.notAcceptable` says why). */
export const TradeInChecklistResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  acceptable: z.boolean(),
})

export const TradeInQuoteRequestSchema = z.object({ tradeInId: z.string().uuid() })
export const TradeInQuoteResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  quote: TradeInQuoteViewSchema,
  /** Why the grid answered: the partner was unreachable (code) or none is configured (null). */
  partnerError: z.string().nullable(),
})

export const TradeInAcceptRequestSchema = z.object({
  requestId: RequestIdSchema,
  tradeInId: z.string().uuid(),
  /** The amount shown to the customer; must equal the stored quote (else TRADE_IN_PRICE_CHANGED). */
  amountPaise: PaiseSchema,
  /** The customer's hand-over declaration, as at an upgrade (HANDOVER_DECLARATION_REQUIRED). */
  handover: HandoverInputSchema.nullish(),
})

export const TradeInAcceptResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  voucher: TradeInVoucherViewSchema,
  deviceIntakeId: z.string(),
})

export const TradeInDeclineRequestSchema = z.object({
  requestId: RequestIdSchema,
  tradeInId: z.string().uuid(),
})
export const TradeInGetRequestSchema = z.object({ tradeInId: z.string().uuid() })
export const TradeInViewResponseSchema = z.object({ tradeIn: TradeInViewSchema })

/** A voucher as the upgrade screen reads it: number (typed or scanned) and its code. */
export const VoucherRefSchema = z.object({
  voucherNumber: z.string().trim().min(1).max(40),
  code: z.string().trim().min(1).max(16),
})

export const VoucherCheckRequestSchema = VoucherRefSchema.extend({
  /** The new phone's price: the answer then carries the credit and the amount due. */
  newPricePaise: PaiseSchema.optional(),
})

export const VoucherCheckResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  ok: z.boolean(),
  /** Every reason it cannot be used now (empty when ok): TRADE_IN_VOUCHER_USED, …_EXPIRED. */
  reasons: z.array(z.object({ code: z.string(), message: z.string(), path: z.string() })),
  /** min(voucher amount, newPricePaise) — present when the request gave newPricePaise. */
  creditPaise: PaiseSchema.optional(),
  /** newPricePaise − creditPaise — present when the request gave newPricePaise. */
  duePaise: PaiseSchema.optional(),
})

export const VoucherCompleteRequestSchema = VoucherRefSchema.extend({
  requestId: RequestIdSchema,
  /** The same new phone as redemption.complete: of the brand, a catalog model, at most its SRP. */
  newDevice: z.object({
    brand: z.string().trim().min(1).max(40),
    modelName: z.string().trim().min(1).max(120),
    modelId: z.string().trim().min(1).max(64).optional(),
    variantId: z.string().trim().min(1).max(64).optional(),
    imei: z.string().trim().max(32),
    pricePaise: PaiseSchema,
    salesInvoiceNumber: z.string().trim().max(40),
  }),
  /** Required when the new phone costs more than the voucher. */
  payment: PaymentInputSchema.nullish(),
})

export const VoucherCompleteResponseSchema = z.object({
  tradeIn: TradeInViewSchema,
  voucherNumber: z.string(),
  creditPaise: PaiseSchema,
  amountPaidPaise: PaiseSchema,
})

export type TradeInView = z.infer<typeof TradeInViewSchema>
export type TradeInQuoteView = z.infer<typeof TradeInQuoteViewSchema>
export type TradeInVoucherView = z.infer<typeof TradeInVoucherViewSchema>
export type TradeInStartRequest = z.infer<typeof TradeInStartRequestSchema>
export type TradeInChecklistRequest = z.infer<typeof TradeInChecklistRequestSchema>
export type TradeInAcceptRequest = z.infer<typeof TradeInAcceptRequestSchema>
export type VoucherCheckRequest = z.infer<typeof VoucherCheckRequestSchema>
export type VoucherCheckResponse = z.infer<typeof VoucherCheckResponseSchema>
export type VoucherCompleteRequest = z.infer<typeof VoucherCompleteRequestSchema>
export type VoucherCompleteResponse = z.infer<typeof VoucherCompleteResponseSchema>

export const tradeInChannels = {
  /**
   * Opens a trade-in of a phone by IMEI: refused with TRADE_IN_PLAN_REDEEMABLE (params
   * `planNumber`) when the IMEI has a plan the customer can redeem instead. Idempotent.
   */
  'tradein.start': channel(TradeInStartRequestSchema, TradeInStartResponseSchema, INSPECTORS),
  /** Records the checklist answers and grades the phone by the catalog's rules. */
  'tradein.checklist': channel(
    TradeInChecklistRequestSchema,
    TradeInChecklistResponseSchema,
    INSPECTORS,
  ),
  /** Prices the graded phone: the partner online, else the catalog's grid (provisional). */
  'tradein.quote': channel(TradeInQuoteRequestSchema, TradeInQuoteResponseSchema, ALL_STAFF),
  /** The customer accepts: partner confirmation (online), voucher, Old phones pickup. Idempotent. */
  'tradein.accept': channel(TradeInAcceptRequestSchema, TradeInAcceptResponseSchema, SELLERS),
  /** The customer declines the quote. Idempotent. */
  'tradein.decline': channel(TradeInDeclineRequestSchema, TradeInViewResponseSchema, SELLERS),
  /** One trade-in as stored. */
  'tradein.get': channel(TradeInGetRequestSchema, TradeInViewResponseSchema, ALL_STAFF),
  /** Whether a trade-in voucher can be used now; given a price, the credit and the amount due. */
  'redemption.voucherCheck': channel(
    VoucherCheckRequestSchema,
    VoucherCheckResponseSchema,
    SELLERS,
  ),
  /** The upgrade sale paid with a trade-in voucher: credit = min(voucher, price). Idempotent. */
  'redemption.voucherComplete': channel(
    VoucherCompleteRequestSchema,
    VoucherCompleteResponseSchema,
    SELLERS,
  ),
}
