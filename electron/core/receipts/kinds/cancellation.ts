import type { CancellationReceipt } from '../../../../shared/contract/receipt-data'
import { feePlaceOfSupply, placeOfSupplyStateCode } from '../../../../shared/domain/place-of-supply'
import type { CoreDeps } from '../../context'
import { cancellationOfPlan } from '../../storage/repos/closings'
import { paymentById, recipientOf } from '../../storage/repos/payments'
import type { Sql } from '../../storage/store'
import type { DocumentDataByKind } from '../model'
import { base, customer, device, loadHeader, payment, staffOf, type Counted } from './common'
import { requireFeeInvoice } from './enrollment'

// A cancellation (`ref` = the plan number): the credit note reversing the fee's tax invoice when
// the fee was refunded, else a cancellation notice (docs/tax-documents.md#credit-note).

/** The stored data of a plan's cancellation. */
export function cancellationReceiptData(
  sql: Sql,
  deps: CoreDeps,
  ref: string,
): CancellationReceipt {
  const { header, plan } = loadHeader(sql, deps, 'cancellation', ref)
  const c = cancellationOfPlan(sql, plan.id)!
  const refund = c.payment_id ? paymentById(sql, c.payment_id) : undefined
  return {
    ...header,
    kind: 'cancellation',
    businessDate: c.cancelled_on,
    staff: staffOf(sql, c.staff_id),
    cancelledOn: c.cancelled_on,
    reason: c.reason,
    withinWindow: c.within_window === 1,
    refundPaise: c.refund_paise,
    refund: payment(refund),
  }
}

/** The cancellation note as the builder takes it. */
export function cancellationDocument(
  sql: Sql,
  r: CancellationReceipt,
  common: Counted,
): Counted & {
  docKind: 'credit-note' | 'cancellation-notice'
  data: DocumentDataByKind['credit-note']
} {
  const fee = requireFeeInvoice(sql, r.planNumber)
  const recipient = recipientOf(fee)
  return {
    ...common,
    docKind: r.refund && r.refundPaise > 0 ? 'credit-note' : 'cancellation-notice',
    data: {
      ...base(r),
      // Without a refund no credit note was issued, so the notice has no number of its own.
      noteNumber: r.documentNumber ?? '-',
      planNumber: r.planNumber,
      originalInvoiceNumber: fee.document_number ?? '-',
      originalInvoiceDate: fee.business_date,
      // The invoice's place of supply: the registered recipient's state (B2B) or the store's.
      placeOfSupplyStateCode: recipient
        ? feePlaceOfSupply(r.store.stateCode, recipient.gstin).stateCode
        : placeOfSupplyStateCode(r.store.stateCode, fee.gst),
      customer: customer(r),
      recipient,
      device: device(r),
      reason: r.reason,
      ...(r.staff ? { approvedBy: r.staff.name } : {}),
      feePaise: fee.amount_paise,
      gstRatePercent: fee.gst?.ratePercent ?? 0,
      refund:
        r.refund && r.refundPaise > 0
          ? {
              amountPaise: r.refundPaise,
              method: r.refund.method,
              reference: r.refund.reference,
            }
          : null,
    },
  }
}
