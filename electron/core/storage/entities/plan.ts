import { EntitySchema } from 'typeorm'
import type { PaymentMethod } from '../../../../shared/domain/vocabulary'
import type { StoredPlanStatus } from '../../../../shared/domain/vocabulary'
import { bool, int, text } from './columns'

export interface CustomerRow {
  id: string
  name: string
  mobile: string
  email: string | null
  idType: string
  idMasked: string
  idLast4: string
  aadhaarHmac: string | null
  consentDataProcessing: boolean
  consentNotifications: boolean
  consentMarketing: boolean
  consentVersion: string
  consentAt: string
  /** Null for customers enrolled before issue 18 (the screen did not ask). */
  consentGivenBy: string | null
  guardianName: string | null
  anonymisedAt: string | null
  createdAt: string
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customers',
  columns: {
    id: text('id', { key: true }),
    name: text('name'),
    mobile: text('mobile'),
    email: text('email', { nullable: true }),
    idType: text('id_type'),
    idMasked: text('id_masked'),
    idLast4: text('id_last4'),
    aadhaarHmac: text('aadhaar_hmac', { nullable: true }),
    consentDataProcessing: bool('consent_data_processing'),
    consentNotifications: bool('consent_notifications'),
    consentMarketing: bool('consent_marketing'),
    consentVersion: text('consent_version'),
    consentAt: text('consent_at'),
    consentGivenBy: text('consent_given_by', { nullable: true }),
    guardianName: text('guardian_name', { nullable: true }),
    anonymisedAt: text('anonymised_at', { nullable: true }),
    createdAt: text('created_at'),
  },
})

export interface PlanRow {
  id: string
  planNumber: string
  planKey: string
  customerId: string
  modelId: string
  modelName: string
  variantId: string
  variantName: string
  srpPaise: number
  feePaise: number
  catalogVersion: string
  purchaseDate: string
  invoiceNumber: string
  invoiceDate: string
  purchaseStoreCode: string
  pricePaidPaise: number
  enrolledOn: string
  enrolledAt: string
  expiresOn: string
  status: StoredPlanStatus
  closedOn: string | null
  staffId: string | null
  origin: 'local' | 'synced'
  training: boolean
}

export const PlanEntity = new EntitySchema<PlanRow>({
  name: 'Plan',
  tableName: 'plans',
  columns: {
    id: text('id', { key: true }),
    planNumber: text('plan_number'),
    planKey: text('plan_key'),
    customerId: text('customer_id'),
    modelId: text('model_id'),
    modelName: text('model_name'),
    variantId: text('variant_id'),
    variantName: text('variant_name'),
    srpPaise: int('srp_paise'),
    feePaise: int('fee_paise'),
    catalogVersion: text('catalog_version'),
    purchaseDate: text('purchase_date'),
    invoiceNumber: text('invoice_number'),
    invoiceDate: text('invoice_date'),
    purchaseStoreCode: text('purchase_store_code'),
    pricePaidPaise: int('price_paid_paise'),
    enrolledOn: text('enrolled_on'),
    enrolledAt: text('enrolled_at'),
    expiresOn: text('expires_on'),
    status: text('status'),
    closedOn: text('closed_on', { nullable: true }),
    staffId: text('staff_id', { nullable: true }),
    origin: text('origin'),
    training: bool('training'),
  },
})

export interface PlanImeiRow {
  planId: string
  slot: number
  imei: string
  active: boolean
}

export const PlanImeiEntity = new EntitySchema<PlanImeiRow>({
  name: 'PlanImei',
  tableName: 'plan_imeis',
  columns: {
    planId: text('plan_id', { key: true }),
    slot: int('slot', { key: true }),
    imei: text('imei'),
    active: bool('active'),
  },
})

export interface PaymentRow {
  id: string
  /** Null only for `trade-in`: the balance paid on top of a trade-in voucher (issue 22). */
  planId: string | null
  kind: 'fee' | 'upgrade' | 'refund' | 'trade-in'
  method: PaymentMethod
  reference: string | null
  amountPaise: number
  documentNumber: string | null
  gst: string | null
  /** A business purchase's fee invoice: its registered recipient (B2B); null for a consumer. */
  recipientGstin?: string | null
  recipientName?: string | null
  recipientAddress?: string | null
  businessDate: string
  takenAt: string
  staffId: string | null
}

export const PaymentEntity = new EntitySchema<PaymentRow>({
  name: 'Payment',
  tableName: 'payments',
  columns: {
    id: text('id', { key: true }),
    planId: text('plan_id', { nullable: true }),
    kind: text('kind'),
    method: text('method'),
    reference: text('reference', { nullable: true }),
    amountPaise: int('amount_paise'),
    documentNumber: text('document_number', { nullable: true }),
    // JSON kept as text we stringify ourselves: the GST split is read back by raw SQL too.
    gst: text('gst', { nullable: true }),
    recipientGstin: text('recipient_gstin', { nullable: true }),
    recipientName: text('recipient_name', { nullable: true }),
    recipientAddress: text('recipient_address', { nullable: true }),
    businessDate: text('business_date'),
    takenAt: text('taken_at'),
    staffId: text('staff_id', { nullable: true }),
  },
})
