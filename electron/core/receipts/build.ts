import { buildCreditNote } from './builders/credit-note'
import type { BuildOptions } from './builders/common'
import { buildExchangeVoucher } from './builders/exchange-voucher'
import { buildEndOfDayReport } from './builders/end-of-day'
import { buildTaxInvoice } from './builders/tax-invoice'
import { buildIneligibilitySlip } from './builders/ineligibility'
import { buildTradeInVoucher } from './builders/trade-in-voucher'
import type { Lang, ReceiptDocument } from './document'
import { formatterFor, type Formatter } from './format'
import type { DocumentDataByKind, DocumentKind } from './model'

/** Options of {@link buildDocument}. */
export interface BuildDocumentOptions {
  lang: Lang
  /** Copy number: 1 (default) is the original, later copies say DUPLICATE. */
  copy?: number
}

type Builder<K extends DocumentKind> = (
  f: Formatter,
  data: DocumentDataByKind[K],
  opts: BuildOptions,
) => ReceiptDocument

const BUILDERS: { [K in DocumentKind]: Builder<K> } = {
  'tax-invoice': buildTaxInvoice,
  'credit-note': buildCreditNote,
  'cancellation-notice': buildCreditNote,
  'exchange-voucher': buildExchangeVoucher,
  'ineligibility-slip': buildIneligibilitySlip,
  'end-of-day': buildEndOfDayReport,
  'trade-in-voucher': buildTradeInVoucher,
}

/** Builds the neutral document of one kind from its stored data, in one language. */
export function buildDocument<K extends DocumentKind>(
  kind: K,
  data: DocumentDataByKind[K],
  options: BuildDocumentOptions,
): ReceiptDocument {
  const copy = options.copy ?? 1
  if (!Number.isInteger(copy) || copy < 1) throw new RangeError(`copy must be 1 or more: ${copy}`)
  const builder = BUILDERS[kind] as Builder<K>
  return builder(formatterFor(options.lang), data, { copy })
}
