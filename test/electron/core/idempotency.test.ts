import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  deriveFingerprintKey,
  IDEMPOTENCY_WINDOW_DAYS,
  requestFingerprint,
} from '../../../electron/core/idempotency'
import { DAY, enrollmentRequest, KYC_KEY, makeCore, type TestCore } from './helpers'

let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

/** The recorded requests, read from the file beside the running core. */
function requestRows(tc: TestCore): Array<{ request_id: string; fingerprint: string }> {
  const db = new Database(tc.core.databasePath, { readonly: true })
  try {
    return db
      .prepare('SELECT request_id, fingerprint FROM requests ORDER BY created_at')
      .all() as Array<{ request_id: string; fingerprint: string }>
  } finally {
    db.close()
  }
}

/** An enrollment of a phone bought on `invoiceDate` (enrollment closes 7 days after purchase). */
const boughtOn = (invoiceDate: string) => {
  const req = enrollmentRequest()
  return { ...req, purchase: { ...req.purchase, invoiceDate } }
}

describe('idempotent requests', () => {
  it('records a keyed fingerprint of the body, not a plain hash of it', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const { requestId, ...body } = enrollmentRequest()
    await t.ok('enrollment.create', { requestId, ...body })
    const [row] = requestRows(t)
    expect(row!.fingerprint).toBe(requestFingerprint(deriveFingerprintKey(KYC_KEY), body))
    // Its own key, derived for this purpose: not the key of the customers' Aadhaar HMAC.
    expect(row!.fingerprint).not.toBe(requestFingerprint(KYC_KEY, body))
  })

  it(`keeps a request ${IDEMPOTENCY_WINDOW_DAYS} days, then prunes it as new requests are recorded`, async () => {
    t = await makeCore()
    await t.signIn('C1')
    const a = enrollmentRequest()
    const first = await t.ok('enrollment.create', a)

    t.clock.set(t.clock() + IDEMPOTENCY_WINDOW_DAYS * DAY - 60_000)
    await t.signIn('C1')
    expect((await t.ok('enrollment.create', a)).plan.planNumber).toBe(first.plan.planNumber)
    const b = boughtOn('2020-11-15')
    await t.ok('enrollment.create', b)
    expect(requestRows(t).map((r) => r.request_id)).toEqual([a.requestId, b.requestId])

    t.clock.set(t.clock() + 2 * 60_000)
    await t.signIn('C1')
    const c = boughtOn('2020-11-15')
    await t.ok('enrollment.create', c)
    expect(requestRows(t).map((r) => r.request_id)).toEqual([b.requestId, c.requestId])
  })

  it('prunes what is past the window when the kiosk starts', async () => {
    t = await makeCore()
    await t.signIn('C1')
    await t.ok('enrollment.create', enrollmentRequest())
    t.clock.set(t.clock() + (IDEMPOTENCY_WINDOW_DAYS + 1) * DAY)
    await t.reopen()
    expect(requestRows(t)).toEqual([])
  })

  it('refuses a retry as a conflict, never a second sale, once the KYC key has changed', async () => {
    t = await makeCore()
    await t.signIn('C1')
    const req = enrollmentRequest()
    await t.ok('enrollment.create', req)
    await t.reopen({ kycKey: Buffer.alloc(32, 9) })
    await t.signIn('C1')
    const retry = await t.call('enrollment.create', req)
    expect(!retry.ok && retry.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(await t.core.outboxPendingCount()).toBe(1)
  })
})
