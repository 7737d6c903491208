import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDisplayDate } from '../../shared/domain/calendar'
import { formatRupees } from '../../shared/domain/money'
import type { ErrorParams, KioskErrorShape } from '../../shared/errors'
import type { Lang } from './i18n'

/** Rupees, dates and error texts in the language the clerk chose. */
export function useFormat() {
  const { locale, t, te } = useI18n()
  const lang = computed(() => locale.value as Lang)
  const clockTime = (iso: string) =>
    kioskClock(new Date(iso), (pm) => (pm ? t('app.pm') : t('app.am')))
  return {
    // Latin digits in both languages: prices, IMEIs and dates on the same screen then read alike
    // (Devanagari digits remain available in shared/domain for documents that ask for them).
    rupees: (paise: number) => formatRupees(paise, { locale: 'en' }),
    date: (d: string) => formatDisplayDate(d, lang.value),
    /** An instant (ISO) as the store's local date and time. */
    dateTime: (iso: string) =>
      kioskDateTime(new Date(iso), lang.value, (pm) => (pm ? t('app.pm') : t('app.am'))),
    /** An instant (ISO) as the store's wall clock, "10:35 am" / "10:35 पूर्वाह्न". */
    clockTime,
    errorText: (error: KioskErrorShape | { code: string; message: string; params?: ErrorParams }) =>
      errorWords(error, { t, te }, clockTime),
  }
}

type Translate = Pick<ReturnType<typeof useI18n>, 't' | 'te'>

/**
 * An error (or a field's issue) in the clerk's language: with its figures (`params`: attempts
 * left, a lock's end, days since purchase) when it has them and the catalog words them
 * (`errorDetails.<CODE>`), else the code's general text, else the core's English message.
 * Instants (`lockedUntil`) are shown as the store's wall clock.
 */
export function errorWords(
  error: { code: string; message: string; params?: ErrorParams },
  { t, te }: Translate,
  clock: (iso: string) => string,
): string {
  const { code, params } = error
  if (params && te(`errorDetails.${code}`)) {
    const shown = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, k === 'lockedUntil' ? clock(String(v)) : v]),
    )
    return t(`errorDetails.${code}`, shown)
  }
  return te(`errors.${code}`) ? t(`errors.${code}`) : error.message
}

/** Rupees typed by a clerk ("16,999" or "16999.50") as paise; null when not an amount. */
export function parseRupees(text: string): number | null {
  const clean = text.replace(/[₹,\s]/g, '')
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(clean)) return null
  const [whole, fraction = ''] = clean.split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
}

/**
 * A date and time in Kolkata ("30 Nov 2026, 03:30 pm" / "30 नव॰ 2026, 03:30 अपराह्न"), the day
 * period in the kiosk's language: hi-IN's ICU data says "pm" (issue 14's Hindi leftovers).
 */
export function kioskDateTime(d: Date, lang: Lang, dayPeriod: (pm: boolean) => string): string {
  return new Intl.DateTimeFormat(lang === 'hi' ? 'hi-IN' : 'en-IN', {
    timeZone: 'Asia/Kolkata',
    numberingSystem: 'latn',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: true,
  })
    .formatToParts(d)
    .map((p) => (p.type === 'dayPeriod' ? dayPeriod(p.value.toLowerCase() === 'pm') : p.value))
    .join('')
}

/**
 * A wall clock in Kolkata, 12-hour, with the day period in the kiosk's language (`dayPeriod`
 * gives "am"/"pm" or "पूर्वाह्न"/"अपराह्न"): hi-IN's own ICU data still says "pm".
 */
export function kioskClock(d: Date, dayPeriod: (pm: boolean) => string): string {
  return new Intl.DateTimeFormat('en-IN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: true,
    timeZone: 'Asia/Kolkata',
    numberingSystem: 'latn',
  })
    .formatToParts(d)
    .map((p) => (p.type === 'dayPeriod' ? dayPeriod(p.value.toLowerCase() === 'pm') : p.value))
    .join('')
}

/**
 * A date as typed in the kiosk's date fields: Indian day/month/year (`30/11/2026`, `30-11-2026`,
 * `30.11.2026`, `30112026`) or an ISO date (a scanner's, a test's); the ISO date
 * `YYYY-MM-DD`, or null when it is not a real date.
 */
export function parseDayMonthYear(text: string): string | null {
  const t = text.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t)
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [NaN, NaN, NaN]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null
  const two = (n: number) => String(n).padStart(2, '0')
  return `${year}-${two(month)}-${two(day)}`
}

/** `2026-11-30` as the date fields show it: `30/11/2026` (anything else as it is). */
export function dayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}
