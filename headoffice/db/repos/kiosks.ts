import { type Db, exec, one, rows } from '../sql'

/** A kiosk's row as authentication reads it (the secret still sealed). */
export interface KioskRow {
  id: string
  storeCode: string
  kioskCode: string
  status: 'active' | 'revoked'
  secretSealed: string
}

/** The kiosk's status, or null when it is not registered. */
export async function kioskStatus(db: Db, id: string): Promise<string | null> {
  const row = await one<{ status: string }>(db, `SELECT status FROM ho_kiosk WHERE id = ?`, [id])
  return row ? row.status : null
}

export async function insertKiosk(
  db: Db,
  kiosk: { id: string; storeCode: string; kioskCode: string; secretSealed: string },
  secretFingerprint: string,
  now: number,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_kiosk (id, store_code, kiosk_code, secret_enc, secret_fingerprint, status,
     last_seq, created_at) VALUES (?, ?, ?, ?, ?, 'active', 0, ?)`,
    [kiosk.id, kiosk.storeCode, kiosk.kioskCode, kiosk.secretSealed, secretFingerprint, now],
  )
}

/** A new secret for a registered kiosk, active again; its sequence is kept. */
export async function rekeyKiosk(
  db: Db,
  id: string,
  secretSealed: string,
  secretFingerprint: string,
): Promise<void> {
  await exec(
    db,
    `UPDATE ho_kiosk SET secret_enc = ?, secret_fingerprint = ?, status = 'active',
     revoked_at = NULL WHERE id = ?`,
    [secretSealed, secretFingerprint, id],
  )
}

/** Marks a kiosk revoked; false when there is no such kiosk. */
export async function markKioskRevoked(db: Db, id: string, now: number): Promise<boolean> {
  const changed = await exec(
    db,
    `UPDATE ho_kiosk SET status = 'revoked', revoked_at = ? WHERE id = ?`,
    [now, id],
  )
  return changed > 0
}

/** Every kiosk, without secrets, by id. */
export function kioskRows(db: Db): Promise<Array<Record<string, unknown>>> {
  return rows<Record<string, unknown>>(
    db,
    `SELECT id, store_code, kiosk_code, status, last_seq, secret_fingerprint, created_at,
     revoked_at, last_seen_at FROM ho_kiosk ORDER BY id`,
  )
}

/** The kiosk authentication needs, or null. */
export async function findKiosk(db: Db, id: string): Promise<KioskRow | null> {
  const row = await one<Record<string, string>>(
    db,
    `SELECT id, store_code, kiosk_code, status, secret_enc FROM ho_kiosk WHERE id = ?`,
    [id],
  )
  return row
    ? {
        id: row.id as string,
        storeCode: row.store_code as string,
        kioskCode: row.kiosk_code as string,
        status: row.status as 'active' | 'revoked',
        secretSealed: row.secret_enc as string,
      }
    : null
}
