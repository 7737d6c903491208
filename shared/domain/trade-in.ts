import { z } from 'zod'
import { MAX_MONEY_PAISE } from './money'

/**
 * Trade-in of a phone without a usable plan (issue 22, docs/program-rules.md#trade-in): the
 * inspection checklist's answers map to a condition grade by the catalog's rules, and the price
 * comes from a partner — online its quote API, offline the catalog's grid (provisional until the
 * partner confirms). Pure rules and the catalog's schema; the adapters live in the kiosk core.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD')
const paise = z.number().int().nonnegative().max(MAX_MONEY_PAISE)
const grade = z.string().regex(/^[A-Z]$/, 'a grade is one capital letter')

export const TradeInGradeSchema = z.object({
  grade,
  label: z.object({ en: z.string().min(1), hi: z.string().min(1) }),
})

export const TradeInSectionSchema = z
  .object({
    /** The partner whose quotes the grid stands in for offline. */
    partner: z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), name: z.string().min(1) }),
    /** Best first: a phone with no failed item gets the first. */
    grades: z.array(TradeInGradeSchema).min(1),
    /**
     * A failed checklist item caps the phone at a grade, or makes it not acceptable. A failed item
     * the catalog does not name here makes it not acceptable (the safe side).
     */
    failures: z.record(z.string(), z.union([grade, z.literal('not-acceptable')])),
    /**
     * Days a trade-in voucher can be used against a new phone, counting the day it is issued
     * (docs/program-rules.md#trade-in); 30 when the catalog does not say.
     */
    voucherValidDays: z.number().int().min(1).max(365).optional(),
    /** The offline price grid: model × variant × grade, valid between two dates (inclusive). */
    grid: z.object({
      validFrom: localDate,
      validTo: localDate,
      prices: z.array(
        z.object({
          modelId: z.string().min(1),
          variantId: z.string().min(1),
          grade,
          amountPaise: paise,
        }),
      ),
    }),
  })
  .superRefine((t, ctx) => {
    const grades = new Set(t.grades.map((g) => g.grade))
    for (const [item, to] of Object.entries(t.failures)) {
      if (to !== 'not-acceptable' && !grades.has(to))
        ctx.addIssue({ code: 'custom', path: ['failures', item], message: `unknown grade ${to}` })
    }
    for (const [i, p] of t.grid.prices.entries()) {
      if (!grades.has(p.grade))
        ctx.addIssue({
          code: 'custom',
          path: ['grid', 'prices', i],
          message: `unknown grade ${p.grade}`,
        })
    }
    if (t.grid.validTo < t.grid.validFrom)
      ctx.addIssue({ code: 'custom', path: ['grid', 'validTo'], message: 'before validFrom' })
  })

export type TradeInSection = z.infer<typeof TradeInSectionSchema>

/** A checklist answer as grading needs it. */
export interface ChecklistAnswer {
  itemId: string
  pass: boolean
}

export type TradeInGrading =
  { acceptable: true; grade: string } | { acceptable: false; reasons: string[] }

/**
 * The condition grade of a phone from its checklist answers: the worst grade any failed item caps
 * it at (grades are ordered best first); not acceptable when a failed item says so or is not named.
 */
export function conditionGrade(
  section: TradeInSection,
  answers: ChecklistAnswer[],
): TradeInGrading {
  const order = section.grades.map((g) => g.grade)
  let worst = 0
  const reasons: string[] = []
  for (const a of answers) {
    if (a.pass) continue
    const to = section.failures[a.itemId]
    if (to === undefined || to === 'not-acceptable') {
      reasons.push(a.itemId)
      continue
    }
    worst = Math.max(worst, order.indexOf(to))
  }
  if (reasons.length > 0) return { acceptable: false, reasons }
  return { acceptable: true, grade: order[worst] as string }
}

export type GridPrice =
  | { ok: true; amountPaise: number; validTo: string }
  | { ok: false; code: 'TRADE_IN_NO_PRICE' | 'TRADE_IN_GRID_EXPIRED'; message: string }

/** The offline grid's price of a model, variant and grade on a date. */
export function gridPrice(
  section: TradeInSection,
  q: { modelId: string; variantId: string; grade: string; onDate: string },
): GridPrice {
  const { validFrom, validTo, prices } = section.grid
  if (q.onDate < validFrom || q.onDate > validTo) {
    return {
      ok: false,
      code: 'TRADE_IN_GRID_EXPIRED',
      message: `The trade-in grid is valid ${validFrom} to ${validTo}, not on ${q.onDate}.`,
    }
  }
  const price = prices.find(
    (p) => p.modelId === q.modelId && p.variantId === q.variantId && p.grade === q.grade,
  )
  if (!price) {
    return {
      ok: false,
      code: 'TRADE_IN_NO_PRICE',
      message: `No trade-in price for ${q.variantId} in grade ${q.grade}.`,
    }
  }
  return { ok: true, amountPaise: price.amountPaise, validTo }
}

/** Days a voucher is good for when the catalog does not say. */
export const DEFAULT_VOUCHER_VALID_DAYS = 30

/** The last business day a voucher issued on `issuedOn` can be used (inclusive). */
export function voucherValidTo(section: TradeInSection, issuedOn: string): string {
  const days = section.voucherValidDays ?? DEFAULT_VOUCHER_VALID_DAYS
  const d = new Date(`${issuedOn}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days - 1)
  return d.toISOString().slice(0, 10)
}

/** The instant a grid price stops holding: the end of the business day it was given (Kolkata). */
export function gridQuoteValidUntil(businessDate: string): string {
  return new Date(Date.parse(`${businessDate}T23:59:59.999+05:30`)).toISOString()
}

export type VoucherState = 'issued' | 'used' | 'expired'

/** A voucher's state on a day: used once, expired after its last day, else issued. */
export function voucherState(
  v: { usedOn: string | null; validTo: string },
  onDate: string,
): VoucherState {
  if (v.usedOn) return 'used'
  return onDate > v.validTo ? 'expired' : 'issued'
}

/**
 * The amount head office recognises for a trade-in (docs/program-rules.md#trade-in): a grid price
 * must be the catalog grid's price for that model, variant and grade on the day; a partner price
 * must be what the partner quoted (or confirmed). Anything else is TRADE_IN_AMOUNT_MISMATCH.
 */
export function recheckTradeInAmount(
  section: TradeInSection,
  claim: {
    source: 'partner' | 'grid'
    modelId: string
    variantId: string
    grade: string
    onDate: string
    amountPaise: number
  },
  partnerAmountPaise: number | null,
):
  | { ok: true; expectedPaise: number }
  | { ok: false; expectedPaise: number | null; reason: string } {
  if (claim.source === 'grid') {
    const price = gridPrice(section, claim)
    if (!price.ok) return { ok: false, expectedPaise: null, reason: price.message }
    return price.amountPaise === claim.amountPaise
      ? { ok: true, expectedPaise: price.amountPaise }
      : {
          ok: false,
          expectedPaise: price.amountPaise,
          reason: `The grid pays ${price.amountPaise} paise for ${claim.variantId} grade ${claim.grade}, not ${claim.amountPaise}.`,
        }
  }
  if (partnerAmountPaise === null) {
    return { ok: false, expectedPaise: null, reason: 'The partner does not know this quote.' }
  }
  return partnerAmountPaise === claim.amountPaise
    ? { ok: true, expectedPaise: partnerAmountPaise }
    : {
        ok: false,
        expectedPaise: partnerAmountPaise,
        reason: `The partner quoted ${partnerAmountPaise} paise, not ${claim.amountPaise}.`,
      }
}
