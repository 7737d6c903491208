import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, enrollmentRequest, enrolled, makeCore, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('plans.cancel', () => {
  /** What a cancellation writes, counted in the database itself. */
  function cancellationRows(tc: TestCore) {
    const db = new Database(tc.core.databasePath, { readonly: true })
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    const rows = {
      cancellations: count('SELECT COUNT(*) AS n FROM cancellations'),
      refunds: count("SELECT COUNT(*) AS n FROM payments WHERE kind = 'refund'"),
      events: count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'plan.cancelled'"),
      audits: count('SELECT COUNT(*) AS n FROM audit_log'),
      cancelAudits: count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'plans.cancel'"),
    }
    db.close()
    return rows
  }

  it('refunds inside the cooling-off window, frees the IMEIs', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    const clerk = await t.call('plans.cancel', {
      requestId: randomUUID(),
      planNumber,
      reason: 'changed mind',
    })
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
    await t.signIn('M1', 'MGR')
    const requestId = randomUUID()
    const noReason = await t.call('plans.cancel', { requestId, planNumber, reason: '' }, 'MGR')
    expect(!noReason.ok && noReason.error.code).toBe('CANCELLATION_REASON_REQUIRED')
    // The refused request recorded nothing under its id: the same id with a reason goes through.
    const res = await t.ok(
      'plans.cancel',
      { requestId, planNumber, reason: 'changed mind', refundReference: 'UPI-R-1' },
      'MGR',
    )
    expect(res).toMatchObject({ refundPaise: 499_00, withinWindow: true })
    expect(res.plan.status).toBe('cancelled')
    await t.ok('enrollment.create', enrollmentRequest({ imeis: req.imeis }))
  })

  it('refunds nothing after the window', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    t.clock.set(t.clock() + 8 * DAY)
    await t.signIn('M1', 'MGR')
    const res = await t.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber, reason: 'customer request' },
      'MGR',
    )
    expect(res).toMatchObject({ refundPaise: 0, withinWindow: false })
    expect(res.receipt.refund).toBeNull()
  })

  it('answers a retry with the same requestId with the first answer, writing nothing more', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    await t.signIn('M1', 'MGR')
    const cancelReq = {
      requestId: randomUUID(),
      planNumber,
      reason: 'changed mind',
      refundMethod: 'upi',
      refundReference: 'UPI-REF-1',
    }
    const first = await t.ok('plans.cancel', cancelReq, 'MGR')
    expect(first.refundPaise).toBe(499_00)
    expect(first.receipt.refund).toMatchObject({ method: 'upi', amountPaise: 499_00 })
    const once = cancellationRows(t)
    expect(once).toMatchObject({ cancellations: 1, refunds: 1, events: 1, cancelAudits: 1 })
    // The answer was lost (bridge timeout): the manager retries, with the same id and entries.
    const again = await t.ok('plans.cancel', { ...cancelReq }, 'MGR')
    expect(again).toEqual(first)
    expect(cancellationRows(t)).toEqual(once)
    // The app restarted in between, the next day: still the first answer, from the database.
    t.clock.advanceDays(1)
    await t.reopen()
    await t.signIn('M1', 'MGR')
    const beforeRetry = cancellationRows(t)
    expect(await t.ok('plans.cancel', cancelReq, 'MGR')).toEqual(first)
    expect(cancellationRows(t)).toEqual(beforeRetry)
    expect(beforeRetry).toMatchObject({ cancellations: 1, refunds: 1, events: 1, cancelAudits: 1 })
    // A new request for the same plan is a second cancellation, and that is refused.
    const second = await t.call('plans.cancel', { ...cancelReq, requestId: randomUUID() }, 'MGR')
    expect(!second.ok && second.error.code).toBe('PLAN_CANCELLED')
  })

  it('refuses the same requestId with a different body, and a request without one', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    await t.signIn('M1', 'MGR')
    const cancelReq = {
      requestId: randomUUID(),
      planNumber,
      reason: 'changed mind',
      refundReference: 'UPI-R-2',
    }
    await t.ok('plans.cancel', cancelReq, 'MGR')
    const before = cancellationRows(t)
    const other = await t.call('plans.cancel', { ...cancelReq, reason: 'duplicate sale' }, 'MGR')
    expect(!other.ok && other.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(cancellationRows(t)).toEqual(before)
    // Nor is an id already used by another channel taken for this one.
    const { req: enrollment, planNumber: another } = await enrolled(t)
    const crossed = await t.call(
      'plans.cancel',
      { requestId: enrollment.requestId, planNumber: another, reason: 'changed mind' },
      'MGR',
    )
    expect(!crossed.ok && crossed.error.code).toBe('IDEMPOTENCY_CONFLICT')
    const missing = await t.call(
      'plans.cancel',
      { planNumber: another, reason: 'changed mind' },
      'MGR',
    )
    expect(!missing.ok && missing.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [expect.objectContaining({ path: 'requestId' })],
    })
    const notUuid = await t.call(
      'plans.cancel',
      { requestId: 'retry-1', planNumber: another, reason: 'changed mind' },
      'MGR',
    )
    expect(!notUuid.ok && notUuid.error.code).toBe('VALIDATION_FAILED')
    expect(cancellationRows(t)).toMatchObject({ cancellations: 1, refunds: 1, events: 1 })
    const plan = await t.ok('plans.get', { planNumber: another }, 'MGR')
    expect(plan.plan.status).toBe('active')
  })
})

describe('plans.cancel: the refund’s reference (issue 14 item 6)', () => {
  it('refuses a UPI or card refund without its transaction reference, writing nothing', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    await t.signIn('M1', 'MGR')
    for (const refundMethod of ['upi', 'card'] as const) {
      for (const refundReference of [null, '', '   ']) {
        const res = await t.call(
          'plans.cancel',
          {
            requestId: randomUUID(),
            planNumber,
            reason: 'changed mind',
            refundMethod,
            refundReference,
          },
          'MGR',
        )
        expect(!res.ok && res.error.code).toBe('PAYMENT_REFERENCE_REQUIRED')
        expect(!res.ok && res.error.issues?.[0]?.path).toBe('refundReference')
      }
    }
    const db = new Database(t.core.databasePath, { readonly: true })
    expect(db.prepare('SELECT COUNT(*) AS n FROM cancellations').get()).toEqual({ n: 0 })
    db.close()
    const res = await t.ok(
      'plans.cancel',
      {
        requestId: randomUUID(),
        planNumber,
        reason: 'changed mind',
        refundMethod: 'upi',
        refundReference: 'UPI-REFUND-4471',
      },
      'MGR',
    )
    expect(res.receipt.refund).toMatchObject({ method: 'upi', reference: 'UPI-REFUND-4471' })
  })

  it('asks no reference when there is no refund (after the window)', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    t.clock.set(t.clock() + 8 * DAY)
    await t.signIn('M1', 'MGR')
    const res = await t.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber, reason: 'customer request', refundMethod: 'upi' },
      'MGR',
    )
    expect(res.refundPaise).toBe(0)
  })
})
