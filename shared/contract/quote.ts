import { z } from 'zod'
import { LocalDateSchema, PaiseSchema } from './common'

/** A live quote of the assured value on a day (shared/domain assuredValue). */
export const QuoteSchema = z.object({
  status: z.enum(['too-early', 'redeemable', 'expired']),
  ageMonth: z.number().int(),
  percent: z.number().int(),
  valuePaise: PaiseSchema,
  bandEnds: LocalDateSchema.nullable(),
  redeemableFrom: LocalDateSchema,
  expiresAfter: LocalDateSchema,
  next: z
    .object({ from: LocalDateSchema, percent: z.number().int(), valuePaise: PaiseSchema })
    .nullable(),
})

export const TimelineBandSchema = z.object({
  fromMonth: z.number().int(),
  toMonth: z.number().int(),
  percent: z.number().int(),
  from: LocalDateSchema,
  to: LocalDateSchema,
  valuePaise: PaiseSchema,
})

export type Quote = z.infer<typeof QuoteSchema>
export type TimelineBand = z.infer<typeof TimelineBandSchema>
