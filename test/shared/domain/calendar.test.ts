import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatDisplayDate,
  isLocalDate,
  lastDayOfMonth,
  parseLocalDate,
  todayInKolkata,
  wholeMonthsBetween,
} from '../../../shared/domain/calendar'
import { KioskError } from '../../../shared/errors'

// Oracles built on the platform's Date in UTC: independent of the code under test.
const DAY_MS = 86_400_000
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`)
const dateArb = fc
  .integer({ min: msOf('1901-01-01') / DAY_MS, max: msOf('2099-12-31') / DAY_MS })
  .map((day) => toIso(day * DAY_MS))

function expectDateError(f: () => unknown): void {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(KioskError)
    expect((e as KioskError).code).toBe('DATE_INVALID')
    return
  }
  throw new Error('expected DATE_INVALID')
}

describe('isLocalDate / parseLocalDate', () => {
  it.each(['2020-02-29', '2000-02-29', '2021-12-31', '0001-01-01', '9999-12-31', '2021-04-30'])(
    'accepts %s',
    (d) => {
      expect(isLocalDate(d)).toBe(true)
      expect(parseLocalDate(d)).toBe(d)
    },
  )

  it.each([
    '2019-02-29',
    '1900-02-29',
    '2021-04-31',
    '2021-13-01',
    '2021-00-10',
    '2021-01-00',
    '0000-01-01',
    '2021-1-01',
    '2021/01/01',
    ' 2021-01-01',
    '2021-01-01T00:00',
    '２０２１-01-01',
    '',
  ])('rejects %j', (d) => {
    expect(isLocalDate(d)).toBe(false)
    expectDateError(() => parseLocalDate(d))
  })

  it('rejects non-strings', () => {
    for (const v of [20210101, null, undefined, new Date(), {}]) expect(isLocalDate(v)).toBe(false)
  })

  it('agrees with Date on every day of 2000–2030', () => {
    for (let ms = msOf('2000-01-01'); ms <= msOf('2030-12-31'); ms += DAY_MS) {
      expect(isLocalDate(toIso(ms))).toBe(true)
    }
  })
})

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2021-02-04', '2021-02-05')).toBe(-1)
    expect(compareDates('2021-02-05', '2021-02-05')).toBe(0)
    expect(compareDates('2022-01-01', '2021-12-31')).toBe(1)
    expectDateError(() => compareDates('2021-02-30', '2021-02-05'))
  })
})

describe('addMonths', () => {
  it.each([
    ['2021-01-31', 1, '2021-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2020-02-29', 12, '2021-02-28'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2021-03-31', -1, '2021-02-28'],
    ['2021-03-31', 1, '2021-04-30'],
    ['2021-12-15', 1, '2022-01-15'],
    ['2021-01-15', -13, '2019-12-15'],
    ['2020-11-05', 3, '2021-02-05'],
    ['2020-11-05', 15, '2022-02-05'],
    ['2021-01-31', 0, '2021-01-31'],
  ] as const)('%s + %i months = %s', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected)
  })

  it('rejects bad input and leaving 0001–9999', () => {
    expectDateError(() => addMonths('2021-02-30', 1))
    expectDateError(() => addMonths('2021-02-01', 1.5))
    expectDateError(() => addMonths('9999-12-01', 1))
    expectDateError(() => addMonths('0001-01-31', -1))
  })
})

describe('addDays / daysBetween', () => {
  it.each([
    ['2020-02-28', 1, '2020-02-29'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2021-12-31', 1, '2022-01-01'],
    ['2021-03-01', -1, '2021-02-28'],
    ['2020-11-05', 7, '2020-11-12'],
    ['2000-01-01', 366, '2001-01-01'],
  ] as const)('%s + %i days = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected)
    expect(daysBetween(d, expected)).toBe(n)
    expect(daysBetween(expected, d)).toBe(-n)
  })

  it('matches Date arithmetic', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const expected = toIso(msOf(d) + n * DAY_MS)
        expect(addDays(d, n)).toBe(expected)
        expect(daysBetween(d, expected)).toBe(n)
      }),
    )
  })

  it('reaches the ends of the supported range and no further', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31')
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01')
    expect(daysBetween('0001-01-01', '9999-12-31')).toBe(3_652_058)
    expectDateError(() => addDays('9999-12-31', 1))
    expectDateError(() => addDays('0001-01-01', -1))
  })
})

describe('wholeMonthsBetween', () => {
  it.each([
    ['2020-11-05', '2021-02-04', 2],
    ['2020-11-05', '2021-02-05', 3],
    ['2021-01-31', '2021-02-27', 0],
    ['2021-01-31', '2021-02-28', 1],
    ['2020-01-31', '2020-02-28', 0],
    ['2020-01-31', '2020-02-29', 1],
    ['2021-01-31', '2021-03-30', 1],
    ['2021-01-31', '2021-03-31', 2],
    ['2020-02-29', '2021-02-27', 11],
    ['2020-02-29', '2021-02-28', 12],
    ['2021-05-05', '2021-05-05', 0],
    ['2021-03-31', '2021-02-28', -1],
    ['2021-03-05', '2021-02-06', 0],
  ] as const)('%s → %s is %i', (from, to, expected) => {
    expect(wholeMonthsBetween(from, to)).toBe(expected)
  })

  it('counts n months to addMonths(d, n) and n-1 to the day before', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const target = addMonths(d, n)
        expect(wholeMonthsBetween(d, target)).toBe(n)
        expect(wholeMonthsBetween(d, addDays(target, -1))).toBe(n - 1)
      }),
    )
  })

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(wholeMonthsBetween(a, b)).toBe(0 - wholeMonthsBetween(b, a))
      }),
    )
  })
})

describe('lastDayOfMonth', () => {
  it.each([
    [2021, 1, 31],
    [2021, 2, 28],
    [2020, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2021, 4, 30],
    [2021, 7, 31],
    [2021, 8, 31],
    [2021, 9, 30],
    [2021, 11, 30],
    [2021, 12, 31],
  ])('%i-%i has %i days', (y, m, days) => {
    expect(lastDayOfMonth(y, m)).toBe(days)
    expect(lastDayOfMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate())
  })

  it('rejects months that do not exist', () => {
    expectDateError(() => lastDayOfMonth(2021, 13))
    expectDateError(() => lastDayOfMonth(2021, 0))
    expectDateError(() => lastDayOfMonth(2021.5, 1))
  })
})

describe('todayInKolkata', () => {
  it('turns the date at 18:30 UTC (midnight IST)', () => {
    expect(todayInKolkata(() => Date.UTC(2021, 1, 4, 18, 29, 59, 999))).toBe('2021-02-04')
    expect(todayInKolkata(() => Date.UTC(2021, 1, 4, 18, 30))).toBe('2021-02-05')
    expect(todayInKolkata(() => Date.UTC(2020, 11, 31, 20))).toBe('2021-01-01')
    expect(todayInKolkata(() => 0)).toBe('1970-01-01')
    expect(todayInKolkata(() => -19_800_001)).toBe('1969-12-31')
  })

  it('is the UTC date of the instant shifted by +05:30', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        expect(todayInKolkata(() => ms)).toBe(toIso(ms + 19_800_000))
      }),
    )
  })

  it('rejects a broken clock', () => {
    expectDateError(() => todayInKolkata(() => Number.NaN))
  })
})

describe('formatDisplayDate', () => {
  it('prints day, month name and year', () => {
    expect(formatDisplayDate('2021-02-05', 'en')).toBe('05 Feb 2021')
    expect(formatDisplayDate('2021-02-05', 'hi')).toBe('05 फ़रवरी 2021')
    expect(formatDisplayDate('2022-10-31', 'hi')).toBe('31 अक्तूबर 2022')
    expect(formatDisplayDate('2020-12-01', 'en')).toBe('01 Dec 2020')
    expectDateError(() => formatDisplayDate('2021-02-29', 'en'))
  })

  it('names every month like en-GB does', () => {
    for (let m = 1; m <= 12; m++) {
      const d = `2021-${String(m).padStart(2, '0')}-15`
      const expected = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' })
        .format(new Date(msOf(d)))
        .slice(0, 3)
      expect(formatDisplayDate(d, 'en')).toBe(`15 ${expected} 2021`)
    }
  })
})
