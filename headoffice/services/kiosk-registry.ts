import { randomBytes } from 'node:crypto'
import type { DataSource } from 'typeorm'
import { kioskId } from '../../shared/sync/signing'
import { exec, inTransaction, one, rows, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'
import { appendChanges, seedStoreFeed } from './change-feed'
import { fingerprint, type SecretBox } from './secret-box'

/** A kiosk as authentication needs it. */
export interface KioskIdentity {
  id: string
  storeCode: string
  kioskCode: string
  status: 'active' | 'revoked'
  secret: string
}

/** Registers (or re-keys) a kiosk; returns its new secret — shown once, never again. */
export async function registerKiosk(
  ds: DataSource,
  box: SecretBox,
  input: { storeCode: string; kioskCode: string; storeName?: string; rotate?: boolean },
  now: number,
): Promise<{ kioskId: string; secret: string; fingerprint: string }> {
  const id = kioskId(input.storeCode, input.kioskCode)
  if (!/^[A-Z0-9]{2,8}$/.test(input.storeCode) || !/^[A-Za-z0-9-]{1,8}$/.test(input.kioskCode)) {
    throw new HeadOfficeError('VALIDATION_FAILED', 'Store code: 2–8 capitals/digits; kiosk: 1–8.')
  }
  const secret = randomBytes(32).toString('base64url')
  await inTransaction(ds, async (db) => {
    const store = await one(db, `SELECT code FROM ho_store WHERE code = ?`, [input.storeCode])
    if (!store) {
      const name = input.storeName ?? input.storeCode
      await exec(db, `INSERT INTO ho_store (code, name, active, created_at) VALUES (?, ?, 1, ?)`, [
        input.storeCode,
        name,
        now,
      ])
      await appendChanges(
        db,
        [
          {
            audience: ['*'],
            change: { kind: 'store', store: { code: input.storeCode, name, active: true } },
          },
        ],
        now,
      )
      await seedStoreFeed(db, input.storeCode, now)
    }
    const existing = await one<{ status: string }>(db, `SELECT status FROM ho_kiosk WHERE id = ?`, [
      id,
    ])
    if (existing && !input.rotate) {
      throw new HeadOfficeError('KIOSK_EXISTS', `Kiosk ${id} is already registered.`)
    }
    if (existing) {
      // Re-keying keeps the kiosk's sequence: its outbox carries on where it was.
      await exec(
        db,
        `UPDATE ho_kiosk SET secret_enc = ?, secret_fingerprint = ?, status = 'active',
         revoked_at = NULL WHERE id = ?`,
        [box.seal(secret), fingerprint(secret), id],
      )
    } else {
      await exec(
        db,
        `INSERT INTO ho_kiosk (id, store_code, kiosk_code, secret_enc, secret_fingerprint, status,
         last_seq, created_at) VALUES (?, ?, ?, ?, ?, 'active', 0, ?)`,
        [id, input.storeCode, input.kioskCode, box.seal(secret), fingerprint(secret), now],
      )
    }
  })
  return { kioskId: id, secret, fingerprint: fingerprint(secret) }
}

/** Revokes a kiosk: every later request from it is refused. */
export async function revokeKiosk(ds: DataSource, id: string, now: number): Promise<void> {
  const changed = await withDb(ds, (db) =>
    exec(db, `UPDATE ho_kiosk SET status = 'revoked', revoked_at = ? WHERE id = ?`, [now, id]),
  )
  if (changed === 0) throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${id}.`)
}

/** Lists kiosks (no secrets). */
export async function listKiosks(ds: DataSource) {
  return withDb(ds, (db) =>
    rows<Record<string, unknown>>(
      db,
      `SELECT id, store_code, kiosk_code, status, last_seq, secret_fingerprint, created_at,
       revoked_at, last_seen_at FROM ho_kiosk ORDER BY id`,
    ),
  )
}

/**
 * Looks kiosks up for authentication, caching decrypted secrets briefly: decrypting on every
 * request is wasted work, but a revocation made by another process (the admin CLI) must still
 * take effect within `ttlMs`. Revocations made through this process clear the entry at once.
 */
export function createKioskDirectory(ds: DataSource, box: SecretBox, ttlMs = 5_000) {
  const cache = new Map<string, { at: number; kiosk: KioskIdentity | null }>()
  return {
    async find(id: string, now: number): Promise<KioskIdentity | null> {
      const hit = cache.get(id)
      if (hit && now - hit.at < ttlMs) return hit.kiosk
      const row = await withDb(ds, (db) =>
        one<Record<string, string>>(
          db,
          `SELECT id, store_code, kiosk_code, status, secret_enc FROM ho_kiosk WHERE id = ?`,
          [id],
        ),
      )
      const kiosk: KioskIdentity | null = row
        ? {
            id: row.id as string,
            storeCode: row.store_code as string,
            kioskCode: row.kiosk_code as string,
            status: row.status as 'active' | 'revoked',
            secret: box.open(row.secret_enc as string),
          }
        : null
      if (cache.size > 10_000) cache.clear()
      cache.set(id, { at: now, kiosk })
      return kiosk
    },
    forget(id: string): void {
      cache.delete(id)
    },
  }
}

export type KioskDirectory = ReturnType<typeof createKioskDirectory>
