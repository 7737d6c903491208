import { createHash, createHmac, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isErrorCode } from '../../shared/errors'
import {
  PushRequestSchema,
  ImeiCheckRequestSchema,
  OtpVerifyRequestSchema,
  ReleaseRequestSchema,
  ReserveRequestSchema,
  StaffRecordSchema,
} from '../../shared/sync/protocol'
import { SIGNATURE_HEADERS, canonicalString } from '../../shared/sync/signing'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from '../headoffice/harness'
import { HOSTILE_BODIES } from './hostile'
import { arbitraryOf, type JsonSchema } from './schema-arbitrary'

/**
 * Head office's routes fuzzed (issue 19): every endpoint called unsigned, with forged signatures
 * or a wrong admin token, and — authenticated — with garbage bodies: hostile bytes, values of the
 * route's own body schema (z.toJSONSchema → fast-check) and arbitrary JSON. Whatever comes in the
 * answer is an error envelope with a known code and a 4xx status, never a 5xx; Object.prototype
 * is untouched; a refused request changes no table (an authenticated kiosk's nonce aside: it is
 * spent by design). Bounded: the fixed hostile bodies plus RUNS generated ones per route and
 * caller, on SQLite and PostgreSQL.
 */

const RUNS = 8
const SEED = 1919
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort()

interface Route {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  caller: 'kiosk' | 'admin' | 'none'
  body?: z.ZodType
}

const PLAN = 'MH01-K1-0000123-X'
const ROUTES: Route[] = [
  { method: 'GET', path: '/health', caller: 'none' },
  { method: 'POST', path: '/sync/push', caller: 'kiosk', body: PushRequestSchema },
  { method: 'GET', path: '/sync/pull?since=0', caller: 'kiosk' },
  { method: 'GET', path: '/sync/pull?since=-1&limit=1e9', caller: 'kiosk' },
  { method: 'GET', path: `/plans/${PLAN}?onDate=2026-11-28`, caller: 'kiosk' },
  { method: 'GET', path: '/plans/%E0%A4%A?onDate=x', caller: 'kiosk' },
  { method: 'POST', path: `/plans/${PLAN}/reserve`, caller: 'kiosk', body: ReserveRequestSchema },
  { method: 'POST', path: `/plans/${PLAN}/release`, caller: 'kiosk', body: ReleaseRequestSchema },
  { method: 'POST', path: '/imeis/check', caller: 'kiosk', body: ImeiCheckRequestSchema },
  { method: 'POST', path: `/plans/${PLAN}/otp`, caller: 'kiosk' },
  {
    method: 'POST',
    path: `/plans/${PLAN}/otp/verify`,
    caller: 'kiosk',
    body: OtpVerifyRequestSchema,
  },
  {
    method: 'POST',
    path: '/admin/kiosks',
    caller: 'admin',
    body: z.object({ storeCode: z.string(), kioskCode: z.string() }),
  },
  { method: 'GET', path: '/admin/kiosks', caller: 'admin' },
  { method: 'POST', path: '/admin/kiosks/MH01/K404/revoke', caller: 'admin' },
  {
    method: 'POST',
    path: '/admin/catalogs',
    caller: 'admin',
    body: z.object({ version: z.string(), models: z.array(z.unknown()) }),
  },
  { method: 'GET', path: '/admin/catalogs', caller: 'admin' },
  {
    method: 'PUT',
    path: '/admin/stores/ZZ99/staff/C9',
    caller: 'admin',
    body: StaffRecordSchema.omit({ staffCode: true }),
  },
  { method: 'GET', path: '/admin/conflicts?status=%00', caller: 'admin' },
  {
    method: 'POST',
    path: `/admin/conflicts/${randomUUID()}/resolve`,
    caller: 'admin',
    body: z.object({ resolution: z.string() }),
  },
  { method: 'GET', path: '/admin/notifications?limit=NaN', caller: 'admin' },
  {
    method: 'POST',
    path: '/admin/reminders/run',
    caller: 'admin',
    body: z.object({ today: z.string() }),
  },
  { method: 'GET', path: '/admin/reports/liability?asOf=2026-13-45', caller: 'admin' },
  { method: 'GET', path: '/admin/reports/activity?from=__proto__&to=constructor', caller: 'admin' },
  { method: 'GET', path: '/admin/reports/duplicate-imeis?format=xml', caller: 'admin' },
  { method: 'GET', path: '/__proto__', caller: 'none' },
]

