import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DataSource } from 'typeorm'
import {
  MAX_CLOCK_SKEW_MS,
  SIGNATURE_HEADERS,
  canonicalString,
  isTimestampFresh,
} from '../../shared/sync/signing'
import { deleteNoncesBefore, recordNonce } from '../db/repos/nonces'
import { withDb } from '../db/sql'
import type { KioskRef } from '../ingest/outcome'
import type { KioskDirectory } from '../services/kiosk-registry'
import { HeadOfficeError } from '../errors'
import type { RateLimiter } from './rate-limit'

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk that signed this request (set by the kiosk authentication hook). */
    kiosk?: KioskRef
    /**
     * Set instead of recording the nonce when the hook runs with `deferNonce`: the route must
     * record it in its own transaction (push does, in the statement that locks the kiosk).
     */
    kioskNonce?: string
  }
}

const EMPTY = Buffer.alloc(0)
const NONCE = /^[A-Za-z0-9_-]{16,64}$/

function header(request: FastifyRequest, name: string): string | null {
  const v = request.headers[name]
  return typeof v === 'string' ? v : null
}

/**
 * Verifies a kiosk's signed request: fresh timestamp (±5 min), known and active kiosk,
 * HMAC-SHA256 over the canonical string compared in constant time, then the per-kiosk rate
 * limit and the one-time nonce. Order matters: nothing is written (nonce) and no budget is
 * spent (rate limit) until the signature proves who is asking.
 *
 * With `deferNonce` the nonce is left in `request.kioskNonce` for the route to record inside
 * its own transaction (a replay is then refused there, before any effect): on push that saves a
 * separate transaction per request, and the nonce becomes exactly as durable as the push.
 */
export function kioskAuthHook(deps: {
  ds: DataSource
  kiosks: KioskDirectory
  limiter: RateLimiter
  clock: () => number
  deferNonce?: boolean
}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const now = deps.clock()
    const id = header(request, SIGNATURE_HEADERS.kiosk)
    const timestamp = header(request, SIGNATURE_HEADERS.timestamp)
    const nonce = header(request, SIGNATURE_HEADERS.nonce)
    const signature = header(request, SIGNATURE_HEADERS.signature)
    if (!id || !timestamp || !nonce || !signature || !NONCE.test(nonce)) {
      throw new HeadOfficeError('UNAUTHORIZED', 'Missing or malformed signature headers.')
    }
    if (!isTimestampFresh(timestamp, now)) {
      throw new HeadOfficeError(
        'SIGNATURE_EXPIRED',
        'Request timestamp outside ±5 minutes of head office time: check the kiosk clock.',
      )
    }
    const kiosk = await deps.kiosks.find(id, now)
    if (!kiosk) throw new HeadOfficeError('KIOSK_UNKNOWN', 'Unknown kiosk.')
    const expected = createHmac('sha256', kiosk.secret)
      .update(
        canonicalString({
          method: request.method,
          path: request.url,
          timestamp,
          nonce,
          bodySha256Hex: createHash('sha256')
            .update(request.rawBody ?? EMPTY)
            .digest('hex'),
        }),
      )
      .digest()
    const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : EMPTY
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HeadOfficeError('SIGNATURE_INVALID', 'Bad request signature.')
    }
    if (kiosk.status !== 'active') {
      throw new HeadOfficeError('KIOSK_REVOKED', 'This kiosk has been revoked.')
    }
    const allowed = deps.limiter.take(kiosk.id, now)
    if (allowed !== true) {
      void reply.header('retry-after', String(Math.ceil(allowed / 1000)))
      throw new HeadOfficeError('RATE_LIMITED', 'Too many requests from this kiosk.')
    }
    if (deps.deferNonce) request.kioskNonce = nonce
    else if (!(await recordNonceNow(deps.ds, kiosk.id, nonce, now)))
      throw new HeadOfficeError('NONCE_REPLAYED', 'Nonce already used.')
    request.kiosk = { id: kiosk.id, storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode }
  }
}

/**
 * Records a nonce; false when it was already used. One autocommit statement: a round trip is
 * what a request pays for here, and the commit's WAL flush (well under a millisecond, shared by
 * concurrent commits) is cheaper than the BEGIN / SET LOCAL synchronous_commit / COMMIT round
 * trips it would take to skip it.
 */
function recordNonceNow(ds: DataSource, kioskId: string, nonce: string, now: number) {
  return withDb(ds, (db) => recordNonce(db, { kioskId, nonce, at: now }))
}

/** Forgets nonces older than any timestamp still accepted (they can no longer be replayed). */
export async function purgeNonces(ds: DataSource, now: number): Promise<number> {
  return withDb(ds, (db) => deleteNoncesBefore(db, now - 2 * MAX_CLOCK_SKEW_MS))
}
