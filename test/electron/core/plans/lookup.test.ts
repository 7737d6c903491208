import { afterEach, describe, expect, it } from 'vitest'
import { enrolled, makeCore, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('plans.lookup', () => {
  it('finds a plan by plan number, IMEI and mobile with a quote at the frozen SRP', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    for (const query of [
      planNumber,
      planNumber.replace(/-/g, '').toLowerCase(),
      req.imeis[1]!,
      '9876543210',
    ]) {
      const res = await t.ok('plans.lookup', { query })
      expect(res.plans).toHaveLength(1)
      expect(res.plans[0].plan.planNumber).toBe(planNumber)
      expect(res.plans[0].quote.status).toBe('too-early')
    }
    const typo = await t.call('plans.lookup', { query: planNumber.slice(0, -1) + 'Z' })
    expect(!typo.ok && typo.error.code).toBe('PLAN_NOT_FOUND')
    const quote = await t.ok('plans.lookup', { query: planNumber, onDate: '2021-02-05' })
    expect(quote.plans[0].quote).toMatchObject({
      status: 'redeemable',
      percent: 70,
      valuePaise: 8399_00,
    })
  })
})
