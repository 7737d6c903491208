import { isIntraStateSupply } from '../../../../shared/domain/place-of-supply'
import { KioskError } from '../../../../shared/errors'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { CreditNoteData } from '../model'
import {
  copyMarks,
  customerRows,
  deviceRows,
  footerRows,
  gstSupplyRows,
  signatoryRows,
  kv,
  paymentRows,
  recipientRows,
  section,
  storeHeader,
  type BuildOptions,
} from './common'
import { gstRows } from './gst-rows'

/**
 * A plan's cancellation (docs/tax-documents.md#credit-note). Refunded inside the cooling-off
 * period it is a **credit note** (CGST Act s.34, Rule 53): its own number, the original invoice's
 * number and date, the taxable value and tax reversed, the reason. Cancelled later, nothing is
 * refunded and no tax document is issued: the customer gets a cancellation notice that says so.
 */
export function buildCreditNote(
  f: Formatter,
  d: CreditNoteData,
  opts: BuildOptions,
): ReceiptDocument {
  if (d.refund && (d.refund.amountPaise <= 0 || d.refund.amountPaise > d.feePaise)) {
    throw new KioskError(
      'INTERNAL',
      `Credit note ${d.noteNumber}: refund ${d.refund.amountPaise} outside 1..${d.feePaise}`,
    )
  }
  const marks = copyMarks(f, d, opts)
  const title = d.refund ? f.L.creditNoteTitle : f.L.cancellationTitle
  const numbered: Block[] = d.refund ? [kv(f.L.creditNoteNo, d.noteNumber)] : []
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, d.refund ? [title, f.L.creditNoteSubtitle] : [title]),
    ...numbered,
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(f.L.planNumber, d.planNumber, true),
    kv(f.L.originalInvoice, d.originalInvoiceNumber),
    kv(f.L.originalInvoiceDate, f.date(d.originalInvoiceDate)),
    ...(d.refund ? gstSupplyRows(f, d.placeOfSupplyStateCode) : []),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    ...recipientRows(f, d.recipient),
    section(f.L.phone),
    ...deviceRows(f, d.device),
    { type: 'separator', style: 'single' },
    kv(f.L.reason, d.reason),
    ...(d.approvedBy ? [kv(f.L.approvedBy, d.approvedBy)] : []),
    ...(d.refund ? reversal(f, d, d.refund) : noRefund(f, d)),
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.planCancelled, bold: true },
    ...footerRows(f, d),
    ...(d.refund ? signatoryRows(f, d) : []),
    ...marks,
  ]
  return {
    kind: d.refund ? 'credit-note' : 'cancellation-notice',
    lang: f.lang,
    title: d.refund ? `${title} ${d.noteNumber}` : `${title} ${d.planNumber}`,
    reference: d.refund ? d.noteNumber : d.planNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}

/** The original invoice's taxable value and tax, reversed, and how the fee went back. */
function reversal(
  f: Formatter,
  d: CreditNoteData,
  refund: NonNullable<CreditNoteData['refund']>,
): Block[] {
  const intraState = isIntraStateSupply(d.placeOfSupplyStateCode, d.store.stateCode)
  return [
    section(f.L.reversed),
    ...gstRows(f, refund.amountPaise, d.gstRatePercent, intraState, f.L.totalCredited).rows,
    ...paymentRows(f, refund, f.L.refundedBy),
  ]
}

/** Cancelled after the cooling-off period: the fee stays charged, no tax document is issued. */
function noRefund(f: Formatter, d: CreditNoteData): Block[] {
  return [
    kv(f.L.feeCharged, f.money(d.feePaise, { paise: true })),
    { type: 'text', text: f.L.noRefund, bold: true },
    { type: 'text', text: f.L.notATaxDocument, size: 'small' },
  ]
}
