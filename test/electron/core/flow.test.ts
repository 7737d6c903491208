import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, enrollmentRequest, makeCore, newImei, type TestCore } from './helpers'
import { randomUUID } from 'node:crypto'

let t: TestCore
afterEach(async () => t?.cleanup())

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
  'base64',
)

async function enrolled(tc: TestCore) {
  await tc.signIn('C1')
  const req = enrollmentRequest()
  const res = await tc.ok('enrollment.create', req)
  return { req, planNumber: res.plan.planNumber as string }
}

async function inspect(tc: TestCore, planNumber: string, imei: string, failId?: string) {
  await tc.signIn('T1', 'TECH')
  const start = await tc.ok('inspection.start', { planNumber, imei }, 'TECH')
  const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
    itemId: item.id,
    result: item.id === failId ? 'fail' : 'pass',
    note: item.id === failId ? 'cracked' : null,
    photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
  }))
  return tc.ok('inspection.submit', { inspectionId: start.inspectionId, answers }, 'TECH')
}

describe('lookup, inspection, redemption', () => {
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

  it('runs the whole upgrade: check, inspection, redemption, device intake, idempotent', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    t.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    await t.signIn('C1')
    const check = await t.ok('redemption.check', {
      planNumber,
      customer: { idLast4: req.customer.idNumber.slice(-4) },
    })
    expect(check.ok).toBe(true)
    expect(check.quote.valuePaise).toBe(8399_00)
    // Without a price the answer carries no credit; with one, the core prices the sale.
    expect(check).not.toHaveProperty('creditPaise')
    expect(check).not.toHaveProperty('duePaise')
    const insp = await inspect(t, planNumber, req.imeis[0]!)
    expect(insp.verdict).toBe('eligible')
    const priced = await t.ok('redemption.check', {
      planNumber,
      customer: { mobile: '9876543210' },
      newPricePaise: 35_999_00,
    })
    expect(priced).toMatchObject({ creditPaise: 8399_00, duePaise: 27_600_00 })
    // A phone cheaper than the assured value: the credit is the price, nothing is due.
    const cheap = await t.ok('redemption.check', { planNumber, newPricePaise: 5000_00 })
    expect(cheap).toMatchObject({ creditPaise: 5000_00, duePaise: 0 })
    const completeReq = {
      requestId: randomUUID(),
      planNumber,
      inspectionId: insp.inspectionId,
      customer: { mobile: '9876543210' },
      newDevice: { brand: 'Xiaomi', modelName: 'Mi 10T', imei: newImei(), pricePaise: 35_999_00 },
      payment: { method: 'cash', amountPaise: priced.duePaise },
    }
    const done = await t.ok('redemption.complete', completeReq)
    expect(done).toMatchObject({ creditPaise: 8399_00, amountPaidPaise: 27_600_00 })
    // What redemption.check quoted at that price is what redemption.complete recorded.
    expect(done.creditPaise).toBe(priced.creditPaise)
    expect(done.amountPaidPaise).toBe(priced.duePaise)
    expect(done.receipt.creditPaise).toBe(priced.creditPaise)
    expect(done.receipt.amountPaidPaise).toBe(priced.duePaise)
    expect(done.plan.status).toBe('redeemed')
    expect(done.receipt.creditNoteNumber).toBe('K1/C2021/000001')
    const again = await t.ok('redemption.complete', completeReq)
    expect(again.redemptionId).toBe(done.redemptionId)
    const twice = await t.call('redemption.complete', { ...completeReq, requestId: randomUUID() })
    expect(!twice.ok && twice.error.issues!.map((i) => i.code)).toContain('PLAN_REDEEMED')
    await t.signIn('M1', 'MGR')
    const devices = await t.ok('devices.list', { status: 'received' }, 'MGR')
    expect(devices.devices).toHaveLength(1)
    const collected = await t.ok(
      'devices.collect',
      { deviceIds: [devices.devices[0].id], reference: 'DKT-1' },
      'MGR',
    )
    expect(collected.devices[0].status).toBe('collected')
    const recent = await t.ok('devices.list', { status: 'collected', limit: 1 }, 'MGR')
    expect(recent.devices.map((d: { reference: string }) => d.reference)).toEqual(['DKT-1'])
    expect((await t.ok('devices.list', { status: 'received' }, 'MGR')).devices).toHaveLength(0)
    const tooMany = await t.call('devices.list', { limit: 501 }, 'MGR')
    expect(!tooMany.ok && tooMany.error.code).toBe('VALIDATION_FAILED')
    const detail = await t.ok('plans.get', { planNumber })
    expect(detail.redemption.creditPaise).toBe(8399_00)
    expect(detail.payments.map((p: { kind: string }) => p.kind)).toEqual(['fee', 'upgrade'])
    expect(detail.receipts.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'enrollment',
      'inspection',
      'redemption',
    ])
    const types = (await t.core.outbox.readPending(50)).map((e) => e.type)
    expect(types).toEqual([
      'plan.enrolled',
      'inspection.submitted',
      'plan.redeemed',
      'device.collected',
    ])
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
      newDevice: { brand: 'Samsung', modelName: 'S', imei: newImei(), pricePaise: 100 },
    })
    expect(!res.ok && res.error.issues!.map((i) => i.code).sort()).toEqual([
      'INSPECTION_FAILED',
      'NEW_DEVICE_NOT_BRAND',
    ])
  })

  it('redemption rests on the latest inspection, passed, of the day: a stale pass is refused', async () => {
    t = await makeCore()
    const { req, planNumber } = await enrolled(t)
    const catalog = await t.ok('catalog.list', {})
    const required = catalog.checklist.find((i: { required: boolean }) => i.required).id
    t.clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const march = await inspect(t, planNumber, req.imeis[0]!)
    t.clock.set(Date.parse('2021-07-01T06:00:00Z'))
    const july = await inspect(t, planNumber, req.imeis[0]!, required)
    expect([march.verdict, july.verdict]).toEqual(['eligible', 'ineligible'])
    await t.signIn('C1')
    const redeem = (inspectionId: string) =>
      t.call('redemption.complete', {
        requestId: randomUUID(),
        planNumber,
        inspectionId,
        customer: { mobile: '9876543210' },
        newDevice: { brand: 'Xiaomi', modelName: 'Mi 10T', imei: newImei(), pricePaise: 35_999_00 },
        payment: { method: 'cash', amountPaise: 35_999_00 - 7_199_00 },
      })
    // The March pass is older than the July failure (issue 17, item 1).
    const stale = await redeem(march.inspectionId)
    expect(!stale.ok && stale.error.issues!.map((i) => i.code)).toEqual(['INSPECTION_FAILED'])
    t.clock.set(Date.parse('2021-07-02T06:00:00Z'))
    const passed = await inspect(t, planNumber, req.imeis[0]!)
    t.clock.set(Date.parse('2021-07-03T06:00:00Z'))
    await t.signIn('C1')
    const dayLate = await redeem(passed.inspectionId)
    expect(!dayLate.ok && dayLate.error.issues!.map((i) => i.code)).toEqual(['INSPECTION_STALE'])
  })

  it('redemption.check explains a too-early plan and a customer mismatch', async () => {
    t = await makeCore()
    const { planNumber } = await enrolled(t)
    const check = await t.ok('redemption.check', { planNumber, customer: { mobile: '9000000000' } })
    expect(check.ok).toBe(false)
    expect(check.reasons.map((r: { code: string }) => r.code).sort()).toEqual([
      'CUSTOMER_MISMATCH',
      'TOO_EARLY',
    ])
  })

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
})

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
    const res = await t.ok('plans.cancel', { requestId, planNumber, reason: 'changed mind' }, 'MGR')
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
    const cancelReq = { requestId: randomUUID(), planNumber, reason: 'changed mind' }
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
