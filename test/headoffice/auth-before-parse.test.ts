import { createHash, createHmac } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { SIGNATURE_HEADERS, canonicalString } from '../../shared/sync/signing'
import { fakeKiosk } from './fixtures'
import { TARGETS, startHeadOffice, type TestHeadOffice } from './harness'

/**
 * Issue 19 item 5: head office authenticates before it works. Unauthenticated bodies are refused
 * before they are read (admin token, kiosk signature headers) or at least before they are parsed
 * (a kiosk's body hash is checked against the raw bytes first); forged traffic is rate-limited
 * by address before any authentication; every answer carries helmet's security headers.
 */

const MB = 1024 * 1024

/** What one raw HTTP/1.1 exchange looked like from both ends. */
interface RawExchange {
  /** The status line's code, or null when no answer came within the wait. */
  status: number | null
  /** Bytes of the body the client had sent when the answer came. */
  sentWhenAnswered: number
  /** Bytes head office's socket had read off the connection when the answer came. */
  serverReadWhenAnswered: number
  /** Whether head office closed the connection instead of waiting for the rest of the body. */
  closedByServer: boolean
}

/**
 * Announces a body of `declared` bytes, sends only `sendFirst` of them and waits (up to
 * `waitMs`) for head office to answer; then tries to send the rest and sees whether the server
 * hangs up. A server that reads before it authenticates never answers the first part.
 */
async function announceBigBody(
  ho: TestHeadOffice,
  input: { method: string; path: string; headers: Record<string, string>; declared: number },
  sendFirst = 64 * 1024,
  waitMs = 3_000,
): Promise<RawExchange> {
  const serverSockets: Socket[] = []
  const onConnection = (s: Socket) => serverSockets.push(s)
  ho.app.server.on('connection', onConnection)
  const { port } = new URL(ho.url)
  const socket = connect(Number(port), '127.0.0.1')
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  let received = ''
  let closed = false
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('error', () => undefined)
  socket.on('close', () => (closed = true))
  const head = [
    `${input.method} ${input.path} HTTP/1.1`,
    `host: 127.0.0.1:${port}`,
    'content-type: application/json',
    `content-length: ${input.declared}`,
    ...Object.entries(input.headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n')
  socket.write(head)
  const chunk = Buffer.alloc(sendFirst, 0x20)
  socket.write(chunk)
  const end = Date.now() + waitMs
  while (!/^HTTP\/1\.1 \d{3}/.test(received) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 10))
  }
  const status = /^HTTP\/1\.1 (\d{3})/.exec(received)
  const serverReadWhenAnswered = serverSockets.reduce((n, s) => n + s.bytesRead, 0)
  // The rest of the announced body: a server that refused without reading hangs up instead.
  let sent = sendFirst
  while (sent < input.declared && !closed && !socket.destroyed) {
    const n = Math.min(256 * 1024, input.declared - sent)
    socket.write(Buffer.alloc(n, 0x20))
    sent += n
    await new Promise((r) => setTimeout(r, 1))
  }
  const closeBy = Date.now() + 2_000
  while (!closed && Date.now() < closeBy) await new Promise((r) => setTimeout(r, 10))
  socket.destroy()
  ho.app.server.off('connection', onConnection)
  return {
    status: status ? Number(status[1]) : null,
    sentWhenAnswered: sendFirst,
    serverReadWhenAnswered,
    closedByServer: closed,
  }
}

function signedHeaders(input: {
  method: string
  path: string
  body: string | Buffer
  kioskId: string
  secret: string
  timestamp: number
  nonce: string
}): Record<string, string> {
  const signature = createHmac('sha256', input.secret)
    .update(
      canonicalString({
        method: input.method,
        path: input.path,
        timestamp: String(input.timestamp),
        nonce: input.nonce,
        bodySha256Hex: createHash('sha256').update(input.body).digest('hex'),
      }),
    )
    .digest('hex')
  return {
    [SIGNATURE_HEADERS.kiosk]: input.kioskId,
    [SIGNATURE_HEADERS.timestamp]: String(input.timestamp),
    [SIGNATURE_HEADERS.nonce]: input.nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  }
}

let n = 0
const nonce = () => `parse-${Date.now()}-${++n}-abcdefgh`

