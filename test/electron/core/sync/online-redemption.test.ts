import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatPlanNumber } from '../../../../shared/domain/plan-number'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { SIGNED, enrollmentRequest, fixedClock, newImei, type TestCore } from '../helpers'
import { controlledFetch, demoCatalog, followClock, signInAll, syncedCore } from './support'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
  'base64',
)

/** The kiosk's network, counting the reservations it asks head office for. */
function countingNet() {
  const net = controlledFetch()
  const inner = net.fetch
  const seen = { reserves: 0, releases: 0 }
  net.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (url.endsWith('/reserve')) seen.reserves += 1
    if (url.endsWith('/release')) seen.releases += 1
    return inner(input, init)
  }) as typeof fetch
  return Object.assign(net, { seen })
}

/** Row counts of everything a redemption writes (and the idempotency record and audit). */
async function snapshot(t: TestCore): Promise<Record<string, number>> {
  const Database = (await import('better-sqlite3')).default
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    const tables = [
      'redemptions',
      'payments',
      'device_intakes',
      'receipts',
      'outbox',
      'requests',
      'audit_log',
    ]
    const counts: Record<string, number> = {}
    for (const table of tables) {
      counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    }
    counts.activePlans = (
      db.prepare("SELECT COUNT(*) AS n FROM plans WHERE status = 'active'").get() as { n: number }
    ).n
    return counts
  } finally {
    db.close()
  }
}

async function inspect(t: TestCore, planNumber: string, imei: string): Promise<string> {
  await signInAll(t)
  const start = await t.ok('inspection.start', { planNumber, imei }, 'TECH')
  const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
    itemId: item.id,
    result: 'pass',
    note: null,
    photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
  }))
  const done = await t.ok(
    'inspection.submit',
    { inspectionId: start.inspectionId, answers },
    'TECH',
  )
  return done.inspectionId as string
}

/** A redemption.complete request paying what the credit does not cover in cash. */
function completeRequest(
  planNumber: string,
  inspectionId: string,
  idLast4: string,
  valuePaise: number,
  pricePaise = 20_000_00,
) {
  const due = pricePaise - Math.min(valuePaise, pricePaise)
  return {
    requestId: randomUUID(),
    planNumber,
    inspectionId,
    customer: { idLast4 },
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10',
      modelId: 'mi-10',
      imei: newImei(),
      pricePaise,
      salesInvoiceNumber: 'MH01-POS-1',
    },
    ...(due > 0 ? { payment: { method: 'cash', amountPaise: due } } : {}),
    ...SIGNED,
  }
}

/**
 * docs/program-rules.md#plans-of-other-stores: a plan enrolled at MH01 is looked up and redeemed
 * online at MS01 (head office holds it for MS01 first), can't be redeemed again elsewhere, and MS01
 * offline redeems only plans it knows, within the offline risk limit.
 */
