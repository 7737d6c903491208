import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enrollmentRequest, makeCore, type TestCore } from './helpers'

// enrollment.defaults (issue 15) on a real SQLite kiosk: the form's purchase date, store and the
// store's most used payment method today, counted from the payments table.

describe('enrollment.defaults', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await makeCore()
    await t.signIn('C1')
  })
  afterEach(() => t.cleanup())

  const enroll = (method: 'cash' | 'upi' | 'card', session = 'S1') =>
    t.ok(
      'enrollment.create',
      enrollmentRequest({
        payment: { method, reference: method === 'cash' ? null : 'REF-1', amountPaise: 499_00 },
      }),
      session,
    )

  it('starts the day with no payment method, the business date and this kiosk’s store', async () => {
    expect(await t.ok('enrollment.defaults', {})).toEqual({
      businessDate: '2020-11-10',
      storeCode: 'MH01',
      paymentMethod: null,
    })
  })

  it('gives the method taken most often today, not counting earlier days', async () => {
    await enroll('card')
    await enroll('card')
    await enroll('card')
    t.clock.advanceDays(1)
    await t.signIn('C1', 'S3') // a new day, a new session
    await enroll('upi', 'S3')
    await enroll('cash', 'S3')
    await enroll('upi', 'S3')
    const d = await t.ok('enrollment.defaults', {}, 'S3')
    expect(d.businessDate).toBe('2020-11-11')
    expect(d.paymentMethod).toBe('upi')
  })

  it('breaks a tie with the method used last', async () => {
    await enroll('upi')
    t.clock.set(t.clock() + 60_000)
    await enroll('cash')
    expect((await t.ok('enrollment.defaults', {})).paymentMethod).toBe('cash')
    t.clock.set(t.clock() + 60_000)
    await enroll('upi')
    expect((await t.ok('enrollment.defaults', {})).paymentMethod).toBe('upi')
  })

  it('is for those who enroll: a technician is refused', async () => {
    await t.signIn('T1', 'S2')
    const res = await t.call('enrollment.defaults', {}, 'S2')
    expect(res.ok).toBe(false)
  })
})
