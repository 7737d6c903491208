import type { CoreDeps } from './context'
import type { Tx } from './storage/store'

/** Indian financial year of a date: 1 April – 31 March, written `2026-27`. */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4))
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`
}

const SERIES = { 'tax-invoice': '', 'credit-note': 'CN/', refund: 'RF/' } as const

/**
 * The next number of a document series, gapless per kiosk and financial year (GST invoices must
 * be consecutive within a year): `MH01K1/2026-27/000123`, credit notes `MH01K1/CN/2026-27/000045`.
 * NOTE: GST Rule 46 caps invoice numbers at 16 characters; this format is longer and must be
 * confirmed with head office's accountant before go-live.
 */
export async function nextDocumentNumber(
  tx: Tx,
  deps: CoreDeps,
  series: keyof typeof SERIES,
  businessDate: string,
): Promise<string> {
  const fy = financialYear(businessDate)
  const n = await tx.next(`${series}:${fy}`)
  const prefix = `${deps.training ? 'TRN/' : ''}${deps.config.storeCode}${deps.config.kioskCode}`
  return `${prefix}/${SERIES[series]}${fy}/${String(n).padStart(6, '0')}`
}
