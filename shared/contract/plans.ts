import { z } from 'zod'
import { GstSplitSchema } from '../domain/vocabulary'
import { ALL_STAFF, channel } from './channel'
import { LocalDateSchema, PaiseSchema, VariantIdSchema } from './common'
import {
  PlanDetailSchema,
  PlanGetRequestSchema,
  PlanLookupRequestSchema,
  PlanLookupResponseSchema,
} from './plan-queries'
import { QuoteSchema, TimelineBandSchema } from './quote'

export { QuoteSchema, TimelineBandSchema } from './quote'

export const PlanQuoteRequestSchema = z.object({
  variantId: VariantIdSchema,
  purchaseDate: LocalDateSchema,
  /** Defaults to the kiosk's business date. */
  onDate: LocalDateSchema.optional(),
  /**
   * A business purchase's GSTIN (issue 16): the fee's split is then the one of its state of
   * supply, IGST when that is not the store's. Ignored unless it is a valid recipient GSTIN.
   */
  recipientGstin: z.string().max(20).optional(),
})

/**
 * The plan fee's GST split as the enrollment's tax invoice will record it, computed by the core
 * (the catalog's rate; place of supply decides CGST + SGST or IGST) — the same shape as the
 * receipt's `gst`. The parts add up to the fee.
 */
export const FeeGstSchema = GstSplitSchema

export const PlanQuoteResponseSchema = z.object({
  modelName: z.string(),
  variantName: z.string(),
  srpPaise: PaiseSchema,
  feePaise: PaiseSchema,
  /** The fee's GST split, as the tax invoice of an enrollment today would record it. */
  feeGst: FeeGstSchema,
  onDate: LocalDateSchema,
  quote: QuoteSchema,
  timeline: z.array(TimelineBandSchema),
})

export type { Quote } from './quote'
export type FeeGst = z.infer<typeof FeeGstSchema>
export type PlanQuoteRequest = z.infer<typeof PlanQuoteRequestSchema>
export type PlanQuoteResponse = z.infer<typeof PlanQuoteResponseSchema>

export const planChannels = {
  /** Live quote for a variant bought on a date, at the catalog's SRP (before enrollment). */
  'plans.quote': channel(PlanQuoteRequestSchema, PlanQuoteResponseSchema, 'public'),
  /** Finds plans by plan number, IMEI or mobile, each with a live quote at its FROZEN SRP. */
  'plans.lookup': channel(PlanLookupRequestSchema, PlanLookupResponseSchema, ALL_STAFF),
  /** One plan with its whole history. */
  'plans.get': channel(PlanGetRequestSchema, PlanDetailSchema, ALL_STAFF),
}
