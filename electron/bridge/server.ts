import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { KioskErrorShape } from '../../shared/errors'
import { readStaticFile, type CallContext, type Dispatch, type Logger } from '../core'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

export interface BridgeOptions {
  dispatch: Dispatch
  logger: Logger
  /** Built renderer to serve at `/` (browser kiosk mode); omit to serve only the RPC. */
  rendererDir?: string
  port?: number
  /** Largest request body; a photo of 2 MB is ~2.7 MB as base64. */
  maxBodyBytes?: number
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string
}

export interface Bridge {
  url: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

const RPC_PREFIX = '/rpc/'
const SESSION_HEADER = 'x-kiosk-session'

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(payload)
}

function sendError(res: ServerResponse, status: number, error: KioskErrorShape): void {
  sendJson(res, status, { ok: false, error })
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The channel named in the path, or null when its %-escapes are malformed (a client's fault). */
function decodeChannel(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        resolve('too-large')
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

/**
 * The core's handler table over HTTP on 127.0.0.1 (`POST /rpc/<channel>`), for browser mode,
 * development without the Electron binary and end-to-end tests. Same dispatcher, same envelope.
 * Defences: loopback only, Host must be ours (DNS rebinding), cross-origin requests refused,
 * per-run bearer token, JSON only, bounded bodies.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { dispatch, logger, rendererDir, maxBodyBytes = 4 * 1024 * 1024 } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  let allowedHosts = new Set<string>()
  let allowedOrigins = new Set<string>()

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        return sendError(res, 421, { code: 'FORBIDDEN_SENDER', message: 'Unknown host.' })
      }
      const requestOrigin = req.headers.origin
      if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) {
        return sendError(res, 403, { code: 'FORBIDDEN_SENDER', message: 'Cross-origin call.' })
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      if (path.startsWith(RPC_PREFIX))
        return await handleRpc(req, res, path.slice(RPC_PREFIX.length))
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Method not allowed.' })
      }
      return await handleStatic(res, path)
    } catch (err) {
      logger.error('bridge request failed', {
        error: err instanceof Error ? err.message : String(err),
      })
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'Internal error.' })
    }
  })

  async function handleRpc(req: IncomingMessage, res: ServerResponse, rawChannel: string) {
    if (req.method !== 'POST') {
      return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Use POST.' })
    }
    const channel = decodeChannel(rawChannel)
    if (channel === null) {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Malformed channel name.' })
    }
    const auth = req.headers.authorization ?? ''
    if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
      return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or wrong token.' })
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, 415, { code: 'BAD_REQUEST', message: 'Send application/json.' })
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > maxBodyBytes) {
      return sendError(res, 413, {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request is too large.',
      })
    }
    const body = await readBody(req, maxBodyBytes)
    if (body === 'too-large') {
      return sendError(res, 413, {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request is too large.',
      })
    }
    let request: unknown
    try {
      request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch {
      return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The body is not valid JSON.' })
    }
    const session = String(req.headers[SESSION_HEADER] ?? '').slice(0, 64)
    const ctx: CallContext = { sessionId: `http:${session}`, transport: 'http' }
    const result = await dispatch(channel, request, ctx)
    // Business failures are answers, not HTTP errors: 200 with the envelope, like IPC.
    const status = result.ok ? 200 : result.error.code === 'UNKNOWN_CHANNEL' ? 404 : 200
    return sendJson(res, status, result)
  }

  async function handleStatic(res: ServerResponse, path: string) {
    const file = rendererDir ? await readStaticFile(rendererDir, path) : null
    if (!file) return sendError(res, 404, { code: 'BAD_REQUEST', message: 'Not found.' })
    let body = file.body
    if (file.contentType.startsWith('text/html')) {
      // The page learns the per-run token from a meta tag; other origins cannot read it.
      body = Buffer.from(
        body
          .toString('utf8')
          .replace('<head>', `<head><meta name="kiosk-bridge-token" content="${token}">`),
      )
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': file.contentType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    })
    res.end(body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`))

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
