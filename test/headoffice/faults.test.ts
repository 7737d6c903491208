import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataSource, QueryRunner } from 'typeorm'
import { createMemoryLogger } from '../../electron/core/logger'
import { createSyncClient } from '../../electron/core/sync/sync-client'
import { statementText } from '../../headoffice/db/sql'
import { fakeKiosk } from './fixtures'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from './harness'
import { createMemoryOutbox } from '../electron/core/sync/memory-outbox'

/**
 * Makes the Nth ledger insert fail: head office "dies" after writing effects, before commit.
 * `slowLedgerWriteMs` holds every ledger insert back (a push that is slow to commit).
 */
function crashingDataSource(
  ds: DataSource,
  plan: { crashOnLedgerWrite: number; slowLedgerWriteMs: number },
): DataSource {
  let ledgerWrites = 0
  const wrapRunner = (runner: QueryRunner) =>
    new Proxy(runner, {
      get(target, prop) {
        // Methods run on the real runner: TypeORM tracks runners by identity.
        if (prop !== 'query') {
          const value = Reflect.get(target, prop, target)
          return typeof value === 'function' ? value.bind(target) : value
        }
        return async (sql: string, params?: unknown[], structured?: boolean) => {
          if (statementText(sql).startsWith('INSERT INTO ho_sync_event')) {
            ledgerWrites += 1
            if (ledgerWrites === plan.crashOnLedgerWrite) {
              throw new Error('simulated crash mid-batch')
            }
            if (plan.slowLedgerWriteMs > 0) {
              await new Promise((r) => setTimeout(r, plan.slowLedgerWriteMs))
            }
          }
          return target.query(sql, params, structured as true)
        }
      },
    })
  return new Proxy(ds, {
    get(target, prop, receiver) {
      if (prop === 'createQueryRunner') return () => wrapRunner(target.createQueryRunner())
      return Reflect.get(target, prop, receiver)
    },
  })
}

function quickClient(
  outbox: ReturnType<typeof createMemoryOutbox>,
  http: Parameters<typeof createSyncClient>[0]['http'],
  now: () => number,
) {
  return createSyncClient({
    port: outbox.port,
    http,
    clock: now,
    logger: createMemoryLogger(),
    batchSize: 25,
    backoff: { baseMs: 1, maxMs: 5 },
    setTimer: (fn, ms) => setTimeout(fn, Math.min(ms, 5)),
  })
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('condition not met in time')
}

describe.each(TARGETS)('sync under faults on %s', (kind) => {
  let ho: TestHeadOffice
  const plan = { crashOnLedgerWrite: -1, slowLedgerWriteMs: 0 }
  beforeAll(async () => {
    ho = await startHeadOffice(kind, { wrap: (ds) => crashingDataSource(ds, plan) })
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('head office dying mid-batch (500) leaves nothing half-applied; the retry applies it once', async () => {
    const secret = await ho.register('MH01', 'F1')
    const kiosk = fakeKiosk('MH01', 'F1')
    const http = ho.client('MH01', 'F1', secret)
    const batch = Array.from({ length: 10 }, () => kiosk.enroll())
    plan.crashOnLedgerWrite = 1
    await expect(http.push(batch)).rejects.toMatchObject({
      kind: 'server',
      status: 500,
      code: 'INTERNAL',
    })
    plan.crashOnLedgerWrite = -1
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['F1'])).toBe(0)
    expect(
      await count(ho.ds, 'ho_notification', 'plan_number = ?', [batch[0]?.payload.planNumber]),
    ).toBe(0)
    const retry = await http.push(batch)
    expect(retry.results.every((r) => r.status === 'applied')).toBe(true)
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['F1'])).toBe(10)
  })

  it('a retry racing its slow original waits for it and is answered duplicate', async () => {
    // The retry blocks on the kiosk lock while the original commits. On PostgreSQL the statement
    // that took the lock read the ledger in its older snapshot: head office must look again
    // rather than answer "seq already used" or apply anything twice.
    const secret = await ho.register('MH01', 'F3')
    const kiosk = fakeKiosk('MH01', 'F3')
    const http = ho.client('MH01', 'F3', secret)
    const batch = Array.from({ length: 10 }, () => kiosk.enroll())
    plan.slowLedgerWriteMs = 300
    try {
      const original = http.push(batch)
      await new Promise((r) => setTimeout(r, 100))
      const retry = await http.push(batch)
      expect((await original).results.every((r) => r.status === 'applied')).toBe(true)
      expect(retry.results).toEqual(
        batch.map((e) => ({ id: e.id, seq: e.seq, status: 'duplicate', original: 'applied' })),
      )
    } finally {
      plan.slowLedgerWriteMs = 0
    }
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['F3'])).toBe(10)
  })

  it('connections cut, responses lost after commit and 500s: every event lands exactly once', async () => {
    const secret = await ho.register('MH01', 'F2')
    const kiosk = fakeKiosk('MH01', 'F2')
    const events = Array.from({ length: 180 }, (_, i) => {
      const enrolled = kiosk.enroll()
      return i % 9 === 8 ? [enrolled, kiosk.cancel(enrolled, '2026-01-06')] : [enrolled]
    }).flat()
    const outbox = createMemoryOutbox(events)
    let call = 0
    const seen: string[] = []
    const faultyFetch: typeof fetch = async (input, init) => {
      call += 1
      const mode = call % 4
      if (mode === 1) {
        seen.push('cut')
        throw new TypeError('fetch failed: socket hang up')
      }
      if (mode === 2) {
        await (await fetch(input, init)).arrayBuffer()
        seen.push('lost')
        throw new TypeError('fetch failed: connection reset after commit')
      }
      if (mode === 3 && call < 20) {
        seen.push('500')
        return new Response('<html>bad gateway</html>', { status: 502 })
      }
      return fetch(input, init)
    }
    const http = ho.client('MH01', 'F2', secret, { fetch: faultyFetch })
    const answers: string[] = []
    const client = quickClient(
      outbox,
      {
        push: async (e) => {
          const r = await http.push(e)
          answers.push(...r.results.map((x) => x.status))
          return r
        },
        pull: http.pull,
      },
      () => ho.now.value,
    )
    client.start()
    await until(async () => (await outbox.port.pendingCount()) === 0)
    await client.stop()
    expect(seen).toContain('lost')
    expect(seen).toContain('cut')
    expect(seen).toContain('500')
    expect(answers).toContain('duplicate')
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', ['MH01/F2'])).toBe(200)
    expect(await count(ho.ds, 'ho_plan', 'kiosk_code = ?', ['F2'])).toBe(180)
    expect(await count(ho.ds, 'ho_cancellation', 'kiosk_code = ?', ['F2'])).toBe(20)
    expect(await count(ho.ds, 'ho_plan', "kiosk_code = ? AND status = 'cancelled'", ['F2'])).toBe(
      20,
    )
  })
})
