import { createHmac, hkdfSync } from 'node:crypto'
import { RETENTION_POLICY } from '../../shared/domain/retention-policy'
import { KioskError } from '../../shared/errors'
import type { CoreDeps } from './context'
import { RequestEntity } from './storage/entities'
import type { Sql, Tx } from './storage/store'

/**
 * How long a request's id, fingerprint and first answer are kept (docs/privacy.md): a client
 * retries within seconds (lost answer, double tap) or after a restart, never a week later. After
 * it the row is deleted — its answer holds the customer's name — and the same id would run again.
 */
export const IDEMPOTENCY_WINDOW_DAYS = RETENTION_POLICY['request-answers'].days

/**
 * What migration 5 wrote over the unkeyed fingerprints of the pre-fix code (issue #12): those
 * rows' bodies can no longer be compared, so within the window their id alone is trusted.
 * Fixed: the migration's SQL (checksummed, append-only) spells the same literal.
 */
export const SCRUBBED_FINGERPRINT = 'scrubbed-unkeyed'

// HKDF's `info` names the purpose: the fingerprint key is not the Aadhaar HMAC key, so a value of
// one can never be matched against the other.
const FINGERPRINT_KEY_INFO = 'smart-upgrade-kiosk/request-fingerprint/v1'

/** The request-fingerprint key, derived from the kiosk's KYC secret (kyc-key.bin) with HKDF. */
export function deriveFingerprintKey(kycKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', kycKey, Buffer.alloc(0), FINGERPRINT_KEY_INFO, 32))
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/**
 * A keyed fingerprint of a request body, independent of key order. Keyed (HMAC-SHA256) because a
 * body holds personal data — an enrollment's Aadhaar number — whose plain hash could be reversed
 * by trying every number that fits the rest of what the kiosk stores (issue #12).
 */
export function requestFingerprint(key: Buffer, body: unknown): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(canonical(body)))
    .digest('hex')
}

/** The instant before which recorded requests are past the idempotency window. */
export function idempotencyCutoff(nowIso: string): string {
  return new Date(Date.parse(nowIso) - IDEMPOTENCY_WINDOW_DAYS * 86_400_000).toISOString()
}

/** Deletes the requests recorded before the idempotency window; returns how many. */
export function pruneRequests(sql: Sql, nowIso: string): number {
  return sql.run('DELETE FROM requests WHERE created_at < ?', idempotencyCutoff(nowIso)).changes
}

/**
 * Runs a business action at most once per client request id, inside the caller's transaction:
 * a retry (lost response, double tap, restart) gets the first answer back; the same id with a
 * different body is refused rather than guessed at. Requests older than the window are pruned
 * as new ones are recorded, so the table never keeps more than a window's worth of answers.
 */
export async function once<T>(
  tx: Tx,
  deps: Pick<CoreDeps, 'fingerprintKey' | 'nowIso'>,
  request: { channel: string; requestId: string; body: unknown },
  action: () => Promise<T>,
): Promise<T> {
  const { channel, requestId, body } = request
  const fingerprint = requestFingerprint(deps.fingerprintKey, body)
  const seen = tx.sql.get<{ channel: string; fingerprint: string; response: string }>(
    'SELECT channel, fingerprint, response FROM requests WHERE request_id = ?',
    requestId,
  )
  if (seen) {
    const sameBody = seen.fingerprint === fingerprint || seen.fingerprint === SCRUBBED_FINGERPRINT
    if (seen.channel !== channel || !sameBody) {
      throw new KioskError(
        'IDEMPOTENCY_CONFLICT',
        'This request id was already used for a different request.',
      )
    }
    return JSON.parse(seen.response) as T
  }
  const result = await action()
  const at = deps.nowIso()
  pruneRequests(tx.sql, at)
  await tx.insert(RequestEntity, {
    requestId,
    channel,
    fingerprint,
    response: JSON.stringify(result),
    createdAt: at,
  })
  return result
}
