import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataSource } from 'typeorm'
import { createMemoryLogger } from '../../electron/core/logger'
import { createSyncClient, type SyncClient } from '../../electron/core/sync/sync-client'
import { createSyncHttp } from '../../electron/core/sync/sync-http'
import { openDatabase } from '../../headoffice/db/data-source'
import type { OutboxEvent } from '../../shared/sync/events'
import { createMemoryOutbox } from '../electron/core/sync/memory-outbox'
import { fakeKiosk, type FakeKiosk } from './fixtures'
import { DEMO_CATALOG, count, createTestDatabase } from './harness'

/**
 * Issue 20: several stateless head-office processes behind one PostgreSQL are as correct as one.
 * Three real head-office processes (`headoffice/server.ts`, as `npm run headoffice` runs it) on
 * one database; 20 kiosks (the kiosk's own sync client and signed HTTP client) push and pull with
 * every request — so every retry — sent to the next process; some pushes reach head office and
 * commit but lose their answer (the retry of the same batch goes to another process); one process
 * is killed with SIGKILL while pushes are in flight. Then: nothing lost, nothing applied twice,
 * every conflict recorded and seen once.
 */
const TOKEN = 'three-process-admin-token-0123456789'
const KIOSKS = 20
const PLANS_PER_KIOSK = 24

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'headoffice/server.ts'], {
    env: {
      ...process.env,
      ...env,
      HEADOFFICE_PORT: String(port),
      HEADOFFICE_ADMIN_TOKEN: TOKEN,
      HEADOFFICE_KIOSK_RATE_MAX: '1000000',
      HEADOFFICE_ADDRESS_RATE_MAX: '1000000',
      HEADOFFICE_JOB_INTERVAL_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const end = Date.now() + 30_000
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`head office exited: ${stderr.slice(0, 500)}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  child.kill('SIGKILL')
  throw new Error('head office did not start')
}

async function admin(port: number, method: string, path: string, body?: unknown) {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads any admin answer
  return { status: r.status, json: (await r.json()) as any }
}

/**
 * The kiosk's network to a fleet of head-office processes: each request goes to the next process
 * in turn (a round-robin load balancer without health checks, the worst case), and `losePush`
 * decides per push whether its answer is lost after head office committed it.
 */
function rotatingFetch(ports: number[], start: number, losePush: (n: number) => boolean) {
  let next = start
  let pushes = 0
  const stats = { requests: 0, lost: 0, refused: 0, byPort: new Map<number, number>() }
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input : input.url,
    )
    const port = ports[next++ % ports.length] as number
    url.port = String(port)
    stats.requests += 1
    stats.byPort.set(port, (stats.byPort.get(port) ?? 0) + 1)
    let response: Response
    try {
      response = await fetch(url, init)
    } catch (error) {
      stats.refused += 1
      throw error
    }
    if (url.pathname === '/sync/push' && losePush(++pushes)) {
      await response.arrayBuffer()
      stats.lost += 1
      throw new TypeError('fetch failed (answer lost)')
    }
    return response
  }) as typeof fetch
  return { fetch: f, stats }
}

interface SimKiosk {
  kiosk: FakeKiosk
  outbox: ReturnType<typeof createMemoryOutbox>
  client: SyncClient
  net: ReturnType<typeof rotatingFetch>
  sent: OutboxEvent[]
}

/** Syncs until the kiosk's outbox is empty and a pull succeeded; every failure retried at once. */
async function drain(k: SimKiosk): Promise<number> {
  let failures = 0
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await k.client.syncNow()
    if (status.pendingCount === 0 && !status.lastError) return failures
    failures += 1
  }
  throw new Error(`${k.kiosk.storeCode}/${k.kiosk.kioskCode} never drained`)
}

describe('three head-office processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  let ds: DataSource
  const children: ChildProcess[] = []
  let ports: number[] = []
  let env: Record<string, string>

  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    if (db.target.kind !== 'postgres') throw new Error('expected PostgreSQL')
    env = { DATABASE_URL: db.target.url, HEADOFFICE_MASTER_KEY: randomBytes(32).toString('hex') }
    ports = [await freePort(), await freePort(), await freePort()]
    // All three at once on the fresh database, as a service manager or compose starts replicas:
    // one runs the migrations, the others wait for them (db/data-source.ts).
    children.push(...(await Promise.all(ports.map((port) => startServer(env, port)))))
    ds = await openDatabase(db.target, 2)
  }, 120_000)
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL')
    await ds?.destroy()
    await new Promise((r) => setTimeout(r, 100))
    await db?.drop()
  })

  it(
    'loses nothing, applies nothing twice, records every conflict once — one process killed',
    { timeout: 240_000 },
    async () => {
      expect((await admin(ports[0]!, 'POST', '/admin/catalogs', DEMO_CATALOG())).status).toBe(200)
      const kiosks: SimKiosk[] = []
      for (let i = 0; i < KIOSKS; i++) {
        const store = `T${String(i % 10).padStart(2, '0')}`
        const code = `K${Math.floor(i / 10) + 1}`
        // Registered through a different process each time.
        const reg = await admin(ports[i % 3]!, 'POST', '/admin/kiosks', {
          storeCode: store,
          kioskCode: code,
        })
        expect(reg.status).toBe(200)
        const secret = reg.json.data.secret as string
        // Every fourth kiosk loses the answer to its second and fifth push.
        const net = rotatingFetch(ports, i, (n) => i % 4 === 0 && (n === 2 || n === 5))
        const outbox = createMemoryOutbox()
        const http = createSyncHttp({
          baseUrl: `http://127.0.0.1:${ports[0]}`,
          kioskId: `${store}/${code}`,
          secret: async () => secret,
          clock: Date.now,
          fetch: net.fetch,
          timeoutMs: 30_000,
        })
        const client = createSyncClient({
          port: outbox.port,
          http,
          clock: Date.now,
          logger: createMemoryLogger(),
          batchSize: 6,
        })
        kiosks.push({ kiosk: fakeKiosk(store, code), outbox, client, net, sent: [] })
      }
      const add = (k: SimKiosk, ...events: OutboxEvent[]) => {
        k.outbox.add(...events)
        k.sent.push(...events)
      }

      // Round 1: every kiosk enrolls and cancels; one process is SIGKILLed while pushes are in flight.
      const plans = new Map<SimKiosk, ReturnType<FakeKiosk['enroll']>[]>()
      for (const k of kiosks) {
        const own = Array.from({ length: PLANS_PER_KIOSK }, () => k.kiosk.enroll())
        plans.set(k, own)
        add(k, ...own, k.kiosk.cancel(own[PLANS_PER_KIOSK - 1]!, '2026-01-08'))
      }
      const victim = children[1]!
      let killed = false
      const watcher = (async () => {
        // Kill once the fleet has sent some pushes, so the kill lands in the middle of the round.
        while (kiosks.reduce((n, k) => n + k.net.stats.requests, 0) < 40) {
          await new Promise((r) => setTimeout(r, 5))
        }
        victim.kill('SIGKILL')
        killed = true
      })()
      const failures = await Promise.all(kiosks.map(drain))
      await watcher
      expect(killed).toBe(true)
      expect(victim.signalCode).toBe('SIGKILL')

      // Round 2: pairs of kiosks in different stores redeem the same plan while the fleet is one
      // process short: one credit each, the other a conflict.
      const pairs = Array.from(
        { length: KIOSKS / 2 },
        (_, j) => [kiosks[j]!, kiosks[j + 10]!] as const,
      )
      for (const [owner, other] of pairs) {
        const plan = plans.get(owner)![0]!
        add(owner, owner.kiosk.redeem(plan, '2026-05-10'))
        add(other, other.kiosk.redeem(plan, '2026-05-10'))
      }
      await Promise.all(kiosks.map(drain))
      // And one more pull each, so every kiosk has seen the conflicts of its store.
      await Promise.all(kiosks.map(drain))

      // The kiosks' side: every event answered, none rejected.
      for (const k of kiosks) {
        expect(k.outbox.events.filter((e) => e.state !== 'sent')).toEqual([])
      }
      // Retries really went elsewhere, answers really were lost, the dead process really refused.
      const lost = kiosks.reduce((n, k) => n + k.net.stats.lost, 0)
      const refused = kiosks.reduce((n, k) => n + k.net.stats.refused, 0)
      expect(lost).toBe(10)
      expect(refused).toBeGreaterThan(0)
      expect(failures.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)

      // Head office: each event once, each plan once, the sequence of each kiosk complete.
      const sentIds = kiosks.flatMap((k) => k.sent.map((e) => e.id))
      expect(await count(ds, 'ho_sync_event')).toBe(sentIds.length)
      expect(
        Number(
          (
            (await ds.query(`SELECT COUNT(DISTINCT id) AS n FROM ho_sync_event`)) as [{ n: string }]
          )[0].n,
        ),
      ).toBe(sentIds.length)
      expect(await count(ds, 'ho_plan')).toBe(KIOSKS * PLANS_PER_KIOSK)
      expect(await count(ds, 'ho_cancellation')).toBe(KIOSKS)
      for (const k of kiosks) {
        const [row] = (await ds.query(`SELECT last_seq FROM ho_kiosk WHERE id = $1`, [
          `${k.kiosk.storeCode}/${k.kiosk.kioskCode}`,
        ])) as Array<{ last_seq: string }>
        expect(Number(row!.last_seq)).toBe(k.kiosk.seq)
      }
      // Every double redemption: one credit, one conflict row, one conflict record.
      expect(await count(ds, 'ho_redemption', `status = 'credited'`)).toBe(KIOSKS / 2)
      expect(await count(ds, 'ho_redemption', `status = 'conflict'`)).toBe(KIOSKS / 2)
      expect(await count(ds, 'ho_conflict')).toBe(KIOSKS / 2)
      expect(
        Number(
          (
            (await ds.query(`SELECT COUNT(DISTINCT plan_number) AS n FROM ho_conflict`)) as [
              { n: string },
            ]
          )[0].n,
        ),
      ).toBe(KIOSKS / 2)
      // Each kiosk saw each conflict of its store exactly once in its feed.
      for (const k of kiosks) {
        const seen = k.outbox.applied.flatMap((c) =>
          c.kind === 'conflict' ? [c.conflict.conflictId] : [],
        )
        expect(seen.length).toBeGreaterThan(0)
        expect(new Set(seen).size).toBe(seen.length)
      }
      // The desk (asked of a surviving process) agrees: every enrollment and fee once.
      const report = await admin(
        ports[2]!,
        'GET',
        '/admin/reports/activity?from=2026-01-01&to=2026-12-31',
      )
      const lines = report.json.data as Array<{ enrollments: number }>
      expect(lines.reduce((n, l) => n + l.enrollments, 0)).toBe(KIOSKS * PLANS_PER_KIOSK)
    },
  )

  it('a kiosk revoked through one process is refused by the others at once', async () => {
    const reg = await admin(ports[0]!, 'POST', '/admin/kiosks', {
      storeCode: 'RV01',
      kioskCode: 'K1',
    })
    const secret = reg.json.data.secret as string
    const via = (port: number) =>
      createSyncHttp({
        baseUrl: `http://127.0.0.1:${port}`,
        kioskId: 'RV01/K1',
        secret: async () => secret,
        clock: Date.now,
      })
    // Warm every live process's view of the kiosk first.
    for (const port of [ports[0]!, ports[2]!])
      expect((await via(port).pull(0)).changes).toBeDefined()
    expect((await admin(ports[0]!, 'POST', '/admin/kiosks/RV01/K1/revoke')).status).toBe(200)
    await expect(via(ports[2]!).pull(0)).rejects.toMatchObject({ code: 'KIOSK_REVOKED' })
    await expect(via(ports[0]!).pull(0)).rejects.toMatchObject({ code: 'KIOSK_REVOKED' })
  })

  it('a catalog published through one process is used by the others at once', async () => {
    const reg = await admin(ports[2]!, 'POST', '/admin/kiosks', {
      storeCode: 'CT01',
      kioskCode: 'K1',
    })
    const http = createSyncHttp({
      baseUrl: `http://127.0.0.1:${ports[2]}`,
      kioskId: 'CT01/K1',
      secret: async () => reg.json.data.secret as string,
      clock: Date.now,
    })
    const kiosk = fakeKiosk('CT01', 'K1')
    const unknown = await http.push([kiosk.enroll({ catalogVersion: '2026.12.1' })])
    expect(unknown.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'CATALOG_VERSION_UNKNOWN',
    })
    const next = { ...(DEMO_CATALOG() as object), version: '2026.12.1' }
    expect((await admin(ports[0]!, 'POST', '/admin/catalogs', next)).status).toBe(200)
    const known = await http.push([kiosk.enroll({ catalogVersion: '2026.12.1' })])
    expect(known.results[0]).toMatchObject({ status: 'applied' })
  })

  it('the background jobs ran once across the processes', async () => {
    // Each process ticks every 200 ms; the day's reminder run is recorded once, whoever ran it.
    const end = Date.now() + 20_000
    while ((await count(ds, 'ho_job_run', `job = 'step-down-reminders'`)) === 0) {
      if (Date.now() > end) throw new Error('no process ran the reminders')
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(await count(ds, 'ho_job_run', `job = 'step-down-reminders'`)).toBe(1)
  })
})
