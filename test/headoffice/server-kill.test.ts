import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../electron/core/logger'
import { createSyncClient } from '../../electron/core/sync/sync-client'
import { createSyncHttp } from '../../electron/core/sync/sync-http'
import { createMemoryOutbox } from '../electron/core/sync/memory-outbox'
import { fakeKiosk } from './fixtures'
import { DEMO_CATALOG, TARGETS, createTestDatabase, type TargetKind } from './harness'

const TOKEN = 'kill-test-admin-token-0123456789'

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/** Where the killed head office keeps its data: a SQLite file or a PostgreSQL database. */
interface ServerDatabase {
  env: Record<string, string>
  drop(): Promise<void>
}

async function serverDatabase(kind: TargetKind): Promise<ServerDatabase> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ho-kill-'))
    return {
      env: { DATABASE_URL: '', HEADOFFICE_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const db = await createTestDatabase('postgres')
  if (db.target.kind !== 'postgres') throw new Error('expected a PostgreSQL database')
  return {
    env: {
      DATABASE_URL: db.target.url,
      HEADOFFICE_MASTER_KEY: randomBytes(32).toString('hex'),
    },
    drop: db.drop,
  }
}

/**
 * Starts head office's entry point (what `npm run headoffice` runs) on its database, as ONE node
 * process (tsx as a loader, not the tsx wrapper) so SIGKILL really kills the server.
 */
async function startServer(database: ServerDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'headoffice/server.ts'], {
    env: {
      ...process.env,
      ...database.env,
      HEADOFFICE_PORT: String(port),
      HEADOFFICE_ADMIN_TOKEN: TOKEN,
      HEADOFFICE_KIOSK_RATE_MAX: '1000000',
      HEADOFFICE_ADDRESS_RATE_MAX: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const end = Date.now() + 20_000
  while (Date.now() < end) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  child.kill('SIGKILL')
  throw new Error('head office did not start')
}

describe.each(TARGETS)('head office process killed in the middle of a batch (%s)', (kind) => {
  let database: ServerDatabase
  const children: ChildProcess[] = []
  beforeAll(async () => {
    database = await serverDatabase(kind)
  })
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL')
    // Let PostgreSQL notice the killed server's connections before the database is dropped.
    await new Promise((r) => setTimeout(r, 100))
    await database?.drop()
  })

  it('loses nothing and applies nothing twice', { timeout: 90_000 }, async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    let server = await startServer(database, port)
    children.push(server)
    const registered = await fetch(`${base}/admin/kiosks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ storeCode: 'MH01', kioskCode: 'K1' }),
    })
    const secret = ((await registered.json()) as { data: { secret: string } }).data.secret
    // Head office checks every enrollment against the catalog version it names.
    const published = await fetch(`${base}/admin/catalogs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_CATALOG()),
    })
    expect(published.status).toBe(200)

    const kiosk = fakeKiosk('MH01', 'K1')
    const outbox = createMemoryOutbox(
      Array.from({ length: 2_000 }, () =>
        kiosk.enroll({ enrolledOn: '2026-11-20', purchaseDate: '2026-11-18' }),
      ),
    )
    const http = createSyncHttp({
      baseUrl: base,
      kioskId: 'MH01/K1',
      secret: async () => secret,
      clock: Date.now,
    })
    let pushes = 0
    let killed = false
    const client = createSyncClient({
      port: outbox.port,
      http: {
        push: (events) => {
          pushes += 1
          const pending = http.push(events)
          if (pushes === 3 && !killed) {
            killed = true
            // Kill -9 while this batch is in flight at head office.
            setTimeout(() => server.kill('SIGKILL'), 15)
          }
          return pending
        },
        pull: http.pull,
      },
      clock: Date.now,
      logger: createMemoryLogger(),
      batchSize: 200,
      backoff: { baseMs: 50, maxMs: 200 },
    })
    client.start()
    const end = Date.now() + 20_000
    while (!killed || (server.exitCode === null && server.signalCode === null)) {
      if (Date.now() > end) throw new Error('server not killed')
      await new Promise((r) => setTimeout(r, 20))
    }
    expect((await client.status()).pendingCount).toBeGreaterThan(0)
    server = await startServer(database, port)
    children.push(server)
    const finish = Date.now() + 30_000
    while ((await outbox.port.pendingCount()) > 0) {
      if (Date.now() > finish) throw new Error('client did not catch up')
      await new Promise((r) => setTimeout(r, 50))
    }
    await client.stop()
    const report = await fetch(`${base}/admin/reports/activity?from=2026-11-01&to=2026-11-30`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const lines = (
      (await report.json()) as { data: Array<{ enrollments: number; feesPaise: number }> }
    ).data
    expect(lines.reduce((n, l) => n + l.enrollments, 0)).toBe(2_000)
    expect(lines.reduce((n, l) => n + l.feesPaise, 0)).toBe(2_000 * 49_900)
    server.kill('SIGTERM')
  })
})
