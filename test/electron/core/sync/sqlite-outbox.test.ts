import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createSyncClient } from '../../../../electron/core/sync/sync-client'
import {
  headOfficePinHash,
  headOfficePinHashToKiosk,
} from '../../../../electron/core/sync/staff-pin'
import { createMemoryLogger } from '../../../../electron/core/logger'
import type { OutboxEvent } from '../../../../shared/sync/events'
import type { Change, Conflict, PushEventResult } from '../../../../shared/sync/protocol'
import { enrollmentRequest, makeCore, type TestCore } from '../helpers'
import { demoCatalog } from './support'

let t: TestCore
afterEach(async () => t?.cleanup())

async function enrolled(count: number): Promise<string[]> {
  await t.signIn('C1')
  const numbers: string[] = []
  for (let i = 0; i < count; i++) {
    const res = await t.ok('enrollment.create', enrollmentRequest())
    numbers.push(res.plan.planNumber)
  }
  return numbers
}

function conflictFor(planNumber: string, loserKiosk = 'K1'): Conflict {
  const party = (kioskCode: string) => ({
    storeCode: 'MH01',
    kioskCode,
    eventId: randomUUID(),
    referenceId: randomUUID(),
    onDate: '2021-03-01',
  })
  return {
    conflictId: randomUUID(),
    planNumber,
    kind: 'double-redemption',
    winner: party('K9'),
    loser: party(loserKiosk),
    detectedAt: '2021-03-02T10:00:00.000Z',
    status: 'open',
    resolution: null,
  }
}

