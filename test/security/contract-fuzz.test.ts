import Database from 'better-sqlite3'
import fc from 'fast-check'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startBridge, type Bridge } from '../../electron/bridge/server'
import { DEMO_STAFF } from '../../electron/core'
import { createMemoryLogger } from '../../electron/core/logger'
import { isErrorCode } from '../../shared/errors'
import { CHANNELS, contract, type Channel } from '../../shared/ipc'
import { makeCore, type TestCore } from '../electron/core/helpers'
import { HOSTILE_BODIES, HOSTILE_VALUES, requestArbitrary } from './hostile'
import { arbitraryOf, type JsonSchema } from './schema-arbitrary'

/**
 * Contract fuzz (issue 19): every channel of shared/ipc.ts is called with values generated from
 * its own request schema (z.toJSONSchema → fast-check), the same with one field made hostile,
 * hostile values outright and arbitrary values — through `dispatch` and through the HTTP bridge,
 * anonymously and signed in as a manager. Whatever comes in, the answer is a clean envelope
 * (a known error code, never INTERNAL, never a 5xx), Object.prototype is untouched, and a refused
 * call leaves every table's row count as it was. Bounded: RUNS generated values per channel and
 * session, plus the fixed hostile lists.
 */

const RUNS = 12
const SEED = 1919
const TOKEN = 'contract-fuzz-token-0123456789abcdef'
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort()

/** Each channel's request arbitrary, from its zod schema (input side: what a caller sends). */
function schemaArbitrary(channel: Channel): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(contract[channel].request, { io: 'input', unrepresentable: 'any' })
  return arbitraryOf(schema as JsonSchema)
}

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

/** A clean answer: ok with data, or ok false with a known, non-internal code and a message. */
function expectCleanEnvelope(result: unknown, what: string): void {
  const r = result as { ok: boolean; error?: { code: unknown; message: unknown } }
  expect(typeof r.ok, what).toBe('boolean')
  if (r.ok) return
  expect(isErrorCode(String(r.error?.code)), `${what}: ${JSON.stringify(r.error)}`).toBe(true)
  expect(r.error?.code, `${what}: ${JSON.stringify(r.error)}`).not.toBe('INTERNAL')
  expect(typeof r.error?.message, what).toBe('string')
}

/** An anonymous caller of a guarded channel is told to sign in, never what the request lacks. */
function expectNoDetailForAnonymous(channel: string, sessionId: string, result: unknown): void {
  if (!sessionId.startsWith('fuzz-anonymous') || contract[channel as Channel]?.access === 'public')
    return
  expect(result, channel).toEqual({
    ok: false,
    error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' },
  })
}

