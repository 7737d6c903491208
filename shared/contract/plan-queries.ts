import { z } from 'zod'
import { PaymentMethodSchema } from '../domain/vocabulary'
import { LocalDateSchema, PaiseSchema } from './common'
import { PlanViewSchema } from './plan-view'
import { QuoteSchema, TimelineBandSchema } from './quote'
import { ReceiptKindSchema } from './receipt-data'

// Schemas of plans.lookup and plans.get; kept apart from plans.ts so the quote stays small.

export const PlanLookupRequestSchema = z.object({
  /** A plan number (typed or scanned), a 15-digit IMEI or a 10-digit mobile. */
  query: z.string().trim().min(1).max(40),
  /**
   * Omitted: guessed from the shape (15 digits → IMEI, 10 digits → mobile, else plan number).
   * `planId`: the plan's random id, from a scanned certificate link (issue 22); never guessed.
   */
  by: z.enum(['planNumber', 'imei', 'mobile', 'planId']).optional(),
  onDate: LocalDateSchema.optional(),
})

export const PlanLookupResponseSchema = z.object({
  by: z.enum(['planNumber', 'imei', 'mobile', 'planId']),
  onDate: LocalDateSchema,
  plans: z.array(z.object({ plan: PlanViewSchema, quote: QuoteSchema })),
})

export const PlanGetRequestSchema = z.object({ planNumber: z.string().trim().min(1).max(40) })

export const PlanDetailSchema = z.object({
  plan: PlanViewSchema,
  onDate: LocalDateSchema,
  quote: QuoteSchema,
  timeline: z.array(TimelineBandSchema),
  payments: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['fee', 'upgrade', 'refund']),
      method: PaymentMethodSchema,
      reference: z.string().nullable(),
      amountPaise: PaiseSchema,
      documentNumber: z.string().nullable(),
      businessDate: LocalDateSchema,
      takenAt: z.string(),
    }),
  ),
  inspections: z.array(
    z.object({
      id: z.string(),
      imei: z.string(),
      technicianCode: z.string(),
      verdict: z.enum(['eligible', 'ineligible']).nullable(),
      failedRequired: z.array(z.string()),
      failedOptional: z.array(z.string()),
      startedAt: z.string(),
      submittedAt: z.string().nullable(),
    }),
  ),
  redemption: z
    .object({
      id: z.string(),
      onDate: LocalDateSchema,
      ageMonth: z.number().int(),
      percent: z.number().int(),
      assuredValuePaise: PaiseSchema,
      creditPaise: PaiseSchema,
      newModelName: z.string(),
      newImei: z.string(),
      newPricePaise: PaiseSchema,
      amountPaidPaise: PaiseSchema,
      exchangeVoucherNumber: z.string(),
      inspectionId: z.string(),
    })
    .nullable(),
  cancellation: z
    .object({
      id: z.string(),
      cancelledOn: LocalDateSchema,
      reason: z.string(),
      refundPaise: PaiseSchema,
      withinWindow: z.boolean(),
    })
    .nullable(),
  device: z
    .object({
      id: z.string(),
      status: z.enum(['received', 'collected']),
      receivedOn: LocalDateSchema,
      collectedOn: LocalDateSchema.nullable(),
    })
    .nullable(),
  receipts: z.array(
    z.object({
      kind: ReceiptKindSchema,
      ref: z.string(),
      documentNumber: z.string().nullable(),
      copiesPrinted: z.number().int(),
      reprintCount: z.number().int(),
    }),
  ),
})

export type PlanLookupRequest = z.infer<typeof PlanLookupRequestSchema>
export type PlanLookupResponse = z.infer<typeof PlanLookupResponseSchema>
export type PlanGetRequest = z.infer<typeof PlanGetRequestSchema>
export type PlanDetail = z.infer<typeof PlanDetailSchema>
