import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { CATALOG_PATH, enrollmentRequest, makeCore, type TestCore } from './helpers'

let t: TestCore
afterEach(async () => t?.cleanup())

describe('staff', () => {
  it('lists tiles publicly, signs in with code + PIN, locks after 5 wrong PINs, manager clears', async () => {
    t = await makeCore()
    const tiles = await t.ok('staff.list', {})
    expect(tiles.staff.map((s: { code: string }) => s.code).sort()).toEqual(['C1', 'M1', 'T1'])
    expect(JSON.stringify(tiles)).not.toMatch(/pin/i)
    for (let i = 1; i <= 4; i++) {
      const r = await t.call('staff.signIn', { staffCode: 'C1', pin: '0000' })
      expect(!r.ok && r.error.code).toBe('PIN_INVALID')
    }
    const fifth = await t.call('staff.signIn', { staffCode: 'C1', pin: '0000' })
    expect(!fifth.ok && fifth.error.code).toBe('PIN_LOCKED')
    const right = await t.call('staff.signIn', { staffCode: 'C1', pin: '1111' })
    expect(!right.ok && right.error.code).toBe('PIN_LOCKED')
    // The list says who is locked out, for the manager's staff screen (issue 14 item 2).
    const lockedOut = async () =>
      (await t.ok('staff.list', {})).staff
        .filter((s: { lockedOut: boolean }) => s.lockedOut)
        .map((s: { code: string }) => s.code)
    expect(await lockedOut()).toEqual(['C1'])
    await t.signIn('M1', 'MGR')
    await t.ok('staff.clearLockout', { staffCode: 'C1' }, 'MGR')
    expect(await lockedOut()).toEqual([])
    await t.signIn('C1')
    expect((await t.ok('staff.current', {})).staff.code).toBe('C1')
  })

  it('locks after inactivity and unlocks with the same PIN', async () => {
    t = await makeCore({ idleLockMinutes: 2 })
    await t.signIn('C1')
    t.clock.set(t.clock() + 3 * 60_000)
    expect((await t.ok('staff.current', {})).locked).toBe(true)
    const blocked = await t.call('plans.lookup', { query: '9876543210' })
    expect(!blocked.ok && blocked.error.code).toBe('SESSION_LOCKED')
    const wrong = await t.call('staff.unlock', { pin: '3333' })
    expect(!wrong.ok && wrong.error.code).toBe('PIN_INVALID')
    expect((await t.ok('staff.unlock', { pin: '1111' })).locked).toBe(false)
    await t.ok('plans.lookup', { query: '9876543210' })
    await t.ok('staff.signOut', {})
    expect((await t.ok('staff.current', {})).staff).toBeNull()
  })

  it('seeds staff only into an empty database', async () => {
    t = await makeCore({ seedStaff: [] })
    expect((await t.ok('staff.list', {})).staff).toEqual([])
  })
})

describe('audit', () => {
  it('is hash-chained and verify reports the first edited entry', async () => {
    t = await makeCore()
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    await t.ok('enrollment.create', enrollmentRequest())
    await t.signIn('M1', 'MGR')
    expect(await t.ok('audit.verify', {}, 'MGR')).toMatchObject({ ok: true, firstBrokenSeq: null })
    const list = await t.ok('audit.list', { limit: 2 }, 'MGR')
    expect(list.entries).toHaveLength(2)
    expect(list.entries[0].seq).toBeGreaterThan(list.entries[1].seq)
    const clerk = await t.call('audit.list', {})
    expect(!clerk.ok && clerk.error.code).toBe('ROLE_FORBIDDEN')
    await t.core.close()
    const db = new Database(t.core.databasePath)
    const target = db
      .prepare("SELECT seq FROM audit_log WHERE action = 'enrollment.create' ORDER BY seq LIMIT 1")
      .get() as { seq: number }
    db.prepare("UPDATE audit_log SET details = '{}' WHERE seq = ?").run(target.seq)
    db.close()
    await t.reopen()
    await t.signIn('M1', 'MGR')
    expect(await t.ok('audit.verify', {}, 'MGR')).toMatchObject({
      ok: false,
      firstBrokenSeq: target.seq,
      reasonCode: 'ENTRY_EDITED',
    })
  })
})

describe('catalog.apply', () => {
  it('installs only newer versions; plans keep their frozen SRP and fee', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const before = await t.ok('enrollment.create', enrollmentRequest())
    const doc = JSON.parse(readFileSync(CATALOG_PATH, 'utf8'))
    await t.signIn('M1', 'MGR')
    const same = await t.call('catalog.apply', { catalog: doc }, 'MGR')
    expect(!same.ok && same.error.code).toBe('CATALOG_VERSION_OLDER')
    const bad = await t.call('catalog.apply', { catalog: { ...doc, version: 'x' } }, 'MGR')
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED')
    const newer = structuredClone(doc)
    newer.version = '2026.12.1'
    for (const m of newer.models) {
      m.feePaise += 100_00
      for (const v of m.variants) v.srpPaise += 1000_00
    }
    expect(await t.ok('catalog.apply', { catalog: newer }, 'MGR')).toEqual({
      version: '2026.12.1',
      previousVersion: '2026.11.1',
    })
    const plan = await t.ok('plans.get', { planNumber: before.plan.planNumber })
    expect(plan.plan.srpPaise).toBe(before.plan.srpPaise)
    const after = await t.ok(
      'enrollment.create',
      enrollmentRequest({ payment: { method: 'cash', amountPaise: 599_00 } }),
    )
    expect(after.plan.feePaise).toBe(599_00)
  })
})

describe('training mode', () => {
  it('uses training.sqlite, moves the business date, flags documents', async () => {
    t = await makeCore({ training: true })
    expect(t.core.databasePath).toMatch(/training\.sqlite$/)
    await t.signIn('C1')
    const res = await t.ok('enrollment.create', enrollmentRequest())
    expect(res.plan.planNumber).toMatch(/^TRN-/)
    expect(res.receipt.training).toBe(true)
    expect(await t.ok('training.setDate', { businessDate: '2021-02-05' })).toEqual({
      businessDate: '2021-02-05',
    })
    const look = await t.ok('plans.lookup', { query: res.plan.planNumber })
    expect(look.plans[0].quote.status).toBe('redeemable')
    expect((await t.ok('app.info', {})).businessDate).toBe('2021-02-05')
  })

  it('refuses training.setDate outside training', async () => {
    t = await makeCore()
    await t.signIn('M1')
    const r = await t.call('training.setDate', { businessDate: '2021-02-05' })
    expect(!r.ok && r.error.code).toBe('TRAINING_ONLY')
  })
})