describe('contract fuzz: every channel of shared/ipc.ts', () => {
  let tc: TestCore
  let bridge: Bridge
  let db: Database.Database
  let writer: Database.Database
  let tables: string[]
  const tally = { dispatch: 0, http: 0, refused: 0 }

  const rowCounts = () =>
    Object.fromEntries(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n,
      ]),
    )

  /**
   * A refused call wrote nothing — except a wrong PIN, which is recorded by design (the attempt
   * counts towards the lockout and is audited): one audit row, nothing else.
   */
  function expectNothingWritten(channel: string, code: string, before: Record<string, number>) {
    const after = rowCounts()
    if (
      (channel === 'staff.signIn' || channel === 'staff.unlock') &&
      (code === 'PIN_INVALID' || code === 'PIN_LOCKED')
    ) {
      expect(after.audit_log, `${channel} ${code}`).toBeLessThanOrEqual((before.audit_log ?? 0) + 1)
      after.audit_log = before.audit_log as number
    }
    expect(after, `${channel} refused ${code} but wrote`).toEqual(before)
  }

  beforeAll(async () => {
    tc = await makeCore()
    bridge = await startBridge({
      dispatch: tc.core.dispatch,
      logger: createMemoryLogger(),
      token: TOKEN,
    })
    db = new Database(tc.core.databasePath, { readonly: true })
    writer = new Database(tc.core.databasePath)
    tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{
        name: string
      }>
    ).map((t) => t.name)
  })
  afterAll(async () => {
    db?.close()
    writer?.close()
    await bridge?.close()
    await tc?.cleanup()
    console.info(
      `contract fuzz: ${tally.dispatch} dispatch calls, ${tally.http} bridge calls, ${tally.refused} refused`,
    )
  })

  /**
   * The fuzzed staff.unlock spends the manager's wrong-PIN budget: give it back, as a manager
   * clearing the lockout would, so the next channel is fuzzed signed in.
   */
  const clearLockouts = () =>
    writer
      .prepare(
        `UPDATE staff SET failed_attempts = 0, locked_at = NULL, locked_until = NULL, lock_count = 0`,
      )
      .run()

  /** A session for one channel's calls: anonymous, or a manager freshly signed in. */
  async function session(kind: 'anonymous' | 'manager', channel: string): Promise<string> {
    const id = `fuzz-${kind}-${channel}`
    if (kind === 'manager') {
      clearLockouts()
      const pin = DEMO_STAFF.find((s) => s.code === 'M1')?.pin
      const r = await tc.core.dispatch(
        'staff.signIn',
        { staffCode: 'M1', pin },
        { sessionId: id, transport: 'ipc' },
      )
      expect(r.ok).toBe(true)
    }
    return id
  }

  async function throughDispatch(channel: Channel, value: unknown, sessionId: string) {
    const before = rowCounts()
    const result = await tc.core.dispatch(channel, value, { sessionId, transport: 'ipc' })
    tally.dispatch += 1
    expectCleanEnvelope(result, channel)
    expectNoDetailForAnonymous(channel, sessionId, result)
    expectPrototypeUntouched()
    if (!result.ok) {
      tally.refused += 1
      expectNothingWritten(channel, result.error.code, before)
    }
  }

  it.each(['anonymous', 'manager'] as const)(
    'through dispatch, %s',
    { timeout: 60_000 },
    async (kind) => {
      for (const channel of CHANNELS) {
        const sessionId = await session(kind, channel)
        for (const [, value] of HOSTILE_VALUES) await throughDispatch(channel, value, sessionId)
        await fc.assert(
          fc.asyncProperty(requestArbitrary(schemaArbitrary(channel)), async (value) => {
            await throughDispatch(channel, value, sessionId)
          }),
          { numRuns: RUNS, seed: SEED },
        )
      }
    },
  )

  /** One POST /rpc/<channel> with raw bytes; the answer's status and parsed body. */
  function post(
    channel: string,
    body: Buffer,
    sessionId: string,
  ): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: bridge.port,
          method: 'POST',
          path: `/rpc/${encodeURIComponent(channel)}`,
          headers: {
            host: `127.0.0.1:${bridge.port}`,
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            'content-length': String(body.length),
            'x-kiosk-session': sessionId,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let json: unknown = null
            try {
              json = JSON.parse(text)
            } catch {
              json = { unparsable: text.slice(0, 200) }
            }
            resolve({ status: res.statusCode ?? 0, json })
          })
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  async function throughBridge(channel: string, body: Buffer, sessionId: string) {
    const before = rowCounts()
    const r = await post(channel, body, sessionId)
    tally.http += 1
    expect([200, 400, 404, 413], `${channel}: ${JSON.stringify(r.json)}`).toContain(r.status)
    expectCleanEnvelope(r.json, channel)
    if (r.status === 200) expectNoDetailForAnonymous(channel, sessionId, r.json)
    expectPrototypeUntouched()
    const answer = r.json as { ok: boolean; error?: { code: string } }
    if (!answer.ok) {
      tally.refused += 1
      expectNothingWritten(channel, answer.error?.code ?? '', before)
    }
  }

  it.each(['anonymous', 'manager'] as const)(
    'through the HTTP bridge, %s',
    { timeout: 60_000 },
    async (kind) => {
      for (const channel of CHANNELS) {
        // The bridge's session is `http:<header>`: the manager signs in over HTTP on that header.
        const sid = `fuzz-${kind}-http-${channel}`
        if (kind === 'manager') {
          clearLockouts()
          const pin = DEMO_STAFF.find((s) => s.code === 'M1')?.pin
          const signIn = Buffer.from(JSON.stringify({ staffCode: 'M1', pin }))
          expect((await post('staff.signIn', signIn, sid)).json).toMatchObject({ ok: true })
        }
        for (const [, body] of HOSTILE_BODIES) await throughBridge(channel, body, sid)
        await fc.assert(
          fc.asyncProperty(requestArbitrary(schemaArbitrary(channel)), async (value) => {
            let text: string | undefined
            try {
              text = JSON.stringify(value)
            } catch {
              text = undefined // a BigInt or a cycle: JSON cannot carry it, the bridge never sees it
            }
            await throughBridge(channel, Buffer.from(text ?? '{}'), sid)
          }),
          { numRuns: RUNS, seed: SEED },
        )
      }
      // Channel names that are not channels, or are hostile themselves.
      for (const name of [
        'nope.nothing',
        '__proto__',
        'constructor',
        'toString',
        'staff.signIn/../app.info',
        'x'.repeat(5000),
      ]) {
        const r = await post(name, Buffer.from('{}'), 'fuzz-names')
        expect([200, 404]).toContain(r.status)
        expectCleanEnvelope(r.json, name)
      }
    },
  )
})
