import Database from 'better-sqlite3'
import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WAL_AUTOCHECKPOINT_PAGES, openDatabase } from '../../../../electron/core/storage/database'
import {
  CatalogVersionEntity,
  OutboxEntity,
  StaffEntity,
  StoreEntity,
  type OutboxRow,
  type StaffRow,
} from '../../../../electron/core/storage/entities'
import { Store, type CheckpointOptions } from '../../../../electron/core/storage/store'
import { T0, tempDir } from '../helpers'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function openStore(checkpoint: CheckpointOptions = { idleMs: 0 }) {
  const dir = tempDir()
  const file = join(dir, 'kiosk.sqlite')
  const db = await openDatabase({ file, now: () => T0 })
  const store = new Store(db, {}, checkpoint)
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  cleanups.push(() => store.close())
  return { store, dir, file }
}

const staff = (id: string, extra: Partial<StaffRow> = {}): StaffRow => ({
  id,
  code: id.toUpperCase(),
  name: 'Test',
  role: 'clerk',
  pinHash: 'h',
  pinSalt: 's',
  failedAttempts: 2,
  lockedAt: null,
  lockedUntil: null,
  lockCount: 0,
  active: true,
  createdAt: 'x',
  ...extra,
})

describe('store writes (prepared statements from TypeORM metadata)', () => {
  it('writes the same rows as TypeORM’s insert builder: booleans, JSON, nulls', async () => {
    const { store } = await openStore()
    const document = { version: '9.9.9', stores: [{ code: 'X' }], nested: { a: [1, 2] } }
    await store.write(async (tx) => {
      await tx.insert(StaffEntity, [staff('s1'), staff('s2', { active: false, lockedAt: 'y' })])
      await tx.em.insert(StaffEntity, [staff('t1'), staff('t2', { active: false, lockedAt: 'y' })])
      await tx.insert(CatalogVersionEntity, {
        version: '9.9.9',
        effectiveFrom: '2020-01-01',
        document,
        source: 'manager',
        installedAt: 'x',
      })
      await tx.em.insert(CatalogVersionEntity, {
        version: '9.9.8',
        effectiveFrom: '2020-01-01',
        document,
        source: 'manager',
        installedAt: 'x',
      })
    })
    const rows = store.raw.prepare('SELECT * FROM staff ORDER BY id').all() as Array<
      Record<string, unknown>
    >
    const strip = (r: Record<string, unknown>) => ({ ...r, id: undefined, code: undefined })
    expect(strip(rows[0]!)).toEqual(strip(rows[2]!)) // s1 vs t1
    expect(strip(rows[1]!)).toEqual(strip(rows[3]!)) // s2 vs t2
    expect(rows[1]).toMatchObject({ active: 0, locked_at: 'y', failed_attempts: 2 })
    const docs = store.raw
      .prepare('SELECT document FROM catalog_versions ORDER BY version')
      .all() as Array<{ document: string }>
    expect(docs[0]!.document).toBe(docs[1]!.document)
    expect(JSON.parse(docs[0]!.document)).toEqual(document)
  })

  it('leaves undefined columns to their SQL default', async () => {
    const { store } = await openStore()
    const row = {
      seq: 1,
      id: '00000000-0000-4000-8000-000000000001',
      kioskCode: 'K1',
      storeCode: 'MH01',
      type: 'plan.enrolled',
      occurredAt: 'x',
      businessDate: '2020-11-10',
      payload: '{}',
      sentAt: null,
      result: null,
    } as Partial<OutboxRow> as OutboxRow
    await store.write((tx) => tx.insert(OutboxEntity, row))
    expect(store.raw.prepare('SELECT status, training FROM outbox').get()).toEqual({
      status: 'pending',
      training: 0,
    })
  })

  it('updates by criteria, converting values, and refuses an update without criteria', async () => {
    const { store } = await openStore()
    await store.write((tx) => tx.insert(StaffEntity, [staff('a'), staff('b')]))
    const changed = await store.write((tx) =>
      tx.update(StaffEntity, { id: 'a' }, { active: false, failedAttempts: 0 }),
    )
    expect(changed).toBe(1)
    expect(
      store.raw.prepare('SELECT id, active, failed_attempts FROM staff ORDER BY id').all(),
    ).toEqual([
      { id: 'a', active: 0, failed_attempts: 0 },
      { id: 'b', active: 1, failed_attempts: 2 },
    ])
    // A null criterion matches NULL (IS), as a lookup by "no lock" should.
    expect(
      await store.write((tx) => tx.update(StaffEntity, { lockedAt: null }, { lockedAt: 'z' })),
    ).toBe(2)
    await expect(store.write((tx) => tx.update(StaffEntity, {}, { active: true }))).rejects.toThrow(
      /criteria/,
    )
  })

  it('rolls every insert of a failed write back', async () => {
    const { store } = await openStore()
    await expect(
      store.write(async (tx) => {
        await tx.insert(StaffEntity, staff('a'))
        await tx.insert(StoreEntity, {
          code: 'X',
          name: 'X',
          kind: 'k',
          address: 'a',
          stateCode: '27',
          gstin: null,
          legalName: null,
          active: true,
        })
        await tx.next('plan')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const count = (t: string) =>
      (store.raw.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
    expect([count('staff'), count('stores'), count('sequences')]).toEqual([0, 0, 0])
  })
})

describe('WAL checkpoints off the sale path', () => {
  it('raises SQLite’s in-commit checkpoint to a cap instead of disabling it', async () => {
    const { store } = await openStore()
    expect(store.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES)
    expect(store.raw.pragma('synchronous', { simple: true })).toBe(2) // FULL
  })

  it('copies committed writes into the database file once the store has been idle', async () => {
    const { store, dir, file } = await openStore({ idleMs: 30 })
    store.raw.pragma('wal_checkpoint(TRUNCATE)') // the schema into the main file
    await store.write((tx) => tx.insert(StaffEntity, staff('a')))
    // The main file alone (no WAL) does not have the row yet: it is durable in the WAL only.
    const mainFileHasRow = () => {
      const copy = join(dir, `copy-${Math.random()}.sqlite`)
      copyFileSync(file, copy)
      const db = new Database(copy, { readonly: true })
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n === 1
      } finally {
        db.close()
      }
    }
    expect(mainFileHasRow()).toBe(false)
    expect(store.checkpointTimes).toHaveLength(0)
    await vi.waitFor(() => expect(store.checkpointTimes).toHaveLength(1), { timeout: 3000 })
    expect(mainFileHasRow()).toBe(true)
  })

  it('does not checkpoint while writes keep coming, nor when turned off', async () => {
    const busy = await openStore({ idleMs: 1000 })
    for (let i = 0; i < 6; i++) {
      await busy.store.write((tx) => tx.insert(StaffEntity, staff(`s${i}`)))
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(busy.store.checkpointTimes).toHaveLength(0)
    const off = await openStore({ idleMs: 0 })
    await off.store.write((tx) => tx.insert(StaffEntity, staff('a')))
    await new Promise((r) => setTimeout(r, 100))
    expect(off.store.checkpointTimes).toHaveLength(0)
  })
})

describe('young-generation garbage collected between sales (idle-gc.ts)', () => {
  const nextTurn = () => new Promise((r) => setImmediate(r))
  /** Minor (scavenge) collections V8 reports while `work` runs and one turn after it. */
  async function scavengesDuring(work: () => Promise<void>): Promise<number> {
    const seen: number[] = []
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (
          (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR
        )
          seen.push(e.startTime)
      }
    })
    observer.observe({ entryTypes: ['gc'] })
    await work()
    await new Promise((r) => setTimeout(r, 20)) // entries are delivered asynchronously
    observer.disconnect()
    return seen.length
  }

  it('collects the young generation in the event-loop turn after a write, once per turn', async () => {
    const { store } = await openStore()
    expect(store.collector.available).toBe(true)
    await nextTurn()
    const before = store.collector.runs
    const scavenges = await scavengesDuring(async () => {
      await Promise.all([
        store.write((tx) => tx.insert(StaffEntity, staff('a'))),
        store.write((tx) => tx.insert(StaffEntity, staff('b'))),
      ])
      expect(store.collector.runs).toBe(before) // not inside the sale
      await nextTurn()
    })
    expect(store.collector.runs).toBe(before + 1) // two writes in one turn: one collection
    expect(scavenges).toBeGreaterThanOrEqual(1) // and V8 really scavenged
    await store.write((tx) => tx.insert(StaffEntity, staff('c')))
    await nextTurn()
    expect(store.collector.runs).toBe(before + 2)
  })

  it('does not collect after reads', async () => {
    const { store } = await openStore()
    await nextTurn()
    const before = store.collector.runs
    await store.read((sql) => sql.all('SELECT * FROM staff'))
    await nextTurn()
    expect(store.collector.runs).toBe(before)
  })

  it('does nothing when turned off', async () => {
    const { store } = await openStore({ idleMs: 0, collectAfterWrite: false })
    await store.write((tx) => tx.insert(StaffEntity, staff('a')))
    await nextTurn()
    expect(store.collector.available).toBe(false)
    expect(store.collector.runs).toBe(0)
  })
})
