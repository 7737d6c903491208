import { createHash, createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncHttpError } from '../../electron/core/sync/sync-http'
import { SIGNATURE_HEADERS, canonicalString } from '../../shared/sync/signing'
import { fakeKiosk } from './fixtures'
import { TARGETS, count, startHeadOffice, type TestHeadOffice } from './harness'

/** Sends a hand-signed request (to forge, replay and tamper). */
/** Head office's answer envelope, loosely: the tests read `ok` and the error's code. */
interface ResponseEnvelope {
  ok: boolean
  data?: unknown
  error: { code: string; message: string }
}

async function rawRequest(
  url: string,
  input: {
    method?: string
    path: string
    body?: string
    kioskId: string
    secret: string
    timestamp: number
    nonce: string
    tamperBody?: string
    contentType?: string
  },
) {
  const method = input.method ?? 'POST'
  const body = input.body ?? ''
  const signature = createHmac('sha256', input.secret)
    .update(
      canonicalString({
        method,
        path: input.path,
        timestamp: String(input.timestamp),
        nonce: input.nonce,
        bodySha256Hex: createHash('sha256').update(body).digest('hex'),
      }),
    )
    .digest('hex')
  const response = await fetch(`${url}${input.path}`, {
    method,
    headers: {
      [SIGNATURE_HEADERS.kiosk]: input.kioskId,
      [SIGNATURE_HEADERS.timestamp]: String(input.timestamp),
      [SIGNATURE_HEADERS.nonce]: input.nonce,
      [SIGNATURE_HEADERS.signature]: signature,
      ...(method === 'GET' ? {} : { 'content-type': input.contentType ?? 'application/json' }),
    },
    body: method === 'GET' ? undefined : (input.tamperBody ?? body),
  })
  return { status: response.status, json: (await response.json()) as ResponseEnvelope }
}

