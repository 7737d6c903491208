import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentRequest, makeCore, type TestCore } from './helpers'

// Optional checklist items really are optional at the core too (issue 15): a technician who
// answers only the required items gets a verdict, and the stored receipt marks the skipped ones
// "unchecked", never "fail".

let t: TestCore
afterEach(async () => t?.cleanup())

describe('inspection with optional items left unanswered', () => {
  it('submits with the required items only and keeps the phone eligible', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const req = enrollmentRequest()
    const planNumber = (await t.ok('enrollment.create', req)).plan.planNumber as string
    await t.signIn('T1', 'TECH')
    const start = await t.ok('inspection.start', { planNumber, imei: req.imeis[0] }, 'TECH')
    const checklist = start.checklist as { id: string; required: boolean }[]
    const optional = checklist.filter((i) => !i.required).map((i) => i.id)
    expect(optional.length).toBeGreaterThan(0)
    const answers = checklist
      .filter((i) => i.required)
      .map((i) => ({ itemId: i.id, result: 'pass' as const }))
    const res = await t.ok(
      'inspection.submit',
      { inspectionId: start.inspectionId, answers },
      'TECH',
    )
    expect(res.verdict).toBe('eligible')
    expect(res.failedOptional).toEqual([])

    // A required item left out is still refused.
    const again = await t.ok('inspection.start', { planNumber, imei: req.imeis[0] }, 'TECH')
    const short = await t.call(
      'inspection.submit',
      { inspectionId: again.inspectionId, answers: answers.slice(1) },
      'TECH',
    )
    expect(!short.ok && short.error.code).toBe('INSPECTION_INCOMPLETE')

    // The ineligibility slip is built from the stored answers with the optional ones skipped.
    const failed = answers.map((a, i) => (i === 2 ? { ...a, result: 'fail' as const } : a))
    const verdict = await t.ok(
      'inspection.submit',
      { inspectionId: again.inspectionId, answers: failed },
      'TECH',
    )
    expect(verdict.verdict).toBe('ineligible')
    expect(verdict.failedRequired).toEqual([answers[2]!.itemId])
    const slip = await t.ok(
      'receipts.preview',
      { kind: 'inspection', ref: again.inspectionId },
      'TECH',
    )
    expect(slip.html).toContain(planNumber)
  })
})