describe.each(TARGETS)('online plan lookup and redemption reservation on %s', (kind) => {
  let ho: TestHeadOffice
  const clock = fixedClock()
  const cores: TestCore[] = []

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    expect((await ho.admin('POST', '/admin/catalogs', demoCatalog())).status).toBe(200)
  })
  afterAll(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
    await ho?.close()
  })

  it('MS01 finds and redeems an MH01 plan online; nobody redeems it twice', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const a = await syncedCore(ho, 'K1', { clock, storeCode: 'MH01' })
    const netB = countingNet()
    const b = await syncedCore(ho, 'K2', { clock, storeCode: 'MS01', net: netB })
    cores.push(a, b)
    await signInAll(a)
    await signInAll(b)

    const enrolled = []
    for (let i = 0; i < 3; i++) {
      const req = enrollmentRequest()
      const res = await a.ok('enrollment.create', req)
      enrolled.push({ req, planNumber: res.plan.planNumber as string })
    }
    const [sold, big, unknown] = enrolled as [
      (typeof enrolled)[0],
      (typeof enrolled)[0],
      (typeof enrolled)[0],
    ]
    expect(await a.ok('sync.now', {})).toMatchObject({ online: true, pendingEvents: 0 })
    const idLast4 = sold.req.customer.idNumber.slice(-4)

    // B (another store, never pulled these plans) asks head office by plan number.
    const none = await b.ok('plans.lookup', { query: sold.planNumber })
    expect(none.plans).toHaveLength(1)
    expect(none.plans[0].plan).toMatchObject({
      planNumber: sold.planNumber,
      origin: 'synced',
      status: 'active',
      srpPaise: 11_999_00,
    })
    // plans.get fetches the same way (and the plan stays known for offline use).
    const got = await b.ok('plans.get', { planNumber: big.planNumber })
    expect(got.plan).toMatchObject({ planNumber: big.planNumber, origin: 'synced' })

    // Months later both stores have the customer's phone on the counter.
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const inspectionA = await inspect(a, sold.planNumber, sold.req.imeis[0]!)
    const inspectionB = await inspect(b, sold.planNumber, sold.req.imeis[0]!)
    const check = await b.ok('redemption.check', {
      planNumber: sold.planNumber,
      customer: { idLast4 },
    })
    expect(check.ok).toBe(true)
    const value = check.quote.valuePaise as number
    expect(value).toBe(8399_00)

    const reqB = completeRequest(sold.planNumber, inspectionB, idLast4, value)
    const done = await b.ok('redemption.complete', reqB)
    expect(done).toMatchObject({ creditPaise: 8399_00, plan: { status: 'redeemed' } })
    expect(netB.seen.reserves).toBe(1)
    expect(
      await count(ho.ds, 'ho_plan', 'plan_number = ? AND reserved_by = ?', [
        sold.planNumber,
        'MS01/K2',
      ]),
    ).toBe(1)
    // Idempotent: the same request answers the same, without asking head office again.
    const replay = await b.ok('redemption.complete', reqB)
    expect(replay).toEqual(done)
    expect(netB.seen.reserves).toBe(1)

    // A (the enrolling store) tries while B's sale is held at head office: refused, nothing written.
    const beforeA = await snapshot(a)
    const reqA = completeRequest(sold.planNumber, inspectionA, idLast4, value)
    const held = await a.call('redemption.complete', reqA)
    expect(!held.ok && held.error.code).toBe('REDEEMED_ELSEWHERE')
    expect(await snapshot(a)).toEqual(beforeA)

    // B's redemption reaches head office; A (not yet pulled) still can't redeem it.
    expect(await b.ok('sync.now', {})).toMatchObject({ pendingEvents: 0, conflicts: 0 })
    expect(
      await count(ho.ds, 'ho_plan', "plan_number = ? AND status = 'redeemed'", [sold.planNumber]),
    ).toBe(1)
    const again = await a.call('redemption.complete', { ...reqA, requestId: randomUUID() })
    expect(!again.ok && again.error.code).toBe('REDEEMED_ELSEWHERE')
    expect(!again.ok && again.error.message).toContain('MS01')
    expect(await snapshot(a)).toEqual(beforeA)
    expect(await count(ho.ds, 'ho_redemption', 'plan_number = ?', [sold.planNumber])).toBe(1)

    // Head office lowers the offline risk limit; B picks the catalog up.
    const next = demoCatalog()
    next.version = '2026.11.2'
    next.effectiveFrom = '2020-11-01'
    next.offlineRedemptionLimitPaise = 5_000_00
    expect((await ho.admin('POST', '/admin/catalogs', next)).status).toBe(200)
    await b.ok('sync.now', {})
    expect((await b.ok('catalog.list', {})).version).toBe('2026.11.2')

    // Head office unreachable: a plan B never saw is not found (and the answer does not hang).
    netB.online = false
    const started = Date.now()
    expect((await b.ok('plans.lookup', { query: unknown.planNumber })).plans).toEqual([])
    const missing = await b.call('plans.get', { planNumber: unknown.planNumber })
    expect(!missing.ok && missing.error.code).toBe('PLAN_NOT_FOUND')
    expect(Date.now() - started).toBeLessThan(3_000)

    // A synced plan worth more than the limit is refused offline, with nothing written…
    const bigLast4 = big.req.customer.idNumber.slice(-4)
    const inspectionBig = await inspect(b, big.planNumber, big.req.imeis[0]!)
    const beforeB = await snapshot(b)
    const reqBig = completeRequest(big.planNumber, inspectionBig, bigLast4, value)
    const limited = await b.call('redemption.complete', reqBig)
    expect(!limited.ok && limited.error.code).toBe('OFFLINE_LIMIT_EXCEEDED')
    expect(await snapshot(b)).toEqual(beforeB)

    // …and redeemed once head office confirms it (the limit covers only unconfirmed plans).
    netB.online = true
    const confirmed = await b.ok('redemption.complete', { ...reqBig, requestId: randomUUID() })
    expect(confirmed).toMatchObject({ creditPaise: 8399_00, plan: { status: 'redeemed' } })
    expect(await b.ok('sync.now', {})).toMatchObject({ pendingEvents: 0, conflicts: 0 })
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'credited'", [
        big.planNumber,
      ]),
    ).toBe(1)
  })

  it('a failed sale gives the hold back so another counter can redeem at once', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const a = await syncedCore(ho, 'K3', { clock, storeCode: 'MH01' })
    const netB = countingNet()
    const b = await syncedCore(ho, 'K4', { clock, storeCode: 'MS01', net: netB })
    cores.push(a, b)
    await signInAll(a)
    await signInAll(b)
    const req = enrollmentRequest()
    const planNumber = (await a.ok('enrollment.create', req)).plan.planNumber as string
    await a.ok('sync.now', {})
    expect((await b.ok('plans.lookup', { query: planNumber })).plans).toHaveLength(1)

    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const idLast4 = req.customer.idNumber.slice(-4)
    const inspectionB = await inspect(b, planNumber, req.imeis[0]!)
    // Wrong payment: refused locally after head office held the plan → released.
    const bad = await b.call('redemption.complete', {
      ...completeRequest(planNumber, inspectionB, idLast4, 8399_00),
      payment: { method: 'cash', amountPaise: 1 },
    })
    expect(!bad.ok && bad.error.code).toBe('AMOUNT_INVALID')
    expect(netB.seen).toEqual({ reserves: 1, releases: 1 })
    expect(
      await count(ho.ds, 'ho_plan', 'plan_number = ? AND reserved_by IS NULL', [planNumber]),
    ).toBe(1)

    // So A, where the plan was enrolled, redeems it online straight away.
    const inspectionA = await inspect(a, planNumber, req.imeis[0]!)
    const done = await a.ok(
      'redemption.complete',
      completeRequest(planNumber, inspectionA, idLast4, 8399_00),
    )
    expect(done.plan.status).toBe('redeemed')
  })

  it('finds a plan online however the clerk types its number', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const a = await syncedCore(ho, 'K6', { clock, storeCode: 'MH01' })
    const b = await syncedCore(ho, 'K7', { clock, storeCode: 'MS01' })
    cores.push(a, b)
    await signInAll(a)
    await signInAll(b)
    const numbers: string[] = []
    for (let i = 0; i < 2; i++) {
      numbers.push((await a.ok('enrollment.create', enrollmentRequest())).plan.planNumber)
    }
    const [first, second] = numbers as [string, string]
    await a.ok('sync.now', {})

    // Head office files `MH01-K6-…`; the clerk at B types `mh01k6…` or `mh01 k6 …`.
    const typed = first.replace(/-/g, '').toLowerCase()
    const found = await b.ok('plans.lookup', { query: typed })
    expect(found.plans.map((p: { plan: { planNumber: string } }) => p.plan.planNumber)).toEqual([
      first,
    ])
    expect(found.plans[0].plan).toMatchObject({ origin: 'synced', status: 'active' })
    const got = await b.ok('plans.get', { planNumber: second.replace(/-/g, ' ').toLowerCase() })
    expect(got.plan).toMatchObject({ planNumber: second, origin: 'synced' })
  })

  // About the kiosk's patience, not head office's storage; it runs on both engines anyway, so
  // the suite never reports a skipped test.
  it('a head office that never answers costs the counter a few seconds, not the sale', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const net = controlledFetch()
    const real = net.fetch
    let hanging = false
    net.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      if (!hanging || !url.includes('/plans/')) return real(input, init)
      // Accepted, never answered: only the request's own timeout ends the wait.
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      )
    }) as typeof fetch
    const t = await syncedCore(ho, 'K5', { clock, storeCode: 'MS01', net })
    cores.push(t)
    await signInAll(t)
    const req = enrollmentRequest({
      purchase: { ...enrollmentRequest().purchase, storeCode: 'MS01' },
    })
    const planNumber = (await t.ok('enrollment.create', req)).plan.planNumber as string
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const inspectionId = await inspect(t, planNumber, req.imeis[0]!)
    hanging = true

    let started = Date.now()
    const lookup = await t.call('plans.get', { planNumber: formatPlanNumber('MH01', 'K9', 1) })
    expect(!lookup.ok && lookup.error.code).toBe('PLAN_NOT_FOUND')
    expect(Date.now() - started).toBeLessThan(5_000)
    // A plan enrolled here needs no confirmation: the sale goes through after the timeout.
    started = Date.now()
    const done = await t.ok(
      'redemption.complete',
      completeRequest(planNumber, inspectionId, req.customer.idNumber.slice(-4), 8399_00),
    )
    expect(done.plan.status).toBe('redeemed')
    expect(Date.now() - started).toBeLessThan(5_000)
  }, 15_000)
})
