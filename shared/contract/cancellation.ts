import { z } from 'zod'
import { PaymentMethodSchema } from '../domain/vocabulary'
import { channel } from './channel'
import { PaiseSchema, RequestIdSchema } from './common'
import { PlanViewSchema } from './plan-view'
import { CancellationReceiptSchema } from './receipt-data'

export const PlanCancelRequestSchema = z.object({
  requestId: RequestIdSchema,
  planNumber: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(500),
  /** How the refund is paid; defaults to the method the fee was paid with. */
  refundMethod: PaymentMethodSchema.optional(),
  refundReference: z.string().trim().max(64).nullish(),
})

export const PlanCancelResponseSchema = z.object({
  plan: PlanViewSchema,
  refundPaise: PaiseSchema,
  withinWindow: z.boolean(),
  receipt: CancellationReceiptSchema,
})

export type PlanCancelRequest = z.infer<typeof PlanCancelRequestSchema>
export type PlanCancelResponse = z.infer<typeof PlanCancelResponseSchema>

export const cancellationChannels = {
  /**
   * Manager only: refund of the fee inside the cooling-off window, none after
   * (docs/program-rules.md#cancellation-and-refunds). Idempotent by requestId: a retry after a lost
   * answer gets the first answer, not PLAN_CANCELLED.
   */
  'plans.cancel': channel(PlanCancelRequestSchema, PlanCancelResponseSchema, ['manager']),
}
