import { upgradeCredit } from '../../../../shared/domain/upgrade-credit'
import { KioskError } from '../../../../shared/errors'
import type { Block, ReceiptDocument } from '../document'
import type { Formatter } from '../format'
import type { UpgradeCreditNoteData } from '../model'
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

/** Upgrade credit note: the old phone's assured value credited against the new phone. */
export function buildCreditNote(
  f: Formatter,
  d: UpgradeCreditNoteData,
  opts: BuildOptions,
): ReceiptDocument {
  // docs/program-rules.md#upgrade-credit: credit = min(assured value, new phone price). A document
  // that disagrees with its own numbers must not reach the customer.
  if (d.creditPaise !== upgradeCredit(d.assuredValuePaise, d.newDevice.pricePaise).creditPaise) {
    throw new KioskError(
      'INTERNAL',
      `Credit note ${d.creditNoteNumber}: credit ${d.creditPaise} is not min(assured value, price)`,
    )
  }
  const balance = d.newDevice.pricePaise - d.creditPaise
  const marks = copyMarks(f, d, opts)
  const money = (p: number) => f.money(p, { paise: true })
  const verdict = f.L.verdicts[d.inspection.verdict]
  const inspection: Block[] = [
    kv(
      f.L.inspection,
      d.inspection.inspectedAt ? `${verdict} (${f.dateTime(d.inspection.inspectedAt)})` : verdict,
    ),
  ]
  if (d.inspection.technician) inspection.push(kv(f.L.technician, d.inspection.technician))
  const newPhone: Block[] = [section(f.L.newPhone), ...deviceRows(f, d.newDevice)]
  if (d.newDevice.salesInvoiceNumber) {
    newPhone.push(kv(f.L.salesInvoice, d.newDevice.salesInvoiceNumber))
  }
  const blocks: Block[] = [
    ...marks,
    ...storeHeader(f, d, [f.L.exchangeVoucherTitle]),
    kv(f.L.voucherNo, d.creditNoteNumber),
    kv(f.L.dateTime, f.dateTime(d.issuedAt)),
    kv(f.L.planNumber, d.planNumber, true),
    section(f.L.customer),
    ...customerRows(f, d.customer),
    section(f.L.phoneReturned),
    ...deviceRows(f, d.oldDevice),
    ...inspection,
    kv(f.L.phoneAge, f.L.ageMonth(d.ageMonths)),
    kv(f.L.srpOnPlan, money(d.srpPaise)),
    kv(f.L.assuredValue(d.percent), money(d.assuredValuePaise)),
    ...newPhone,
    { type: 'separator', style: 'single' },
    kv(f.L.price, money(d.newDevice.pricePaise)),
    kv(f.L.upgradeCredit, `- ${money(d.creditPaise)}`, true),
    kv(f.L.balancePaid, money(balance), true),
    ...(d.payment && balance > 0 ? paymentRows(f, d.payment) : []),
    { type: 'separator', style: 'single' },
    { type: 'text', text: f.L.creditNoteFootnote(d.brand), size: 'small' },
    ...(d.assuredValuePaise > d.creditPaise
      ? [{ type: 'text', text: f.L.excessNotCarried, size: 'small' } satisfies Block]
      : []),
    ...footerRows(f, d),
    ...marks,
  ]
  return {
    kind: 'credit-note',
    lang: f.lang,
    title: `${f.L.exchangeVoucherTitle} ${d.creditNoteNumber}`,
    reference: d.creditNoteNumber,
    copy: { number: opts.copy },
    training: d.training,
    blocks,
  }
}
