import { z } from 'zod'
import { ConsentGiverSchema, IdTypeSchema } from '../domain/vocabulary'
import { PaymentMethodSchema } from '../domain/vocabulary'
import { channel } from './channel'
import {
  EmptySchema,
  LocalDateSchema,
  PaiseSchema,
  RequestIdSchema,
  VariantIdSchema,
} from './common'
import { ErrorShapeSchema } from './envelope'
import { PlanViewSchema } from './plan-view'
import { TimelineBandSchema } from './quote'
import { EnrollmentReceiptSchema } from './receipt-data'

// Shapes only: the program's rules (Luhn, Verhoeff, windows…) are checked by the core with
// shared/domain so every failed rule comes back at once with its field path.

export const PaymentInputSchema = z.object({
  method: PaymentMethodSchema,
  /** UPI transaction id / card approval code; required unless cash. */
  reference: z.string().trim().max(64).nullish(),
  amountPaise: PaiseSchema,
})

/**
 * A business purchase (B2B tax invoice, docs/tax-documents.md#b2b-tax-invoice): the recipient's
 * GSTIN, the legal name registered under it and the billing address. Absent or null for a
 * consumer; the core checks each with shared/domain's validators.
 */
export const BusinessInputSchema = z.object({
  gstin: z.string().max(20),
  legalName: z.string().max(160),
  address: z.string().max(300),
})

export const EnrollmentCreateRequestSchema = z.object({
  requestId: RequestIdSchema,
  variantId: VariantIdSchema,
  /** Both IMEIs of a dual-SIM phone. */
  imeis: z.array(z.string().max(32)).min(1).max(2),
  purchase: z.object({
    invoiceNumber: z.string().max(40),
    /** The invoice date is the purchase date. */
    invoiceDate: LocalDateSchema,
    storeCode: z.string().max(8),
    pricePaidPaise: PaiseSchema,
  }),
  customer: z.object({
    name: z.string().max(120),
    mobile: z.string().max(20),
    email: z.string().max(254).nullish(),
    idType: IdTypeSchema,
    idNumber: z.string().max(32),
  }),
  consent: z.object({
    dataProcessing: z.boolean(),
    notifications: z.boolean(),
    marketing: z.boolean().default(false),
    /** Version of the DPDP notice the customer was shown: the catalog's privacy.consentVersion. */
    version: z.string().min(1).max(32),
    /** The customer confirmed being 18 or older, or a parent or guardian consented for them. */
    givenBy: ConsentGiverSchema,
    /** The consenting parent or guardian (givenBy 'guardian' only). */
    guardianName: z.string().max(120).nullish(),
  }),
  payment: PaymentInputSchema,
  business: BusinessInputSchema.nullish(),
})

export const EnrollmentCreateResponseSchema = z.object({
  plan: PlanViewSchema,
  timeline: z.array(TimelineBandSchema),
  receipt: EnrollmentReceiptSchema,
})

/**
 * What the enrollment form starts with (issue 15): the purchase date is the business date, the
 * store is this kiosk's, and the payment method is the one this store's kiosk took most often
 * today (null before the day's first payment). The clerk can change each of them.
 */
export const EnrollmentDefaultsSchema = z.object({
  businessDate: LocalDateSchema,
  storeCode: z.string().max(8),
  paymentMethod: PaymentMethodSchema.nullable(),
})

/**
 * The wizard's own step, checked before the review and the payment (issue 14): the phone step
 * sends the phone and its purchase, the customer step adds the customer. The core answers every
 * rule that would refuse `enrollment.create` for what was sent (IMEI format and uniqueness, the
 * enrollment window, the model, the store, the customer's details); `enrollment.create` checks
 * them all again.
 */
export const EnrollmentCheckRequestSchema = z.object({
  variantId: VariantIdSchema,
  imeis: EnrollmentCreateRequestSchema.shape.imeis,
  purchase: EnrollmentCreateRequestSchema.shape.purchase,
  customer: EnrollmentCreateRequestSchema.shape.customer.optional(),
  business: BusinessInputSchema.nullish(),
})

export const EnrollmentCheckResponseSchema = z.object({
  ok: z.boolean(),
  /** Every rule that refuses, with the field path `enrollment.create` would give it. */
  issues: ErrorShapeSchema.shape.issues.unwrap(),
  /** The days allowed between the purchase and the enrollment (the catalog's). */
  enrollmentWindowDays: z.number().int().min(0),
  /** The last day this purchase can be enrolled. */
  enrollBy: LocalDateSchema,
})

export type EnrollmentCheckRequest = z.infer<typeof EnrollmentCheckRequestSchema>
export type EnrollmentCheckResponse = z.infer<typeof EnrollmentCheckResponseSchema>
export type BusinessInput = z.infer<typeof BusinessInputSchema>
export type PaymentInput = z.infer<typeof PaymentInputSchema>
export type EnrollmentCreateRequest = z.infer<typeof EnrollmentCreateRequestSchema>
export type EnrollmentCreateResponse = z.infer<typeof EnrollmentCreateResponseSchema>
export type EnrollmentDefaults = z.infer<typeof EnrollmentDefaultsSchema>

export const enrollmentChannels = {
  /** Enrolls a phone and takes the fee; the same `requestId` always returns the same plan. */
  'enrollment.create': channel(EnrollmentCreateRequestSchema, EnrollmentCreateResponseSchema, [
    'clerk',
    'manager',
  ]),
  /** The rules of one wizard step, before the review and the payment; nothing is recorded. */
  'enrollment.check': channel(EnrollmentCheckRequestSchema, EnrollmentCheckResponseSchema, [
    'clerk',
    'manager',
  ]),
  /** The form's starting values: business date, this kiosk's store, today's usual payment. */
  'enrollment.defaults': channel(EmptySchema, EnrollmentDefaultsSchema, ['clerk', 'manager']),
}
