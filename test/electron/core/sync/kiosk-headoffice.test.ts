import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { enrollmentRequest, fixedClock, newImei, type TestCore } from '../helpers'
import {
  controlledFetch,
  demoCatalog,
  followClock,
  headOfficeRelay,
  inspectAndRedeem,
  signInAll,
  syncedCore,
} from './support'

/**
 * Real kiosk cores (SQLite files) syncing with a real head office (Fastify on SQLite and on
 * PostgreSQL) over signed HTTP on 127.0.0.1.
 */
describe.each(TARGETS)('kiosk ↔ head office on %s', (kind) => {
  let ho: TestHeadOffice
  const clock = fixedClock()
  const cores: TestCore[] = []
  let kioskNo = 0

  beforeAll(async () => {
    ho = await startHeadOffice(kind, { start: clock(), catalog: false })
    followClock(ho, clock)
    const published = await ho.admin('POST', '/admin/catalogs', demoCatalog())
    expect(published.status).toBe(200)
  })
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.cleanup()
  })
  afterAll(async () => {
    await ho?.close()
  })

  async function kiosk(options: Parameters<typeof syncedCore>[2] = {}) {
    kioskNo += 1
    const t = await syncedCore(ho, `K${kioskNo}`, { clock, ...options })
    cores.push(t)
    await signInAll(t)
    return t
  }

  async function enroll(t: TestCore, over = {}) {
    const req = enrollmentRequest(over)
    const res = await t.ok('enrollment.create', req)
    return { req, planNumber: res.plan.planNumber as string }
  }

  it('offline enrollments and a redemption reach head office exactly once, in order', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const t = await kiosk()
    t.net.online = false
    const plans = [await enroll(t), await enroll(t), await enroll(t)]
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const first = plans[0]!
    await inspectAndRedeem(
      t,
      first.planNumber,
      first.req.imeis[0]!,
      { idLast4: first.req.customer.idNumber.slice(-4) },
      { imei: newImei(), pricePaise: 20_000_00 },
    )
    const offline = await t.ok('sync.now', {})
    expect(offline).toMatchObject({ configured: true, online: false, pendingEvents: 5 })
    expect(offline.lastError.code).toBe('SYNC_OFFLINE')

    t.net.online = true
    const synced = await t.ok('sync.now', {})
    expect(synced).toMatchObject({ online: true, pendingEvents: 0, conflicts: 0, lastError: null })
    const kioskId = `MH01/${t.config.kioskCode}`
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', [kioskId])).toBe(5)
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', [t.config.kioskCode])).toBe(3)
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'credited'", [
        first.planNumber,
      ]),
    ).toBe(1)
    // Acknowledged locally: nothing is sent again on the next cycle.
    const before = t.net.pushes
    await t.ok('sync.now', {})
    expect(t.net.pushes).toBe(before)
  })

  it('answers lost after head office committed come back as duplicates, never twice', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const t = await kiosk()
    for (let i = 0; i < 5; i++) await enroll(t)
    t.net.dropPushResponses = 2
    const lost = await t.ok('sync.now', {})
    expect(lost).toMatchObject({ online: false, pendingEvents: 5 })
    const lostAgain = await t.ok('sync.now', {})
    expect(lostAgain.pendingEvents).toBe(5)
    const drained = await t.ok('sync.now', {})
    expect(drained).toMatchObject({ online: true, pendingEvents: 0 })
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', [t.config.kioskCode])).toBe(5)
    expect(
      await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', [`MH01/${t.config.kioskCode}`]),
    ).toBe(5)
    expect(await t.core.sync.port.pending(10)).toEqual([])
    const outbox = await readOutboxStatuses(t)
    expect(outbox).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
  })

  it('two kiosks redeem the same plan offline: one credit, one conflict, shown on both', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const net = controlledFetch()
    const a = await kiosk()
    const b = await kiosk({ net })
    const { req, planNumber } = await enroll(a)
    await a.ok('sync.now', {})
    // B learns the plan from its store's feed and fetches it while online.
    await b.ok('sync.now', {})
    const atB = await b.ok('plans.lookup', { query: planNumber })
    expect(atB.plans[0].plan).toMatchObject({ planNumber, origin: 'synced', srpPaise: 11_999_00 })

    a.net.online = false
    b.net.online = false
    clock.set(Date.parse('2021-03-01T06:00:00Z'))
    const proof = { idLast4: req.customer.idNumber.slice(-4) }
    const credit = { imei: newImei(), pricePaise: 20_000_00 }
    const ra = await inspectAndRedeem(a, planNumber, req.imeis[0]!, proof, credit)
    const rb = await inspectAndRedeem(b, planNumber, req.imeis[0]!, proof, {
      ...credit,
      imei: newImei(),
    })
    expect(ra.creditPaise).toBe(8399_00)
    expect(rb.creditPaise).toBe(8399_00)

    a.net.online = true
    b.net.online = true
    expect(await a.ok('sync.now', {})).toMatchObject({ pendingEvents: 0, conflicts: 0 })
    expect(await b.ok('sync.now', {})).toMatchObject({ pendingEvents: 0, conflicts: 1 })
    expect(await a.ok('sync.now', {})).toMatchObject({ conflicts: 1 })

    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'credited'", [planNumber]),
    ).toBe(1)
    expect(
      await count(ho.ds, 'ho_redemption', "plan_number = ? AND status = 'conflict'", [planNumber]),
    ).toBe(1)
    const seenA = (await a.ok('sync.conflicts', {}, 'MGR')).conflicts
    const seenB = (await b.ok('sync.conflicts', {}, 'MGR')).conflicts
    expect(seenA).toHaveLength(1)
    expect(seenB).toHaveLength(1)
    expect(seenA[0]).toMatchObject({ planNumber, kind: 'double-redemption', ours: 'winner' })
    expect(seenB[0]).toMatchObject({ planNumber, kind: 'double-redemption', ours: 'loser' })
    expect(seenB[0].conflictId).toBe(seenA[0].conflictId)
    const clerk = await b.call('sync.conflicts', {})
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')

    // The manager at B notes the settlement; head office's own resolution arrives by pull.
    const noted = await b.ok(
      'sync.resolveConflict',
      { conflictId: seenB[0].conflictId, note: 'Customer returned the second phone' },
      'MGR',
    )
    expect(noted).toMatchObject({ status: 'open', localNote: 'Customer returned the second phone' })
    expect((await b.ok('sync.status', {})).conflicts).toBe(0)
    const desk = await ho.admin('POST', `/admin/conflicts/${seenA[0].conflictId}/resolve`, {
      resolution: 'Second credit reversed',
    })
    expect(desk.status).toBe(200)
    expect(await a.ok('sync.now', {})).toMatchObject({ conflicts: 0 })
    const resolvedAtA = (await a.ok('sync.conflicts', { status: 'resolved' }, 'MGR')).conflicts
    expect(resolvedAtA[0]).toMatchObject({
      status: 'resolved',
      resolution: 'Second credit reversed',
    })
    await b.ok('sync.now', {})
    const resolvedAtB = (await b.ok('sync.conflicts', { status: 'all' }, 'MGR')).conflicts
    expect(resolvedAtB[0]).toMatchObject({
      status: 'resolved',
      localNote: 'Customer returned the second phone',
    })
  })

  it('a catalog published at head office reaches the kiosk; old plans keep their SRP', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const t = await kiosk()
    const old = await enroll(t)
    const next = demoCatalog()
    next.version = `2026.11.${10 + kioskNo}`
    next.effectiveFrom = '2020-11-01'
    const variant = next.models
      .flatMap((m) => m.variants)
      .find((v) => v.id === 'redmi-note-9-4-64')!
    variant.srpPaise = 12_499_00
    expect((await ho.admin('POST', '/admin/catalogs', next)).status).toBe(200)
    await t.ok('sync.now', {})
    expect((await t.ok('catalog.list', {})).version).toBe(next.version)
    const fresh = await enroll(t)
    const newPlan = await t.ok('plans.get', { planNumber: fresh.planNumber })
    const oldPlan = await t.ok('plans.get', { planNumber: old.planNumber })
    expect(newPlan.plan).toMatchObject({ srpPaise: 12_499_00, catalogVersion: next.version })
    expect(oldPlan.plan).toMatchObject({ srpPaise: 11_999_00, catalogVersion: '2026.11.1' })
    // The reopened kiosk still has it (it was stored, not only held in memory).
    await t.reopen()
    await signInAll(t)
    expect((await t.ok('catalog.list', {})).version).toBe(next.version)
  })

  it('sync.status follows head office going away and coming back', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const relay = await headOfficeRelay(ho.url)
    try {
      const t = await kiosk({ baseUrl: relay.url })
      await enroll(t)
      expect(await t.ok('sync.now', {})).toMatchObject({ online: true, pendingEvents: 0 })
      await relay.stop()
      await enroll(t)
      clock.set(clock() + 90_000)
      const down = await t.ok('sync.status', {})
      expect(down).toMatchObject({ pendingEvents: 1, oldestPendingAgeSeconds: 90 })
      const failed = await t.ok('sync.now', {})
      expect(failed).toMatchObject({ online: false, pendingEvents: 1 })
      expect(failed.lastError.code).toBe('SYNC_OFFLINE')
      expect(failed.consecutiveFailures).toBeGreaterThanOrEqual(1)
      // Backoff: the next attempt is scheduled, not immediate and not an hour away.
      const wait = Date.parse(failed.nextAttemptAt) - clock()
      expect(wait).toBeGreaterThanOrEqual(1_000)
      expect(wait).toBeLessThanOrEqual(5 * 60_000)
      await relay.start()
      const back = await t.ok('sync.now', {})
      expect(back).toMatchObject({
        online: true,
        pendingEvents: 0,
        consecutiveFailures: 0,
        lastError: null,
        oldestPendingAgeSeconds: null,
      })
      expect(back.lastSyncAt).toBe(new Date(clock()).toISOString())
    } finally {
      await relay.stop()
    }
  })

  it('a catalog effective tomorrow waits: quotes keep the version in force until its day', async () => {
    clock.set(Date.parse('2020-11-10T06:00:00Z'))
    const t = await kiosk()
    // What the kiosk quotes with once it holds what head office published so far.
    await t.ok('sync.now', {})
    const quote = { variantId: 'redmi-note-9-4-64', purchaseDate: '2020-11-10' }
    const before = await t.ok('catalog.list', {})
    const srpBefore = (await t.ok('plans.quote', quote)).srpPaise
    const next = demoCatalog()
    next.version = `2026.12.${10 + kioskNo}`
    next.effectiveFrom = '2020-11-11'
    const variant = next.models
      .flatMap((m) => m.variants)
      .find((v) => v.id === 'redmi-note-9-4-64')!
    variant.srpPaise = 13_999_00
    expect((await ho.admin('POST', '/admin/catalogs', next)).status).toBe(200)
    await t.ok('sync.now', {})
    // Pulled and stored, but not in force: today's quote is at the old SRP.
    expect((await t.ok('catalog.list', {})).version).toBe(before.version)
    expect((await t.ok('plans.quote', quote)).srpPaise).toBe(srpBefore)
    expect(srpBefore).not.toBe(13_999_00)
    // The heartbeat of the next cycle tells head office both: the one in force and the newest held.
    await t.ok('sync.now', {})
    expect(
      await count(
        ho.ds,
        'ho_kiosk_heartbeat',
        'kiosk_id = ? AND catalog_version = ? AND catalog_latest = ?',
        [`MH01/${t.config.kioskCode}`, before.version, next.version],
      ),
    ).toBe(1)
    // Its day comes (just after midnight in India): the new SRP quotes.
    clock.set(Date.parse('2020-11-10T18:31:00Z'))
    expect((await t.ok('catalog.list', {})).version).toBe(next.version)
    expect((await t.ok('plans.quote', { ...quote, purchaseDate: '2020-11-11' })).srpPaise).toBe(
      13_999_00,
    )
  })
})

async function readOutboxStatuses(t: TestCore): Promise<string[]> {
  const Database = (await import('better-sqlite3')).default
  const db = new Database(t.core.databasePath, { readonly: true })
  try {
    return (
      db.prepare('SELECT status FROM outbox ORDER BY seq').all() as Array<{ status: string }>
    ).map((r) => r.status)
  } finally {
    db.close()
  }
}
