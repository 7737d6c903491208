import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallContext, Dispatch } from '../../../electron/core'
import { createMemoryLogger } from '../../../electron/core/logger'
import { startBridge, type Bridge } from '../../../electron/bridge/server'

/** A raw HTTP call, so Host/Origin headers can be forged as an attacker would. */
function call(
  port: number,
  options: {
    method?: string
    path: string
    headers?: Record<string, string>
    body?: string | Buffer
  },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        )
      },
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

describe('HTTP bridge', () => {
  let bridge: Bridge
  const calls: Array<{ channel: string; request: unknown; ctx: CallContext }> = []
  const dispatch: Dispatch = async (channel, request, ctx) => {
    calls.push({ channel, request, ctx })
    if (channel === 'nope.nothing')
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'no' } }
    return { ok: true, data: { echo: request } }
  }
  const json = (token: string, extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    ...extra,
  })

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'bridge-static-'))
    mkdirSync(join(rendererDir, 'assets'))
    writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>kiosk</body></html>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(tmpdir(), 'bridge-secret.txt'), 'secret')
    bridge = await startBridge({
      dispatch,
      logger: createMemoryLogger(),
      rendererDir,
      maxBodyBytes: 1024,
    })
  })
  afterAll(() => bridge.close())

  const host = () => ({ host: `127.0.0.1:${bridge.port}` })

  it('binds to loopback only', () => {
    expect(bridge.server.address()).toMatchObject({ address: '127.0.0.1' })
  })

  it('dispatches POST /rpc/<channel> with the token, per-tab session and JSON body', async () => {
    const res = await call(bridge.port, {
      path: '/rpc/plans.quote',
      headers: { ...host(), ...json(bridge.token, { 'x-kiosk-session': 'tab-1' }) },
      body: JSON.stringify({ variantId: 'v1' }),
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, data: { echo: { variantId: 'v1' } } })
    expect(calls.at(-1)).toEqual({
      channel: 'plans.quote',
      request: { variantId: 'v1' },
      ctx: { sessionId: 'http:tab-1', transport: 'http' },
    })
  })

  it('refuses a missing or wrong token', async () => {
    for (const token of ['', 'wrong', bridge.token + 'x']) {
      const res = await call(bridge.port, {
        path: '/rpc/app.info',
        headers: { ...host(), ...json(token) },
        body: '{}',
      })
      expect(res.status).toBe(401)
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }
  })

  it('refuses foreign Host headers (DNS rebinding) and cross-origin calls', async () => {
    const rebound = await call(bridge.port, {
      path: '/rpc/app.info',
      headers: { ...json(bridge.token), host: 'evil.example' },
      body: '{}',
    })
    expect(rebound.status).toBe(421)
    const cross = await call(bridge.port, {
      path: '/rpc/app.info',
      headers: { ...host(), ...json(bridge.token), origin: 'https://evil.example' },
      body: '{}',
    })
    expect(cross.status).toBe(403)
    expect(JSON.parse(cross.body).error.code).toBe('FORBIDDEN_SENDER')
  })

  it('answers bad JSON, non-JSON and oversized bodies with the error envelope', async () => {
    const bad = await call(bridge.port, {
      path: '/rpc/app.info',
      headers: { ...host(), ...json(bridge.token) },
      body: '{nope',
    })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.code).toBe('BAD_REQUEST')
    const text = await call(bridge.port, {
      path: '/rpc/app.info',
      headers: { ...host(), authorization: `Bearer ${bridge.token}`, 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(text.status).toBe(415)
    const big = await call(bridge.port, {
      path: '/rpc/app.info',
      headers: { ...host(), ...json(bridge.token) },
      body: JSON.stringify({ x: 'a'.repeat(5000) }),
    })
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body).error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('passes unknown channels to the dispatcher and returns its envelope as 404', async () => {
    const res = await call(bridge.port, {
      path: '/rpc/nope.nothing',
      headers: { ...host(), ...json(bridge.token) },
      body: '{}',
    })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body).error.code).toBe('UNKNOWN_CHANNEL')
  })

  it('answers a malformed %-escape in the channel with 400 and the envelope, not a 500', async () => {
    const before = calls.length
    const res = await call(bridge.port, {
      path: '/rpc/%E0%A4%A',
      headers: { ...host(), ...json(bridge.token) },
      body: '{}',
    })
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'Malformed channel name.' },
    })
    expect(calls.length).toBe(before)
  })

  it('refuses GET on the RPC endpoint', async () => {
    const res = await call(bridge.port, {
      method: 'GET',
      path: '/rpc/app.info',
      headers: { ...host() },
    })
    expect(res.status).toBe(405)
  })

  it('serves the renderer with the CSP and the token in the page', async () => {
    const res = await call(bridge.port, { method: 'GET', path: '/', headers: host() })
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.body).toContain(`<meta name="kiosk-bridge-token" content="${bridge.token}">`)
    const js = await call(bridge.port, { method: 'GET', path: '/assets/app.js', headers: host() })
    expect(js.headers['content-type']).toContain('javascript')
  })

  it('never serves files outside the renderer directory', async () => {
    for (const path of [
      '/../bridge-secret.txt',
      '/%2e%2e/bridge-secret.txt',
      '/assets/..%2f..%2fbridge-secret.txt',
    ]) {
      const res = await call(bridge.port, { method: 'GET', path, headers: host() })
      expect(res.body).not.toContain('secret')
    }
  })
})
