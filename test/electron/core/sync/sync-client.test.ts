import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../../../electron/core/logger'
import { backoffDelay } from '../../../../electron/core/sync/backoff'
import { createSyncClient } from '../../../../electron/core/sync/sync-client'
import { SyncHttpError, type SyncHttp } from '../../../../electron/core/sync/sync-http'
import { fakeKiosk } from '../../../headoffice/fixtures'
import { count, startHeadOffice, type TestHeadOffice } from '../../../headoffice/harness'
import { createMemoryOutbox } from './memory-outbox'

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const opts = { baseMs: 1_000, maxMs: 60_000 }
    expect(backoffDelay(1, opts, () => 1)).toBe(1_000)
    expect(backoffDelay(3, opts, () => 1)).toBe(4_000)
    expect(backoffDelay(20, opts, () => 1)).toBe(60_000)
    expect(backoffDelay(20, opts, () => 0)).toBe(500)
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(6, opts, Math.random)))
    expect(spread.size).toBeGreaterThan(10)
  })
})

describe('sync client against head office (SQLite)', () => {
  let ho: TestHeadOffice
  let secret: string
  beforeAll(async () => {
    ho = await startHeadOffice('sqlite')
    secret = await ho.register('MH01', 'K1')
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('pushes in bounded batches, pulls by cursor, reports status', async () => {
    const kiosk = fakeKiosk('MH01', 'K1')
    const outbox = createMemoryOutbox(Array.from({ length: 45 }, () => kiosk.enroll()))
    const http = ho.client('MH01', 'K1', secret)
    const sizes: number[] = []
    const client = createSyncClient({
      port: outbox.port,
      http: { push: (e) => (sizes.push(e.length), http.push(e)), pull: http.pull },
      clock: () => ho.now.value,
      logger: createMemoryLogger(),
      batchSize: 20,
    })
    const before = await client.status()
    expect(before).toMatchObject({ online: null, pendingCount: 45 })
    const after = await client.syncNow()
    expect(sizes).toEqual([20, 20, 5])
    expect(after).toMatchObject({
      online: true,
      pendingCount: 0,
      oldestPendingAgeSeconds: null,
      lastError: null,
    })
    expect(after.lastSuccessAt).not.toBeNull()
    expect(outbox.cursor).toBeGreaterThan(0)
    expect(outbox.applied.filter((c) => c.kind === 'plan.status')).toHaveLength(45)
    // Nothing new: the next pull starts after the cursor.
    const cursor = outbox.cursor
    await client.syncNow()
    expect(outbox.cursor).toBe(cursor)
  })

  it('goes offline, backs off with jitter, and resumes exactly where it stopped after a restart', async () => {
    const s2 = await ho.register('MH01', 'K2')
    const kiosk = fakeKiosk('MH01', 'K2')
    const outbox = createMemoryOutbox(Array.from({ length: 30 }, () => kiosk.enroll()))
    const real = ho.client('MH01', 'K2', s2)
    let down = true
    let pushes = 0
    const flaky: Pick<SyncHttp, 'push' | 'pull'> = {
      async push(events) {
        pushes += 1
        if (down) throw new SyncHttpError('network', 'SYNC_OFFLINE', 'connection refused')
        return real.push(events)
      },
      pull: (since) => real.pull(since),
    }
    const timers: number[] = []
    const client = createSyncClient({
      port: outbox.port,
      http: flaky,
      clock: () => ho.now.value,
      logger: createMemoryLogger(),
      batchSize: 10,
      backoff: { baseMs: 1_000, maxMs: 30_000 },
      random: () => 0.5,
      setTimer: (_fn, ms) => (timers.push(ms), timers.length),
      clearTimer: () => {},
    })
    client.start()
    await client.syncNow()
    await client.syncNow()
    const offline = await client.status()
    expect(offline).toMatchObject({
      online: false,
      pendingCount: 30,
      lastError: { code: 'SYNC_OFFLINE' },
    })
    expect(offline.consecutiveFailures).toBeGreaterThanOrEqual(2)
    expect(offline.oldestPendingAgeSeconds).toBeGreaterThan(0)
    // Delays after failures grow (jitter fixed at 0.5 here).
    expect(timers.at(-1)).toBeGreaterThan(timers[1] ?? 0)
    await client.stop()

    // "Crash" after one batch reached head office: a new client over the same port resumes.
    down = false
    const one = await real.push(await outbox.port.pending(10))
    expect(one.results.every((r) => r.status === 'applied')).toBe(true)
    // ...and the kiosk died before recording the answers: those 10 are still pending locally.
    const restarted = createSyncClient({
      port: outbox.port,
      http: flaky,
      clock: () => ho.now.value,
      logger: createMemoryLogger(),
      batchSize: 10,
    })
    const done = await restarted.syncNow()
    expect(done).toMatchObject({ online: true, pendingCount: 0 })
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['K2'])).toBe(30)
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', ['MH01/K2'])).toBe(30)
    expect(pushes).toBeGreaterThan(3)
  })

  it('halves the batch when head office says the body is too large', async () => {
    const kiosk = fakeKiosk('MH01', 'K3')
    await ho.register('MH01', 'K3')
    const outbox = createMemoryOutbox(Array.from({ length: 8 }, () => kiosk.enroll()))
    const sizes: number[] = []
    const client = createSyncClient({
      port: outbox.port,
      http: {
        async push(events) {
          sizes.push(events.length)
          if (events.length > 2)
            throw new SyncHttpError('refused', 'PAYLOAD_TOO_LARGE', 'too big', 413)
          return {
            results: events.map((e) => ({ id: e.id, seq: e.seq, status: 'applied' as const })),
            lastSeq: events.at(-1)?.seq ?? 0,
          }
        },
        pull: async (since) => ({ changes: [], nextSince: since, hasMore: false }),
      },
      clock: () => ho.now.value,
      logger: createMemoryLogger(),
      batchSize: 8,
    })
    const status = await client.syncNow()
    expect(status.pendingCount).toBe(0)
    expect(sizes).toEqual([8, 4, 2, 2, 2, 2])
  })

  it('parks rejected events and stops on a sequence gap instead of spinning', async () => {
    await ho.register('MH01', 'K4')
    const s4 = await ho.register('MH01', 'K5')
    const kiosk = fakeKiosk('MH01', 'K5', 3) // seq 1 and 2 never reached head office
    const outbox = createMemoryOutbox([kiosk.enroll(), kiosk.enroll()])
    const http = ho.client('MH01', 'K5', s4)
    const client = createSyncClient({
      port: outbox.port,
      http,
      clock: () => ho.now.value,
      logger: createMemoryLogger(),
    })
    const status = await client.syncNow()
    expect(status.pendingCount).toBe(2)
    expect(status.lastError?.code).toBe('SYNC_REJECTED')
    expect(status.lastError?.message).toContain('expects seq 1')
  })
})
