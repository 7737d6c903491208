import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { ProvisionedStore } from '../../../../shared/sync/fleet'
import type { Sql } from '../store'

/** The identity head office gave this kiosk, or the demo (docs/fleet.md#provisioning). */
export interface StoredIdentity {
  mode: 'provisioned' | 'demo'
  storeCode: string
  kioskCode: string
  store: ProvisionedStore
  /** Empty for the demo. */
  headOfficeUrl: string
  provisionedAt: string
}

const SELECT = `SELECT mode, store_code, kiosk_code, store, head_office_url, provisioned_at
  FROM kiosk_identity WHERE id = 1`

/** The stored identity, or null on a kiosk never set up. */
export function readIdentity(sql: Pick<Sql, 'get'>): StoredIdentity | null {
  const row = sql.get<Record<string, string>>(SELECT)
  return row
    ? {
        mode: row.mode === 'demo' ? 'demo' : 'provisioned',
        storeCode: row.store_code!,
        kioskCode: row.kiosk_code!,
        store: JSON.parse(row.store!) as ProvisionedStore,
        headOfficeUrl: row.head_office_url!,
        provisionedAt: row.provisioned_at!,
      }
    : null
}

/**
 * The identity stored in a database file, read before the core opens anything (the training
 * database takes the live one's identity): null when the file, or its table (a database from
 * before migration 13), does not exist yet.
 */
export function readIdentityFile(file: string): StoredIdentity | null {
  if (!existsSync(file)) return null
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const table = db
      .prepare(`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get('kiosk_identity')
    if (!table) return null
    return readIdentity({ get: <T>(q: string) => db.prepare(q).get() as T | undefined })
  } finally {
    db.close()
  }
}

/** Writes the identity (once: a second row is refused by the table's key). */
export function insertIdentity(sql: Sql, identity: StoredIdentity): void {
  sql.run(
    `INSERT INTO kiosk_identity
       (id, mode, store_code, kiosk_code, store, head_office_url, provisioned_at)
     VALUES (1, ?, ?, ?, ?, ?, ?)`,
    identity.mode,
    identity.storeCode,
    identity.kioskCode,
    JSON.stringify(identity.store),
    identity.headOfficeUrl,
    identity.provisionedAt,
  )
}

/** Every outbox event this kiosk ever wrote (a kiosk with sales cannot take another identity). */
export function outboxEventCount(sql: Sql): number {
  return sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox`)?.n ?? 0
}
