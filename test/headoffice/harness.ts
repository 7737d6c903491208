import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { spawn } from 'node:child_process'
import type { FastifyInstance } from 'fastify'
import { DataSource } from 'typeorm'
import { createSyncHttp, type SyncHttp } from '../../electron/core/sync/sync-http'
import { buildApp, type AppDeps } from '../../headoffice/app'
import { openDatabase, type DatabaseTarget } from '../../headoffice/db/data-source'
import type { RateBudget } from '../../headoffice/http/rate-limit'
import { silentLogger } from '../../headoffice/logger'
import {
  runHeadOfficeRetention,
  type HeadOfficeRetentionOutcome,
} from '../../headoffice/retention/retention'
import { registerKiosk } from '../../headoffice/services/kiosk-registry'
import { readFileSync } from 'node:fs'
import { publishCatalog } from '../../headoffice/services/catalog-publisher'
import { createSecretBox, type SecretBox } from '../../headoffice/services/secret-box'
import type { UpdateFeed } from '../../headoffice/services/update-feed'
import type { PushEventResult } from '../../shared/sync/protocol'
import { kioskId } from '../../shared/sync/signing'
import { fakeKiosk } from './fixtures'

/** The demo catalog as published (a fresh copy each call). */
export const DEMO_CATALOG = (): unknown =>
  JSON.parse(readFileSync('resources/catalog/demo-catalog.json', 'utf8'))

/** Both engines head office runs on; every integration suite runs against each. */
export const TARGETS = ['sqlite', 'postgres'] as const
export type TargetKind = (typeof TARGETS)[number]

export const PG_ADMIN_URL =
  process.env.HEADOFFICE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** A database of its own for one test file: a uniquely named PostgreSQL database or a temp file. */
