import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentRequest, makeCore, type TestCore } from './helpers'

/**
 * Issue 14: in training mode the documents are dated by the business date the trainer set, not
 * the machine's clock (the clock here: 2020-11-10 11:30 in Kolkata).
 */
let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

describe('training documents', () => {
  it('carry the business date, at the time of day they were made', async () => {
    t = await makeCore({ training: true })
    await t.signIn('C1')
    await t.ok('training.setDate', { businessDate: '2020-11-12' })
    const res = await t.ok('enrollment.create', enrollmentRequest())
    const data = await t.core.loadReceiptData('enrollment', res.plan.planNumber)
    expect(data.issuedAt).toBe('2020-11-12T06:00:00.000Z')
  })

  it('outside training, the date is the clock’s', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const res = await t.ok('enrollment.create', enrollmentRequest())
    const data = await t.core.loadReceiptData('enrollment', res.plan.planNumber)
    expect(data.issuedAt).toBe('2020-11-10T06:00:00.000Z')
  })
})