describe.each(TARGETS)('kiosk authentication on %s', (kind) => {
  let ho: TestHeadOffice
  let secret: string
  const kioskId = 'MH01/K1'
  let n = 0
  const nonce = () => `nonce-${Date.now()}-${++n}-abcdefgh`

  beforeAll(async () => {
    ho = await startHeadOffice(kind, {
      bodyLimit: 64 * 1024,
      kioskRateLimit: { max: 1000, windowMs: 1000 },
    })
    secret = await ho.register('MH01', 'K1')
  })
  afterAll(async () => {
    await ho?.close()
  })

  const pushBody = () => JSON.stringify({ events: [fakeKiosk('MH01', 'K1', 1).enroll()] })

  it('accepts a correctly signed request', async () => {
    const r = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(r.status).toBe(200)
    expect(r.json.ok).toBe(true)
  })

  it('refuses a wrong secret, a tampered body and a tampered path', async () => {
    const bad = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret: 'not-the-secret',
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(bad).toMatchObject({
      status: 401,
      json: { ok: false, error: { code: 'SIGNATURE_INVALID' } },
    })
    const body = pushBody()
    const tampered = await rawRequest(ho.url, {
      path: '/sync/push',
      body,
      tamperBody: body.replace('Asha', 'Eve'),
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(tampered.json.error.code).toBe('SIGNATURE_INVALID')
    // Signed for since=0, sent to since=5.
    const sig = createHmac('sha256', secret)
      .update(
        canonicalString({
          method: 'GET',
          path: '/sync/pull?since=0',
          timestamp: String(ho.now.value),
          nonce: 'fixed-nonce-123456789',
          bodySha256Hex: createHash('sha256').update('').digest('hex'),
        }),
      )
      .digest('hex')
    const moved = await fetch(`${ho.url}/sync/pull?since=5`, {
      headers: {
        [SIGNATURE_HEADERS.kiosk]: kioskId,
        [SIGNATURE_HEADERS.timestamp]: String(ho.now.value),
        [SIGNATURE_HEADERS.nonce]: 'fixed-nonce-123456789',
        [SIGNATURE_HEADERS.signature]: sig,
      },
    })
    expect(moved.status).toBe(401)
  })

  it('refuses requests outside ±5 minutes of head office time (clock skew)', async () => {
    const old = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value - 5 * 60_000 - 1_000,
      nonce: nonce(),
    })
    expect(old.json.error.code).toBe('SIGNATURE_EXPIRED')
    const future = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value + 6 * 60_000,
      nonce: nonce(),
    })
    expect(future.json.error.code).toBe('SIGNATURE_EXPIRED')
    const skewedButFine = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value + 4 * 60_000,
      nonce: nonce(),
    })
    expect(skewedButFine.status).toBe(200)
  })

  it('refuses a replayed nonce', async () => {
    const once = nonce()
    const input = {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: once,
    }
    expect((await rawRequest(ho.url, input)).status).toBe(200)
    const replay = await rawRequest(ho.url, input)
    expect(replay).toMatchObject({ status: 401, json: { error: { code: 'NONCE_REPLAYED' } } })
  })

  it('refuses a replayed push (its nonce is recorded with the push) with no second effect', async () => {
    const own = await ho.register('MH01', 'KN')
    const input = {
      path: '/sync/push',
      body: JSON.stringify({ events: [fakeKiosk('MH01', 'KN').enroll()] }),
      kioskId: 'MH01/KN',
      secret: own,
      timestamp: ho.now.value,
      nonce: nonce(),
    }
    const first = await rawRequest(ho.url, input)
    expect(first.status).toBe(200)
    const replay = await rawRequest(ho.url, input)
    expect(replay).toMatchObject({ status: 401, json: { error: { code: 'NONCE_REPLAYED' } } })
    expect(await count(ho.ds, 'ho_sync_event', 'kiosk_id = ?', ['MH01/KN'])).toBe(1)
  })

  it('refuses missing headers and unknown kiosks', async () => {
    const none = await fetch(`${ho.url}/sync/pull?since=0`)
    expect(none.status).toBe(401)
    expect(((await none.json()) as ResponseEnvelope).error.code).toBe('UNAUTHORIZED')
    const ghost = await rawRequest(ho.url, {
      path: '/sync/pull?since=0',
      method: 'GET',
      kioskId: 'MH01/ZZ',
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(ghost.json.error.code).toBe('KIOSK_UNKNOWN')
  })

  it('answers 413 for an oversized body and 400 for malformed JSON or bodies', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(70 * 1024) })
    const r = await rawRequest(ho.url, {
      path: '/sync/push',
      body: big,
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(r).toMatchObject({
      status: 413,
      json: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } },
    })
    const broken = await rawRequest(ho.url, {
      path: '/sync/push',
      body: '{"events": [',
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(broken).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } })
    const wrongShape = await rawRequest(ho.url, {
      path: '/sync/push',
      body: '{"events": "no"}',
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(wrongShape).toMatchObject({
      status: 400,
      json: { error: { code: 'VALIDATION_FAILED' } },
    })
    const tooMany = await rawRequest(ho.url, {
      path: '/sync/push',
      body: JSON.stringify({ events: [] }),
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(tooMany.json.error.code).toBe('VALIDATION_FAILED')
    const badQuery = await rawRequest(ho.url, {
      path: '/sync/pull?since=-1',
      method: 'GET',
      kioskId,
      secret,
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    expect(badQuery.json.error.code).toBe('VALIDATION_FAILED')
  })

  it('throttles a kiosk over its rate limit with 429 and retry-after', async () => {
    const limited = await startHeadOffice(kind, { kioskRateLimit: { max: 3, windowMs: 3_000 } })
    try {
      const s = await limited.register('MH01', 'K9')
      const http = limited.client('MH01', 'K9', s)
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => http.pull(0)))
      const refused = outcomes.filter((o) => o.status === 'rejected')
      expect(refused.length).toBeGreaterThanOrEqual(2)
      const error = (refused[0] as PromiseRejectedResult).reason as SyncHttpError
      expect(error.code).toBe('RATE_LIMITED')
      expect(error.status).toBe(429)
      expect(error.retryAfterMs).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })

  it('refuses a revoked kiosk at once, and accepts it again only with a new secret', async () => {
    const s = await ho.register('MH01', 'K7')
    const http = ho.client('MH01', 'K7', s)
    await http.pull(0)
    const revoked = await ho.admin('POST', '/admin/kiosks/MH01/K7/revoke')
    expect(revoked.status).toBe(200)
    await expect(http.pull(0)).rejects.toMatchObject({ code: 'KIOSK_REVOKED', status: 403 })
    await expect(http.push([fakeKiosk('MH01', 'K7').enroll()])).rejects.toMatchObject({
      code: 'KIOSK_REVOKED',
    })
    const rekey = await ho.admin('POST', '/admin/kiosks', {
      storeCode: 'MH01',
      kioskCode: 'K7',
      rotate: true,
    })
    expect(rekey.status).toBe(200)
    await expect(http.pull(0)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' })
    await expect(ho.client('MH01', 'K7', rekey.json.data.secret).pull(0)).resolves.toBeTruthy()
  })

  it('protects admin endpoints with the admin token', async () => {
    const anonymous = await fetch(`${ho.url}/admin/kiosks`)
    expect(anonymous.status).toBe(401)
    const wrong = await fetch(`${ho.url}/admin/kiosks`, {
      headers: { authorization: 'Bearer nope' },
    })
    expect(((await wrong.json()) as ResponseEnvelope).error.code).toBe('UNAUTHORIZED')
    const listed = await ho.admin('GET', '/admin/kiosks')
    expect(listed.status).toBe(200)
    expect(listed.text).not.toContain('secret_enc')
    expect((await ho.admin('GET', '/admin/nope')).json).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such endpoint.' },
    })
  })
})
