import { upgradeCredit } from '../../../../shared/domain/upgrade-credit'
import { KioskError } from '../../../../shared/errors'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { TradeInVoucherData } from '../model'
import { tradeInLabelsFor } from '../tradein-labels'
import {
  copyMarks,
  deviceRows,
  footerRows,
  kv,
  paymentRows,
  section,
  storeHeader,
  type BuildOptions,
} from './common'

/**
 * Trade-in voucher (docs/program-rules.md#trade-in): the traded-in phone, its grade and where the
 * price came from (partner quote, or the offline price list marked provisional), the value with
 * its code and QR, and — once used — the new phone it paid for. Not a GST document.
 */
export function buildTradeInVoucher(
  f: Formatter,
  d: TradeInVoucherData,
  opts: BuildOptions,
): ReceiptDocument {
  const T = tradeInLabelsFor(f.lang)
  if (
    d.used &&
    d.used.creditPaise !== upgradeCredit(d.amountPaise, d.used.newDevice.pricePaise).creditPaise
  ) {
    throw new KioskError(
      'INTERNAL',
      `Trade-in voucher ${d.voucherNumber}: credit ${d.used.creditPaise} is not min(value, price)`,
    )
  }
  const money = (p: number) => f.money(p, { paise: true })
  const marks: Block[] = [
    ...copyMarks(f, d, opts),
    ...(d.used ? [{ type: 'notice', text: T.usedTitle } satisfies Block] : []),
  ]
  const source =
    d.source === 'partner' ? T.sources.partner(d.partnerName) : T.sources.grid(d.partnerName)
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [T.title, T.subtitle]),
    kv(f.L.voucherNo, d.voucherNumber, true),
    kv(T.voucherCode, d.voucherCode, true),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(T.value, money(d.amountPaise), true),
    kv(T.validTo, f.date(d.validTo)),
    { type: 'qr', payload: d.qrPayload, caption: T.qrCaption },
    section(T.phoneTakenIn),
    ...deviceRows(f, d.device),
    kv(T.grade, `${d.grade} · ${f.label(d.gradeLabel)}`),
    ...(d.inspectionReference ? [kv(f.L.inspectionRef, d.inspectionReference)] : []),
    ...(d.planNumber ? [kv(T.formerPlan, d.planNumber)] : []),
    kv(T.priceFrom, source),
    ...(d.quoteId ? [kv(T.quoteId, d.quoteId)] : []),
    kv(T.partnerReference, d.partnerReference ?? T.pending),
    ...(d.provisional ? [{ type: 'text', text: T.provisional, bold: true } satisfies Block] : []),
    { type: 'separator', style: 'single' },
    ...usedRows(f, d),
    { type: 'text', text: T.howToUse(d.brand), size: 'small' },
    { type: 'text', text: T.noCash, size: 'small' },
    ...(d.handover
      ? [
          section(f.L.handoverSection),
          { type: 'text', text: f.L.handoverDeclared, size: 'small' } satisfies Block,
          {
            type: 'signature',
            pngBase64: d.handover.signaturePng,
            caption: f.L.signatureCaption(d.handover.signatureSha256),
          } satisfies Block,
        ]
      : []),
    ...footerRows(f, d),
    ...marks,
  ]
  return {
    kind: 'trade-in-voucher',
    lang: f.lang,
    title: `${T.title} ${d.voucherNumber}`,
    reference: d.voucherNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}

/** The new phone the voucher paid for, once used. */
function usedRows(f: Formatter, d: TradeInVoucherData): Block[] {
  const u = d.used
  if (!u) return []
  const T = tradeInLabelsFor(f.lang)
  const money = (p: number) => f.money(p, { paise: true })
  return [
    section(T.statusUsed),
    kv(T.usedOn, f.date(u.on)),
    ...deviceRows(f, u.newDevice),
    kv(f.L.salesInvoice, u.newDevice.salesInvoiceNumber ?? '-'),
    kv(f.L.price, money(u.newDevice.pricePaise)),
    kv(f.L.upgradeCredit, `- ${money(u.creditPaise)}`, true),
    kv(f.L.balancePaid, money(u.amountPaidPaise), true),
    ...(u.payment && u.amountPaidPaise > 0 ? paymentRows(f, u.payment) : []),
    { type: 'separator', style: 'single' },
  ]
}
