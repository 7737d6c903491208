import { KioskError } from './errors'

/**
 * Store-local calendar dates (docs/program-rules.md#store-local-dates: "dates are store-local
 * calendar dates (Asia/Kolkata), never instants in UTC"). A date is a `YYYY-MM-DD` string; the
 * arithmetic works on integers (proleptic Gregorian, years 0001–9999) so it never depends on the
 * host's time zone or on ICU data, and is cheap enough for the valuation hot path.
 */
export type LocalDate = string

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  i < 10 ? `0${i}` : `${i}`,
)
const MONTHS_EN = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')
// CLDR's Hindi month names (hi.json, format-wide); full names read better than the abbreviations.
const MONTHS_HI = [
  'जनवरी',
  'फ़रवरी',
  'मार्च',
  'अप्रैल',
  'मई',
  'जून',
  'जुलाई',
  'अगस्त',
  'सितंबर',
  'अक्तूबर',
  'नवंबर',
  'दिसंबर',
]
const MS_PER_DAY = 86_400_000
// Asia/Kolkata has been UTC+05:30 without daylight saving since 1945.
const KOLKATA_OFFSET_MS = 19_800_000

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** Days in month `m` (1–12) of year `y`, unchecked (hot path). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec: the parity of the month flips at August.
  return 30 + ((m + (m >> 3)) & 1)
}

/**
 * Parses `YYYY-MM-DD` into the integer `y*10000 + m*100 + d`, or -1 when it is not a real date.
 * Packed dates compare like the dates they stand for; the valuation hot path works on them.
 */
export function packLocalDate(s: string): number {
  if (typeof s !== 'string' || s.length !== 10) return -1
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1
  const c0 = s.charCodeAt(0) - 48
  const c1 = s.charCodeAt(1) - 48
  const c2 = s.charCodeAt(2) - 48
  const c3 = s.charCodeAt(3) - 48
  const c5 = s.charCodeAt(5) - 48
  const c6 = s.charCodeAt(6) - 48
  const c8 = s.charCodeAt(8) - 48
  const c9 = s.charCodeAt(9) - 48
  // `>>> 0` turns a negative (below '0') into a huge number, so one comparison checks both ends.
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9) return -1
  if (c5 >>> 0 > 9 || c6 >>> 0 > 9 || c8 >>> 0 > 9 || c9 >>> 0 > 9) return -1
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3
  const m = c5 * 10 + c6
  const d = c8 * 10 + c9
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1
  return y * 10000 + m * 100 + d
}

// Formatting is one concatenation of a cached year and a cached '-MM-DD': the quote hot path
// formats four dates per call, and building each from five pieces was a third of its time.
const YEARS: string[] = new Array<string>(10_000)
const MONTH_DAYS: string[] = new Array<string>(1232)
for (let m = 1; m <= 12; m++) {
  for (let d = 1; d <= 31; d++) {
    MONTH_DAYS[m * 100 + d] = `-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`
  }
}

/** Formats a packed date (see {@link packLocalDate}) as `YYYY-MM-DD`. */
export function formatPackedDate(p: number): LocalDate {
  const y = (p / 10000) | 0
  const year = YEARS[y] ?? (YEARS[y] = String(y).padStart(4, '0'))
  return year + (MONTH_DAYS[p - y * 10000] as string)
}

/** Packed date `n` calendar months after packed date `p`, clamped to the month's last day. */
export function addMonthsPacked(p: number, n: number): number {
  const y = (p / 10000) | 0
  const m = ((p / 100) | 0) % 100
  const d = p % 100
  const total = y * 12 + (m - 1) + n
  const ny = Math.floor(total / 12)
  const nm = total - ny * 12 + 1
  if (ny < 1 || ny > 9999) throw outOfRange()
  const last = daysInMonth(ny, nm)
  return ny * 10000 + nm * 100 + (d < last ? d : last)
}

/** The packed date the day before packed date `p`. */
export function dayBeforePacked(p: number): number {
  const d = p % 100
  if (d > 1) return p - 1
  const y = (p / 10000) | 0
  const m = ((p / 100) | 0) % 100
  if (m > 1) return y * 10000 + (m - 1) * 100 + daysInMonth(y, m - 1)
  if (y <= 1) throw outOfRange()
  return (y - 1) * 10000 + 1231
}

/**
 * Whole calendar months from packed `p` to packed `o` when `o >= p`
 * (docs/program-rules.md#calendar-month-arithmetic): a month has elapsed on the same day-of-month,
 * or on the target month's last day when that day is missing.
 */
