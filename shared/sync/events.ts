import { z } from 'zod'
import { PaiseSchema } from '../domain/vocabulary'
import { ConsentGiverSchema, IdTypeSchema } from '../domain/vocabulary'
import { GstSplitSchema } from '../domain/vocabulary'
import { PaymentSchema } from '../domain/vocabulary'
import { PRIVACY_REQUEST_KINDS } from '../domain/retention-policy'

// The payment and GST split are the program's vocabulary (shared/domain) and part of this wire
// format all the same: additive changes only.
export { GstSplitSchema } from '../domain/vocabulary'
export { PaymentSchema, type Payment } from '../domain/vocabulary'

/**
 * The kiosk's outbox events: one per business fact, written in the same SQLite transaction as the
 * fact itself and shipped to head office in `seq` order. Head office applies each event exactly
 * once, keyed by `id` (and `(kioskCode, seq)`, which is gapless per kiosk).
 *
 * This file is a wire format shared by two independently deployed programs (kiosks of several
 * versions talk to one head office): changes are ADDITIVE ONLY — new event types, new optional
 * fields. Never rename, remove or re-type a field.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
const instant = z.iso.datetime({ offset: true })
/** Bounded by MAX_MONEY_PAISE (shared/domain/money.ts), like every money field. */
const paise = PaiseSchema
const imei = z.string().regex(/^\d{15}$/, '15 digits')
const planNumber = z.string().min(8).max(40)
const staffCode = z.string().min(1).max(32)

/**
 * The customer as the kiosk recorded them. Aadhaar is never sent in full: `idMasked` and
 * `idLast4` for display. `aadhaarHmac` is always null since issue 18: the kiosk's HMAC is keyed with
 * its own KYC key and stays on the kiosk; head office drops a value an older kiosk still sends.
 */
export const EventCustomerSchema = z.object({
  name: z.string().min(1).max(120),
  mobile: z.string().regex(/^[6-9]\d{9}$/),
  email: z.string().max(254).nullable(),
  idType: IdTypeSchema,
  idMasked: z.string().min(1).max(40),
  idLast4: z.string().min(1).max(4),
  aadhaarHmac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
})

/** DPDP Act consent as shown and accepted at enrollment. */
export const ConsentSchema = z.object({
  /** Consent to processing personal data for the plan (required to enroll). */
  dataProcessing: z.literal(true),
  /** Consent to SMS/e-mail about the plan (plan details, step-down reminders). */
  notifications: z.boolean(),
  /** Marketing messages (optional, separate consent). */
  marketing: z.boolean(),
  /** Version of the DPDP notice shown (the catalog's privacy.consentVersion). */
  version: z.string().min(1).max(32),
  at: instant,
  /**
   * Who consented: the customer (18 or older) or a guardian. Absent from events recorded before
   * issue 18, whose consent screen asked neither.
   */
  givenBy: ConsentGiverSchema.optional(),
  guardianName: z.string().min(1).max(120).nullish(),
})

export const PlanEnrolledPayloadSchema = z.object({
  planNumber,
  /**
   * The plan's random id, which the certificate's QR token carries (docs/program-rules.md#the-customers-own-view);
   * absent from events of kiosks built before it.
   */
  planId: z.string().uuid().optional(),
  imeis: z.array(imei).min(1).max(2),
  modelId: z.string().min(1),
  modelName: z.string().min(1),
  variantId: z.string().min(1),
  variantName: z.string().min(1),
  /** Frozen at enrollment: the assured value is always computed from this SRP. */
  srpPaise: paise,
  /** Frozen at enrollment (GST-inclusive). */
  feePaise: paise,
  catalogVersion: z.string().min(1),
  purchaseDate: localDate,
  invoice: z.object({
    number: z.string().min(1).max(40),
    date: localDate,
    storeCode: z.string().min(1).max(8),
    pricePaidPaise: paise,
  }),
  enrolledOn: localDate,
  customer: EventCustomerSchema,
  consent: ConsentSchema,
  payment: PaymentSchema,
  /** The plan fee's tax invoice number (per-kiosk series, e.g. `MH01K1/2026-27/000123`). */
  taxInvoiceNumber: z.string().min(1).max(40),
  gst: GstSplitSchema,
  /**
   * The registered recipient of a business purchase (B2B tax invoice, issue 16): absent for a
   * consumer. Head office checks the GSTIN again and derives the place of supply, and so the
   * CGST + SGST or IGST split, from it and the store's state (docs/tax-documents.md).
   */
  recipient: z
    .object({
      gstin: z.string().regex(/^[0-9]{2}[0-9A-Z]{13}$/),
      legalName: z.string().min(2).max(120),
      address: z.string().min(10).max(250),
    })
    .optional(),
  staffCode,
})

