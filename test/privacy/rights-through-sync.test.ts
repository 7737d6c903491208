import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { enrollmentRequest, fixedClock, type TestCore } from '../electron/core/helpers'
import { demoCatalog, followClock, signInAll, syncedCore } from '../electron/core/sync/support'
import { TARGETS, startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { scanFiles } from './support'

/**
 * Issue 18 item 4, both sides through sync: a request taken at a kiosk reaches head office; an
 * erasure decided at head office reaches every kiosk holding the person's plans on its next pull
 * — here the enrolling kiosk and a sibling kiosk of the store that fetched the plan.
 */
describe.each(TARGETS)('data-principal requests through sync (%s)', (kind) => {
  let ho: TestHeadOffice
  const clock = fixedClock()
  const cores: TestCore[] = []
  let n = 0

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
  })
  afterAll(async () => {
    await ho?.close()
  })

  async function kiosk() {
    n += 1
    const t = await syncedCore(ho, `Q${n}`, { clock })
    cores.push(t)
    await signInAll(t)
    return t
  }
  const customer = {
    name: 'Deepa Pillai',
    mobile: '9845012345',
    email: 'deepa@example.com',
    idType: 'pan' as const,
    idNumber: 'ABCPP1234D',
  }
  const hoPlan = async (planNumber: string) =>
    (
      (await ho.ds.query(
        kind === 'postgres'
          ? 'SELECT customer_name, mobile, notify FROM ho_plan WHERE plan_number = $1'
          : 'SELECT customer_name, mobile, notify FROM ho_plan WHERE plan_number = ?',
        [planNumber],
      )) as Array<{ customer_name: string; mobile: string; notify: number }>
    )[0]!

  it('a correction taken at the kiosk is applied at head office on the next push', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const a = await kiosk()
    const { plan } = await a.ok('enrollment.create', enrollmentRequest({ customer }))
    await a.ok('sync.now', {})
    const { request } = await a.ok(
      'privacy.request',
      {
        requestId: randomUUID(),
        kind: 'correction',
        planNumber: plan.planNumber,
        idLast4: '234D',
        correction: { name: 'Deepa S Pillai' },
      },
      'MGR',
    )
    expect(request.synced).toBe(false)
    await a.ok('sync.now', {})
    expect((await hoPlan(plan.planNumber)).customer_name).toBe('Deepa S Pillai')
    const { requests } = await a.ok('privacy.list', {}, 'MGR')
    expect(requests[0]).toMatchObject({ synced: true, status: 'completed', kind: 'correction' })
  })

  it('an erasure decided at head office reaches both kiosks holding the plan', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const a = await kiosk()
    const b = await kiosk()
    // Another person: head office knows a person by mobile, and the first test's plan is live.
    const { plan } = await a.ok(
      'enrollment.create',
      enrollmentRequest({ customer: { ...customer, mobile: '9845099999' } }),
    )
    await a.ok('sync.now', {})
    await b.ok('sync.now', {})
    const atB = await b.ok('plans.lookup', { query: plan.planNumber })
    expect(atB.plans[0].plan.customer.name).toBe('Deepa Pillai')
    await a.ok(
      'plans.cancel',
      {
        requestId: randomUUID(),
        planNumber: plan.planNumber,
        reason: 'changed mind',
        refundReference: 'UPI-R-5',
      },
      'MGR',
    )
    await a.ok('sync.now', {})
    expect(scanFiles(a.dir, [{ name: 'name', text: 'Deepa Pillai' }]).length).toBeGreaterThan(0)
    const raised = await ho.admin('POST', '/admin/privacy/requests', {
      kind: 'erasure',
      planNumber: plan.planNumber,
    })
    const decided = await ho.admin(
      'POST',
      `/admin/privacy/requests/${raised.json.data.requestId}/decide`,
      { action: 'complete', note: 'letter of 10 Nov' },
    )
    expect(decided.status).toBe(200)
    for (const t of [a, b]) {
      await t.ok('sync.now', {})
      const shown = await t.ok('plans.get', { planNumber: plan.planNumber }, 'MGR')
      expect(shown.plan.customer).toMatchObject({ name: 'Anonymised customer', anonymised: true })
      // At once, before any retention: not in the database, its WAL, the stored answers of the
      // sale (the enrollment's and the cancellation's), nor anywhere else under the data directory.
      expect(
        scanFiles(t.dir, [
          { name: 'name', text: 'Deepa Pillai' },
          { name: 'mobile', text: '9845099999' },
          { name: 'email', text: 'deepa@example.com' },
        ]),
      ).toEqual([])
      const { requests } = await t.ok('privacy.list', {}, 'MGR')
      expect(requests[0]).toMatchObject({
        kind: 'erasure',
        status: 'completed',
        source: 'headoffice',
      })
    }
  })
})