describe('the SQLite OutboxPort', () => {
  it('hands out pending events in seq order and settles answers in one transaction', async () => {
    t = await makeCore()
    const port = () => t.core.sync.port
    const [p1] = await enrolled(5)
    const events = await port().pending(10)
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect((await port().pending(2)).map((e) => e.seq)).toEqual([1, 2])
    expect(await port().pendingCount()).toBe(5)
    expect(await port().oldestPendingAt()).toBe(Date.parse(events[0]!.occurredAt))

    const [e1, e2, e3, e4, e5] = events as [OutboxEvent, ...OutboxEvent[]] & OutboxEvent[]
    const conflict = conflictFor(p1!)
    const results: PushEventResult[] = [
      { id: e1.id, seq: 1, status: 'applied' },
      { id: e2!.id, seq: 2, status: 'duplicate', original: 'applied' },
      { id: e3!.id, seq: 3, status: 'conflict', conflict },
      { id: e4!.id, seq: 4, status: 'rejected', reason: 'VALUE_MISMATCH', message: 'no' },
      { id: e5!.id, seq: 5, status: 'deferred', expectedSeq: 4 },
    ]
    await port().markResults(results)
    // Only the deferred one is still pending; the rejected one is parked, never resent.
    expect((await port().pending(10)).map((e) => e.seq)).toEqual([5])
    expect(await port().pendingCount()).toBe(1)
    expect(await port().oldestPendingAt()).toBe(Date.parse(e5!.occurredAt))
    expect(await port().openConflictCount()).toBe(1)
    const status = await t.ok('sync.status', {})
    expect(status).toMatchObject({ pendingEvents: 1, rejectedEvents: 1, conflicts: 1 })

    // A replayed answer (lost response, retried batch) never rewrites a settled event.
    await port().markResults([{ id: e3!.id, seq: 3, status: 'duplicate', original: 'conflict' }])
    await port().markResults([{ id: e5!.id, seq: 5, status: 'applied' }])
    expect(await port().pendingCount()).toBe(0)
    expect(await port().oldestPendingAt()).toBeNull()
    await t.signIn('M1', 'MGR')
    const listed = await t.ok('sync.conflicts', {}, 'MGR')
    expect(listed.conflicts).toEqual([
      expect.objectContaining({ conflictId: conflict.conflictId, ours: 'loser', localNote: null }),
    ])
  })

  it('survives a restart: what was pending still is, what was settled stays settled', async () => {
    t = await makeCore()
    await enrolled(3)
    const [first] = await t.core.sync.port.pending(1)
    await t.core.sync.port.markResults([{ id: first!.id, seq: 1, status: 'applied' }])
    await t.reopen()
    expect((await t.core.sync.port.pending(10)).map((e) => e.seq)).toEqual([2, 3])
  })

  it('core.outbox.mark records an answer through a write transaction', async () => {
    t = await makeCore()
    await enrolled(1)
    const [event] = await t.core.outbox.readPending(1)
    await t.core.outbox.mark(event!.id, 'applied', { status: 'applied' })
    expect(await t.core.outboxPendingCount()).toBe(0)
  })

  it('applies a pulled page and its cursor together: catalog, staff, plan status, conflicts', async () => {
    t = await makeCore()
    const [mine, other] = await enrolled(2)
    const port = t.core.sync.port
    expect(await port.pullCursor()).toBe(0)

    const newer = demoCatalog()
    newer.version = '2026.11.2'
    const older = { ...demoCatalog(), version: '2026.10.1' }
    const conflict = conflictFor(mine!)
    const changes: Change[] = [
      { seq: 1, kind: 'catalog', version: older.version, catalog: older },
      { seq: 2, kind: 'catalog', version: newer.version, catalog: newer },
      {
        seq: 3,
        kind: 'staff',
        storeCode: 'MH01',
        staff: {
          staffCode: 'C9',
          name: 'New Clerk',
          role: 'clerk',
          pinHash: headOfficePinHash('2468', 10),
          active: true,
        },
      },
      {
        seq: 4,
        kind: 'staff',
        storeCode: 'MH01',
        staff: { staffCode: 'C8', name: 'Bad Hash', role: 'clerk', pinHash: 'md5$x', active: true },
      },
      {
        seq: 5,
        kind: 'plan.status',
        planNumber: other!,
        status: 'redeemed',
        storeCode: 'MH01',
        closedBy: { storeCode: 'MH02', kioskCode: 'K3', onDate: '2020-11-10' },
      },
      { seq: 6, kind: 'conflict', conflict },
    ]
    await port.applyPull(changes, 6)
    expect(await port.pullCursor()).toBe(6)
    // Newer only: the older version was skipped, the newer one is in force.
    expect((await t.ok('catalog.list', {})).version).toBe('2026.11.2')
    // Staff from head office sign in with their PIN; an unusable hash creates nobody.
    expect((await t.ok('staff.signIn', { staffCode: 'C9', pin: '2468' }, 'NEW')).staff.code).toBe(
      'C9',
    )
    const tiles = (await t.ok('staff.list', {})).staff.map((s: { code: string }) => s.code)
    expect(tiles).toContain('C9')
    expect(tiles).not.toContain('C8')
    // Redeemed at another store: this kiosk will not redeem it again.
    await t.signIn('C1')
    const check = await t.ok('redemption.check', { planNumber: other })
    expect(check.plan.status).toBe('redeemed')
    expect(check.ok).toBe(false)
    expect(await port.openConflictCount()).toBe(1)

    // Head office resolves it later: the status moves, the local note survives.
    await t.signIn('M1', 'MGR')
    await t.ok(
      'sync.resolveConflict',
      { conflictId: conflict.conflictId, note: 'called customer' },
      'MGR',
    )
    expect(await port.openConflictCount()).toBe(0)
    await port.applyPull(
      [
        {
          seq: 7,
          kind: 'conflict',
          conflict: { ...conflict, status: 'resolved', resolution: 'ok' },
        },
      ],
      7,
    )
    const [stored] = (await t.ok('sync.conflicts', { status: 'resolved' }, 'MGR')).conflicts
    expect(stored).toMatchObject({
      status: 'resolved',
      resolution: 'ok',
      localNote: 'called customer',
    })
    const unknown = await t.call(
      'sync.resolveConflict',
      { conflictId: randomUUID(), note: 'x' },
      'MGR',
    )
    expect(!unknown.ok && unknown.error.code).toBe('CONFLICT_NOT_FOUND')
  })

  it('a page that fails half-way changes nothing, not even the cursor or the catalog in memory', async () => {
    let failCatalog = false
    t = await makeCore({
      hooks: {
        afterInsert: (table) => {
          if (failCatalog && table === 'catalog_versions') throw new Error('disk full')
        },
      },
    })
    const [planNumber] = await enrolled(1)
    const newer = { ...demoCatalog(), version: '2026.11.3' }
    failCatalog = true
    await expect(
      t.core.sync.port.applyPull(
        [
          { seq: 1, kind: 'conflict', conflict: conflictFor(planNumber!) },
          { seq: 2, kind: 'catalog', version: newer.version, catalog: newer },
        ],
        2,
      ),
    ).rejects.toThrow('disk full')
    expect(await t.core.sync.port.pullCursor()).toBe(0)
    expect(await t.core.sync.port.openConflictCount()).toBe(0)
    expect((await t.ok('catalog.list', {})).version).toBe('2026.11.1')
  })

  it('drives the sync client like the in-memory outbox does (batches, resume after a restart)', async () => {
    t = await makeCore()
    await enrolled(7)
    const pushed: number[][] = []
    const http = {
      push: async (events: OutboxEvent[]) => {
        pushed.push(events.map((e) => e.seq))
        if (pushed.length === 2) throw new Error('cable cut')
        return {
          results: events.map((e) => ({ id: e.id, seq: e.seq, status: 'applied' as const })),
          lastSeq: events.at(-1)!.seq,
        }
      },
      pull: async (since: number) => ({ changes: [], nextSince: since, hasMore: false }),
    }
    const client = () =>
      createSyncClient({
        port: t.core.sync.port,
        http,
        clock: t.clock,
        logger: createMemoryLogger(),
        batchSize: 3,
      })
    const failed = await client().syncNow()
    expect(failed).toMatchObject({ pendingCount: 4, consecutiveFailures: 1 })
    await t.reopen()
    const done = await client().syncNow()
    expect(done).toMatchObject({ pendingCount: 0, online: true })
    expect(pushed).toEqual([[1, 2, 3], [4, 5, 6], [4, 5, 6], [7]])
  })
})

