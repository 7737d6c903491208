import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { PNG, SIGNED, enrolled, inspect, makeCore, newImei, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('inspection', () => {
  it('inspection refuses an IMEI not on the plan, oversize and fake photos', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    await t.signIn('T1', 'TECH')
    const wrong = await t.call('inspection.start', { planNumber, imei: newImei() }, 'TECH')
    expect(!wrong.ok && wrong.error.code).toBe('IMEI_NOT_ON_PLAN')
    const start = await t.ok('inspection.start', { planNumber, imei: req.imeis[0] }, 'TECH')
    const fake = await t.call(
      'inspection.submit',
      {
        inspectionId: start.inspectionId,
        answers: [
          {
            itemId: start.checklist[0].id,
            result: 'pass',
            photo: { mime: 'image/jpeg', base64: PNG },
          },
        ],
      },
      'TECH',
    )
    expect(!fake.ok && fake.error.code).toBe('PHOTO_INVALID')
    const incomplete = await t.call(
      'inspection.submit',
      {
        inspectionId: start.inspectionId,
        answers: [{ itemId: start.checklist[0].id, result: 'pass' }],
      },
      'TECH',
    )
    expect(!incomplete.ok && incomplete.error.code).toBe('INSPECTION_INCOMPLETE')
    await t.signIn('C1')
    const clerk = await t.call('inspection.start', { planNumber, imei: req.imeis[0] })
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
  })

  it('a failed required item makes the phone ineligible and redemption refuses it', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    t.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const catalog = await t.ok('catalog.list', {})
    const required = catalog.checklist.find((i: { required: boolean }) => i.required).id
    const insp = await inspect(t, planNumber, req.imeis[0]!, required)
    expect(insp.verdict).toBe('ineligible')
    expect(insp.failedRequired).toEqual([required])
    await t.signIn('C1')
    const res = await t.call('redemption.complete', {
      requestId: randomUUID(),
      planNumber,
      inspectionId: insp.inspectionId,
      customer: { mobile: '9876543210' },
      newDevice: {
        brand: 'Samsung',
        modelName: 'S',
        imei: newImei(),
        pricePaise: 100,
        salesInvoiceNumber: 'POS1',
      },
      ...SIGNED,
    })
    expect(!res.ok && res.error.issues!.map((i) => i.code).sort()).toEqual([
      'INSPECTION_FAILED',
      'NEW_DEVICE_NOT_BRAND',
    ])
  })
})

// Optional checklist items really are optional at the core too (issue 15): a technician who
// answers only the required items gets a verdict, and the stored receipt marks the skipped ones
// "unchecked", never "fail".
describe('inspection with optional items left unanswered', () => {
  it('submits with the required items only and keeps the phone eligible', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
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
