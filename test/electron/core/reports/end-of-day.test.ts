import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentRequest, makeCore, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('reports.endOfDay', () => {
  it('counts and sums the day with fees by method and GST', async () => {
    t = await makeCore()
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    await t.ok(
      'enrollment.create',
      enrollmentRequest({ payment: { method: 'cash', amountPaise: 499_00 } }),
    )
    const cancel = await t.ok(
      'enrollment.create',
      enrollmentRequest({ payment: { method: 'cash', amountPaise: 499_00 } }),
    )
    await t.signIn('M1', 'MGR')
    await t.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber: cancel.plan.planNumber, reason: 'duplicate sale' },
      'MGR',
    )
    const r = await t.ok('reports.endOfDay', {}, 'MGR')
    expect(r.enrollments).toEqual({ count: 3, feesPaise: 1497_00 })
    const cash = r.feesByMethod.find((m: { method: string }) => m.method === 'cash')
    expect(cash.count).toBe(2)
    expect(cash.taxablePaise + cash.cgstPaise + cash.sgstPaise).toBe(998_00)
    expect(r.cancellations).toMatchObject({ count: 1, refundPaise: 499_00 })
    // One definition of each total (shared/domain/day-totals.ts), not cash only (issue 14 item 7).
    expect(r.totals).toMatchObject({
      collectedPaise: 1497_00,
      refundedPaise: 499_00,
      netPaise: 998_00,
      cashExpectedPaise: 499_00,
    })
    // The printed report says the same, in both languages.
    const businessDate = r.businessDate
    for (const [lang, net, cash] of [
      ['en', 'Net collected', 'Cash expected in drawer'],
      ['hi', 'शुद्ध संग्रह', 'दराज़ में अपेक्षित नकद'],
    ] as const) {
      const paper = await t.ok(
        'receipts.preview',
        { kind: 'end-of-day', ref: businessDate, lang },
        'MGR',
      )
      const text = paper.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
      expect(text).toMatch(new RegExp(`${net} ₹\\s?998\\.00`))
      expect(text).toMatch(new RegExp(`${cash} ₹\\s?499\\.00`))
    }
    expect(r.eventsNotSynced).toBe(4)
    const clerk = await t.call('reports.endOfDay', {})
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
  })
})
