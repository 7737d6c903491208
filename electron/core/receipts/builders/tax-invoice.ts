import { isIntraStateSupply } from '../../../../shared/domain/place-of-supply'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { TaxInvoiceData } from '../model'
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

/** The value timeline: before the first band, each band with its dates and rupees, then expiry. */
function timeline(f: Formatter, d: TaxInvoiceData): Block[] {
  const lines: Block[] = [{ type: 'text', text: f.L.timelineBefore(f.date(d.redeemableFrom)) }]
  for (const band of d.bands) {
    // One row per band: the dates on the left, the rupees where the eye looks for amounts.
    lines.push(
      kv(
        f.L.timelineBand(f.date(band.from), f.date(band.to)),
        f.L.timelineValue(f.money(band.valuePaise), band.percent),
        true,
      ),
    )
  }
  lines.push({ type: 'text', text: f.L.timelineAfter(f.date(d.expiresAfter)) })
  return lines
}

/** The DPDP notice in short on the plan certificate (issue 18). */
function privacyRows(f: Formatter, d: TaxInvoiceData): Block[] {
  const p = d.privacy
  if (!p) return []
  const contact = p.grievanceOfficer ? `${f.L.grievanceOfficer(p.grievanceOfficer)} ` : ''
  const lines = [...f.L.privacyShort(p), contact + f.L.consentRecorded(p.consentVersion)]
  // Small print, so the A4 invoice still fits one sheet.
  return [
    section(f.L.privacyHeading),
    ...lines.map((text): Block => ({ type: 'text', text, size: 'small' })),
  ]
}

/** Enrollment receipt: tax invoice for the plan fee plus the plan certificate with its QR code. */
export function buildTaxInvoice(
  f: Formatter,
  d: TaxInvoiceData,
  opts: BuildOptions,
): ReceiptDocument {
  const marks = copyMarks(f, d, opts)
  const intraState = isIntraStateSupply(d.placeOfSupplyStateCode, d.store.stateCode)
  const fee = gstRows(f, d.feePaise, d.gstRatePercent, intraState)
  const feeLine = d.sacCode ? `${f.L.feeDescription} (SAC ${d.sacCode})` : f.L.feeDescription
  const purchase = [
    kv(f.L.purchaseInvoice, d.purchase.invoiceNumber),
    kv(f.L.purchaseDate, f.date(d.purchase.date)),
  ]
  if (d.purchase.pricePaise !== undefined) {
    purchase.push(kv(f.L.purchasePrice, f.money(d.purchase.pricePaise)))
  }
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [f.L.taxInvoice, f.L.enrollmentTitle]),
    kv(f.L.invoiceNo, d.taxInvoiceNumber),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    ...gstSupplyRows(f, d.placeOfSupplyStateCode),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    ...recipientRows(f, d.recipient),
    section(f.L.phone),
    ...deviceRows(f, d.device),
    ...purchase,
    section(f.L.feeHeading),
    { type: 'text', text: feeLine },
    ...fee.rows,
    ...paymentRows(f, d.payment),
    ...signatoryRows(f, d),
    { type: 'separator', style: 'double' },
    section(f.L.planHeading),
    { type: 'text', text: f.L.planNumber, align: 'center', size: 'small' },
    { type: 'text', text: d.planNumber, align: 'center', size: 'large', bold: true },
    {
      type: 'qr',
      payload: d.qrPayload ?? d.planNumber,
      // What the code is for: head office's public plan page, or (demo, training) the plan number.
      caption: /^https?:\/\//.test(d.qrPayload ?? '') ? f.L.scanQrPage : f.L.scanQr,
    },
    kv(f.L.srpOnPlan, f.money(d.srpPaise)),
    section(f.L.timelineHeading),
    ...timeline(f, d),
    section(f.L.termsHeading),
    { type: 'list', items: f.L.terms(d.brand) },
    ...privacyRows(f, d),
    { type: 'separator', style: 'single' },
    ...footerRows(f, d),
    { type: 'text', text: f.L.computerGenerated, align: 'center', size: 'small' },
    { type: 'text', text: f.L.thanks, align: 'center', bold: true },
    ...marks,
  ]
  return {
    kind: 'tax-invoice',
    lang: f.lang,
    title: `${f.L.taxInvoice} ${d.taxInvoiceNumber}`,
    reference: d.taxInvoiceNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}
