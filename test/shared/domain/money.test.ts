import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatRupees,
  gstSplit,
  MAX_PAISE,
  percentOf,
  roundHalfUpToRupee,
} from '../../../shared/domain/money'
import { KioskError } from '../../../shared/errors'

function expectAmountError(f: () => unknown): void {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(KioskError)
    expect((e as KioskError).code).toBe('AMOUNT_INVALID')
    return
  }
  throw new Error('expected AMOUNT_INVALID')
}

describe('roundHalfUpToRupee', () => {
  it.each([
    [0, 0],
    [49, 0],
    [50, 100],
    [149, 100],
    [150, 200],
    [979_930, 979_900],
    [999_950, 1_000_000],
    [-49, 0],
    [-50, -100],
    [-979_930, -979_900],
  ])('%i paise → %i', (paise, expected) => {
    expect(roundHalfUpToRupee(paise)).toBe(expected)
  })

  it('rejects fractions of a paisa and unsafe numbers', () => {
    for (const v of [0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_PAISE + 1]) {
      expectAmountError(() => roundHalfUpToRupee(v))
    }
  })

  it('lands on the nearest rupee, ties up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PAISE - 100 }), (paise) => {
        const r = roundHalfUpToRupee(paise)
        expect(r % 100).toBe(0)
        expect(paise - r).toBeGreaterThanOrEqual(-50)
        expect(paise - r).toBeLessThanOrEqual(49)
      }),
    )
  })
})

describe('percentOf', () => {
  it.each([
    [1_399_900, 70, 979_900],
    [1_999_900, 50, 1_000_000],
    [1_849_900, 60, 1_109_900],
    [5_499_900, 40, 2_200_000],
    [1_399_900, 0, 0],
    [1_399_900, 100, 1_399_900],
    [1_399_950, 100, 1_400_000],
  ])('%i paise × %i percent = %i', (paise, percent, expected) => {
    expect(percentOf(paise, percent)).toBe(expected)
  })

  it('rejects percentages that are not whole numbers 0–100', () => {
    for (const percent of [-1, 101, 12.5, Number.NaN])
      expectAmountError(() => percentOf(100, percent))
  })
})

describe('formatRupees', () => {
  it.each([
    [0, {}, '₹0'],
    [979_900, {}, '₹9,799'],
    [12_345_650, {}, '₹1,23,456.50'],
    [12_345_600, { paise: true }, '₹1,23,456.00'],
    [12_345_600, { paise: false }, '₹1,23,456'],
    [12_345_605, { paise: false }, '₹1,23,456.05'],
    [99, {}, '₹0.99'],
    [100_000, {}, '₹1,000'],
    [10_000_000, {}, '₹1,00,000'],
    [100_000_000_000, {}, '₹1,00,00,00,000'],
    [-150_000, {}, '-₹1,500'],
    [979_900, { symbol: false }, '9,799'],
    [979_900, { locale: 'hi' }, '₹९,७९९'],
    [12_345_650, { locale: 'hi', symbol: false }, '१,२३,४५६.५०'],
  ] as const)('%i paise %j → %s', (paise, opts, expected) => {
    expect(formatRupees(paise, opts)).toBe(expected)
  })

  it('agrees with ICU en-IN currency formatting', () => {
    const icu = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' })
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), (paise) => {
        expect(formatRupees(paise, { paise: true })).toBe(icu.format(paise / 100))
      }),
    )
  })

  it('Hindi differs from English only in the digits', () => {
    const icu = new Intl.NumberFormat('hi-IN', {
      style: 'currency',
      currency: 'INR',
      numberingSystem: 'deva',
    })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (paise) => {
        expect(formatRupees(paise, { locale: 'hi', paise: true })).toBe(icu.format(paise / 100))
      }),
    )
  })

  it('prints every safe integer exactly and rejects what is not whole paise', () => {
    expect(formatRupees(Number.MAX_SAFE_INTEGER)).toBe('₹9,00,71,99,25,47,409.91')
    expectAmountError(() => formatRupees(1.5))
    expectAmountError(() => formatRupees(2 ** 53))
  })
})

