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

/** Largest signature image accepted (base64 of a PNG; a touch-screen signature is ~10–40 kB). */
export const SIGNATURE_MAX_BASE64 = 400_000

/**
 * The customer's hand-over declaration (docs/program-rules.md#hand-over-declaration): each
 * statement confirmed, and the signature drawn on the touch screen as a PNG (base64, a
 * `data:image/png;base64,` prefix allowed). Optional in the schema so that the core, not the
 * schema, refuses a redemption without it, with its own code.
 */
export const HandoverInputSchema = z.object({
  ownership: z.boolean(),
  accountsRemoved: z.boolean(),
  dataWiped: z.boolean(),
  transfer: z.boolean(),
  signaturePng: z.string().max(SIGNATURE_MAX_BASE64),
})

/**
 * How the customer proved the plan is theirs: the one-time code head office texted and verified
 * (`redemption.otpVerify`), or — head office unreachable, or no code could be sent — the clerk's
 * check of the ID shown at enrollment.
 */
export const CustomerCheckSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('otp'), otpId: z.uuid() }),
  z.object({ method: z.literal('id-check') }),
])

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
  /** Required: refused with HANDOVER_DECLARATION_REQUIRED when absent or not confirmed. */
  handover: HandoverInputSchema.nullish(),
  /** Required: refused with CUSTOMER_CHECK_REQUIRED when absent. */
  customerCheck: CustomerCheckSchema.nullish(),
})

export const OtpSendRequestSchema = z.object({ planNumber: z.string().trim().min(1).max(40) })
export const OtpSendResponseSchema = z.object({
  otpId: z.uuid(),
  /** ISO instant. */
  expiresAt: z.string(),
  /** The last four digits of the mobile the code went to. */
  mobileLast4: z.string(),
})
export const OtpVerifyRequestSchema = z.object({
  planNumber: z.string().trim().min(1).max(40),
  otpId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/),
})
export const OtpVerifyResponseSchema = z.object({ verified: z.literal(true) })

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
export type HandoverInput = z.infer<typeof HandoverInputSchema>
export type CustomerCheck = z.infer<typeof CustomerCheckSchema>

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
  /** Has head office text the plan's mobile a one-time code (online only). */
  'redemption.otpSend': channel(OtpSendRequestSchema, OtpSendResponseSchema, SELLERS),
  /** Has head office check the code the customer read out. */
  'redemption.otpVerify': channel(OtpVerifyRequestSchema, OtpVerifyResponseSchema, SELLERS),
}
