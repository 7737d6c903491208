import { type Db, exec } from '../sql'

/**
 * Records a request's one-time nonce; false when the kiosk already used it. One autocommit
 * statement outside a transaction, or part of the caller's.
 */
export async function recordNonce(
  db: Db,
  nonce: { kioskId: string; nonce: string; at: number },
): Promise<boolean> {
  const inserted = await exec(
    db,
    `INSERT INTO ho_nonce (kiosk_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    [nonce.kioskId, nonce.nonce, nonce.at],
  )
  return inserted === 1
}

/** Forgets nonces seen before `before`; returns how many. */
export function deleteNoncesBefore(db: Db, before: number): Promise<number> {
  return exec(db, `DELETE FROM ho_nonce WHERE seen_at < ?`, [before])
}
