import { createHash } from 'node:crypto'
import { KioskError } from '../../shared/errors'
import { RequestEntity } from './storage/entities'
import type { Tx } from './storage/store'

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

/** A stable hash of a request body, independent of key order. */
export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex')
}

/**
 * Runs a business action at most once per client request id, inside the caller's transaction:
 * a retry (lost response, double tap, restart) gets the first answer back; the same id with a
 * different body is refused rather than guessed at.
 */
export async function once<T>(
  tx: Tx,
  request: { channel: string; requestId: string; body: unknown; at: string },
  action: () => Promise<T>,
): Promise<T> {
  const { channel, requestId, body } = request
  const hash = requestHash(body)
  const seen = tx.sql.get<{ channel: string; body_hash: string; response: string }>(
    'SELECT channel, body_hash, response FROM requests WHERE request_id = ?',
    requestId,
  )
  if (seen) {
    if (seen.channel !== channel || seen.body_hash !== hash) {
      throw new KioskError(
        'IDEMPOTENCY_CONFLICT',
        'This request id was already used for a different request.',
      )
    }
    return JSON.parse(seen.response) as T
  }
  const result = await action()
  await tx.insert(RequestEntity, {
    requestId,
    channel,
    bodyHash: hash,
    response: JSON.stringify(result),
    createdAt: request.at,
  })
  return result
}
