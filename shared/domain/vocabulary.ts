import { z } from 'zod'
import { ID_TYPES } from './id-documents'
import { MAX_MONEY_PAISE } from './money'
import { PAYMENT_METHODS } from './payment'
import { PLAN_STATUSES } from './plan-status'

/**
 * The schemas of the program's vocabulary, and the types derived from them: the words the
 * contract (shared/contract), the sync protocol (shared/sync), the core, head office and the
 * screens share. Both wire formats take these from here, never from each other.
 *
 * The rules themselves (calendar.ts, money.ts, id-documents.ts, masking.ts…) import only types
 * from this file, so the renderer can use them without loading zod.
 */

// ---------- dates and money ----------

/** A `YYYY-MM-DD` date on the wire (its shape; the rules check it is a real date where it matters). */
export const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')

/**
 * An amount on either wire format: whole non-negative paise, at most {@link MAX_MONEY_PAISE}
 * (₹1 crore). The sync events had no upper bound until issue 17: an SRP of 2^31 paise failed
 * head office's 32-bit PostgreSQL columns and stalled the kiosk's outbox.
 */
export const PaiseSchema = z.number().int().nonnegative().max(MAX_MONEY_PAISE)

const anyPaise = PaiseSchema

/**
 * A Services Accounting Code: six digits, `99` and the service's heading (the plan fee's is in the
 * catalog; docs/tax-documents.md#the-plan-fees-sac).
 */
export const SacCodeSchema = z.string().regex(/^99\d{4}$/, 'SAC: six digits starting 99')

/**
 * The GST split of a GST-inclusive amount as a tax document records it
 * (docs/program-rules.md#gst-on-the-plan-fee): the rate, the supply type and the parts.
 */
export const GstSplitSchema = z.object({
  ratePercent: z.number().int().min(0).max(28),
  /** true → CGST + SGST; false → IGST (see place-of-supply.ts). */
  intraState: z.boolean(),
  taxablePaise: anyPaise,
  cgstPaise: anyPaise,
  sgstPaise: anyPaise,
  igstPaise: anyPaise,
  taxPaise: anyPaise,
  totalPaise: anyPaise,
  /**
   * The SAC of the service invoiced (the plan fee's, from the catalog). Absent only on documents
   * and events made before the catalog carried it.
   */
  sacCode: SacCodeSchema.optional(),
})

// ---------- payment ----------

export const PaymentMethodSchema = z.enum(PAYMENT_METHODS)
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>

/** A payment taken (or refunded) at the kiosk. `reference` is the UPI/card reference; null for cash. */
export const PaymentSchema = z.object({
  method: PaymentMethodSchema,
  reference: z.string().max(64).nullable(),
  amountPaise: anyPaise,
})
export type Payment = z.infer<typeof PaymentSchema>

// ---------- identity ----------

/** The kinds of ID a customer may show (docs/program-rules.md#identity-documents-and-masking). */
export const IdTypeSchema = z.enum(ID_TYPES)
export type IdType = z.infer<typeof IdTypeSchema>

/**
 * Who gave the consent (DPDP Act s. 9, issue 18): the customer, confirming on screen they are 18 or
 * older, or a parent or lawful guardian of a customer under 18 (whose name is recorded).
 */
export const CONSENT_GIVERS = ['adult', 'guardian'] as const
export const ConsentGiverSchema = z.enum(CONSENT_GIVERS)
export type ConsentGiver = z.infer<typeof ConsentGiverSchema>

// ---------- plan status ----------

/** The status shown: the stored one, or `expired` for an active plan past its last band. */
export const PlanStatusSchema = z.enum(PLAN_STATUSES)
export type PlanStatus = z.infer<typeof PlanStatusSchema>

/** The status a plan is stored with (and head office's registry and change feed carry). */
export const StoredPlanStatusSchema = PlanStatusSchema.exclude(['expired'])
export type StoredPlanStatus = z.infer<typeof StoredPlanStatusSchema>

// ---------- the assured value ----------

/**
 * A quote: everything the counter and the receipt say about the value on a day. The same shape
 * crosses the contract (`plans.quote`) and the sync protocol (head office's plan lookup).
 */
export const QuoteSchema = z.object({
  status: z.enum(['too-early', 'redeemable', 'expired']),
  /** 1 + whole months since purchase; 0 when `onDate` is before the purchase. */
  ageMonth: z.number().int(),
  /** 0 when not redeemable. */
  percent: z.number().int(),
  /** Half-up to the rupee; 0 when not redeemable. */
  valuePaise: PaiseSchema,
  /** Last day of the current band; null when not redeemable. */
  bandEnds: LocalDateSchema.nullable(),
  /** First day of the first band (month 4 by default). */
  redeemableFrom: LocalDateSchema,
  /** Last day of the last band (month 15 by default). */
  expiresAfter: LocalDateSchema,
  /**
   * The next change of value: the first band while too early, the next band while redeemable
   * (percent 0 and value 0 from the day after expiry in the last band), null once expired.
   */
  next: z
    .object({ from: LocalDateSchema, percent: z.number().int(), valuePaise: PaiseSchema })
    .nullable(),
})
export type AssuredValueQuote = z.infer<typeof QuoteSchema>

/** A band of {@link valueTimeline} with its calendar days and value. */
export const TimelineBandSchema = z.object({
  fromMonth: z.number().int(),
  toMonth: z.number().int(),
  percent: z.number().int(),
  /** First day of the band. */
  from: LocalDateSchema,
  /** Last day of the band. */
  to: LocalDateSchema,
  valuePaise: PaiseSchema,
})
export type TimelineBand = z.infer<typeof TimelineBandSchema>
