import { z } from 'zod'
import { IdTypeSchema } from '../domain/vocabulary'
import { PlanStatusSchema } from '../domain/vocabulary'
import { LocalDateSchema, PaiseSchema } from './common'

/** The customer as screens and receipts show them: masked, never the full ID or mobile. */
export const CustomerViewSchema = z.object({
  name: z.string(),
  /** `XXXXXX3210` (shared/domain maskMobile) */
  mobileMasked: z.string(),
  emailMasked: z.string().nullable(),
  idType: IdTypeSchema,
  idMasked: z.string(),
  /** KYC details were anonymised under the retention policy. */
  anonymised: z.boolean(),
})

/** A plan as the kiosk knows it, with the SRP and fee frozen at enrollment. */
export const PlanViewSchema = z.object({
  planNumber: z.string(),
  status: PlanStatusSchema,
  imeis: z.array(z.string()),
  modelId: z.string(),
  modelName: z.string(),
  variantId: z.string(),
  variantName: z.string(),
  srpPaise: PaiseSchema,
  feePaise: PaiseSchema,
  catalogVersion: z.string(),
  purchaseDate: LocalDateSchema,
  invoice: z.object({
    number: z.string(),
    date: LocalDateSchema,
    storeCode: z.string(),
    pricePaidPaise: PaiseSchema,
  }),
  enrolledOn: LocalDateSchema,
  /** Last day the plan can be redeemed. */
  expiresOn: LocalDateSchema,
  closedOn: LocalDateSchema.nullable(),
  customer: CustomerViewSchema,
  origin: z.enum(['local', 'synced']),
  training: z.boolean(),
})

export type CustomerView = z.infer<typeof CustomerViewSchema>
export type PlanView = z.infer<typeof PlanViewSchema>
