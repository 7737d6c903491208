import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { SIGNED, enrolled, inspect, makeCore, newImei, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('redemption', () => {
  it('runs the whole upgrade: check, inspection, redemption, idempotent', async () => {
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
      newDevice: {
        brand: 'Xiaomi',
        modelName: 'Mi 10T',
        imei: newImei(),
        pricePaise: 35_999_00,
        salesInvoiceNumber: 'MH01-POS/90412',
      },
      payment: { method: 'cash', amountPaise: priced.duePaise },
      ...SIGNED,
    }
    const done = await t.ok('redemption.complete', completeReq)
    expect(done).toMatchObject({ creditPaise: 8399_00, amountPaidPaise: 27_600_00 })
    // What redemption.check quoted at that price is what redemption.complete recorded.
    expect(done.creditPaise).toBe(priced.creditPaise)
    expect(done.amountPaidPaise).toBe(priced.duePaise)
    expect(done.receipt.creditPaise).toBe(priced.creditPaise)
    expect(done.receipt.amountPaidPaise).toBe(priced.duePaise)
    expect(done.plan.status).toBe('redeemed')
    expect(done.receipt.exchangeVoucherNumber).toBe('K1/X2021/000001')
    const again = await t.ok('redemption.complete', completeReq)
    expect(again.redemptionId).toBe(done.redemptionId)
    const twice = await t.call('redemption.complete', { ...completeReq, requestId: randomUUID() })
    expect(!twice.ok && twice.error.issues!.map((i) => i.code)).toContain('PLAN_REDEEMED')
    const detail = await t.ok('plans.get', { planNumber })
    expect(detail.redemption.creditPaise).toBe(8399_00)
    expect(detail.payments.map((p: { kind: string }) => p.kind)).toEqual(['fee', 'upgrade'])
    expect(detail.receipts.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'enrollment',
      'inspection',
      'redemption',
    ])
    const types = (await t.core.outbox.readPending(50)).map((e) => e.type)
    expect(types).toEqual(['plan.enrolled', 'inspection.submitted', 'plan.redeemed'])
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
        newDevice: {
          brand: 'Xiaomi',
          modelName: 'Mi 10T',
          imei: newImei(),
          pricePaise: 35_999_00,
          salesInvoiceNumber: 'MH01-POS/90412',
        },
        payment: { method: 'cash', amountPaise: 35_999_00 - 7_199_00 },
        ...SIGNED,
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
    // Whoever typed a plan number and a wrong mobile learns nothing about the customer (issue 14).
    expect(check.plan.customer.name).toBe('')
    expect(JSON.stringify(check)).not.toContain('Priya')
    const right = await t.ok('redemption.check', {
      planNumber,
      customer: { mobile: '9876543210' },
    })
    expect(right.plan.customer.name).toBe('Priya Sharma')
  })
})
