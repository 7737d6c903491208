import { formatDisplayDate } from '../../../shared/domain/calendar'
import { maskAadhaar } from '../../../shared/domain/id-documents'
import { formatRupees } from '../../../shared/domain/money'
import type { Lang } from './document'
import { labelsFor, type Labels } from './labels'
import type { CustomerInfo, LocalDate, LocalDateTime, LocalizedLabel } from './model'

/** No-break space: outputs that wrap text keep what it joins on one line. */
export const NBSP = '\u00a0'

/** Language-bound formatting the builders share. */
export interface Formatter {
  lang: Lang
  L: Labels
  /** `₹ 9,799`; `paise: true` forces `.00` (tax lines). */
  money(paise: number, opts?: { paise?: boolean }): string
  date(d: LocalDate): string
  dateTime(dt: LocalDateTime): string
  label(text: LocalizedLabel): string
}

/** Builds the formatter of one language. */
export function formatterFor(lang: Lang): Formatter {
  return {
    lang,
    L: labelsFor(lang),
    // Hindi documents keep international digits too (the official form of Indian numerals,
    // Constitution art. 343), so amounts and dates read the same on every copy. The space after
    // ₹ is the program's printed style ("₹ 9,799", issue 6); a no-break one, so a narrow roll
    // never leaves the sign alone at a line's end.
    money: (paise, opts) =>
      formatRupees(paise, { paise: opts?.paise ?? false }).replace('₹', `₹${NBSP}`),
    date: (d) => formatDisplayDate(d, lang).replaceAll(' ', NBSP),
    dateTime: (dt) => `${formatDisplayDate(dt.date, lang).replaceAll(' ', NBSP)} ${dt.time}`,
    label: (text) => (typeof text === 'string' ? text : text[lang]),
  }
}

/**
 * Only the last four digits of a mobile ever reach paper: a receipt is often left on the counter
 * or thrown away, and the full number is already on the customer's phone.
 */
export function maskMobile(mobile: string): string {
  const last4 = mobile.replace(/\D/g, '').slice(-4)
  return last4.length === 4 ? `XXXXXX${last4}` : 'XXXXXXXXXX'
}

/**
 * The kiosk keeps only the last four characters of an ID
 * (docs/program-rules.md#identity-documents-and-masking); slicing again here means a caller that
 * passes more still never prints more.
 */
export function maskIdNumber(kind: NonNullable<CustomerInfo['id']>['kind'], last4: string): string {
  const tail = last4.replace(/[\s-]/g, '').slice(-4).toUpperCase()
  // Other IDs are shown as a fixed-width mask: the kiosk no longer knows their full length.
  return kind === 'aadhaar' ? maskAadhaar(tail) : `XXXXXX${tail}`
}