describe('staff changes pulled from head office and the sessions open at the kiosk', () => {
  it('ends a deactivated person’s session and applies a new role to an open one', async () => {
    t = await makeCore()
    await t.signIn('C1', 'CLERK')
    await t.signIn('M1', 'MGR')
    await t.signIn('T1', 'TECH')
    const record = (
      staffCode: string,
      role: 'clerk' | 'manager' | 'technician',
      active = true,
    ) => ({
      staffCode,
      name: `Staff ${staffCode}`,
      role,
      pinHash: headOfficePinHash('2468', 10),
      active,
    })
    // Head office deactivates the clerk and makes the manager a clerk (docs/console.md#staff).
    await t.core.sync.port.applyPull(
      [
        { seq: 1, kind: 'staff', storeCode: 'MH01', staff: record('C1', 'clerk', false) },
        { seq: 2, kind: 'staff', storeCode: 'MH01', staff: record('M1', 'clerk') },
      ],
      2,
    )
    const clerk = await t.call('sync.status', {}, 'CLERK')
    expect(!clerk.ok && clerk.error.code).toBe('NOT_SIGNED_IN')
    expect((await t.ok('staff.current', {}, 'MGR')).staff).toMatchObject({
      code: 'M1',
      role: 'clerk',
    })
    const managerOnly = await t.call('sync.configure', { headOfficeUrl: null }, 'MGR')
    expect(!managerOnly.ok && managerOnly.error.code).toBe('ROLE_FORBIDDEN')
    // Someone head office did not change keeps their session as it was.
    expect((await t.ok('staff.current', {}, 'TECH')).staff).toMatchObject({ code: 'T1' })
  })
})

describe('PIN hashes from head office', () => {
  it('converts the scrypt form head office sends into the kiosk form, the same hash', () => {
    const converted = headOfficePinHashToKiosk('scrypt$16384$8$1$c2FsdHNhbHQ$' + 'A'.repeat(43))
    expect(converted).toEqual({ hash: `scrypt$16384$${'00'.repeat(32)}`, salt: '73616c7473616c74' })
    for (const bad of [
      'scrypt$16384$8$1$c2FsdA$aGFzaA', // a 4-byte "hash" (head office's test fixture)
      'scrypt$65536$8$1$c2FsdHNhbHQ$' + 'A'.repeat(43), // more memory than the verifier allows
      'scrypt$16384$16$1$c2FsdHNhbHQ$' + 'A'.repeat(43),
      'pbkdf2$1000$abc',
      'h',
    ]) {
      expect(headOfficePinHashToKiosk(bad)).toBeNull()
    }
  })
})