export const InspectionAnswerSchema = z.object({
  itemId: z.string().min(1),
  result: z.enum(['pass', 'fail']),
  note: z.string().max(500).nullable(),
  /** SHA-256 hex of the photo file kept at the kiosk. */
  photoHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
})

export const InspectionSubmittedPayloadSchema = z.object({
  inspectionId: z.uuid(),
  planNumber,
  /** The IMEI the technician read with *#06#. */
  imei,
  technicianCode: staffCode,
  startedAt: instant,
  submittedAt: instant,
  catalogVersion: z.string().min(1),
  answers: z.array(InspectionAnswerSchema),
  verdict: z.enum(['eligible', 'ineligible']),
  failedRequired: z.array(z.string()),
  failedOptional: z.array(z.string()),
  notes: z.string().max(2000).nullable(),
})

const PlanRedeemedFieldsSchema = z.object({
  planNumber,
  redemptionId: z.uuid(),
  onDate: localDate,
  ageMonth: z.number().int().min(1),
  percent: z.number().int().min(0).max(100),
  /** The frozen SRP the value was computed from. */
  srpPaise: paise,
  assuredValuePaise: paise,
  /** min(assured value, new phone price). */
  creditPaise: paise,
  newDevice: z.object({
    modelName: z.string().min(1).max(120),
    /**
     * The new phone's catalog model and variant ids (issue 17). Optional on the wire, as every
     * added field; head office refuses a redemption without a catalog model
     * (docs/program-rules.md#the-new-phone).
     */
    modelId: z.string().min(1).max(64).optional(),
    variantId: z.string().min(1).max(64).optional(),
    imei,
    pricePaise: paise,
    /** The new phone's POS tax invoice (issue 16); absent in events made before it was asked. */
    salesInvoiceNumber: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9/-]{0,15}$/)
      .optional(),
    variantName: z.string().min(1).max(120).optional(),
  }),
  /** New phone price minus credit. */
  amountPaidPaise: paise,
  /** Null when nothing was left to pay. */
  payment: PaymentSchema.nullable(),
  inspectionId: z.uuid(),
  /**
   * The exchange (buyback) voucher's number, `K1/X2627/000007` (docs/tax-documents.md). Kiosks
   * before issue 16 item 2 sent it as `creditNoteNumber`: see {@link PlanRedeemedPayloadSchema}.
   */
  exchangeVoucherNumber: z.string().min(1).max(40),
  /** The device taken in; starts `received`, becomes `collected` (device.collected). */
  deviceIntakeId: z.uuid(),
  staffCode,
  /**
   * How the customer proved the plan is theirs (issue 17): a one-time code head office sent by
   * SMS and verified (`otp`, with its id, which head office checks it verified for this plan),
   * or, offline, the clerk's check of the ID shown at enrollment (`id-check`). Optional on the
   * wire: events made before it was asked have none.
   */
  customerCheck: z
    .discriminatedUnion('method', [
      z.object({ method: z.literal('otp'), otpId: z.uuid() }),
      z.object({ method: z.literal('id-check') }),
    ])
    .optional(),
  /**
   * The customer's signed hand-over declaration (docs/program-rules.md#hand-over-declaration):
   * the SHA-256 of the signature image the kiosk keeps with the redemption. Head office keeps
   * the hash only, never the image (docs/privacy.md).
   */
  handover: z.object({ signatureSha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
})

/**
 * The one renamed field of this wire format, a documented transition
 * (docs/tax-documents.md#the-voucher-number-on-the-wire): the upgrade's document is an exchange
 * voucher, not a credit note, so its number travels as `exchangeVoucherNumber`. Events already
 * queued in the outboxes of older kiosks (and kiosks not yet updated) carry `creditNoteNumber`;
 * both head office and an updated kiosk reading its own queue take that name for the new one. A
 * payload naming both with different numbers is refused: which one is the voucher is unknowable.
 */
function voucherNumberUnderItsName(input: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof input !== 'object' || input === null || !('creditNoteNumber' in input)) return input
  const { creditNoteNumber, ...rest } = input as Record<string, unknown>
  const current = rest['exchangeVoucherNumber']
  if (current !== undefined && current !== creditNoteNumber) {
    ctx.addIssue({
      code: 'custom',
      path: ['exchangeVoucherNumber'],
      message: 'creditNoteNumber (the old name) and exchangeVoucherNumber differ',
    })
    return input
  }
  return { ...rest, exchangeVoucherNumber: creditNoteNumber }
}

export const PlanRedeemedPayloadSchema = z.preprocess(
  voucherNumberUnderItsName,
  PlanRedeemedFieldsSchema,
)