export async function createTestDatabase(kind: TargetKind): Promise<{
  target: DatabaseTarget
  drop: () => Promise<void>
}> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ho-test-'))
    return {
      target: { kind: 'sqlite', file: join(dir, 'headoffice.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const name = `ho_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new DataSource({ type: 'postgres', url: PG_ADMIN_URL, poolSize: 1 })
  try {
    await admin.initialize()
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (see docs/testing.md#postgresql: ` +
        `pg_ctlcluster <version> main start): ${(error as Error).message}`,
    )
  }
  await admin.query(`CREATE DATABASE ${name}`)
  return {
    target: { kind: 'postgres', url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`) },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.destroy()
    },
  }
}

/** A running head office on 127.0.0.1 with a settable clock. */
export interface TestHeadOffice {
  url: string
  /** The database, as the admin command line would be pointed at it. */
  target: DatabaseTarget
  /** The master key sealing kiosk secrets (HEADOFFICE_MASTER_KEY for the command line). */
  masterKeyHex: string
  ds: DataSource
  app: FastifyInstance
  box: SecretBox
  /** Current time in epoch ms; tests move it. */
  now: { value: number }
  register(storeCode: string, kioskCode: string): Promise<string>
  client(
    storeCode: string,
    kioskCode: string,
    secret: string,
    options?: { fetch?: typeof fetch; clock?: () => number },
  ): SyncHttp
  /** Head office's daily retention as its timer runs it (once a day: the job's lease). */
  runRetention(): Promise<HeadOfficeRetentionOutcome>
  admin(
    method: string,
    path: string,
    body?: unknown,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any admin answer
  ): Promise<{ status: number; json: any; text: string }>
  close(): Promise<void>
}

export async function startHeadOffice(
  kind: TargetKind,
  options: {
    /** Per-kiosk budget (default: plenty). */
    kioskRateLimit?: RateBudget
    /** Per-address budget (default: plenty; every test request comes from 127.0.0.1). */
    addressRateLimit?: RateBudget
    bodyLimit?: number
    start?: number
    /** Wraps the data source the app uses (fault injection). */
    wrap?: (ds: DataSource) => DataSource
    /**
     * Publish the demo catalog (resources/catalog/demo-catalog.json) before the first request,
     * as a real head office has: it checks every enrollment against the version it names. Default
     * true; false for tests that publish catalogs themselves.
     */
    catalog?: boolean
    /** The kiosk update feed served (docs/updates.md); default none. */
    updates?: UpdateFeed
    /** The counter's fraud checks: lost/stolen register, SMS sender of one-time codes. */
    fraud?: AppDeps['fraud']
    /** Per-address budget of the public plan page (default: plenty). */
    planPageRateLimit?: RateBudget
    /** The built console to serve under /console (out/console); default none. */
    consoleDir?: string
    /** Console single sign-on settings (a local OIDC provider). */
    oidc?: AppDeps['oidc']
    /** The DLT ids of the SMS templates, as SMS_DLT_TEMPLATE_* configure them. */
    smsTemplateIds?: AppDeps['smsTemplateIds']
  } = {},
): Promise<TestHeadOffice> {
  const db = await createTestDatabase(kind)
  const realDs = await openDatabase(db.target, 20)
  const ds = options.wrap ? options.wrap(realDs) : realDs
  const masterKey = randomBytes(32)
  const box = createSecretBox(masterKey)
  const now = { value: options.start ?? Date.parse('2026-11-28T06:00:00Z') }
  const clock = () => now.value
  const app = buildApp({
    ds,
    box,
    adminToken: ADMIN_TOKEN,
    clock,
    logger: silentLogger,
    kioskRateLimit: options.kioskRateLimit ?? { max: 1_000_000, windowMs: 1_000 },
    addressRateLimit: options.addressRateLimit ?? { max: 1_000_000, windowMs: 1_000 },
    bodyLimit: options.bodyLimit,
    updates: options.updates ?? null,
    planPageRateLimit: options.planPageRateLimit ?? { max: 1_000_000, windowMs: 1_000 },
    ...(options.fraud ? { fraud: options.fraud } : {}),
    consoleDir: options.consoleDir ?? null,
    oidc: options.oidc ?? null,
    smsTemplateIds: options.smsTemplateIds ?? null,
  })
  if (options.catalog !== false) await publishCatalog(realDs, DEMO_CATALOG(), now.value)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    target: db.target,
    masterKeyHex: masterKey.toString('hex'),
    ds,
    app,
    box,
    now,
    async register(storeCode, kioskCode) {
      return (await registerKiosk(ds, box, { storeCode, kioskCode }, now.value)).secret
    },
    client(storeCode, kioskCode, secret, o = {}) {
      return createSyncHttp({
        baseUrl: url,
        kioskId: kioskId(storeCode, kioskCode),
        secret: async () => secret,
        clock: o.clock ?? clock,
        fetch: o.fetch,
        timeoutMs: 20_000,
      })
    },
    runRetention: () => runHeadOfficeRetention(realDs, now.value),
    async admin(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      let json: unknown = null
      try {
        json = JSON.parse(text)
      } catch {
        json = null
      }
      return { status: response.status, json, text }
    },
    async close() {
      await app.close()
      await realDs.destroy()
      await db.drop()
    },
  }
}

/** Counts rows of a table (optionally filtered). */
export async function count(
  ds: DataSource,
  table: string,
  where = '',
  params: unknown[] = [],
): Promise<number> {
  const pg = ds.options.type === 'postgres'
  let n = 0
  const sql = `SELECT COUNT(*) AS n FROM ${table} ${where ? `WHERE ${where}` : ''}`.replace(
    /\?/g,
    () => (pg ? `$${++n}` : '?'),
  )
  const rows = (await ds.query(sql, params)) as Array<{ n: number | string }>
  return Number(rows[0]?.n)
}

/** A kiosk registered at the test head office: its fake event source and its signed client. */
export async function kioskPair(ho: TestHeadOffice, store: string, code: string) {
  const secret = await ho.register(store, code)
  return { kiosk: fakeKiosk(store, code), http: ho.client(store, code, secret) }
}

/** Each push answer as its status, or as its reason code when rejected. */
export const pushOutcomes = (results: PushEventResult[]) =>
  results.map((r) => (r.status === 'rejected' ? r.reason : r.status))

/**
 * Runs `tsx headoffice/admin.ts …` against a test head office's database, as an operator runs
 * it (same master key, same database), with any extra environment; resolves with its exit code
 * and what it printed (stdout and stderr apart).
 */
export async function runAdminCli(
  ho: TestHeadOffice,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    HEADOFFICE_MASTER_KEY: ho.masterKeyHex,
  }
  if (ho.target.kind === 'postgres') env.DATABASE_URL = ho.target.url
  else {
    env.DATABASE_URL = ''
    env.HEADOFFICE_DATA_DIR = dirname(ho.target.file)
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'headoffice/admin.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, out, err }
}

/** `runAdminCli` for a command that must succeed: its standard output. */
export async function adminCli(ho: TestHeadOffice, args: string[]): Promise<string> {
  const { code, out, err } = await runAdminCli(ho, args)
  if (code !== 0) throw new Error(`admin.ts ${args.join(' ')} exited ${code}: ${err}`)
  return out
}
