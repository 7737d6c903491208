import type { DayGst } from '../../../shared/domain/day-gst'
import type { DayTotals } from '../../../shared/domain/day-totals'
import type { TimelineBand } from '../../../shared/domain/vocabulary'
import type { IdType } from '../../../shared/domain/vocabulary'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'

/**
 * Plain data the receipt builders take. The services fill these from the stored records (never
 * from what the screen showed), so a reprint months later prints the same document.
 *
 * Personal data arrives already reduced where the store keeps it reduced: the ID is only its last
 * four characters (docs/program-rules.md#aadhaar-is-never-stored-in-full). Mobiles may arrive in
 * full; the builders mask them.
 */

/** A calendar date in the store's zone, `YYYY-MM-DD`. */
export type LocalDate = string

/** When a document was issued, in store-local terms. */
export interface LocalDateTime {
  date: LocalDate
  /** `HH:mm`, 24-hour. */
  time: string
}

/** Text the catalog holds in both kiosk languages, or one string for both. */
export type LocalizedLabel = string | { en: string; hi: string }

/**
 * Kinds of identity document a customer may show
 * (docs/program-rules.md#identity-documents-and-masking).
 */
export type IdKind = IdType

export interface StoreInfo {
  code?: string
  name: string
  address: string
  /** 15-character GSTIN; null for a store not registered (no tax invoice possible). */
  gstin: string | null
  /** Two-digit GST state code, e.g. "29". */
  stateCode: string
  /** The legal name registered under the GSTIN (Rule 46(a)); null when the catalog gives none. */
  legalName?: string | null
}

export interface CustomerInfo {
  name: string
  /** Full or already masked; only the last four digits are ever printed. */
  mobile: string
  /** Which ID was shown, and its last four characters (all the kiosk keeps). */
  id?: { kind: IdKind; last4: string }
}

/**
 * The registered recipient of a B2B tax invoice or its credit note (Rule 46(e)): GSTIN, legal
 * name and billing address (docs/tax-documents.md#b2b-tax-invoice).
 */
export interface RecipientInfo {
  gstin: string
  legalName: string
  address: string
}

export interface DeviceInfo {
  model: string
  variant: string
  /** One or two IMEIs (dual SIM). Printed in full: they identify the insured phone. */
  imeis: string[]
}

export interface PaymentInfo {
  method: PaymentMethod
  /** UPI transaction id, card approval code; none for cash. */
  reference?: string | null
}

/** Fields every document shares. */
export interface DocumentBase {
  store: StoreInfo
  issuedAt: LocalDateTime
  /** Kiosk that printed it, e.g. "BLR01-K1". */
  kioskCode?: string
  /** Staff member who served the customer (display name). */
  servedBy?: string
  /** Training-mode documents are marked on every copy and are not valid. */
  training: boolean
}

/** One band of the value timeline, as the valuation computed it for this plan (what paper shows). */
export type ReceiptBand = Pick<TimelineBand, 'from' | 'to' | 'percent' | 'valuePaise'>

/** Enrollment receipt and tax invoice for the plan fee, with the plan certificate. */
export interface TaxInvoiceData extends DocumentBase {
  taxInvoiceNumber: string
  /** Place of supply: the customer's state code; equal to the store's means CGST + SGST. */
  placeOfSupplyStateCode: string
  /** Service accounting code printed on the tax invoice, when head office sets one. */
  sacCode?: string
  customer: CustomerInfo
  /** A business purchase's registered recipient; absent or null for a consumer (B2C). */
  recipient?: RecipientInfo | null
  device: DeviceInfo
  purchase: { invoiceNumber: string; date: LocalDate; pricePaise?: number }
  planNumber: string
  /** What the QR code carries; the plan number when absent (e.g. a verification URL). */
  qrPayload?: string
  /** GST-inclusive plan fee. */
  feePaise: number
  gstRatePercent: number
  /** SRP of the purchased variant frozen on the plan: the base of every assured value. */
  srpPaise: number
  payment: PaymentInfo
  /** Months 1–3: not redeemable until this date (the day before the first band). */
  redeemableFrom: LocalDate
  bands: ReceiptBand[]
  /** The last day of the last band; the plan expires the day after. */
  expiresAfter: LocalDate
  /** Brand whose new phone the credit applies to. */
  brand: string
  /** The DPDP notice in short (issue 18): the consent given and whom to ask about the data. */
  privacy?: CertificatePrivacy
}

/** The plan certificate's short privacy notice. */
export interface CertificatePrivacy {
  consentVersion: string
  notifications: boolean
  marketing: boolean
  /** Days after the plan ends that the customer's details are kept (the catalog's). */
  retentionDays: number
  grievanceOfficer: { name: string; email: string; phone: string } | null
}

export type InspectionVerdict = 'passed' | 'failed'

/**
 * Exchange (buyback) voucher: the old phone bought back at its assured value against a new one
 * (docs/tax-documents.md#exchange-voucher). Not a GST document: the POS invoices the new phone.
 */