export const PlanCancelledPayloadSchema = z.object({
  planNumber,
  cancellationId: z.uuid(),
  cancelledOn: localDate,
  reason: z.string().min(1).max(500),
  /** Inside the cooling-off window the fee is refunded; after it, 0. */
  refundPaise: paise,
  withinWindow: z.boolean(),
  refund: PaymentSchema.nullable(),
  staffCode,
})

export const DeviceCollectedPayloadSchema = z.object({
  deviceIntakeId: z.uuid(),
  planNumber,
  imei,
  collectedOn: localDate,
  /** The logistics partner's docket / manifest reference. */
  reference: z.string().max(64).nullable(),
  staffCode,
})

const voucherNumber = z.string().min(1).max(40)
const grade = z.string().regex(/^[A-Z]$/)

/**
 * A trade-in accepted at the kiosk (issue 22, docs/program-rules.md#trade-in): the phone, its
 * checklist and grade, where the price came from and the voucher issued. Head office re-checks
 * the amount against its own grid (source `grid`) or the partner's quote (source `partner`).
 */
export const TradeInAcceptedPayloadSchema = z.object({
  tradeInId: z.uuid(),
  voucherNumber,
  imei,
  modelId: z.string().min(1).max(64),
  variantId: z.string().min(1).max(64),
  catalogVersion: z.string().min(1).max(64),
  answers: z.array(
    z.object({ itemId: z.string().min(1).max(64), result: z.enum(['pass', 'fail']) }),
  ),
  grade,
  source: z.enum(['partner', 'grid']),
  partnerId: z.string().min(1).max(40),
  quoteId: z.string().min(1).max(80).nullable(),
  amountPaise: paise,
  provisional: z.boolean(),
  /** `confirmed` with the partner's reference, or `pending` (confirmed later on sync). */
  confirmation: z.enum(['confirmed', 'pending']),
  partnerReference: z.string().min(1).max(80).nullable(),
  acceptedOn: localDate,
  voucherValidTo: localDate,
  deviceIntakeId: z.uuid(),
  staffCode,
})

/** The partner's confirmation of a trade-in accepted while it was pending (offline grid price). */
export const TradeInConfirmedPayloadSchema = z.object({
  tradeInId: z.uuid(),
  voucherNumber,
  quoteId: z.string().min(1).max(80),
  partnerReference: z.string().min(1).max(80),
  /** What the partner confirmed; differs from the voucher's amount when `price-changed`. */
  confirmedAmountPaise: paise,
  outcome: z.enum(['confirmed', 'price-changed']),
  confirmedAt: instant,
})

/** A trade-in voucher used against a new phone of the brand (the upgrade with a voucher). */
export const TradeInVoucherUsedPayloadSchema = z.object({
  tradeInId: z.uuid(),
  voucherNumber,
  usedOn: localDate,
  newDevice: z.object({
    brand: z.string().min(1).max(40),
    modelName: z.string().min(1).max(120),
    modelId: z.string().min(1).max(64).nullable(),
    variantId: z.string().min(1).max(64).nullable(),
    imei,
    pricePaise: paise,
    salesInvoiceNumber: z.string().min(1).max(40),
  }),
  creditPaise: paise,
  amountPaidPaise: paise,
  payment: PaymentSchema.nullable(),
  staffCode,
})

/** A traded-in phone handed to logistics (the trade-in's device.collected). */
export const TradeInCollectedPayloadSchema = z.object({
  tradeInId: z.uuid(),
  voucherNumber,
  deviceIntakeId: z.uuid(),
  imei,
  collectedOn: localDate,
  reference: z.string().max(64).nullable(),
  staffCode,
})

/**
 * A data principal's request taken at the kiosk (DPDP Act 2023 ss.11–14, issue 18): the manager
 * checked the customer in person (the ID's last 4 against the plan). Head office tracks it with a
 * due date and carries it out; a correction's new values travel here once and head office keeps
 * them only until applied (docs/privacy.md#how-a-request-is-handled).
 */
export const PrivacyRequestedPayloadSchema = z.object({
  requestId: z.uuid(),
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  planNumber,
  raisedOn: localDate,
  correction: z
    .object({
      name: z.string().min(1).max(120).optional(),
      mobile: z
        .string()
        .regex(/^[6-9]\d{9}$/)
        .optional(),
      email: z.string().max(254).nullable().optional(),
    })
    .optional(),
  staffCode,
})

/** Fields every event carries. */
const envelope = {
  id: z.uuid(),
  kioskCode: z.string().min(1).max(8),
  storeCode: z.string().min(1).max(8),
  /** Per kiosk, gapless, starting at 1: head office detects a missing event by a hole. */
  seq: z.number().int().min(1),
  occurredAt: instant,
  /** The kiosk's business date (Asia/Kolkata) when the fact happened. */
  businessDate: localDate,
  /** Training-mode events never leave the kiosk; head office rejects any that do. */
  training: z.boolean().default(false),
}

