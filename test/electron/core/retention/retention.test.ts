import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, enrollmentRequest, makeCore, type TestCore } from '../helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('retention', () => {
  it('anonymises KYC of plans closed longer than kycRetentionDays, keeps accounting', async () => {
    // Answered events keep the person for 1000 days here (per-item configuration), so this test
    // sees what anonymising a customer does to their own events, not the outbox-payloads item.
    t = await makeCore({ retentionDays: { 'outbox-payloads': 1000 } })
    await t.signIn('C1')
    const closed = await t.ok('enrollment.create', enrollmentRequest())
    const open = await t.ok(
      'enrollment.create',
      enrollmentRequest({
        customer: {
          name: 'Open Person',
          mobile: '9123456780',
          idType: 'pan',
          idNumber: 'ABCPE1234F',
          email: null,
        },
      }),
    )
    await t.signIn('M1', 'MGR')
    await t.ok(
      'plans.cancel',
      {
        requestId: randomUUID(),
        planNumber: closed.plan.planNumber,
        reason: 'changed mind',
        refundReference: 'UPI-R-1',
      },
      'MGR',
    )
    // Head office has answered both enrollment events (issue 18 item 5: their payloads are scrubbed).
    for (const event of await t.core.outbox.readPending(10)) {
      await t.core.outbox.mark(event.id, 'applied', { status: 'applied' })
    }
    const r0 = await t.core.runRetention(t.clock() + 364 * DAY)
    expect(r0.anonymised).toBe(0)
    const r1 = await t.core.runRetention(t.clock() + 365 * DAY)
    expect(r1.anonymised).toBe(1)
    const a = await t.ok('plans.get', { planNumber: closed.plan.planNumber }, 'MGR')
    expect(a.plan.customer).toMatchObject({
      name: 'Anonymised customer',
      anonymised: true,
      emailMasked: null,
    })
    expect(a.plan.imeis).toEqual(closed.plan.imeis)
    expect(a.payments.map((p: { amountPaise: number }) => p.amountPaise)).toEqual([499_00, 499_00])
    const b = await t.ok('plans.get', { planNumber: open.plan.planNumber }, 'MGR')
    expect(b.plan.customer.name).toBe('Open Person')
    const byMobile = await t.ok('plans.lookup', { query: '9876543210' }, 'MGR')
    expect(byMobile.plans).toHaveLength(0)
    // The sent enrollment event of the anonymised customer keeps no name, mobile or HMAC.
    const payloads = await t.readDatabase(
      (db) =>
        db
          .prepare("SELECT payload FROM outbox WHERE type = 'plan.enrolled' ORDER BY seq")
          .all() as Array<{ payload: string }>,
    )
    const [closedEvent, openEvent] = payloads.map((p) => JSON.parse(p.payload))
    expect(closedEvent.customer).toMatchObject({
      name: 'Anonymised customer',
      mobile: '0000000000',
      email: null,
      aadhaarHmac: null,
    })
    expect(payloads[0]!.payload).not.toContain('9876543210')
    expect(openEvent.customer.name).toBe('Open Person')
    await t.signIn('C1')
    const clerk = await t.call('retention.run', {})
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
  })
})
