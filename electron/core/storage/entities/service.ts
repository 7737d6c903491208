import { EntitySchema } from 'typeorm'
import { bool, int, text } from './columns'

// JSON columns here are TEXT we stringify ourselves, so raw-SQL readers see the same shape.

export interface InspectionRow {
  id: string
  /** Null for a trade-in's checklist (issue 22, migration 0014). */
  planId: string | null
  imei: string
  technicianId: string
  catalogVersion: string
  checklist: string
  answers: string | null
  notes: string | null
  verdict: 'eligible' | 'ineligible' | null
  failedRequired: string | null
  failedOptional: string | null
  startedAt: string
  submittedAt: string | null
  businessDate: string
  /** The short reference printed for it (`K1/I2627/000003`); null before issue 16 item 4. */
  reference?: string | null
}

export const InspectionEntity = new EntitySchema<InspectionRow>({
  name: 'Inspection',
  tableName: 'inspections',
  columns: {
    id: text('id', { key: true }),
    planId: text('plan_id', { nullable: true }),
    imei: text('imei'),
    technicianId: text('technician_id'),
    catalogVersion: text('catalog_version'),
    checklist: text('checklist'),
    answers: text('answers', { nullable: true }),
    notes: text('notes', { nullable: true }),
    verdict: text('verdict', { nullable: true }),
    failedRequired: text('failed_required', { nullable: true }),
    failedOptional: text('failed_optional', { nullable: true }),
    startedAt: text('started_at'),
    submittedAt: text('submitted_at', { nullable: true }),
    businessDate: text('business_date'),
    reference: text('reference', { nullable: true }),
  },
})

export interface RedemptionRow {
  id: string
  planId: string
  inspectionId: string
  onDate: string
  ageMonth: number
  percent: number
  assuredValuePaise: number
  creditPaise: number
  newBrand: string
  newModelName: string
  newImei: string
  newPricePaise: number
  /** The new phone's tax invoice number at the store's POS (issue 16). */
  newSalesInvoice: string | null
  newVariantName: string | null
  amountPaidPaise: number
  paymentId: string | null
  /** The exchange (buyback) voucher's number (docs/tax-documents.md#exchange-voucher). */
  exchangeVoucherNumber: string
  staffId: string | null
  createdAt: string
}

export const RedemptionEntity = new EntitySchema<RedemptionRow>({
  name: 'Redemption',
  tableName: 'redemptions',
  columns: {
    id: text('id', { key: true }),
    planId: text('plan_id'),
    inspectionId: text('inspection_id'),
    onDate: text('on_date'),
    ageMonth: int('age_month'),
    percent: int('percent'),
    assuredValuePaise: int('assured_value_paise'),
    creditPaise: int('credit_paise'),
    newBrand: text('new_brand'),
    newModelName: text('new_model_name'),
    newImei: text('new_imei'),
    newPricePaise: int('new_price_paise'),
    newSalesInvoice: text('new_sales_invoice', { nullable: true }),
    newVariantName: text('new_variant_name', { nullable: true }),
    amountPaidPaise: int('amount_paid_paise'),
    paymentId: text('payment_id', { nullable: true }),
    exchangeVoucherNumber: text('exchange_voucher_number'),
    staffId: text('staff_id', { nullable: true }),
    createdAt: text('created_at'),
  },
})

export interface CancellationRow {
  id: string
  planId: string
  reason: string
  refundPaise: number
  withinWindow: boolean
  paymentId: string | null
  cancelledOn: string
  staffId: string | null
  createdAt: string
}

export const CancellationEntity = new EntitySchema<CancellationRow>({
  name: 'Cancellation',
  tableName: 'cancellations',
  columns: {
    id: text('id', { key: true }),
    planId: text('plan_id'),
    reason: text('reason'),
    refundPaise: int('refund_paise'),
    withinWindow: bool('within_window'),
    paymentId: text('payment_id', { nullable: true }),
    cancelledOn: text('cancelled_on'),
    staffId: text('staff_id', { nullable: true }),
    createdAt: text('created_at'),
  },
})

export interface DeviceIntakeRow {
  id: string
  /** Null for a traded-in phone (issue 22): it came with a trade-in, not a plan's upgrade. */
  planId: string | null
  redemptionId: string | null
  tradeInId?: string | null
  imei: string
  modelName: string
  status: 'received' | 'collected'
  receivedOn: string
  collectedOn: string | null
  reference: string | null
  collectedBy: string | null
}

export const DeviceIntakeEntity = new EntitySchema<DeviceIntakeRow>({
  name: 'DeviceIntake',
  tableName: 'device_intakes',
  columns: {
    id: text('id', { key: true }),
    planId: text('plan_id', { nullable: true }),
    redemptionId: text('redemption_id', { nullable: true }),
    tradeInId: text('trade_in_id', { nullable: true }),
    imei: text('imei'),
    modelName: text('model_name'),
    status: text('status'),
    receivedOn: text('received_on'),
    collectedOn: text('collected_on', { nullable: true }),
    reference: text('reference', { nullable: true }),
    collectedBy: text('collected_by', { nullable: true }),
  },
})

export type ReceiptKind =
  'enrollment' | 'inspection' | 'redemption' | 'cancellation' | 'trade-in-voucher'

export interface ReceiptRow {
  id: string
  kind: ReceiptKind
  ref: string
  /** Null for a trade-in voucher (issue 22). */
  planId: string | null
  documentNumber: string | null
  copiesPrinted: number
  reprintCount: number
  createdAt: string
  lastPrintedAt: string | null
}

export const ReceiptEntity = new EntitySchema<ReceiptRow>({
  name: 'Receipt',
  tableName: 'receipts',
  columns: {
    id: text('id', { key: true }),
    kind: text('kind'),
    ref: text('ref'),
    planId: text('plan_id', { nullable: true }),
    documentNumber: text('document_number', { nullable: true }),
    copiesPrinted: int('copies_printed'),
    reprintCount: int('reprint_count'),
    createdAt: text('created_at'),
    lastPrintedAt: text('last_printed_at', { nullable: true }),
  },
})