export const PlanEnrolledEventSchema = z.object({
  ...envelope,
  type: z.literal('plan.enrolled'),
  payload: PlanEnrolledPayloadSchema,
})
export const InspectionSubmittedEventSchema = z.object({
  ...envelope,
  type: z.literal('inspection.submitted'),
  payload: InspectionSubmittedPayloadSchema,
})
export const PlanRedeemedEventSchema = z.object({
  ...envelope,
  type: z.literal('plan.redeemed'),
  payload: PlanRedeemedPayloadSchema,
})
export const PlanCancelledEventSchema = z.object({
  ...envelope,
  type: z.literal('plan.cancelled'),
  payload: PlanCancelledPayloadSchema,
})
export const DeviceCollectedEventSchema = z.object({
  ...envelope,
  type: z.literal('device.collected'),
  payload: DeviceCollectedPayloadSchema,
})

export const PrivacyRequestedEventSchema = z.object({
  ...envelope,
  type: z.literal('privacy.requested'),
  payload: PrivacyRequestedPayloadSchema,
})

export const TradeInAcceptedEventSchema = z.object({
  ...envelope,
  type: z.literal('tradein.accepted'),
  payload: TradeInAcceptedPayloadSchema,
})
export const TradeInConfirmedEventSchema = z.object({
  ...envelope,
  type: z.literal('tradein.confirmed'),
  payload: TradeInConfirmedPayloadSchema,
})
export const TradeInVoucherUsedEventSchema = z.object({
  ...envelope,
  type: z.literal('tradein.voucher-used'),
  payload: TradeInVoucherUsedPayloadSchema,
})
export const TradeInCollectedEventSchema = z.object({
  ...envelope,
  type: z.literal('tradein.collected'),
  payload: TradeInCollectedPayloadSchema,
})

/** One outbox event, discriminated by `type`. */
export const OutboxEventSchema = z.discriminatedUnion('type', [
  PlanEnrolledEventSchema,
  InspectionSubmittedEventSchema,
  PlanRedeemedEventSchema,
  PlanCancelledEventSchema,
  DeviceCollectedEventSchema,
  PrivacyRequestedEventSchema,
  TradeInAcceptedEventSchema,
  TradeInConfirmedEventSchema,
  TradeInVoucherUsedEventSchema,
  TradeInCollectedEventSchema,
])

/** Payload schema per event type (the core validates a payload before writing it). */
export const EVENT_PAYLOAD_SCHEMAS = {
  'plan.enrolled': PlanEnrolledPayloadSchema,
  'inspection.submitted': InspectionSubmittedPayloadSchema,
  'plan.redeemed': PlanRedeemedPayloadSchema,
  'plan.cancelled': PlanCancelledPayloadSchema,
  'device.collected': DeviceCollectedPayloadSchema,
  'privacy.requested': PrivacyRequestedPayloadSchema,
  'tradein.accepted': TradeInAcceptedPayloadSchema,
  'tradein.confirmed': TradeInConfirmedPayloadSchema,
  'tradein.voucher-used': TradeInVoucherUsedPayloadSchema,
  'tradein.collected': TradeInCollectedPayloadSchema,
} as const

export type OutboxEventType = keyof typeof EVENT_PAYLOAD_SCHEMAS
export const OUTBOX_EVENT_TYPES = Object.keys(EVENT_PAYLOAD_SCHEMAS) as OutboxEventType[]

export type GstSplit = z.infer<typeof GstSplitSchema>
export type EventCustomer = z.infer<typeof EventCustomerSchema>
export type Consent = z.infer<typeof ConsentSchema>
export type InspectionAnswer = z.infer<typeof InspectionAnswerSchema>
export type PlanEnrolledPayload = z.infer<typeof PlanEnrolledPayloadSchema>
export type InspectionSubmittedPayload = z.infer<typeof InspectionSubmittedPayloadSchema>
export type PlanRedeemedPayload = z.infer<typeof PlanRedeemedPayloadSchema>
export type PlanCancelledPayload = z.infer<typeof PlanCancelledPayloadSchema>
export type DeviceCollectedPayload = z.infer<typeof DeviceCollectedPayloadSchema>
export type PrivacyRequestedPayload = z.infer<typeof PrivacyRequestedPayloadSchema>
export type TradeInAcceptedPayload = z.infer<typeof TradeInAcceptedPayloadSchema>
export type TradeInVoucherUsedPayload = z.infer<typeof TradeInVoucherUsedPayloadSchema>
export type OutboxEvent = z.infer<typeof OutboxEventSchema>
export type PayloadOf<T extends OutboxEventType> = z.infer<(typeof EVENT_PAYLOAD_SCHEMAS)[T]>
export type OutboxEventOf<T extends OutboxEventType> = Extract<OutboxEvent, { type: T }>
