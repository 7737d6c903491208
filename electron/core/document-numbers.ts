import { TRAINING_KIOSK_CODE, validateKioskCode } from '../../shared/domain/kiosk-code'
import { KioskError } from '../../shared/errors'
import type { CoreDeps } from './context'
import type { Tx } from './storage/store'

/** Indian financial year of a date: 1 April – 31 March, written `2026-27`. */
export function financialYear(date: string): string {
  const year = Number(date.slice(0, 4))
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`
}

/** The financial year as printed in a document number: `2026-27` → `2627`. */
export function shortFinancialYear(date: string): string {
  const fy = financialYear(date)
  return `${fy.slice(2, 4)}${fy.slice(5, 7)}`
}

/**
 * GST Rule 46(b) (tax invoices) and 53 (credit notes): a consecutive serial number of at most 16
 * characters, unique for the financial year, letters, digits, `-` and `/`. The kiosk's documents
 * outside GST (exchange vouchers, ineligibility slips) take the same shape in series of their own
 * (docs/tax-documents.md).
 */
export const MAX_DOCUMENT_NUMBER_LENGTH = 16

/**
 * The series letter sits in front of the financial year, where a digit otherwise stands, so no
 * kiosk code can make one series' number read as another's (`K1C/2627/…` could be kiosk K1C).
 */
const SERIES = {
  /** Tax invoice of the plan fee (CGST Act s.31, Rule 46). */
  'tax-invoice': '',
  /** Credit note reversing a fee refunded in the cooling-off period (s.34, Rule 53). */
  'credit-note': 'C',
  /** Exchange (buyback) voucher of an upgrade: not a GST document. */
  'exchange-voucher': 'X',
  /** Ineligibility slip of a failed inspection: not a GST document. */
  'ineligibility-slip': 'S',
  /**
   * An inspection's reference, printed on the exchange voucher the buyback rests on: short and
   * the kiosk's own, where the inspection's UUID was long and made every print differ.
   */
  inspection: 'I',
  /** A trade-in voucher (issue 22): the credit a traded-in phone gives against a new one. */
  'trade-in-voucher': 'T',
} as const

/** A series of the kiosk's numbered documents. */
export type DocumentSeries = keyof typeof SERIES

/** Takes the kiosk-code slot of training numbers: no kiosk may be called this. */
export const TRAINING_PREFIX = TRAINING_KIOSK_CODE
const SEQUENCE_DIGITS = 6

/**
 * Checks that a kiosk code fits in a document number: 1–3 capital letters or digits, not `TRN`.
 * The code must be unique among every kiosk billing under the same GSTIN (head office assigns it);
 * that is what makes the numbers unique without asking head office for each one.
 */
export function checkKioskCodeForDocuments(kioskCode: string): void {
  const checked = validateKioskCode(kioskCode)
  if (!checked.ok) throw new KioskError(checked.code, checked.message)
}

/**
 * Formats a document number: tax invoice `K1/2627/000123`, credit note `K1/C2627/000045`,
 * exchange voucher `K1/X2627/000007`, ineligibility slip `K1/S2627/000002`.
 */
export function formatDocumentNumber(
  kioskCode: string,
  series: DocumentSeries,
  businessDate: string,
  n: number,
  training = false,
): string {
  if (!Number.isInteger(n) || n < 1 || n >= 10 ** SEQUENCE_DIGITS) {
    // Rolling over to seven digits would break the 16-character bound; a million documents of
    // one series at one kiosk in one year is not a real kiosk.
    throw new KioskError('INTERNAL', `Document sequence ${series} ran out of numbers (${n}).`)
  }
  const owner = training ? TRAINING_PREFIX : kioskCode
  const number = `${owner}/${SERIES[series]}${shortFinancialYear(businessDate)}/${String(n).padStart(SEQUENCE_DIGITS, '0')}`
  if (number.length > MAX_DOCUMENT_NUMBER_LENGTH) {
    throw new KioskError('INTERNAL', `Document number ${number} is longer than 16 characters.`)
  }
  return number
}

/**
 * The next number of a document series, gapless per kiosk, series and financial year (GST
 * invoices must be consecutive within a year): `K1/2627/000123` — kiosk code, financial year,
 * sequence — at most 16 characters (GST Rule 46), and unique under the store's GSTIN because the
 * kiosk code is. Training documents use `TRN` instead of the kiosk code (their own database and
 * sequences): they can never be mistaken for, or collide with, a real invoice.
 *
 * The counter is still named by the long financial year (`tax-invoice:2026-27`), as before the
 * 16-character format: an existing kiosk carries on from its last number instead of restarting
 * mid-year, so no stored sequence changes.
 */
export async function nextDocumentNumber(
  tx: Tx,
  deps: CoreDeps,
  series: DocumentSeries,
  businessDate: string,
): Promise<string> {
  const n = await tx.next(`${series}:${financialYear(businessDate)}`)
  return formatDocumentNumber(deps.config.kioskCode, series, businessDate, n, deps.training)
}
