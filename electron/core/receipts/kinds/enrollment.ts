import type { EnrollmentReceipt } from '../../../../shared/contract/receipt-data'
import { valueTimeline } from '../../../../shared/domain'
import { KioskError } from '../../../../shared/errors'
import type { GstSplit } from '../../../../shared/sync/events'
import { feePlaceOfSupply, placeOfSupplyStateCode } from '../../../../shared/domain/place-of-supply'
import type { CoreDeps } from '../../context'
import { feeInvoiceOf, feePaymentOf, recipientOf } from '../../storage/repos/payments'
import { customerConsent } from '../../storage/repos/plans'
import type { Sql } from '../../storage/store'
import type { DocumentDataByKind } from '../model'
import { base, customer, device, loadHeader, payment, staffOf, type Counted } from './common'

// The enrollment receipt: the plan fee's tax invoice with the plan's value timeline.

/** The stored data of a plan's enrollment receipt (`ref` = the plan number). */
export function enrollmentReceiptData(sql: Sql, deps: CoreDeps, ref: string): EnrollmentReceipt {
  const { header, plan, catalog } = loadHeader(sql, deps, 'enrollment', ref)
  const fee = feePaymentOf(sql, plan.id)!
  return {
    ...header,
    kind: 'enrollment',
    businessDate: plan.enrolledOn,
    staff: staffOf(sql, plan.staffId),
    taxInvoiceNumber: fee.document_number ?? '',
    feePaise: plan.feePaise,
    gst: JSON.parse(fee.gst ?? 'null') as GstSplit,
    recipient: recipientOf(fee),
    payment: payment(fee)!,
    enrolledOn: plan.enrolledOn,
    expiresOn: plan.expiresOn,
    timeline: valueTimeline(plan.srpPaise, plan.purchaseDate, catalog.schedule),
    consent: customerConsent(sql, plan.customerId),
    privacy: certificatePrivacy(deps),
  }
}

/** Whom to ask about the data: the grievance officer of the newest catalog, and its retention. */
function certificatePrivacy(deps: CoreDeps): EnrollmentReceipt['privacy'] {
  const latest = deps.catalogs.latest()
  return {
    retentionDays: latest.kycRetentionDays,
    grievanceOfficer: latest.privacy?.grievanceOfficer ?? null,
  }
}

/** The fee's tax invoice of a plan, or RECEIPT_NOT_FOUND. */
export function requireFeeInvoice(sql: Sql, planNumber: string) {
  const fee = feeInvoiceOf(sql, planNumber)
  if (!fee) throw new KioskError('RECEIPT_NOT_FOUND', `Plan ${planNumber} has no fee invoice.`)
  return fee
}

/** The enrollment receipt as the builder takes it. */
export function enrollmentDocument(
  sql: Sql,
  r: EnrollmentReceipt,
  common: Counted,
): Counted & { docKind: 'tax-invoice'; data: DocumentDataByKind['tax-invoice'] } {
  const fee = requireFeeInvoice(sql, r.planNumber)
  const first = r.timeline[0]
  const last = r.timeline.at(-1)
  return {
    ...common,
    docKind: 'tax-invoice',
    data: {
      ...base(r),
      taxInvoiceNumber: r.taxInvoiceNumber,
      ...(r.gst.sacCode ? { sacCode: r.gst.sacCode } : {}),
      placeOfSupplyStateCode: r.recipient
        ? feePlaceOfSupply(r.store.stateCode, r.recipient.gstin).stateCode
        : placeOfSupplyStateCode(r.store.stateCode, r.gst),
      customer: customer(r),
      recipient: r.recipient ?? null,
      device: device(r),
      purchase: {
        invoiceNumber: fee.invoice_number,
        date: r.device.purchaseDate,
        pricePaise: fee.price_paid_paise,
      },
      planNumber: r.planNumber,
      qrPayload: r.qrText,
      feePaise: r.feePaise,
      gstRatePercent: r.gst.ratePercent,
      srpPaise: r.device.srpPaise,
      payment: { method: r.payment.method, reference: r.payment.reference },
      redeemableFrom: first?.from ?? r.enrolledOn,
      bands: r.timeline.map((b) => ({
        from: b.from,
        to: b.to,
        percent: b.percent,
        valuePaise: b.valuePaise,
      })),
      expiresAfter: last?.to ?? r.expiresOn,
      brand: r.device.brand,
      privacy: r.privacy && {
        consentVersion: r.consent.version,
        notifications: r.consent.notifications,
        marketing: r.consent.marketing,
        ...r.privacy,
      },
    },
  }
}
