import { isIntraStateSupply } from '../../../../shared/domain/place-of-supply'
import { KioskError } from '../../../../shared/errors'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { CancellationNoteData } from '../model'
import {
  copyMarks,
  customerRows,
  deviceRows,
  footerRows,
  kv,
  paymentRows,
  section,
  storeHeader,
  type BuildOptions,
} from './common'
import { gstRows } from './gst-rows'

/** Cancellation note; with a refund it reverses the GST of the original tax invoice. */
export function buildCancellationNote(
  f: Formatter,
  d: CancellationNoteData,
  opts: BuildOptions,
): ReceiptDocument {
  if (d.refund && (d.refund.amountPaise <= 0 || d.refund.amountPaise > d.feePaise)) {
    throw new KioskError(
      'INTERNAL',
      `Cancellation note ${d.noteNumber}: refund ${d.refund.amountPaise} outside 1..${d.feePaise}`,
    )
  }
  const marks = copyMarks(f, d, opts)
  const intraState = isIntraStateSupply(d.placeOfSupplyStateCode, d.store.stateCode)
  const title = d.refund ? f.L.cancellationRefundTitle : f.L.cancellationTitle
  const refund: Block[] = d.refund
    ? [
        section(f.L.refund),
        ...gstRows(f, d.refund.amountPaise, d.gstRatePercent, intraState, f.L.refund).rows,
        ...paymentRows(f, d.refund, f.L.refundedBy),
      ]
    : [{ type: 'text', text: f.L.noRefund, bold: true }]
  const approval: Block[] = [kv(f.L.reason, d.reason)]
  if (d.approvedBy) approval.push(kv(f.L.approvedBy, d.approvedBy))
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [title]),
    kv(f.L.noteNo, d.noteNumber),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(f.L.planNumber, d.planNumber, true),
    kv(f.L.originalInvoice, `${d.originalInvoiceNumber} (${f.date(d.originalInvoiceDate)})`),
    kv(f.L.placeOfSupply, d.placeOfSupplyStateCode),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    section(f.L.phone),
    ...deviceRows(f, d.device),
    { type: 'separator', style: 'single' },
    ...approval,
    kv(f.L.feeCharged, f.money(d.feePaise, { paise: true })),
    ...refund,
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.planCancelled, bold: true },
    ...footerRows(f, d),
    ...marks,
  ]
  return {
    kind: 'cancellation',
    lang: f.lang,
    title: `${title} ${d.noteNumber}`,
    reference: d.noteNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}
