import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY, enrollmentRequest, makeCore, type TestCore } from '../helpers'

// Issue 18 item 4: a manager takes a data principal's request at the counter (DPDP Act 2023
// ss.11–14) after checking the customer's ID; it is recorded with its due date and queued for
// head office in the same transaction.

let t: TestCore
afterEach(async () => t?.cleanup())

async function enrolledPlan() {
  t = await makeCore()
  await t.signIn('C1')
  await t.signIn('M1', 'MGR')
  const req = enrollmentRequest({
    customer: {
      name: 'Kavya Nair',
      mobile: '9811122233',
      email: 'kavya@example.com',
      idType: 'pan',
      idNumber: 'ABCPN1234K',
    },
  })
  const { plan } = await t.ok('enrollment.create', req)
  return plan.planNumber as string
}

const ask = (over: Record<string, unknown>) =>
  t.call('privacy.request', { requestId: randomUUID(), idLast4: '234K', ...over }, 'MGR')

async function pendingPrivacyEvents() {
  return (await t.core.outbox.readPending(50)).filter((e) => e.type === 'privacy.requested')
}

describe('data-principal requests at the kiosk', () => {
  it('answers an access request with what the kiosk holds, and records it due in 30 days', async () => {
    const planNumber = await enrolledPlan()
    const res = await t.ok(
      'privacy.request',
      { requestId: randomUUID(), kind: 'access', planNumber, idLast4: '234K' },
      'MGR',
    )
    expect(res.request).toMatchObject({
      kind: 'access',
      status: 'open',
      source: 'kiosk',
      raisedOn: '2020-11-10',
      dueOn: '2020-12-10',
      synced: false,
    })
    expect(res.summary).toMatchObject({
      customer: { name: 'Kavya Nair', mobile: '9811122233', email: 'kavya@example.com' },
      consent: { serviceMessages: true, offers: false, version: 'dpdp-2026.11' },
      plans: [{ planNumber, status: 'active' }],
    })
    expect(res.summary.places.map((p: { item: string }) => p.item)).toContain('customer-contact')
    const [event] = await pendingPrivacyEvents()
    expect(event!.payload).toMatchObject({ kind: 'access', planNumber, staffCode: 'M1' })
    const list = await t.ok('privacy.list', {}, 'MGR')
    expect(list.requests).toHaveLength(1)
  })

  it("refuses a request whose ID does not match the plan's customer, before recording anything", async () => {
    const planNumber = await enrolledPlan()
    const res = await ask({ kind: 'erasure', planNumber, idLast4: '9999' })
    expect(!res.ok && res.error.code).toBe('PRIVACY_IDENTITY_MISMATCH')
    const unknown = await ask({ kind: 'access', planNumber: 'MH01-K1-99999' })
    expect(!unknown.ok && unknown.error.code).toBe('PLAN_NOT_FOUND')
    expect(await pendingPrivacyEvents()).toEqual([])
    expect((await t.ok('privacy.list', {}, 'MGR')).requests).toEqual([])
  })

  it('applies a correction at once, checked by the enrollment rules, and sends it up', async () => {
    const planNumber = await enrolledPlan()
    const bad = await ask({ kind: 'correction', planNumber, correction: { mobile: '12345' } })
    expect(!bad.ok && bad.error.code).toBe('MOBILE_INVALID')
    const empty = await ask({ kind: 'correction', planNumber, correction: {} })
    expect(!empty.ok && empty.error.code).toBe('PRIVACY_CORRECTION_EMPTY')
    await t.ok(
      'privacy.request',
      {
        requestId: randomUUID(),
        kind: 'correction',
        planNumber,
        idLast4: '234k',
        correction: { name: 'Kavya R Nair', mobile: '9822233344' },
      },
      'MGR',
    )
    const shown = await t.ok('plans.get', { planNumber }, 'MGR')
    expect(shown.plan.customer.name).toBe('Kavya R Nair')
    const [event] = await pendingPrivacyEvents()
    expect(event!.payload.correction).toEqual({ name: 'Kavya R Nair', mobile: '9822233344' })
    // Once head office has it, the new values leave the outbox with the daily retention.
    for (const e of await t.core.outbox.readPending(10)) await t.core.outbox.mark(e.id, 'applied')
    await t.core.runRetention(t.clock() + 8 * DAY)
    const payload = await t.readDatabase(
      (db) =>
        (
          db.prepare("SELECT payload FROM outbox WHERE type = 'privacy.requested'").get() as {
            payload: string
          }
        ).payload,
    )
    expect(JSON.parse(payload)).toMatchObject({ kind: 'correction', planNumber })
    expect(payload).not.toContain('9822233344')
    expect(payload).not.toContain('Kavya R Nair')
  })

  it('withdraws the consent to messages and offers at once', async () => {
    const planNumber = await enrolledPlan()
    await t.ok(
      'privacy.request',
      { requestId: randomUUID(), kind: 'withdrawal', planNumber, idLast4: '234K' },
      'MGR',
    )
    const consent = await t.readDatabase(
      (db) =>
        db
          .prepare('SELECT consent_notifications AS n, consent_marketing AS m FROM customers')
          .get() as { n: number; m: number },
    )
    expect(consent).toEqual({ n: 0, m: 0 })
  })

  it('refuses erasure while the plan is active, takes it once the plan is cancelled', async () => {
    const planNumber = await enrolledPlan()
    const active = await ask({ kind: 'erasure', planNumber })
    expect(!active.ok && active.error.code).toBe('PRIVACY_PLAN_ACTIVE')
    await t.ok(
      'plans.cancel',
      { requestId: randomUUID(), planNumber, reason: 'changed mind', refundReference: 'UPI-R-9' },
      'MGR',
    )
    const requestId = randomUUID()
    const body = { requestId, kind: 'erasure', planNumber, idLast4: '234K' }
    const taken = await t.ok('privacy.request', body, 'MGR')
    expect(taken.request).toMatchObject({ kind: 'erasure', status: 'open' })
    // A retry of the same request (lost answer) is the same request, not a second one.
    expect((await t.ok('privacy.request', body, 'MGR')).request.requestId).toBe(requestId)
    expect(await pendingPrivacyEvents()).toHaveLength(1)
    // Erasure is decided at head office: the customer is still here until it comes back.
    expect((await t.ok('plans.get', { planNumber }, 'MGR')).plan.customer.name).toBe('Kavya Nair')
  })

  it('is a manager’s channel', async () => {
    const planNumber = await enrolledPlan()
    const clerk = await t.call(
      'privacy.request',
      { requestId: randomUUID(), kind: 'access', planNumber, idLast4: '234K' },
      'S1',
    )
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
  })
})
