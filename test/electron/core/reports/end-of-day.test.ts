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
    expect(r.netCashPaise).toBe(499_00)
    expect(r.eventsNotSynced).toBe(4)
    const clerk = await t.call('reports.endOfDay', {})
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
  })
})