export function wholeMonthsForward(p: number, o: number): number {
  const py = (p / 10000) | 0
  const pm = ((p / 100) | 0) % 100
  const pd = p % 100
  const oy = (o / 10000) | 0
  const om = ((o / 100) | 0) % 100
  const od = o % 100
  const months = (oy - py) * 12 + (om - pm)
  // The anniversary in o's month is min(pd, last day); it has not come yet when od is below both.
  return od < pd && od < daysInMonth(oy, om) ? months - 1 : months
}

function outOfRange(): KioskError {
  return new KioskError('DATE_INVALID', 'Date is outside the years 0001–9999.')
}

function packOrThrow(s: string): number {
  const p = packLocalDate(s)
  if (p < 0) throw new KioskError('DATE_INVALID', `Not a calendar date (YYYY-MM-DD): ${String(s)}`)
  return p
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil, integer only). */
function dayNumber(p: number): number {
  let y = (p / 10000) | 0
  const m = ((p / 100) | 0) % 100
  const d = p % 100
  if (m <= 2) y -= 1
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Packed civil date of a day number (inverse of {@link dayNumber}). */
function fromDayNumber(days: number): number {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  if (y < 1 || y > 9999) throw outOfRange()
  return y * 10000 + m * 100 + d
}

/** True when `s` is a `YYYY-MM-DD` string naming a real calendar date. */
export function isLocalDate(s: unknown): s is string {
  return typeof s === 'string' && packLocalDate(s) >= 0
}

/** Returns `s` when it is a real `YYYY-MM-DD` date; throws `DATE_INVALID` otherwise. */
export function parseLocalDate(s: string): LocalDate {
  packOrThrow(s)
  return s
}

/** Orders two dates: -1 when `a` is earlier, 1 when later, 0 when the same day. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const pa = packOrThrow(a)
  const pb = packOrThrow(b)
  return pa < pb ? -1 : pa > pb ? 1 : 0
}

/** The date `n` days after `d` (`n` may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n))
    throw new KioskError('DATE_INVALID', `Not a whole number of days: ${n}`)
  return formatPackedDate(fromDayNumber(dayNumber(packOrThrow(d)) + n))
}

/** The date `n` calendar months after `d`, clamped to the month's end (2021-01-31 + 1 = 2021-02-28). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n))
    throw new KioskError('DATE_INVALID', `Not a whole number of months: ${n}`)
  return formatPackedDate(addMonthsPacked(packOrThrow(d), n))
}

/**
 * Whole calendar months from `from` to `to` under the rule of
 * docs/program-rules.md#calendar-month-arithmetic. When `to` is before
 * `from` the result is negative and antisymmetric: `wholeMonthsBetween(a, b) === -wholeMonthsBetween(b, a)`.
 */
export function wholeMonthsBetween(from: LocalDate, to: LocalDate): number {
  const p = packOrThrow(from)
  const o = packOrThrow(to)
  return o >= p ? wholeMonthsForward(p, o) : 0 - wholeMonthsForward(o, p)
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(packOrThrow(to)) - dayNumber(packOrThrow(from))
}

/** Days in a month: `lastDayOfMonth(2024, 2) === 29`. `month` is 1–12. */
export function lastDayOfMonth(year: number, month: number): number {
  if (
    !Number.isInteger(year) ||
    year < 1 ||
    year > 9999 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12
  ) {
    throw new KioskError('DATE_INVALID', `No such month: ${year}-${month}`)
  }
  return daysInMonth(year, month)
}

/**
 * The store's calendar date in Asia/Kolkata for the injected clock (epoch milliseconds). Fixed
 * +05:30 integer arithmetic: no dependence on the host's zone or on Intl time-zone data.
 */
export function todayInKolkata(now: () => number): LocalDate {
  const ms = now()
  if (!Number.isFinite(ms)) throw new KioskError('DATE_INVALID', `Clock returned ${ms}`)
  return formatPackedDate(fromDayNumber(Math.floor((ms + KOLKATA_OFFSET_MS) / MS_PER_DAY)))
}

/** A date for people: `05 Feb 2021` in English, `05 फ़रवरी 2021` in Hindi. */
export function formatDisplayDate(d: LocalDate, locale: 'en' | 'hi'): string {
  const p = packOrThrow(d)
  const y = (p / 10000) | 0
  const m = ((p / 100) | 0) % 100
  const names = locale === 'hi' ? MONTHS_HI : MONTHS_EN
  return `${TWO_DIGITS[p % 100]} ${names[m - 1]} ${String(y).padStart(4, '0')}`
}
