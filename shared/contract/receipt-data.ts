import { z } from 'zod'
import { LocalizedTextSchema } from '../domain/catalog'
import { IdTypeSchema } from '../domain/vocabulary'
import { GstSplitSchema } from '../domain/vocabulary'
import { PaymentSchema } from '../domain/vocabulary'
import { LocalDateSchema, PaiseSchema } from './common'
import { TimelineBandSchema } from './quote'

/**
 * What a printed document needs, as plain data: the receipts module renders it (thermal/HTML)
 * and the core stores one `receipts` row per document (copies printed, reprints).
 */
export const ReceiptKindSchema = z.enum(['enrollment', 'inspection', 'redemption', 'cancellation'])

const header = {
  /** The id of the fact the document is about (plan, inspection, redemption, cancellation). */
  ref: z.string(),
  /** Tax invoice / credit note / refund note number; null for an inspection report. */
  documentNumber: z.string().nullable(),
  issuedAt: z.string(),
  businessDate: LocalDateSchema,
  /** Training documents are printed with a TRAINING watermark and are not valid. */
  training: z.boolean(),
  store: z.object({
    code: z.string(),
    name: z.string(),
    address: z.string(),
    stateCode: z.string(),
    gstin: z.string().nullable(),
    /** The legal name registered under the GSTIN; null before the catalog gave one. */
    legalName: z.string().nullable().optional(),
  }),
  kioskCode: z.string(),
  staff: z.object({ code: z.string(), name: z.string() }).nullable(),
  planNumber: z.string(),
  /** What the QR code on the document encodes (the plan number). */
  qrText: z.string(),
  customer: z.object({
    name: z.string(),
    mobileMasked: z.string(),
    idType: IdTypeSchema,
    idMasked: z.string(),
  }),
  device: z.object({
    brand: z.string(),
    modelName: z.string(),
    variantName: z.string(),
    imeis: z.array(z.string()),
    srpPaise: PaiseSchema,
    purchaseDate: LocalDateSchema,
  }),
  reprintCount: z.number().int(),
}

/** The registered recipient a B2B tax invoice names (Rule 46(e)). */
export const BusinessRecipientSchema = z.object({
  gstin: z.string(),
  legalName: z.string(),
  address: z.string(),
})

export const EnrollmentReceiptSchema = z.object({
  ...header,
  kind: z.literal('enrollment'),
  taxInvoiceNumber: z.string(),
  feePaise: PaiseSchema,
  gst: GstSplitSchema,
  /** A business purchase's registered recipient (B2B tax invoice); null for a consumer. */
  recipient: BusinessRecipientSchema.nullable().optional(),
  payment: PaymentSchema,
  enrolledOn: LocalDateSchema,
  expiresOn: LocalDateSchema,
  timeline: z.array(TimelineBandSchema),
  consent: z.object({ notifications: z.boolean(), marketing: z.boolean(), version: z.string() }),
  /** The DPDP notice's figures for the certificate (issue 18); absent on receipts stored before. */
  privacy: z
    .object({
      retentionDays: z.number().int(),
      grievanceOfficer: z
        .object({ name: z.string(), email: z.string(), phone: z.string() })
        .nullable(),
    })
    .optional(),
})

export const InspectionReceiptSchema = z.object({
  ...header,
  kind: z.literal('inspection'),
  inspectionId: z.string(),
  verdict: z.enum(['eligible', 'ineligible']),
  items: z.array(
    z.object({
      itemId: z.string(),
      label: LocalizedTextSchema,
      required: z.boolean(),
      /** `unchecked`: an optional item the technician left unanswered. */
      result: z.enum(['pass', 'fail', 'unchecked']),
      note: z.string().nullable(),
      photoHash: z.string().nullable(),
    }),
  ),
  failedRequired: z.array(z.object({ itemId: z.string(), label: LocalizedTextSchema })),
  notes: z.string().nullable(),
})

export const RedemptionReceiptSchema = z.object({
  ...header,
  kind: z.literal('redemption'),
  exchangeVoucherNumber: z.string(),
  onDate: LocalDateSchema,
  ageMonth: z.number().int(),
  percent: z.number().int(),
  assuredValuePaise: PaiseSchema,
  creditPaise: PaiseSchema,
  newDevice: z.object({
    brand: z.string(),
    modelName: z.string(),
    imei: z.string(),
    pricePaise: PaiseSchema,
    /** The new phone's variant and POS tax invoice; null on upgrades recorded before issue 16. */
    variantName: z.string().nullable(),
    salesInvoiceNumber: z.string().nullable(),
  }),
  amountPaidPaise: PaiseSchema,
  payment: PaymentSchema.nullable(),
  inspectionId: z.string(),
  deviceIntakeId: z.string(),
  /**
   * The customer's signed hand-over declaration (issue 17): the signature (PNG, base64), its
   * SHA-256 and how the customer was checked; absent on upgrades recorded before it was asked.
   */
  handover: z
    .object({
      signaturePng: z.string(),
      signatureSha256: z.string(),
      customerCheck: z.enum(['otp', 'id-check']),
    })
    .optional(),
})

export const CancellationReceiptSchema = z.object({
  ...header,
  kind: z.literal('cancellation'),
  cancelledOn: LocalDateSchema,
  reason: z.string(),
  withinWindow: z.boolean(),
  refundPaise: PaiseSchema,
  refund: PaymentSchema.nullable(),
})

export const ReceiptDataSchema = z.discriminatedUnion('kind', [
  EnrollmentReceiptSchema,
  InspectionReceiptSchema,
  RedemptionReceiptSchema,
  CancellationReceiptSchema,
])

export type ReceiptKind = z.infer<typeof ReceiptKindSchema>
export type EnrollmentReceipt = z.infer<typeof EnrollmentReceiptSchema>
export type InspectionReceipt = z.infer<typeof InspectionReceiptSchema>
export type RedemptionReceipt = z.infer<typeof RedemptionReceiptSchema>
export type CancellationReceipt = z.infer<typeof CancellationReceiptSchema>
export type ReceiptData = z.infer<typeof ReceiptDataSchema>
