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
