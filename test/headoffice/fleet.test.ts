import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../headoffice/logger'
import { buildApp } from '../../headoffice/app'
import { loadConfig } from '../../headoffice/config'
import type { Heartbeat } from '../../shared/sync/fleet'
import { createSyncHttp } from '../../electron/core/sync/sync-http'
import { kioskId } from '../../shared/sync/signing'
import {
  ADMIN_TOKEN,
  TARGETS,
  adminCli,
  count,
  startHeadOffice,
  type TestHeadOffice,
} from './harness'
import { fakeKiosk } from './fixtures'
import { openSealedKey } from '../../electron/core/sync/kiosk-keys'

/**
 * Issue 20 (docs/fleet.md): one-time provisioning codes, replacement kiosks, heartbeats and the
 * flags computed from them, logs on request, and head office's own health and /metrics — on
 * SQLite and PostgreSQL.
 */

const HOUR = 3_600_000

async function redeem(ho: TestHeadOffice, code: string) {
  const response = await fetch(`${ho.url}/provision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the envelope
  return { status: response.status, json: (await response.json()) as any }
}

async function issue(ho: TestHeadOffice, storeCode: string, kioskCode: string, ttlHours?: number) {
  const r = await ho.admin('POST', '/admin/provisioning-codes', { storeCode, kioskCode, ttlHours })
  expect(r.status, r.text).toBe(200)
  return r.json.data.code as string
}

function heartbeat(ho: TestHeadOffice, over: Partial<Heartbeat> = {}): Heartbeat {
  return {
    appVersion: '0.1.0',
    os: 'linux 6.1',
    freeDiskBytes: 20e9,
    databaseBytes: 4_000_000,
    backlog: 0,
    oldestUnsentAgeSeconds: null,
    printer: 'ok',
    lastError: null,
    sentAt: new Date(ho.now.value).toISOString(),
    ...over,
  }
}

/** A signed client for a kiosk provisioned from a code. */
function clientOf(ho: TestHeadOffice, data: { kioskId: string; secret: string }) {
  return createSyncHttp({
    baseUrl: ho.url,
    kioskId: data.kioskId,
    secret: async () => data.secret,
    clock: () => ho.now.value,
    timeoutMs: 20_000,
  })
}

describe.each(TARGETS)('fleet: provisioning, health, logs, on %s', (kind) => {
  let ho: TestHeadOffice

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('a code provisions a kiosk once: its store, its kiosk code and a secret that signs', async () => {
    const code = await issue(ho, 'MH01', 'P1')
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    // Only the hash is kept: the code itself is nowhere in the table.
    expect(await count(ho.ds, 'ho_provisioning_code', 'code_hash = ?', [code])).toBe(0)

    const first = await redeem(ho, code.toLowerCase().replace(/-/g, ' '))
    expect(first.status, JSON.stringify(first.json)).toBe(200)
    expect(first.json.data).toMatchObject({
      kioskCode: 'P1',
      kioskId: kioskId('MH01', 'P1'),
      store: {
        code: 'MH01',
        legalName: 'Xiaomi Technology India Private Limited',
        gstin: '29AABCM1234A1Z3',
        stateCode: expect.stringMatching(/^\d{2}$/),
        address: expect.any(String),
      },
    })
    const pull = await clientOf(ho, first.json.data).pull(0)
    expect(pull.changes.some((c) => c.kind === 'catalog')).toBe(true)

    const again = await redeem(ho, code)
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('PROVISIONING_CODE_USED')
  })

  it('refuses a wrong code and an expired one, with their own codes', async () => {
    const wrong = await redeem(ho, 'ABCD-EFGH-JKMN-PQRS')
    expect([wrong.status, wrong.json.error.code]).toEqual([404, 'PROVISIONING_CODE_INVALID'])
    const malformed = await redeem(ho, 'not a code')
    expect([malformed.status, malformed.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])

    const code = await issue(ho, 'MH01', 'P2', 1)
    ho.now.value += 2 * HOUR
    const late = await redeem(ho, code)
    expect([late.status, late.json.error.code]).toEqual([410, 'PROVISIONING_CODE_EXPIRED'])
    expect(await count(ho.ds, 'ho_kiosk', 'id = ?', [kioskId('MH01', 'P2')])).toBe(0)
  })

  it('will not issue a code for a kiosk code in use, an unknown store or a closed one', async () => {
    await ho.register('MH01', 'P3')
    const taken = await ho.admin('POST', '/admin/provisioning-codes', {
      storeCode: 'MH01',
      kioskCode: 'P3',
    })
    expect([taken.status, taken.json.error.code]).toEqual([409, 'KIOSK_EXISTS'])
    const bad = await ho.admin('POST', '/admin/provisioning-codes', {
      storeCode: 'MH01',
      kioskCode: 'TRN',
    })
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
    const nowhere = await ho.admin('POST', '/admin/provisioning-codes', {
      storeCode: 'ZZ99',
      kioskCode: 'K1',
    })
    expect([nowhere.status, nowhere.json.error.code]).toEqual([404, 'STORE_NOT_FOUND'])
    // MH02 is closed in the demo catalog, ONLINE is the web shop: no counter for a kiosk.
    for (const storeCode of ['MH02', 'ONLINE']) {
      const closed = await ho.admin('POST', '/admin/provisioning-codes', {
        storeCode,
        kioskCode: 'K1',
      })
      expect([closed.status, closed.json.error.code]).toEqual([400, 'STORE_NOT_IN_PROGRAM'])
    }
  })

  it('a replacement kiosk gets a new code and the store plans; the retired one is lost-at-risk', async () => {
    const secret = await ho.register('MS01', 'K1')
    const old = ho.client('MS01', 'K1', secret)
    const events = fakeKiosk('MS01', 'K1')
    const plan = events.enroll()
    expect((await old.push([plan])).results[0]!.status).toBe('applied')
    // Its last heartbeat: three sales not yet sent, the oldest an hour old.
    await old.heartbeat(heartbeat(ho, { backlog: 3, oldestUnsentAgeSeconds: 3600 }))

    const retired = await ho.admin('POST', '/admin/kiosks/MS01/K1/retire')
    expect(retired.status, retired.text).toBe(200)
    await expect(old.pull(0)).rejects.toMatchObject({ code: 'KIOSK_REVOKED' })

    const code = await issue(ho, 'MS01', 'K2')
    const replacement = (await redeem(ho, code)).json.data
    expect(replacement.kioskId).toBe(kioskId('MS01', 'K2'))
    const pulled = await clientOf(ho, replacement).pull(0)
    // The store's plans reach the replacement on its first pull (for offline lookup).
    expect(
      pulled.changes.some(
        (c) => c.kind === 'plan.status' && c.planNumber === plan.payload.planNumber,
      ),
    ).toBe(true)
    // The retired kiosk's code is never handed out again.
    const reuse = await ho.admin('POST', '/admin/provisioning-codes', {
      storeCode: 'MS01',
      kioskCode: 'K1',
    })
    expect(reuse.json.error.code).toBe('KIOSK_EXISTS')

    const fleet = await ho.admin('GET', '/admin/fleet')
    const lost = fleet.json.data.kiosks.find((k: { kioskId: string }) => k.kioskId === 'MS01/K1')
    expect(lost).toMatchObject({ status: 'retired', flags: ['lost-at-risk'] })
    expect(lost.heartbeat).toMatchObject({ backlog: 3, oldestUnsentAgeSeconds: 3600 })
  })

  it('stores the latest heartbeat and flags silence, an old backlog, a wrong clock, no paper', async () => {
    const quiet = ho.client('PP01', 'Q1', await ho.register('PP01', 'Q1'))
    const busy = ho.client('PP01', 'Q2', await ho.register('PP01', 'Q2'))
    const fine = ho.client('PP01', 'Q3', await ho.register('PP01', 'Q3'))
    await quiet.heartbeat(heartbeat(ho))
    ho.now.value += 30 * HOUR
    await fine.heartbeat(heartbeat(ho))
    // Seven hours of unsent events, a clock 90 s behind head office's, the paper out.
    const answer = await busy.heartbeat(
      heartbeat(ho, {
        backlog: 12,
        oldestUnsentAgeSeconds: 7 * 3600,
        printer: 'paper-out',
        lastError: { code: 'SYNC_OFFLINE', message: 'Head office cannot be reached' },
        sentAt: new Date(ho.now.value - 90_000).toISOString(),
      }),
    )
    expect(answer.clockOffsetMs).toBe(90_000)

    const fleet = await ho.admin('GET', '/admin/fleet')
    expect(fleet.status).toBe(200)
    const flags = Object.fromEntries(
      fleet.json.data.kiosks
        .filter((k: { storeCode: string }) => k.storeCode === 'PP01')
        .map((k: { kioskCode: string; flags: string[] }) => [k.kioskCode, k.flags]),
    )
    expect(flags).toEqual({
      Q1: ['not-seen'],
      Q2: ['backlog-old', 'clock-off', 'printer-out-of-paper'],
      Q3: [],
    })
    const q2 = fleet.json.data.kiosks.find((k: { kioskCode: string }) => k.kioskCode === 'Q2')
    expect(q2.heartbeat).toMatchObject({
      appVersion: '0.1.0',
      os: 'linux 6.1',
      databaseBytes: 4_000_000,
      backlog: 12,
      printer: 'paper-out',
      lastError: 'SYNC_OFFLINE: Head office cannot be reached',
    })
    // Thresholds from the query (or the configuration): a day and a half of silence is fine.
    const lenient = await ho.admin('GET', '/admin/fleet?notSeenHours=36&clockSkewSeconds=120')
    const q1 = lenient.json.data.kiosks.find((k: { kioskCode: string }) => k.kioskCode === 'Q1')
    expect(q1.flags).toEqual([])
  })

  it('asks a kiosk for its logs in the pull answer and keeps what it sends', async () => {
    const http = ho.client('MH02', 'L1', await ho.register('MH02', 'L1'))
    expect((await http.pull(0)).logsRequested).toBe(false)
    const asked = await ho.admin('POST', '/admin/kiosks/MH02/L1/logs/request')
    expect(asked.status).toBe(200)
    expect((await http.pull(0)).logsRequested).toBe(true)

    const sent = await http.sendLogs({ reason: 'requested', text: '{"level":"info"}\n' })
    expect(sent.bytes).toBe(17)
    expect((await http.pull(0)).logsRequested).toBe(false)
    const list = await ho.admin('GET', '/admin/kiosks/MH02/L1/logs')
    expect(list.json.data).toEqual([
      expect.objectContaining({ logId: sent.logId, reason: 'requested', bytes: 17 }),
    ])
    const text = await ho.admin('GET', `/admin/kiosks/MH02/L1/logs/${sent.logId}`)
    expect(text.text).toBe('{"level":"info"}\n')
    // More than the size limit is refused whole.
    await expect(
      http.sendLogs({ reason: 'manager', text: 'x'.repeat(600 * 1024) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    // Only the newest five uploads of a kiosk are kept.
    for (let i = 0; i < 6; i++) await http.sendLogs({ reason: 'manager', text: `line ${i}\n` })
    expect(await count(ho.ds, 'ho_kiosk_log', 'kiosk_id = ?', ['MH02/L1'])).toBe(5)
  })

  it(
    'the admin command line issues codes, retires kiosks, lists the fleet, rotates keys',
    { timeout: 60_000 },
    async () => {
      const out = await adminCli(ho, ['provisioning-code', '--store', 'PP01', '--kiosk', 'C9'])
      const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(out)?.[1]
      expect(code, out).toBeDefined()
      expect((await redeem(ho, code!)).json.data.kioskId).toBe('PP01/C9')
      expect(await adminCli(ho, ['retire-kiosk', '--store', 'PP01', '--kiosk', 'C9'])).toContain(
        'retired',
      )
      expect(await adminCli(ho, ['fleet'])).toMatch(/PP01\/C9\tretired/)
      expect(await adminCli(ho, ['rotate-key', '--name', 'cli'])).toMatch(
        /Key cli is now at version \d+/,
      )
    },
  )

  it('hands keys one way, in the pull, sealed under the kiosk secret, versioned', async () => {
    const secret = await ho.register('PP01', 'Y1')
    const http = ho.client('PP01', 'Y1', secret)
    const other = await ho.register('PP01', 'Y2')
    const first = await ho.admin('POST', '/admin/keys/org/rotate')
    expect(first.json.data).toEqual({ name: 'org', version: expect.any(Number) })
    const v1 = first.json.data.version as number
    // Kept sealed under the master key, never in clear.
    const stored = (await ho.ds.query(
      ho.ds.options.type === 'postgres'
        ? 'SELECT key_sealed FROM ho_org_key WHERE version = $1'
        : 'SELECT key_sealed FROM ho_org_key WHERE version = ?',
      [v1],
    )) as Array<{ key_sealed: string }>
    const clear = Buffer.from(ho.box.open(stored[0]!.key_sealed), 'base64')

    // A kiosk that asks (keys=<held>) gets the newer ones; one that does not ask gets none.
    expect((await http.pull(0)).keys).toBeUndefined()
    const got = (await http.pull(0, undefined, v1 - 1)).keys!
    expect(got.map((k) => [k.name, k.version])).toEqual([['org', v1]])
    expect(openSealedKey(secret, 'PP01/Y1', got[0]!)).toEqual(clear)
    // Another kiosk's secret does not open it, nor does a relabelled version.
    expect(() => openSealedKey(other, 'PP01/Y2', got[0]!)).toThrow()
    expect(() => openSealedKey(secret, 'PP01/Y1', { ...got[0]!, version: v1 + 1 })).toThrow()
    expect((await http.pull(0, undefined, v1)).keys).toBeUndefined()

    // A rotation is a new version; the kiosk holding v1 receives only v2.
    const v2 = (await ho.admin('POST', '/admin/keys/org/rotate')).json.data.version
    expect(v2).toBe(v1 + 1)
    const next = (await http.pull(0, undefined, v1)).keys!
    expect(next.map((k) => k.version)).toEqual([v2])
    expect(openSealedKey(secret, 'PP01/Y1', next[0]!)).not.toEqual(clear)
  })

  it('answers liveness, readiness and /metrics with the metrics named', async () => {
    expect((await fetch(`${ho.url}/health/live`)).status).toBe(200)
    const ready = await fetch(`${ho.url}/health/ready`)
    expect(await ready.json()).toEqual({ ok: true, data: { status: 'ready', database: 'up' } })

    expect((await fetch(`${ho.url}/metrics`)).status).toBe(401)
    const metrics = await ho.admin('GET', '/metrics')
    expect(metrics.status).toBe(200)
    for (const name of [
      'headoffice_http_request_duration_seconds_bucket{',
      'route="/sync/pull"',
      'headoffice_sync_requests_total{kind="pull",outcome="ok"}',
      'headoffice_push_events_total{outcome="applied"}',
      'headoffice_queue_depth{queue="notifications_pending"}',
      'headoffice_queue_depth{queue="conflicts_open"}',
      'headoffice_process_cpu_seconds_total',
    ]) {
      expect(metrics.text).toContain(name)
    }
  })
})

describe('provisioning never logs the code', () => {
  it('leaves no code in head office log lines, even for a refused one', async () => {
    const ho = await startHeadOffice('sqlite')
    const lines: string[] = []
    const app = buildApp({
      ds: ho.ds,
      box: ho.box,
      adminToken: ADMIN_TOKEN,
      clock: () => ho.now.value,
      logger: createLogger((line) => lines.push(line)),
      addressRateLimit: { max: 1000, windowMs: 1000 },
      provisionRateLimit: { max: 4, windowMs: 60_000 },
    })
    try {
      const code = await issue(ho, 'MH01', 'N1')
      const inject = (c: string) =>
        app.inject({ method: 'POST', url: '/provision', payload: { code: c } })
      // Unauthenticated: nothing bigger than a code is read.
      const big = await app.inject({
        method: 'POST',
        url: '/provision',
        payload: { code: 'x'.repeat(4000) },
      })
      expect(big.statusCode).toBe(413)
      expect((await inject(code)).statusCode).toBe(200)
      expect((await inject(code)).statusCode).toBe(409)
      expect((await inject('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).statusCode).toBe(404)
      // Per address: the fifth try in the window is refused before the database is asked.
      const limited = await inject('YYYY-YYYY-YYYY-YYYY')
      expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'RATE_LIMITED'])
      expect(lines.join('')).not.toContain(code)
      expect(lines.join('')).not.toContain('ZZZZ')
    } finally {
      await app.close()
      await ho.close()
    }
  })
})

describe('fleet settings', () => {
  it('reads the flag thresholds and the metrics token from the environment', () => {
    const config = loadConfig({
      HEADOFFICE_ADMIN_TOKEN: ADMIN_TOKEN,
      HEADOFFICE_MASTER_KEY: 'ab'.repeat(32),
      HEADOFFICE_DATA_DIR: '/tmp/ho-fleet-config-test',
      HEADOFFICE_FLAG_NOT_SEEN_HOURS: '48',
      HEADOFFICE_FLAG_BACKLOG_HOURS: '2',
      HEADOFFICE_FLAG_CLOCK_SKEW_SECONDS: '30',
      HEADOFFICE_METRICS_TOKEN: 'metrics-token-0123456789abcdef',
    })
    expect(config.fleetThresholds).toEqual({
      notSeenHours: 48,
      backlogHours: 2,
      clockSkewMs: 30_000,
    })
    expect(config.metricsToken).toBe('metrics-token-0123456789abcdef')
  })

  it('takes only the metrics token on /metrics once one is set (the scraper never holds the admin token)', async () => {
    const ho = await startHeadOffice('sqlite')
    const app = buildApp({
      ds: ho.ds,
      box: ho.box,
      adminToken: ADMIN_TOKEN,
      clock: () => ho.now.value,
      logger: createLogger(() => {}),
      metricsToken: 'metrics-token-0123456789abcdef',
    })
    try {
      const scrape = (token: string) =>
        app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: `Bearer ${token}` },
        })
      expect((await scrape(ADMIN_TOKEN)).statusCode).toBe(401)
      const ok = await scrape('metrics-token-0123456789abcdef')
      expect(ok.statusCode).toBe(200)
      expect(ok.headers['content-type']).toContain('text/plain')
    } finally {
      await app.close()
      await ho.close()
    }
  })
})
