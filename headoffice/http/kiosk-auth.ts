import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify'
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
import type { KioskDirectory, KioskIdentity } from '../services/kiosk-registry'
import { HeadOfficeError } from '../errors'
import type { KioskRateLimit } from './rate-limit'
import { UNVERIFIED_BODY, parseJsonBody } from './raw-json'

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk that signed this request (set by the kiosk authentication hook). */
    kiosk?: KioskRef
    /**
     * Set instead of recording the nonce when the hook runs with `deferNonce`: the route must
     * record it in its own transaction (push does, in the statement that locks the kiosk).
     */
    kioskNonce?: string
    /** What the signature headers claim, read before the body (see {@link kioskAuthHook}). */
    kioskClaim?: KioskClaim
  }
}

interface KioskClaim {
  kiosk: KioskIdentity
  timestamp: string
  nonce: string
  signature: string
  now: number
}

const EMPTY = Buffer.alloc(0)
const NONCE = /^[A-Za-z0-9_-]{16,64}$/

function header(request: FastifyRequest, name: string): string | null {
  const v = request.headers[name]
  return typeof v === 'string' ? v : null
}

/** The two halves of kiosk authentication, for a route's options: `{ ...auth }`. */
export interface KioskAuth {
  onRequest: onRequestHookHandler
  preHandler: preHandlerHookHandler
}

/**
 * Verifies a kiosk's signed request in two steps around the body.
 *
 * Before the body is read (onRequest): well-formed signature headers, a fresh timestamp (±5
 * min), a known kiosk; anything else is refused without reading a byte of the body. After the
 * body is read but before it is parsed (preHandler; the JSON parser leaves it raw): HMAC-SHA256
 * over the canonical string with the hash of the raw bytes, compared in constant time, then an
 * active kiosk, the per-kiosk rate limit and the one-time nonce, and only then the body is
 * parsed. Order matters: nothing is parsed, written (nonce) or spent (rate limit) until the
 * signature proves who is asking.
 *
 * With `deferNonce` the nonce is left in `request.kioskNonce` for the route to record inside
 * its own transaction (a replay is then refused there, before any effect): on push that saves a
 * separate transaction per request, and the nonce becomes exactly as durable as the push.
 */
export function kioskAuthHook(deps: {
  ds: DataSource
  kiosks: KioskDirectory
  limiter: KioskRateLimit
  clock: () => number
  deferNonce?: boolean
}): KioskAuth {
  return {
    onRequest: async (request) => {
      request.jsonAfterAuth = true
      request.kioskClaim = await claimOf(request, deps)
    },
    preHandler: async (request, reply) => {
      const claim = request.kioskClaim
      if (!claim) throw new Error('kiosk authentication: the claim was not read before the body')
      const { kiosk, nonce, now } = claim
      verifySignature(request, claim)
      if (kiosk.status !== 'active') {
        throw new HeadOfficeError('KIOSK_REVOKED', 'This kiosk has been revoked.')
      }
      await deps.limiter(request, reply, kiosk.id)
      if (deps.deferNonce) request.kioskNonce = nonce
      else if (!(await recordNonceNow(deps.ds, kiosk.id, nonce, now)))
        throw new HeadOfficeError('NONCE_REPLAYED', 'Nonce already used.')
      request.kiosk = { id: kiosk.id, storeCode: kiosk.storeCode, kioskCode: kiosk.kioskCode }
      if (request.body === UNVERIFIED_BODY) request.body = parseJsonBody(request.rawBody)
    },
  }
}

/** The signature headers, checked for form and freshness, and the kiosk they name. */
async function claimOf(
  request: FastifyRequest,
  deps: { kiosks: KioskDirectory; clock: () => number },
): Promise<KioskClaim> {
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
  const kiosk = await deps.kiosks.find(id)
  if (!kiosk) throw new HeadOfficeError('KIOSK_UNKNOWN', 'Unknown kiosk.')
  return { kiosk, timestamp, nonce, signature, now }
}

/** The HMAC of the request line, headers and the raw body's hash, in constant time. */
function verifySignature(request: FastifyRequest, claim: KioskClaim): void {
  const expected = createHmac('sha256', claim.kiosk.secret)
    .update(
      canonicalString({
        method: request.method,
        path: request.url,
        timestamp: claim.timestamp,
        nonce: claim.nonce,
        bodySha256Hex: createHash('sha256')
          .update(request.rawBody ?? EMPTY)
          .digest('hex'),
      }),
    )
    .digest()
  const given = /^[0-9a-f]{64}$/.test(claim.signature) ? Buffer.from(claim.signature, 'hex') : EMPTY
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HeadOfficeError('SIGNATURE_INVALID', 'Bad request signature.')
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
