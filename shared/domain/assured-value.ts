import type { ValueBand } from './catalog'
import { KioskError } from './errors'
import {
  addMonthsPacked,
  dayBeforePacked,
  formatPackedDate,
  packLocalDate,
  wholeMonthsForward,
  type LocalDate,
} from './calendar'
import type { AssuredValueQuote, TimelineBand } from './vocabulary'
import { MAX_PAISE, percentOf } from './money'
import { prepareSchedule } from './value-schedule'

/**
 * The assured buyback value (docs/program-rules.md#value-bands): what the brand promises for a
 * phone of a given age.
 * `assuredValue` is called for every quote, reminder and head-office check, so it parses dates
 * with charCodeAt, works on packed integer dates and allocates only its result.
 */

export type { ValueBand } from './catalog'

/**
 * The article's bands: 4–6 months 70%, 7–9 60%, 10–12 50%, 13–15 40% of SRP
 * (docs/program-rules.md#value-bands).
 */
export const DEFAULT_SCHEDULE: ValueBand[] = Object.freeze([
  Object.freeze({ fromMonth: 4, toMonth: 6, percent: 70 }),
  Object.freeze({ fromMonth: 7, toMonth: 9, percent: 60 }),
  Object.freeze({ fromMonth: 10, toMonth: 12, percent: 50 }),
  Object.freeze({ fromMonth: 13, toMonth: 15, percent: 40 }),
]) as ValueBand[]

/** Input of {@link assuredValue}. */
export interface AssuredValueInput {
  /**
   * The variant's SRP recorded on the plan at enrollment, never today's
   * (docs/program-rules.md#srp-frozen-at-enrollment).
   */
  srpPaise: number
  purchaseDate: LocalDate
  onDate: LocalDate
  schedule?: readonly ValueBand[]
}

export type { AssuredValueQuote, TimelineBand } from './vocabulary'

function parseDateField(value: string, field: string): number {
  const packed = packLocalDate(value)
  if (packed < 0) {
    throw new KioskError(
      'DATE_INVALID',
      `${field} is not a calendar date (YYYY-MM-DD): ${String(value)}`,
      [{ path: field, code: 'DATE_INVALID', message: 'expected YYYY-MM-DD' }],
    )
  }
  return packed
}

/**
 * Age month of a phone on a date: 1 + whole calendar months since purchase
 * (docs/program-rules.md#calendar-month-arithmetic), so the purchase day is in month 1. Dates
 * before the purchase give 0 (the phone has no age yet).
 */
export function ageMonth(purchaseDate: LocalDate, onDate: LocalDate): number {
  const p = parseDateField(purchaseDate, 'purchaseDate')
  const o = parseDateField(onDate, 'onDate')
  return o < p ? 0 : 1 + wholeMonthsForward(p, o)
}

/** Half-up to the rupee of `percent`% of validated paise (as `percentOf`, without re-checking). */
function bandValue(srpPaise: number, percent: number): number {
  return Math.floor((srpPaise * percent + 5000) / 10_000) * 100
}

/**
 * The assured value of a phone on a day, with its band, window and next step-down
 * (docs/program-rules.md#step-down-dates).
 */
export function assuredValue(input: AssuredValueInput): AssuredValueQuote {
  const srpPaise = input.srpPaise
  const p = parseDateField(input.purchaseDate, 'purchaseDate')
  const o = parseDateField(input.onDate, 'onDate')
  if (!Number.isSafeInteger(srpPaise) || srpPaise < 0 || srpPaise > MAX_PAISE) {
    throw new KioskError('AMOUNT_INVALID', `SRP must be whole non-negative paise: ${srpPaise}`)
  }
  const { fromMonth, toMonth, percent } = prepareSchedule(input.schedule ?? DEFAULT_SCHEDULE)
  const last = toMonth.length - 1
  const age = o < p ? 0 : 1 + wholeMonthsForward(p, o)
  // Band k begins on the (k-1)th monthly anniversary and ends the day before the kth: exactly
  // where ageMonth steps, because both clamp a missing day to the month's last day.
  const firstFrom = fromMonth[0] as number
  const redeemableFrom = formatPackedDate(addMonthsPacked(p, firstFrom - 1))
  const expiresAfter = formatPackedDate(
    dayBeforePacked(addMonthsPacked(p, toMonth[last] as number)),
  )
  if (age < firstFrom || age > (toMonth[last] as number)) {
    const tooEarly = age < firstFrom
    const firstPercent = percent[0] as number
    return {
      status: tooEarly ? 'too-early' : 'expired',
      ageMonth: age,
      percent: 0,
      valuePaise: 0,
      bandEnds: null,
      redeemableFrom,
      expiresAfter,
      next: tooEarly
        ? {
            from: redeemableFrom,
            percent: firstPercent,
            valuePaise: bandValue(srpPaise, firstPercent),
          }
        : null,
    }
  }
  let band = 0
  while (age > (toMonth[band] as number)) band++
  const bandPercent = percent[band] as number
  const stepDown = addMonthsPacked(p, toMonth[band] as number)
  // After the last band the value steps down to nothing: the plan expires.
  const nextPercent = band < last ? (percent[band + 1] as number) : 0
  return {
    status: 'redeemable',
    ageMonth: age,
    percent: bandPercent,
    valuePaise: bandValue(srpPaise, bandPercent),
    bandEnds: formatPackedDate(dayBeforePacked(stepDown)),
    redeemableFrom,
    expiresAfter,
    next: {
      from: formatPackedDate(stepDown),
      percent: nextPercent,
      valuePaise: bandValue(srpPaise, nextPercent),
    },
  }
}

/** Every band with its first and last day and its value: for receipts, SMS and the value chart. */
export function valueTimeline(
  srpPaise: number,
  purchaseDate: LocalDate,
  schedule: readonly ValueBand[] = DEFAULT_SCHEDULE,
): TimelineBand[] {
  const p = parseDateField(purchaseDate, 'purchaseDate')
  const { fromMonth, toMonth, percent } = prepareSchedule(schedule)
  return fromMonth.map((from, i) => {
    const to = toMonth[i] as number
    const bandPercent = percent[i] as number
    return {
      fromMonth: from,
      toMonth: to,
      percent: bandPercent,
      from: formatPackedDate(addMonthsPacked(p, from - 1)),
      to: formatPackedDate(dayBeforePacked(addMonthsPacked(p, to))),
      valuePaise: percentOf(srpPaise, bandPercent),
    }
  })
}
