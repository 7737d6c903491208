import { z } from 'zod'
import { ALL_STAFF, channel } from './channel'
import { LocalDateSchema, PaiseSchema, RequestIdSchema } from './common'
import { PaymentInputSchema } from './enrollment'
import { PlanViewSchema } from './plan-view'
import { QuoteSchema } from './quote'
import { RedemptionReceiptSchema } from './receipt-data'

const SELLERS = ['clerk', 'manager'] as const

/** What the customer presents at the counter: the mobile or the last 4 of the ID (or both). */
export const CustomerProofSchema = z.object({
  mobile: z.string().trim().max(20).optional(),
  idLast4: z.string().trim().max(4).optional(),
})

export const ReasonSchema = z.object({ code: z.string(), message: z.string(), path: z.string() })

export const RedemptionCheckRequestSchema = z.object({
  planNumber: z.string().trim().min(1).max(40),
  onDate: LocalDateSchema.optional(),
  customer: CustomerProofSchema.optional(),
  /** The new phone's price: the answer then carries the credit and the amount due. */
  newPricePaise: PaiseSchema.optional(),
})

export const RedemptionCheckResponseSchema = z.object({
  plan: PlanViewSchema,
  onDate: LocalDateSchema,
  ok: z.boolean(),
  /** Every reason it cannot be redeemed now (empty when ok). */
  reasons: z.array(ReasonSchema),
  quote: QuoteSchema,
  /** The latest submitted inspection of this plan, if any. */
  inspection: z
    .object({
      id: z.string(),
      verdict: z.enum(['eligible', 'ineligible']),
      submittedAt: z.string(),
    })
    .nullable(),
  /** min(assured value, newPricePaise) — present when the request gave newPricePaise. */
  creditPaise: PaiseSchema.optional(),
  /** newPricePaise − creditPaise, to be paid — present when the request gave newPricePaise. */
  duePaise: PaiseSchema.optional(),
})

export const RedemptionCompleteRequestSchema = z.object({
  requestId: RequestIdSchema,
  planNumber: z.string().trim().min(1).max(40),
  inspectionId: z.string().uuid(),
  customer: CustomerProofSchema,
  newDevice: z.object({
    brand: z.string().trim().min(1).max(40),
    modelName: z.string().trim().min(1).max(120),
    /**
     * The new phone's catalog model and variant (docs/program-rules.md#the-new-phone); without
     * them the core finds the model by the name the phone list shows.
     */
    modelId: z.string().trim().min(1).max(64).optional(),
    variantId: z.string().trim().min(1).max(64).optional(),
    imei: z.string().trim().max(32),
    pricePaise: PaiseSchema,
    /**
     * The new phone's tax invoice number at the store's POS, which invoices the phone with GST on
     * its full price (docs/tax-documents.md#exchange-voucher); checked by validateSalesInvoiceNumber.
     */
    salesInvoiceNumber: z.string().trim().max(40),
  }),
  /** Required when the new phone costs more than the credit. */
  payment: PaymentInputSchema.nullish(),
})

export const RedemptionCompleteResponseSchema = z.object({
  plan: PlanViewSchema,
  redemptionId: z.string(),
  assuredValuePaise: PaiseSchema,
  creditPaise: PaiseSchema,
  amountPaidPaise: PaiseSchema,
  deviceIntakeId: z.string(),
  receipt: RedemptionReceiptSchema,
})

export type CustomerProof = z.infer<typeof CustomerProofSchema>
export type RedemptionCheckRequest = z.infer<typeof RedemptionCheckRequestSchema>
export type RedemptionCheckResponse = z.infer<typeof RedemptionCheckResponseSchema>
export type RedemptionCompleteRequest = z.infer<typeof RedemptionCompleteRequestSchema>
export type RedemptionCompleteResponse = z.infer<typeof RedemptionCompleteResponseSchema>

export const redemptionChannels = {
  /** Why a plan can or cannot be redeemed on a day, before the inspection. */
  'redemption.check': channel(
    RedemptionCheckRequestSchema,
    RedemptionCheckResponseSchema,
    ALL_STAFF,
  ),
  /** The upgrade sale: credit = min(assured value, new phone price). Idempotent by requestId. */
  'redemption.complete': channel(
    RedemptionCompleteRequestSchema,
    RedemptionCompleteResponseSchema,
    SELLERS,
  ),
}
