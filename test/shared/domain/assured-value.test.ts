import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ValueBand } from '../../../shared/catalog'
import {
  ageMonth,
  assuredValue,
  DEFAULT_SCHEDULE,
  valueTimeline,
} from '../../../shared/domain/assured-value'
import { KioskError } from '../../../shared/errors'

// Oracles on the platform's Date in UTC, written straight from the wording of
// docs/program-rules.md#calendar-month-arithmetic.
const DAY_MS = 86_400_000
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`)
const shift = (d: string, days: number) => toIso(msOf(d) + days * DAY_MS)
const dateArb = fc
  .integer({ min: msOf('1990-01-01') / DAY_MS, max: msOf('2090-12-31') / DAY_MS })
  .map((day) => toIso(day * DAY_MS))

/** The k-th monthly anniversary: same day-of-month, or the month's last day when it is missing. */
function anniversary(purchase: string, k: number): string {
  const [y, m, d] = purchase.split('-').map(Number) as [number, number, number]
  const last = new Date(Date.UTC(y, m - 1 + k + 1, 0)).getUTCDate()
  return toIso(Date.UTC(y, m - 1 + k, Math.min(d, last)))
}

/** "m = 1 + (number of whole calendar months from P to D)", counted one month at a time. */
function oracleAgeMonth(purchase: string, on: string): number {
  if (on < purchase) return 0
  let k = 0
  while (anniversary(purchase, k + 1) <= on) k++
  return k + 1
}

const roundToRupee = (exactPaise: number) => Math.floor((exactPaise + 50) / 100) * 100

function expectCode(code: string, f: () => unknown): void {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(KioskError)
    expect((e as KioskError).code).toBe(code)
    return
  }
  throw new Error(`expected ${code}`)
}

const SRP = 1_399_900 // Redmi Note 9 Pro 4+64, ₹13,999

describe('docs/program-rules.md#calendar-month-arithmetic worked examples (P = 2020-11-05)', () => {
  it.each([
    ['2020-11-05', 1, 'too-early', 0],
    ['2021-02-04', 3, 'too-early', 0],
    ['2021-02-05', 4, 'redeemable', 70],
    ['2021-05-04', 6, 'redeemable', 70],
    ['2021-05-05', 7, 'redeemable', 60],
    ['2022-02-04', 15, 'redeemable', 40],
    ['2022-02-05', 16, 'expired', 0],
  ] as const)('on %s: month %i, %s, %i percent', (onDate, month, status, percent) => {
    const quote = assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate })
    expect(quote.ageMonth).toBe(month)
    expect(ageMonth('2020-11-05', onDate)).toBe(month)
    expect(quote.status).toBe(status)
    expect(quote.percent).toBe(percent)
    expect(quote.valuePaise).toBe(percent === 0 ? 0 : roundToRupee((SRP * percent) / 100))
  })

  it('quotes everything the counter needs on the first redeemable day', () => {
    expect(
      assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2021-02-05' }),
    ).toEqual({
      status: 'redeemable',
      ageMonth: 4,
      percent: 70,
      valuePaise: 979_900, // 70% of ₹13,999 = ₹9,799.30 → ₹9,799
      bandEnds: '2021-05-04',
      redeemableFrom: '2021-02-05',
      expiresAfter: '2022-02-04',
      next: { from: '2021-05-05', percent: 60, valuePaise: 839_900 },
    })
  })

  it('points a too-early customer at the first band', () => {
    expect(
      assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2021-02-04' }),
    ).toEqual({
      status: 'too-early',
      ageMonth: 3,
      percent: 0,
      valuePaise: 0,
      bandEnds: null,
      redeemableFrom: '2021-02-05',
      expiresAfter: '2022-02-04',
      next: { from: '2021-02-05', percent: 70, valuePaise: 979_900 },
    })
  })

  it('in the last band, the next step-down is expiry to nothing', () => {
    expect(
      assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2022-01-20' }),
    ).toEqual({
      status: 'redeemable',
      ageMonth: 15,
      percent: 40,
      valuePaise: 560_000, // ₹5,599.60 → ₹5,600
      bandEnds: '2022-02-04',
      redeemableFrom: '2021-02-05',
      expiresAfter: '2022-02-04',
      next: { from: '2022-02-05', percent: 0, valuePaise: 0 },
    })
  })

  it('after expiry there is nothing next', () => {
    const quote = assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2023-01-01' })
    expect(quote).toMatchObject({ status: 'expired', ageMonth: 26, percent: 0, valuePaise: 0 })
    expect(quote.bandEnds).toBeNull()
    expect(quote.next).toBeNull()
  })

  it('a date before the purchase is month 0, too early', () => {
    const quote = assuredValue({ srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2020-11-04' })
    expect(quote).toMatchObject({ status: 'too-early', ageMonth: 0, valuePaise: 0 })
    expect(ageMonth('2020-11-05', '2019-01-01')).toBe(0)
  })
})

describe('rounding half-up to the rupee', () => {
  it.each([
    [899_900, '2021-02-05', 629_900], // 70% of ₹8,999 = ₹6,299.30
    [1_999_900, '2021-08-05', 1_000_000], // 50% of ₹19,999 = ₹9,999.50 → up
    [999_900, '2021-08-05', 500_000], // 50% of ₹9,999 = ₹4,999.50 → up
    [1_849_900, '2021-05-05', 1_109_900], // 60% of ₹18,499 = ₹11,099.40 → down
    [5_499_900, '2021-11-05', 2_200_000], // 40% of ₹54,999 = ₹21,999.60 → up
    [0, '2021-02-05', 0],
    [1, '2021-02-05', 0],
  ])('SRP %i paise on %s is worth %i paise', (srpPaise, onDate, value) => {
    expect(assuredValue({ srpPaise, purchaseDate: '2020-11-05', onDate }).valuePaise).toBe(value)
  })
})

// First day of months 4, 7, 10, 13 and 16, worked out by hand from the clamping rule of
// docs/program-rules.md#calendar-month-arithmetic.
const BAND_STARTS: Array<[string, string[]]> = [
  ['2021-03-01', ['2021-06-01', '2021-09-01', '2021-12-01', '2022-03-01', '2022-06-01']],
  ['2021-12-01', ['2022-03-01', '2022-06-01', '2022-09-01', '2022-12-01', '2023-03-01']],
  ['2020-11-28', ['2021-02-28', '2021-05-28', '2021-08-28', '2021-11-28', '2022-02-28']],
  ['2020-11-29', ['2021-02-28', '2021-05-29', '2021-08-29', '2021-11-29', '2022-02-28']],
  ['2020-11-30', ['2021-02-28', '2021-05-30', '2021-08-30', '2021-11-30', '2022-02-28']],
  ['2020-08-31', ['2020-11-30', '2021-02-28', '2021-05-31', '2021-08-31', '2021-11-30']],
  ['2020-05-31', ['2020-08-31', '2020-11-30', '2021-02-28', '2021-05-31', '2021-08-31']],
  ['2020-02-29', ['2020-05-29', '2020-08-29', '2020-11-29', '2021-02-28', '2021-05-29']],
  ['2023-11-29', ['2024-02-29', '2024-05-29', '2024-08-29', '2024-11-29', '2025-02-28']],
  ['2023-11-30', ['2024-02-29', '2024-05-30', '2024-08-30', '2024-11-30', '2025-02-28']],
  ['2019-11-30', ['2020-02-29', '2020-05-30', '2020-08-30', '2020-11-30', '2021-02-28']],
  ['2021-01-31', ['2021-04-30', '2021-07-31', '2021-10-31', '2022-01-31', '2022-04-30']],
]
const EDGES = [
  { month: 4, before: 'too-early', percentBefore: 0, percentOn: 70 },
  { month: 7, before: 'redeemable', percentBefore: 70, percentOn: 60 },
  { month: 10, before: 'redeemable', percentBefore: 60, percentOn: 50 },
  { month: 13, before: 'redeemable', percentBefore: 50, percentOn: 40 },
  { month: 16, before: 'redeemable', percentBefore: 40, percentOn: 0 },
] as const

describe('every band edge, day before and day of', () => {
  for (const [purchaseDate, starts] of BAND_STARTS) {
    it.each(EDGES.map((edge, i) => ({ ...edge, start: starts[i] as string })))(
      `P=${purchaseDate}: month $month starts $start`,
      ({ month, before, percentBefore, percentOn, start }) => {
        const dayBefore = shift(start, -1)
        const q1 = assuredValue({ srpPaise: SRP, purchaseDate, onDate: dayBefore })
        const q2 = assuredValue({ srpPaise: SRP, purchaseDate, onDate: start })
        expect([q1.ageMonth, q1.status, q1.percent]).toEqual([month - 1, before, percentBefore])
        expect([q2.ageMonth, q2.percent]).toEqual([month, percentOn])
        expect(q2.status).toBe(month === 16 ? 'expired' : 'redeemable')
        if (month > 4) {
          expect(q1.bandEnds).toBe(dayBefore)
          expect(q1.next?.from).toBe(start)
          expect(q1.next?.percent).toBe(percentOn)
        } else expect(q1.next).toEqual({ from: start, percent: 70, valuePaise: 979_900 })
      },
    )

    it(`P=${purchaseDate}: window from ${starts[0]} to the day before ${starts[4]}`, () => {
      const quote = assuredValue({ srpPaise: SRP, purchaseDate, onDate: purchaseDate })
      expect(quote.redeemableFrom).toBe(starts[0])
      expect(quote.expiresAfter).toBe(shift(starts[4] as string, -1))
      expect(valueTimeline(SRP, purchaseDate).map((b) => [b.from, b.to])).toEqual(
        starts.slice(0, 4).map((s, i) => [s, shift(starts[i + 1] as string, -1)]),
      )
    })
  }

  it('the month-2 start of a 31 January purchase is 28 February', () => {
    expect(ageMonth('2021-01-31', '2021-02-27')).toBe(1)
    expect(ageMonth('2021-01-31', '2021-02-28')).toBe(2)
    expect(ageMonth('2021-01-31', '2021-03-30')).toBe(2)
    expect(ageMonth('2021-01-31', '2021-03-31')).toBe(3)
    expect(ageMonth('2020-01-31', '2020-02-28')).toBe(1)
    expect(ageMonth('2020-01-31', '2020-02-29')).toBe(2)
  })

  it('every purchase day of 2019–2024 steps on the anniversary the oracle computes', () => {
    for (let ms = msOf('2019-01-01'); ms <= msOf('2024-12-31'); ms += DAY_MS) {
      const purchaseDate = toIso(ms)
      for (const month of [4, 7, 10, 13, 16]) {
        const start = anniversary(purchaseDate, month - 1)
        expect(ageMonth(purchaseDate, start)).toBe(month)
        expect(ageMonth(purchaseDate, shift(start, -1))).toBe(month - 1)
      }
    }
  })
})

describe('properties', () => {
  const srpArb = fc.integer({ min: 0, max: 20_000_000 })

  it('age month is 1 + whole months, as counted one month at a time', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40, max: 800 }), (p, days) => {
        const on = shift(p, days)
        expect(ageMonth(p, on)).toBe(oracleAgeMonth(p, on))
      }),
    )
  })

  it('age month is monotonic in onDate and grows by at most one a day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40, max: 800 }), fc.nat(400), (p, a, gap) => {
        const d1 = shift(p, a)
        const m1 = ageMonth(p, d1)
        expect(ageMonth(p, shift(d1, gap))).toBeGreaterThanOrEqual(m1)
        expect(ageMonth(p, shift(d1, 1)) - m1).toBeOneOf([0, 1])
      }),
    )
  })

  it('value never increases with time once redeemable', () => {
    fc.assert(
      fc.property(srpArb, dateArb, fc.nat(600), fc.nat(600), (srpPaise, p, a, b) => {
        const from = assuredValue({ srpPaise, purchaseDate: p, onDate: p }).redeemableFrom
        const [early, late] = [shift(from, Math.min(a, b)), shift(from, Math.max(a, b))]
        const v1 = assuredValue({ srpPaise, purchaseDate: p, onDate: early }).valuePaise
        const v2 = assuredValue({ srpPaise, purchaseDate: p, onDate: late }).valuePaise
        expect(v2).toBeLessThanOrEqual(v1)
      }),
    )
  })

  it('value is one of the band percentages of SRP, or 0', () => {
    const allowed = (srp: number) => [
      0,
      ...DEFAULT_SCHEDULE.map((b) => roundToRupee((srp * b.percent) / 100)),
    ]
    fc.assert(
      fc.property(srpArb, dateArb, fc.integer({ min: -40, max: 600 }), (srpPaise, p, days) => {
        const quote = assuredValue({ srpPaise, purchaseDate: p, onDate: shift(p, days) })
        expect(allowed(srpPaise)).toContain(quote.valuePaise)
        expect(quote.valuePaise % 100).toBe(0)
        expect(quote.percent === 0).toBe(quote.status !== 'redeemable')
        expect(quote.valuePaise).toBe(roundToRupee((srpPaise * quote.percent) / 100))
      }),
    )
  })

  it('the timeline agrees with ageMonth on every day of every band', () => {
    fc.assert(
      fc.property(dateArb, (p) => {
        const timeline = valueTimeline(SRP, p)
        expect(timeline.map((b) => b.percent)).toEqual([70, 60, 50, 40])
        expect(ageMonth(p, shift(timeline[0]!.from, -1))).toBe(3)
        expect(ageMonth(p, shift(timeline[3]!.to, 1))).toBe(16)
        timeline.forEach((band, i) => {
          if (i > 0) expect(band.from).toBe(shift(timeline[i - 1]!.to, 1))
          for (let d = band.from; d <= band.to; d = shift(d, 1)) {
            const m = ageMonth(p, d)
            expect(m).toBeGreaterThanOrEqual(band.fromMonth)
            expect(m).toBeLessThanOrEqual(band.toMonth)
          }
          const quote = assuredValue({ srpPaise: SRP, purchaseDate: p, onDate: band.to })
          expect([quote.percent, quote.valuePaise, quote.bandEnds]).toEqual([
            band.percent,
            band.valuePaise,
            band.to,
          ])
        })
      }),
      { numRuns: 60 },
    )
  })

  it('the quoted next step-down is where the value does change', () => {
    fc.assert(
      fc.property(srpArb, dateArb, fc.integer({ min: 0, max: 500 }), (srpPaise, p, days) => {
        const quote = assuredValue({ srpPaise, purchaseDate: p, onDate: shift(p, days) })
        if (!quote.next) {
          expect(quote.status).toBe('expired')
          return
        }
        const atNext = assuredValue({ srpPaise, purchaseDate: p, onDate: quote.next.from })
        const dayBefore = assuredValue({
          srpPaise,
          purchaseDate: p,
          onDate: shift(quote.next.from, -1),
        })
        expect([atNext.percent, atNext.valuePaise]).toEqual([
          quote.next.percent,
          quote.next.valuePaise,
        ])
        expect([dayBefore.percent, dayBefore.valuePaise]).toEqual([quote.percent, quote.valuePaise])
        if (quote.bandEnds) expect(shift(quote.bandEnds, 1)).toBe(quote.next.from)
      }),
    )
  })

  // Contiguous bands from some month, with percentages that never rise.
  const scheduleArb = fc
    .tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 100 })), {
        minLength: 1,
        maxLength: 6,
      }),
    )
    .map(([start, parts]) => {
      const percents = parts.map(([, pct]) => pct).sort((a, b) => b - a)
      let from = start
      return parts.map(([len], i): ValueBand => {
        const band = { fromMonth: from, toMonth: from + len - 1, percent: percents[i]! }
        from += len
        return band
      })
    })

  it('any valid schedule: the band holding the age month decides the value', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        srpArb,
        dateArb,
        fc.integer({ min: -40, max: 1200 }),
        (schedule, srpPaise, p, days) => {
          const on = shift(p, days)
          const quote = assuredValue({
            srpPaise,
            purchaseDate: p,
            onDate: on,
            schedule: [...schedule].reverse(),
          })
          const m = oracleAgeMonth(p, on)
          const band = schedule.find((b) => b.fromMonth <= m && m <= b.toMonth)
          expect(quote.ageMonth).toBe(m)
          expect(quote.status).toBe(
            band ? 'redeemable' : m < schedule[0]!.fromMonth ? 'too-early' : 'expired',
          )
          expect(quote.percent).toBe(band ? band.percent : 0)
          expect(quote.redeemableFrom).toBe(anniversary(p, schedule[0]!.fromMonth - 1))
          expect(quote.expiresAfter).toBe(shift(anniversary(p, schedule.at(-1)!.toMonth), -1))
        },
      ),
    )
  })
})

describe('bad input', () => {
  it('rejects dates that are not calendar dates', () => {
    expectCode('DATE_INVALID', () =>
      assuredValue({ srpPaise: SRP, purchaseDate: '2021-02-29', onDate: '2021-06-01' }),
    )
    expectCode('DATE_INVALID', () =>
      assuredValue({ srpPaise: SRP, purchaseDate: '2021-02-01', onDate: '1/6/2021' }),
    )
    expectCode('DATE_INVALID', () => ageMonth('2021-02-01', ''))
    expectCode('DATE_INVALID', () => valueTimeline(SRP, '2021-13-01'))
  })

  it('rejects SRPs that are not whole paise', () => {
    for (const srpPaise of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectCode('AMOUNT_INVALID', () =>
        assuredValue({ srpPaise, purchaseDate: '2021-02-01', onDate: '2021-06-01' }),
      )
    }
  })

  it.each([
    ['empty', []],
    [
      'a gap',
      [
        { fromMonth: 4, toMonth: 6, percent: 70 },
        { fromMonth: 8, toMonth: 9, percent: 60 },
      ],
    ],
    [
      'an overlap',
      [
        { fromMonth: 4, toMonth: 7, percent: 70 },
        { fromMonth: 7, toMonth: 9, percent: 60 },
      ],
    ],
    [
      'a rising value',
      [
        { fromMonth: 4, toMonth: 6, percent: 60 },
        { fromMonth: 7, toMonth: 9, percent: 70 },
      ],
    ],
    ['a backwards band', [{ fromMonth: 6, toMonth: 4, percent: 70 }]],
    ['month 0', [{ fromMonth: 0, toMonth: 4, percent: 70 }]],
    ['over 100%', [{ fromMonth: 4, toMonth: 6, percent: 101 }]],
  ])('rejects a schedule with %s', (_name, schedule) => {
    expectCode('CATALOG_INVALID', () =>
      assuredValue({ srpPaise: SRP, purchaseDate: '2021-02-01', onDate: '2021-06-01', schedule }),
    )
    expectCode('CATALOG_INVALID', () => valueTimeline(SRP, '2021-02-01', schedule))
  })

  it('sees a schedule edited in place after it was used', () => {
    const schedule: ValueBand[] = DEFAULT_SCHEDULE.map((b) => ({ ...b }))
    const input = { srpPaise: SRP, purchaseDate: '2020-11-05', onDate: '2021-02-05', schedule }
    expect(assuredValue(input).percent).toBe(70)
    schedule[0]!.percent = 65
    expect(assuredValue(input).percent).toBe(65)
    schedule.push({ fromMonth: 16, toMonth: 18, percent: 30 })
    expect(assuredValue({ ...input, onDate: '2022-02-05' }).percent).toBe(30)
  })

  it('keeps the default schedule immutable', () => {
    expect(() =>
      (DEFAULT_SCHEDULE as ValueBand[]).push({ fromMonth: 16, toMonth: 18, percent: 30 }),
    ).toThrow()
    expect(() => {
      ;(DEFAULT_SCHEDULE[0] as ValueBand).percent = 99
    }).toThrow()
  })
})