describe('gstSplit', () => {
  it.each([
    // fee, intra-state, taxable, cgst, sgst, igst
    [11_800, true, 10_000, 900, 900, 0],
    [39_900, true, 33_814, 3_043, 3_043, 0], // ₹399: 39900 / 1.18 = 33813.56
    [54_900, true, 46_526, 4_187, 4_187, 0], // ₹549: the odd paisa goes to the taxable value
    [54_900, false, 46_525, 0, 0, 8_375],
    [199_900, false, 169_407, 0, 0, 30_493], // ₹1,999: 169406.78
    [0, true, 0, 0, 0, 0],
    [1, true, 1, 0, 0, 0],
  ] as const)('%i paise (intra %s)', (price, intra, taxable, cgst, sgst, igst) => {
    expect(gstSplit(price, 18, intra)).toEqual({
      taxablePaise: taxable,
      cgstPaise: cgst,
      sgstPaise: sgst,
      igstPaise: igst,
      taxPaise: cgst + sgst + igst,
      totalPaise: price,
    })
  })

  it('handles zero and fractional rates', () => {
    expect(gstSplit(10_000, 0, true).taxablePaise).toBe(10_000)
    expect(gstSplit(10_025, 0.25, false).taxablePaise).toBe(10_000)
    expect(gstSplit(10_300, 3, true)).toMatchObject({ taxablePaise: 10_000, cgstPaise: 150 })
  })

  it('parts always add back to the price, and the taxable value is the nearest paisa', () => {
    const rateArb = fc.constantFrom(0, 0.25, 1.5, 3, 5, 12, 18, 28, 40)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_PAISE }),
        rateArb,
        fc.boolean(),
        (price, rate, intra) => {
          const s = gstSplit(price, rate, intra)
          expect(s.taxablePaise + s.cgstPaise + s.sgstPaise + s.igstPaise).toBe(price)
          expect(s.cgstPaise + s.sgstPaise + s.igstPaise).toBe(s.taxPaise)
          expect(s.totalPaise).toBe(price)
          if (intra) {
            expect(s.igstPaise).toBe(0)
            expect(s.cgstPaise).toBe(s.sgstPaise)
          } else expect(s.cgstPaise + s.sgstPaise).toBe(0)
          // |taxable × (100 + rate) − price × 100| ≤ half of (100 + rate), in exact integers;
          // within the state the taxable value may be one paisa further (it absorbs the odd paisa).
          const rateBp = BigInt(Math.round(rate * 100))
          const error = BigInt(s.taxablePaise) * (10_000n + rateBp) - BigInt(price) * 10_000n
          const abs = error < 0n ? -error : error
          expect(abs * 2n <= (intra ? 3n : 1n) * (10_000n + rateBp)).toBe(true)
          expect(s.taxPaise).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })

  it('gives equal CGST and SGST halves on every fee, and they add up to the fee (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (fee) => {
        const s = gstSplit(fee, 18, true)
        expect(s.cgstPaise).toBe(s.sgstPaise)
        expect(s.taxablePaise + s.cgstPaise + s.sgstPaise).toBe(fee)
      }),
    )
    for (const fee of [549_00, 599_00, 999_00, 1_699_00, 1_999_00]) {
      const s = gstSplit(fee, 18, true)
      expect(s.cgstPaise, `₹${fee / 100}`).toBe(s.sgstPaise)
    }
  })

  it('rejects negative or fractional prices and odd rates', () => {
    expectAmountError(() => gstSplit(-1, 18, true))
    expectAmountError(() => gstSplit(10.5, 18, true))
    expectAmountError(() => gstSplit(100, 1.234, true))
    expectAmountError(() => gstSplit(100, -5, true))
    expectAmountError(() => gstSplit(100, Number.NaN, true))
  })
})