export interface ExchangeVoucherData extends DocumentBase {
  voucherNumber: string
  planNumber: string
  customer: CustomerInfo
  oldDevice: DeviceInfo
  inspection: {
    verdict: InspectionVerdict
    /** The passing inspection the buyback rests on. */
    reference: string
    technician?: string
    inspectedAt?: LocalDateTime
  }
  /** Age month and band on the redemption day. */
  ageMonths: number
  percent: number
  srpPaise: number
  assuredValuePaise: number
  /** min(assured value, new phone price) — docs/program-rules.md#upgrade-credit. */
  creditPaise: number
  /** The new phone and its tax invoice issued by the store's POS. */
  newDevice: DeviceInfo & { pricePaise: number; salesInvoiceNumber?: string }
  /** Balance the customer paid; absent when nothing was left to pay. */
  payment?: PaymentInfo
  brand: string
  /** The signed hand-over declaration (issue 17); absent on upgrades recorded before it. */
  handover?: { signaturePng: string; signatureSha256: string; customerCheck: 'otp' | 'id-check' }
}

/** Ineligibility slip: why the technician rejected the phone. */
export interface IneligibilitySlipData extends DocumentBase {
  slipNumber: string
  planNumber: string
  customer: CustomerInfo
  device: DeviceInfo
  inspection: { technician?: string; inspectedAt?: LocalDateTime }
  /** The failed required checklist items. */
  failedItems: Array<{ label: LocalizedLabel; note?: string }>
}

/** Cancellation (and refund) note for a plan. */
export interface CreditNoteData extends DocumentBase {
  noteNumber: string
  planNumber: string
  /** The tax invoice the plan fee was charged on. */
  originalInvoiceNumber: string
  originalInvoiceDate: LocalDate
  placeOfSupplyStateCode: string
  customer: CustomerInfo
  /** The original B2B invoice's registered recipient, named again on its credit note. */
  recipient?: RecipientInfo | null
  device: DeviceInfo
  reason: string
  approvedBy?: string
  feePaise: number
  gstRatePercent: number
  /** null when cancelled after the cooling-off window: no refund. */
  refund: ({ amountPaise: number } & PaymentInfo) | null
}

/** One payment method's line in the end-of-day report. */
export interface PaymentTotal {
  method: PaymentMethod
  count: number
  amountPaise: number
}

/** End-of-day report of one kiosk for one business date. */
export interface EndOfDayReportData extends DocumentBase {
  businessDate: LocalDate
  enrollments: { count: number; feesPaise: number }
  /** The day's totals as shared/domain/day-totals.ts defines them (the screen shows the same). */
  totals: DayTotals
  /** The day's GST: tax invoices less credit notes, CGST, SGST and IGST apart. */
  gst: DayGst
  redemptions: { count: number; creditPaise: number; newDeviceSalesPaise: number }
  /** The day's trade-ins (issue 22), apart from redemptions; printed when there were any. */
  tradeIns?: {
    vouchersIssued: number
    amountPaise: number
    provisionalCount: number
    provisionalAmountPaise: number
    vouchersUsed: number
    voucherCreditPaise: number
  }
  ineligible: { count: number }
  cancellations: { count: number }
  /** Events not yet accepted by head office. */
  pendingSync: number
  /** Print jobs still waiting for a printer. */
  pendingPrintJobs: number
}

/**
 * Trade-in voucher (issue 22, docs/program-rules.md#trade-in): the credit a traded-in phone gives
 * against a new phone of the brand, its own series. Not a GST document; no customer's details
 * (the voucher and its code are what is asked when it is used). Once used, the same document
 * says so with the new phone.
 */
export interface TradeInVoucherData extends DocumentBase {
  voucherNumber: string
  /** Six characters asked when the voucher is used; also in the QR. */
  voucherCode: string
  qrPayload: string
  amountPaise: number
  validTo: LocalDate
  /** The program's brand: the voucher buys a new phone of it. */
  brand: string
  partnerName: string
  /** `partner`: the partner's quote; `grid`: the catalog's price list, provisional. */
  source: 'partner' | 'grid'
  provisional: boolean
  quoteId: string | null
  /** The partner's reference; null while its confirmation is pending. */
  partnerReference: string | null
  device: DeviceInfo
  grade: string
  gradeLabel: LocalizedLabel
  inspectionReference: string | null
  /** The plan the phone had (expired, failed inspection…), if any. */
  planNumber: string | null
  handover: { signaturePng: string; signatureSha256: string } | null
  used: {
    on: LocalDate
    newDevice: DeviceInfo & { pricePaise: number; salesInvoiceNumber: string | null }
    creditPaise: number
    amountPaidPaise: number
    payment: PaymentInfo | null
  } | null
}

/**
 * Data of each document, by what it is in law (docs/tax-documents.md): the plan fee's tax
 * invoice, the credit note of a fee refunded in the cooling-off period (and the cancellation
 * notice, no tax document, of a later cancellation), the exchange (buyback) voucher of an upgrade,
 * the ineligibility slip of a failed inspection, the end-of-day report.
 */
export interface DocumentDataByKind {
  'tax-invoice': TaxInvoiceData
  'credit-note': CreditNoteData
  'cancellation-notice': CreditNoteData
  'exchange-voucher': ExchangeVoucherData
  'ineligibility-slip': IneligibilitySlipData
  'end-of-day': EndOfDayReportData
  'trade-in-voucher': TradeInVoucherData
}

export type DocumentKind = keyof DocumentDataByKind

export const DOCUMENT_KINDS = [
  'tax-invoice',
  'credit-note',
  'cancellation-notice',
  'exchange-voucher',
  'ineligibility-slip',
  'end-of-day',
  'trade-in-voucher',
] as const satisfies readonly DocumentKind[]
