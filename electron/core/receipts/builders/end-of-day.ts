import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { DayGstLine } from '../../../../shared/domain/day-gst'
import type { EndOfDayReportData, PaymentTotal } from '../model'
import { tradeInLabelsFor } from '../tradein-labels'
import { copyMarks, footerRows, kv, section, storeHeader, type BuildOptions } from './common'

function methodTable(f: Formatter, totals: PaymentTotal[]): Block {
  const money = (p: number) => f.money(p, { paise: true })
  return {
    type: 'table',
    columns: [
      { header: f.L.payment, align: 'left', weight: 3 },
      { header: f.L.count, align: 'right', weight: 1 },
      { header: '₹', align: 'right', weight: 2 },
    ],
    rows: totals.map((t) => [f.L.methods[t.method], String(t.count), money(t.amountPaise)]),
  }
}

/**
 * The day's GST (docs/tax-documents.md#end-of-day-report): the tax invoices, the credit notes and
 * the net, each column the sum of the documents' own figures, CGST, SGST and IGST apart.
 */
function gstTable(f: Formatter, d: EndOfDayReportData): Block {
  const money = (p: number) => f.money(p, { paise: true })
  const { invoices, creditNotes, net } = d.gst
  const row = (label: string, pick: (l: DayGstLine) => number, show = money): string[] => [
    label,
    show(pick(invoices)),
    show(pick(creditNotes)),
    show(pick(net)),
  ]
  return {
    type: 'table',
    columns: [
      { header: '', align: 'left', weight: 3 },
      { header: f.L.invoices, align: 'right', weight: 3 },
      { header: f.L.creditNotes, align: 'right', weight: 3 },
      { header: f.L.net, align: 'right', weight: 3 },
    ],
    rows: [
      row(f.L.count, (l) => l.count, String),
      row(f.L.taxableValue, (l) => l.taxablePaise),
      row('CGST', (l) => l.cgstPaise),
      row('SGST', (l) => l.sgstPaise),
      row('IGST', (l) => l.igstPaise),
      row(f.L.total, (l) => l.totalPaise),
    ],
  }
}

/**
 * The day's trade-ins apart from the plan's redemptions (docs/program-rules.md#trade-in): the
 * vouchers issued and their value, the provisional ones (offline grid prices) apart, and the
 * vouchers used. Nothing on a day without any.
 */
function tradeInRows(f: Formatter, d: EndOfDayReportData): Block[] {
  const t = d.tradeIns
  if (!t || t.vouchersIssued + t.vouchersUsed === 0) return []
  const T = tradeInLabelsFor(f.lang)
  const money = (p: number) => f.money(p, { paise: true })
  return [
    section(T.endOfDayHeading),
    kv(T.accepted, `${t.vouchersIssued} · ${money(t.amountPaise)}`),
    ...(t.provisionalCount > 0
      ? [kv(T.provisionalCount, `${t.provisionalCount} · ${money(t.provisionalAmountPaise)}`)]
      : []),
    kv(T.vouchersUsed, String(t.vouchersUsed)),
    kv(f.L.creditGiven, money(t.voucherCreditPaise)),
  ]
}

/** End-of-day report of one kiosk: what the manager counts the drawer against. */
export function buildEndOfDayReport(
  f: Formatter,
  d: EndOfDayReportData,
  opts: BuildOptions,
): ReceiptDocument {
  const money = (p: number) => f.money(p, { paise: true })
  const marks = copyMarks(f, d, opts)
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [f.L.endOfDayTitle]),
    kv(f.L.businessDate, f.date(d.businessDate), true),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    section(f.L.enrollments),
    kv(f.L.count, String(d.enrollments.count)),
    kv(f.L.planFees, money(d.enrollments.feesPaise), true),
    section(f.L.gstOfDay),
    gstTable(f, d),
    section(f.L.collections),
    methodTable(f, d.totals.collectedByMethod),
    kv(f.L.collected, money(d.totals.collectedPaise), true),
    section(f.L.redemptions),
    kv(f.L.count, String(d.redemptions.count)),
    kv(f.L.creditGiven, money(d.redemptions.creditPaise)),
    kv(f.L.newPhoneSales, money(d.redemptions.newDeviceSalesPaise)),
    kv(f.L.ineligiblePhones, String(d.ineligible.count)),
    ...tradeInRows(f, d),
    section(f.L.cancellations),
    kv(f.L.count, String(d.cancellations.count)),
    methodTable(f, d.totals.refundedByMethod),
    kv(f.L.refunds, money(d.totals.refundedPaise), true),
    { type: 'separator', style: 'double' },
    kv(f.L.netCollected, money(d.totals.netPaise), true),
    kv(f.L.cashInDrawer, money(d.totals.cashExpectedPaise), true),
    // Training sales are never sent anywhere: "waiting to sync" would be a false alarm.
    ...(d.training ? [] : [kv(f.L.pendingSync, String(d.pendingSync))]),
    kv(f.L.pendingPrint, String(d.pendingPrintJobs)),
    { type: 'separator', style: 'single' },
    ...footerRows(f, d),
    { type: 'text', text: f.L.reportFooter, align: 'center', size: 'small' },
    ...marks,
  ]
  return {
    kind: 'end-of-day',
    lang: f.lang,
    title: `${f.L.endOfDayTitle} ${d.businessDate}`,
    reference: `${d.kioskCode ?? d.store.code ?? 'kiosk'}-${d.businessDate}`,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}
