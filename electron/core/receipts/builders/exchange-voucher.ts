import { upgradeCredit } from '../../../../shared/domain/upgrade-credit'
import { KioskError } from '../../../../shared/errors'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { ExchangeVoucherData } from '../model'
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

/**
 * Exchange (buyback) voucher (docs/tax-documents.md#exchange-voucher): the old phone bought back
 * at its assured value, the inspection it rests on, and the credit applied to the new phone,
 * whose tax invoice the store's POS issues with GST on its full price. Not a GST document.
 */
export function buildExchangeVoucher(
  f: Formatter,
  d: ExchangeVoucherData,
  opts: BuildOptions,
): ReceiptDocument {
  // docs/program-rules.md#upgrade-credit: credit = min(assured value, new phone price). A document
  // that disagrees with its own numbers must not reach the customer.
  if (d.creditPaise !== upgradeCredit(d.assuredValuePaise, d.newDevice.pricePaise).creditPaise) {
    throw new KioskError(
      'INTERNAL',
      `Exchange voucher ${d.voucherNumber}: credit ${d.creditPaise} is not min(assured value, price)`,
    )
  }
  const balance = d.newDevice.pricePaise - d.creditPaise
  const marks = copyMarks(f, d, opts)
  const money = (p: number) => f.money(p, { paise: true })
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [f.L.exchangeVoucherTitle, f.L.notAGstDocument]),
    kv(f.L.voucherNo, d.voucherNumber),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(f.L.planNumber, d.planNumber, true),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    section(f.L.phoneReturned),
    ...deviceRows(f, d.oldDevice),
    ...inspectionRows(f, d),
    kv(f.L.phoneAge, f.L.ageMonth(d.ageMonths)),
    kv(f.L.srpOnPlan, money(d.srpPaise)),
    kv(f.L.assuredValue(d.percent), money(d.assuredValuePaise)),
    section(f.L.newPhone),
    ...deviceRows(f, d.newDevice),
    kv(f.L.salesInvoice, d.newDevice.salesInvoiceNumber ?? '-'),
    { type: 'separator', style: 'single' },
    kv(f.L.price, money(d.newDevice.pricePaise)),
    kv(f.L.upgradeCredit, `- ${money(d.creditPaise)}`, true),
    kv(f.L.balancePaid, money(balance), true),
    ...(d.payment && balance > 0 ? paymentRows(f, d.payment) : []),
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.exchangeVoucherFootnote(d.brand), size: 'small' },
    ...(d.assuredValuePaise > d.creditPaise
      ? [{ type: 'text', text: f.L.excessNotCarried, size: 'small' } satisfies Block]
      : []),
    ...handoverRows(f, d),
    ...footerRows(f, d),
    ...marks,
  ]
  return {
    kind: 'exchange-voucher',
    lang: f.lang,
    title: `${f.L.exchangeVoucherTitle} ${d.voucherNumber}`,
    reference: d.voucherNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}

/** The passing inspection the buyback rests on: its reference, when and by whom. */
function inspectionRows(f: Formatter, d: ExchangeVoucherData): Block[] {
  const verdict = f.L.verdicts[d.inspection.verdict]
  const rows: Block[] = [
    kv(
      f.L.inspection,
      d.inspection.inspectedAt ? `${verdict} (${f.dateTime(d.inspection.inspectedAt)})` : verdict,
    ),
    kv(f.L.inspectionRef, d.inspection.reference),
  ]
  if (d.inspection.technician) rows.push(kv(f.L.technician, d.inspection.technician))
  return rows
}

/**
 * The customer's signed hand-over declaration (docs/program-rules.md#hand-over-declaration): what
 * was declared, how the customer was checked, and the signature printed small with its hash.
 */
function handoverRows(f: Formatter, d: ExchangeVoucherData): Block[] {
  const h = d.handover
  if (!h) return []
  return [
    section(f.L.handoverSection),
    { type: 'text', text: f.L.handoverDeclared, size: 'small' },
    kv(f.L.customerCheckedBy, f.L.customerChecks[h.customerCheck]),
    {
      type: 'signature',
      pngBase64: h.signaturePng,
      caption: f.L.signatureCaption(h.signatureSha256),
    },
  ]
}