const PROTECTED_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415, 422]

describe.each(TARGETS)("head office's routes fuzzed, on %s", (kind) => {
  let ho: TestHeadOffice
  let secret: string
  let tables: string[]
  let n = 0
  const tally = { requests: 0 }

  const rowCounts = async () => {
    const out: Record<string, number> = {}
    for (const t of tables) out[t] = await count(ho.ds, t)
    return out
  }

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    secret = await ho.register('MH01', 'K1')
    const names = (await ho.ds.query(
      kind === 'postgres'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    )) as Array<{ name: string }>
    tables = names.map((t) => t.name).sort()
  })
  afterAll(async () => {
    await ho?.close()
    console.info(`head-office fuzz on ${kind}: ${tally.requests} requests`)
  })

  /** The headers of one caller: none, forged, or genuine (kiosk signature / admin token). */
  function headersFor(route: Route, auth: 'none' | 'forged' | 'genuine', body: Buffer) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (auth === 'none' || route.caller === 'none') return headers
    if (route.caller === 'admin') {
      headers.authorization =
        auth === 'genuine' ? 'Bearer test-admin-token-0123456789abcdef' : `Bearer forged-${n++}`
      return headers
    }
    const timestamp = String(ho.now.value)
    const nonce = `fuzz-nonce-${++n}-abcdefghijkl`
    const signature = createHmac('sha256', auth === 'genuine' ? secret : 'forged-secret')
      .update(
        canonicalString({
          method: route.method,
          path: route.path,
          timestamp,
          nonce,
          bodySha256Hex: createHash('sha256').update(body).digest('hex'),
        }),
      )
      .digest('hex')
    return {
      ...headers,
      [SIGNATURE_HEADERS.kiosk]: 'MH01/K1',
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signature,
    }
  }

  async function send(route: Route, auth: 'none' | 'forged' | 'genuine', body: Buffer) {
    const before = await rowCounts()
    const response = await fetch(`${ho.url}${route.path}`, {
      method: route.method,
      headers: headersFor(route, auth, route.method === 'GET' ? Buffer.alloc(0) : body),
      body: route.method === 'GET' ? undefined : body,
    })
    tally.requests += 1
    const text = await response.text()
    const what = `${route.method} ${route.path} (${auth}) → ${response.status} ${text.slice(0, 200)}`
    expect(response.status, what).toBeLessThan(500)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    if (response.status === 200) return // an authenticated caller's valid request: allowed to act
    expect(PROTECTED_STATUSES, what).toContain(response.status)
    const json = JSON.parse(text) as { ok: boolean; error: { code: string; message: string } }
    expect(json.ok, what).toBe(false)
    expect(isErrorCode(json.error.code), what).toBe(true)
    expect(typeof json.error.message, what).toBe('string')
    const after = await rowCounts()
    // A genuine kiosk's nonce is spent once its signature is verified, whatever the body.
    if (auth === 'genuine' && route.caller === 'kiosk') after.ho_nonce = before.ho_nonce as number
    expect(after, what).toEqual(before)
  }

  it(
    'answers every route, caller and hostile body with a clean 4xx envelope',
    { timeout: 60_000 },
    async () => {
      for (const route of ROUTES) {
        for (const auth of ['none', 'forged', 'genuine'] as const) {
          if (route.method === 'GET') {
            await send(route, auth, Buffer.alloc(0))
            continue
          }
          for (const [, body] of HOSTILE_BODIES) await send(route, auth, body)
          const generated = route.body
            ? arbitraryOf(
                z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
              )
            : fc.jsonValue()
          await fc.assert(
            fc.asyncProperty(fc.oneof(generated, fc.jsonValue({ maxDepth: 4 })), async (value) => {
              await send(route, auth, Buffer.from(JSON.stringify(value) ?? 'null'))
            }),
            { numRuns: RUNS, seed: SEED },
          )
        }
      }
    },
  )
})