describe.each(TARGETS)('head office authenticates before it works, on %s', (kind) => {
  let ho: TestHeadOffice
  let secret: string

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
    secret = await ho.register('MH01', 'K1')
  })
  afterAll(async () => {
    await ho?.close()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('refuses an 8 MB catalog upload without a token before reading it', async () => {
    const r = await announceBigBody(ho, {
      method: 'POST',
      path: '/admin/catalogs',
      headers: {},
      declared: 8 * MB,
    })
    expect(r.status).toBe(401)
    // Answered with the request head and at most what the kernel had already buffered.
    expect(r.serverReadWhenAnswered).toBeLessThan(1 * MB)
    expect(r.closedByServer).toBe(true)
  })

  it('refuses an 8 MB catalog upload with a wrong token before reading it', async () => {
    const r = await announceBigBody(ho, {
      method: 'POST',
      path: '/admin/catalogs',
      headers: { authorization: 'Bearer not-the-admin-token-at-all-000000' },
      declared: 8 * MB,
    })
    expect(r.status).toBe(401)
    expect(r.serverReadWhenAnswered).toBeLessThan(1 * MB)
  })

  it('refuses an unsigned 2 MB push before reading it', async () => {
    const r = await announceBigBody(ho, {
      method: 'POST',
      path: '/sync/push',
      headers: {},
      declared: 2 * MB - 1024,
    })
    expect(r.status).toBe(401)
    expect(r.serverReadWhenAnswered).toBeLessThan(1 * MB)
    expect(r.closedByServer).toBe(true)
  })

  it('refuses a push from an unknown kiosk, or with a stale timestamp, before reading it', async () => {
    for (const [kioskId, timestamp] of [
      ['MH01/ZZ', ho.now.value],
      ['MH01/K1', ho.now.value - 10 * 60_000],
    ] as const) {
      const r = await announceBigBody(ho, {
        method: 'POST',
        path: '/sync/push',
        headers: signedHeaders({
          method: 'POST',
          path: '/sync/push',
          body: '',
          kioskId,
          secret,
          timestamp,
          nonce: nonce(),
        }),
        declared: 2 * MB - 1024,
      })
      expect(r.status).toBe(401)
      expect(r.serverReadWhenAnswered).toBeLessThan(1 * MB)
    }
  })

  it('checks a push body against its signature on the raw bytes before parsing it', async () => {
    const events = Array.from({ length: 40 }, () => fakeKiosk('MH01', 'K1').enroll())
    const body = JSON.stringify({ events, pad: 'x'.repeat(1 * MB) })
    const headers = signedHeaders({
      method: 'POST',
      path: '/sync/push',
      body,
      kioskId: 'MH01/K1',
      secret: 'not-the-kiosk-secret',
      timestamp: ho.now.value,
      nonce: nonce(),
    })
    const parse = vi.spyOn(JSON, 'parse')
    const response = await fetch(`${ho.url}/sync/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    })
    const parsedBodies = parse.mock.calls.filter(
      ([text]) => typeof text === 'string' && text.length > 100_000,
    )
    parse.mockRestore()
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'SIGNATURE_INVALID',
    )
    expect(parsedBodies).toHaveLength(0)
  })

  it('still parses and accepts a correctly signed push', async () => {
    const body = JSON.stringify({ events: [fakeKiosk('MH01', 'K1').enroll()] })
    const response = await fetch(`${ho.url}/sync/push`, {
      method: 'POST',
      headers: {
        ...signedHeaders({
          method: 'POST',
          path: '/sync/push',
          body,
          kioskId: 'MH01/K1',
          secret,
          timestamp: ho.now.value,
          nonce: nonce(),
        }),
        'content-type': 'application/json',
      },
      body,
    })
    expect(response.status).toBe(200)
  })

  it('sends helmet security headers on answers, refusals included', async () => {
    for (const response of [
      await fetch(`${ho.url}/health`),
      await fetch(`${ho.url}/sync/pull?since=0`),
      await fetch(`${ho.url}/admin/kiosks`),
      await fetch(`${ho.url}/no-such-endpoint`),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
  })
})

describe.each(TARGETS)(
  'head office rate-limits by address before authenticating, on %s',
  (kind) => {
    let ho: TestHeadOffice
    let secret: string

    beforeAll(async () => {
      ho = await startHeadOffice(kind, { addressRateLimit: { max: 50, windowMs: 60_000 } })
      secret = await ho.register('MH01', 'K1')
    })
    afterAll(async () => {
      await ho?.close()
    })

    it('answers 300 forged requests from one address with 429 after its budget, signed ones too', async () => {
      const statuses: number[] = []
      const started = performance.now()
      for (let batch = 0; batch < 6; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            fetch(`${ho.url}/${i % 2 ? 'sync/push' : 'admin/catalogs'}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            }),
          ),
        )
        for (const a of answers) {
          statuses.push(a.status)
          await a.arrayBuffer()
        }
      }
      const elapsedMs = performance.now() - started
      expect(statuses.filter((s) => s === 401)).toHaveLength(50)
      expect(statuses.filter((s) => s === 429)).toHaveLength(250)
      expect(elapsedMs).toBeLessThan(10_000)
      // The budget is the address's: a genuine kiosk behind it waits too, and is told how long.
      const genuine = ho.client('MH01', 'K1', secret)
      await expect(genuine.pull(0)).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 })
      const refused = await fetch(`${ho.url}/health`)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    })
  },
)
